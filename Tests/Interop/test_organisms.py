"""Organisms (issue 11): `stats` lists the curated names with no taxon and exports warn with
their count; `--taxonomy names.dmp` (NCBI taxdump's names file, a fixture written here) maps
scientific names and synonyms; the bundled table agrees with the real records' own taxa."""
import json

import pfocr_counts
from conftest import EXAMPLES, ROOT, export, run_tool

# NCBI taxdump layout; the ids of the invented names are invented.
NAMES_DMP = "".join(f"{taxon}\t|\t{name}\t|\t\t|\t{kind}\t|\n" for taxon, name, kind in [
    ("9606", "Homo sapiens", "scientific name"),
    ("900001", "Dysidea avara", "scientific name"),
    ("900002", "Newer name", "scientific name"),
    ("900002", "Dysidea avara old", "synonym"),
])


def test_stats_lists_unmapped_names_and_export_warns(tool, tmp_path):
    text = run_tool(tool, "stats", EXAMPLES)
    line = next(l for l in text.stdout.splitlines() if l.startswith("unmapped organism names"))
    assert line.split()[-3:] == ["1", "(1", "uses)"]
    assert any(l.split() == ["Dysidea", "avara", "1"] for l in text.stdout.splitlines())
    result, report = export(tool, EXAMPLES, tmp_path / "out", "kgx-jsonl")
    assert report["unmappedOrganisms"] == {"Dysidea avara": 1}
    assert "warning: 1 curated organism names (1 uses) have no NCBI Taxonomy id" in result.stderr


def test_taxonomy_maps_scientific_names_and_synonyms(tool, tmp_path):
    names = tmp_path / "names.dmp"
    names.write_text(NAMES_DMP)
    stats = json.loads(run_tool(tool, "stats", EXAMPLES, "--taxonomy", names, "--json").stdout)
    assert stats["unmappedOrganisms"] == {}
    result, report = export(tool, EXAMPLES, tmp_path / "out", "kgx-jsonl", "--taxonomy", names)
    assert "curated organism names" not in result.stderr
    nodes = [json.loads(l) for l in (tmp_path / "out" / "kgx" / "nodes.jsonl").read_text().splitlines()]
    assert {"id": "NCBITaxon:900001", "name": "Dysidea avara"}.items() <= next(n for n in nodes if n["id"] == "NCBITaxon:900001").items()
    # A synonym maps to its taxon, named by the scientific name.
    db = tmp_path / "db" / "_figures"
    db.mkdir(parents=True)
    (db / "PMC1__s.md").write_text("---\nfigid: PMC1__s\norganisms: Dysidea avara old\ngenes: []\n---\n")
    result, report = export(tool, tmp_path / "db", tmp_path / "out2", "kgx-jsonl", "--taxonomy", names)
    assert report["unmappedOrganisms"] == {}
    assert '"id":"NCBITaxon:900002"' in (tmp_path / "out2" / "kgx" / "nodes.jsonl").read_text()
    assert '"name":"Newer name"' in (tmp_path / "out2" / "kgx" / "nodes.jsonl").read_text()


def test_malformed_taxonomy_is_exit_78_with_file_and_line(tool, tmp_path):
    names = tmp_path / "names.dmp"
    names.write_text(NAMES_DMP + "nine\t|\tX\t|\t\t|\tscientific name\t|\n")
    result = run_tool(tool, "validate", EXAMPLES, "--taxonomy", names, check=False)
    assert result.returncode == 78
    assert f"{names}:5: error:" in result.stderr


def test_bundled_table_agrees_with_the_real_records(tool, shared_sample):
    """Where a real genes TSV names an organism with its taxon, Mappings/organisms.tsv (when it
    lists the name) gives the same taxon; and stats shows the sample's unmapped count."""
    table = {}
    for line in (ROOT / "Mappings" / "organisms.tsv").read_text().splitlines():
        if line and not line.startswith("#") and not line.startswith("name\t"):
            name, taxon = line.split("\t")
            table[name.lower()] = taxon
    pairs = set()
    for path in (shared_sample / "_data").glob("*-genes.tsv"):
        for row in pfocr_counts._tsv(path):
            if row.get("organism_id", "").isdigit():
                pairs.add((row["organism_name"].lower(), row["organism_id"]))
    assert pairs and all(table.get(name, taxon) == taxon for name, taxon in pairs)
    assert sum(name in table for name, _ in pairs) == len(pairs)
    stats = json.loads(run_tool(tool, "stats", shared_sample, "--json").stdout)
    assert 0 < len(stats["unmappedOrganisms"]) <= 30
