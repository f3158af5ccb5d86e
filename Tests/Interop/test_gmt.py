"""GMT gene sets (`--format gmt`) proven by a reader users have: gseapy 1.3.1.

- `gseapy.read_gmt` (what gseapy's `enrich`, `prerank` and `gsea` load a .gmt path with) reads
  every file; the sets equal the ones computed independently from the records
  (pfocr_counts.figure_gene_taxa / figure_chemical_set), and no line is skipped by the reader.
- `gseapy.enrich` runs the offline over-representation test (Enrichr's, hypergeometric) of a
  figure's own genes against the exported library: the figure's set is found with full overlap
  and the lowest p-value.
"""
import pathlib
import re

import gseapy
import pytest
from gseapy.parser import read_gmt

import pfocr_counts
from conftest import EXAMPLES, ROOT, export

ORGANISMS = ROOT / "Mappings" / "organisms.tsv"
BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")


def bundled_names():
    names = {}
    for line in ORGANISMS.read_text().splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("name\t"):
            continue
        name, taxon = line.split("\t")[:2]
        names.setdefault(taxon.strip(), name.strip())
    return names


def file_part(name):
    return re.sub(r"[^A-Za-z0-9.\-]+", "_", name).strip("_").rstrip(".")


def expected_library(root, minimum):
    """{file name: {figid: (title, [ids])}} from the records, independently of pfocr-kg."""
    names = bundled_names()
    seen_names = {}
    genes, chemicals = {}, {}
    for path in pfocr_counts.record_paths(root):
        figid, title, sets, tsv_names = pfocr_counts.figure_gene_taxa(path)
        title = BREAKS.sub(" ", title)
        for taxon, members in sets.items():
            if taxon is None:
                continue
            seen_names.setdefault(taxon, names.get(taxon) or tsv_names.get(taxon) or f"NCBITaxon:{taxon}")
            if len(members) >= minimum:
                ids = sorted(members, key=int)
                genes.setdefault(taxon, {})[figid] = (title, ids)
        chemical_ids = pfocr_counts.figure_chemical_set(path)
        if len(chemical_ids) >= minimum:
            chemicals[figid] = (title, chemical_ids)
    library = {f"pfocr-genes-{file_part(seen_names[taxon])}.gmt": sets for taxon, sets in genes.items()}
    library["pfocr-chemicals.gmt"] = chemicals
    return library


def check_library(out, root, minimum):
    folder = pathlib.Path(out) / "gmt"
    expected = expected_library(root, minimum)
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    for name, sets in expected.items():
        path = folder / name
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[-1] == "", f"{name}: no final line break"
        lines = lines[:-1]
        read = read_gmt(str(path))
        assert len(read) == len(lines), f"{name}: gseapy skipped lines"
        assert read == {figid: ids for figid, (_, ids) in sets.items()}, name
        assert [line.split("\t")[1] for line in lines] == [sets[line.split("\t")[0]][0] for line in lines]
        figids = [line.split("\t")[0] for line in lines]
        assert figids == sorted(figids, key=lambda f: f.encode()), f"{name}: figid order"
    return expected


@pytest.mark.parametrize("minimum", [3, 1])
def test_examples_read_by_gseapy_equal_independent_sets(tool, tmp_path, minimum):
    _, report = export(tool, EXAMPLES, tmp_path / "out", "gmt", "--gmt-min-genes", str(minimum))
    expected = check_library(tmp_path / "out", EXAMPLES, minimum)
    counts = report["sinks"]["gmt"]["counts"]
    assert counts["minimumSetSize"] == minimum
    assert counts["geneSets"] == sum(len(v) for k, v in expected.items() if k.startswith("pfocr-genes-"))
    assert counts["chemicalSets"] == len(expected["pfocr-chemicals.gmt"])


def test_real_sample_sets_and_offline_enrichment(tool, tmp_path, shared_sample):
    _, report = export(tool, shared_sample, tmp_path / "out", "gmt")
    expected = check_library(tmp_path / "out", shared_sample, 3)
    human = expected["pfocr-genes-Homo_sapiens.gmt"]
    assert len(human) >= 10 and len(expected) >= 4  # several taxa in the real sample
    assert report["sinks"]["gmt"]["counts"]["genesWithoutTaxon"] == 0
    # A figure's own genes against the library: Enrichr's test finds that figure first.
    library = str(tmp_path / "out" / "gmt" / "pfocr-genes-Homo_sapiens.gmt")
    figid, (_, genes) = max(human.items(), key=lambda item: (len(item[1][1]), item[0]))
    result = gseapy.enrich(gene_list=genes, gene_sets=library, outdir=None, no_plot=True, cutoff=1.0).results
    best = result.sort_values("P-value").iloc[0]
    assert best["Term"] == figid
    assert best["Overlap"] == f"{len(genes)}/{len(genes)}"


def test_organism_selection_writes_only_its_taxon(tool, tmp_path, shared_sample):
    export(tool, shared_sample, tmp_path / "mouse", "gmt", "--organism", "Mus musculus", "--gmt-min-genes", "1")
    genes = sorted(p.name for p in (tmp_path / "mouse" / "gmt").glob("pfocr-genes-*.gmt"))
    assert genes == ["pfocr-genes-Mus_musculus.gmt"]
    export(tool, shared_sample, tmp_path / "all", "gmt", "--organism", "Mus musculus", "--keep-all-genes", "--gmt-min-genes", "1")
    assert len(list((tmp_path / "all" / "gmt").glob("pfocr-genes-*.gmt"))) > 1


def test_titles_with_tabs_and_line_breaks_are_cleaned_and_counted(tool, tmp_path):
    figures = tmp_path / "db" / "_figures"
    figures.mkdir(parents=True)
    genes = "".join(f"- word: G{n}\n  symbol: G{n}\n  source: hgnc_symbol\n  hgnc_symbol: G{n}\n  entrez: '{n}'\n" for n in (1, 2, 3))
    (figures / "PMC1__a.md").write_text(
        f'---\nfigid: PMC1__a\nfigtitle: "Tab\\there,\\r\\nbreaks\\u2028too"\norganisms: Homo sapiens\n'
        f"genes:\n{genes}chemicals: []\ndiseases: []\n---\n")
    result, report = export(tool, tmp_path / "db", tmp_path / "out", "gmt")
    path = tmp_path / "out" / "gmt" / "pfocr-genes-Homo_sapiens.gmt"
    assert path.read_text() == "PMC1__a\tTab here, breaks too\t1\t2\t3\n"
    assert read_gmt(str(path)) == {"PMC1__a": ["1", "2", "3"]}
    assert report["sinks"]["gmt"]["counts"]["cleanedLines"] == 1
    assert "tabs or line breaks" in result.stderr
