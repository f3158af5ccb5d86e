"""Issue 12 from the command line: runs that do what the user meant and say what they did.
Each case of the issue's "Why" is run through the built binary and judged by its exit code,
its diagnostics and the files it leaves."""
import hashlib
import json
import pathlib
import re

from conftest import EXAMPLES, ROOT, export, run_tool
from test_core import write_corpus

SUMMARY = re.compile(r"^(exported|checked|counted) \d+ of \d+ records")


def files_under(folder):
    folder = pathlib.Path(folder)
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# 1. An empty selection is not a success.

def test_organism_that_matches_nothing_exits_66_and_writes_nothing(tool, tmp_path):
    out = tmp_path / "out"
    result, report = export(tool, EXAMPLES, out, "ntriples", "--organism", "zebrafish", check=False)
    assert result.returncode == 66, result.stderr
    assert "error: no figure matched --organism 'zebrafish'; known organisms (figures): Homo sapiens (9606): 12" in result.stderr
    assert "try 'Homo sapiens' or 9606" in result.stderr
    assert report is None and not out.exists()


def test_unknown_organism_name_is_explained(tool, tmp_path):
    result = run_tool(tool, "validate", EXAMPLES, "--organism", "mose", check=False)
    assert result.returncode == 66
    assert "'mose' is no organism name of Mappings/organisms.tsv, no common name (fly, human, mouse, rat, worm, yeast, zebrafish)" in result.stderr


def test_year_that_matches_nothing_exits_66(tool, tmp_path):
    out = tmp_path / "out"
    result, report = export(tool, EXAMPLES, out, "ntriples", "--year-from", "2030", check=False)
    assert result.returncode == 66
    assert "no figure matched --year-from 2030; the records are from 2005 to 2024" in result.stderr
    assert not out.exists()
    assert run_tool(tool, "stats", EXAMPLES, "--year-from", "2030", check=False).returncode == 66


def test_common_names_and_taxon_ids_select_the_same_figures(tool, tmp_path):
    counts = []
    for value in ("mouse", "Mus musculus", "10090", "NCBITaxon:10090"):
        result = run_tool(tool, "stats", EXAMPLES, "--json", "--organism", value)
        counts.append(json.loads(result.stdout)["records"]["exported"])
    assert counts == [2, 2, 2, 2]


def test_figures_list_takes_file_names_and_paths_and_warns_about_the_missing(tool, tmp_path):
    listing = tmp_path / "figures.txt"
    listing.write_text("PMC1000003__gr3.md\n_figures/PMC1000001__fig1.md\n# a comment\nx.md\nPMC9__typo\n")
    result, report = export(tool, EXAMPLES, tmp_path / "out", "kgx", "--figures", listing)
    assert report["records"]["exported"] == 2
    assert f"{listing}:1: warning: 2 of 4 listed figids are not among the records read: PMC9__typo, x" in result.stderr
    assert report["invocation"]["filters"] == {"figuresFile": str(listing), "figuresListed": 4}


# 2. Orphan side files are reported and counted.

def test_orphan_side_file_is_warned_and_counted(tool, tmp_path):
    write_corpus(tmp_path / "in", {"PMC1__ok.md": "---\nfigid: PMC1__ok\ngenes:\n- word: A\n  entrez: '1'\n---\n"},
                 {"PMC7777777__orphan-genes.tsv": "word\tncbigene_id\nB\t2\nC\t3\n"})
    result, report = export(tool, tmp_path / "in", tmp_path / "out", "kgx", check=False)
    assert result.returncode == 0, result.stderr
    orphan = tmp_path / "in" / "_data" / "PMC7777777__orphan-genes.tsv"
    assert f"{orphan}:1: warning: side file of no record (no record has figid 'PMC7777777__orphan'); its 2 gene rows are not exported" in result.stderr
    assert report["orphanSideFiles"] == {"files": 1, "filesByKind": {"gene": 1}, "rows": {"gene": 2}, "paths": [str(orphan)]}
    rows = report["rows"]["gene"]
    assert rows["read"] == 3 and rows["orphaned"] == 2 and rows["balanced"]
    assert rows["read"] == rows["exported"] + rows["unidentified"] + rows["rejectedTotal"] + rows["excluded"] + rows["orphaned"]


# 3. Options are checked.

def test_created_must_be_a_calendar_date(tool, tmp_path):
    for bad in ("2026-13-45", "2026-02-30", "2026-11-26T25:00:00Z"):
        out = tmp_path / bad.replace(":", "")
        result = run_tool(tool, "export", EXAMPLES, "--output", out, "--format", "turtle", "--created", bad, check=False)
        assert result.returncode == 64, (bad, result.stderr)
        assert f"--created '{bad}' is not a calendar date" in result.stderr
        assert not out.exists()
    result, _ = export(tool, EXAMPLES, tmp_path / "ok", "turtle", "--created", "2024-02-29")
    assert '"2024-02-29"^^xsd:date' in (tmp_path / "ok" / "void.ttl").read_text()


def test_unknown_prefix_set_and_format_exit_64_with_the_valid_names(tool, tmp_path):
    result = run_tool(tool, "validate", EXAMPLES, "--prefixes", "obo", check=False)
    assert result.returncode == 64
    assert "unknown prefix set 'obo'; known: bioregistry, identifiers" in result.stderr
    result = run_tool(tool, "export", EXAMPLES, "--output", tmp_path / "x", "--format", "turtl", check=False)
    assert result.returncode == 64
    assert "unknown format 'turtl' (did you mean 'turtle'?); known: kgx-jsonl, turtle, ntriples, graphml, cx2, cx, cypher-csv" in result.stderr


def test_format_aliases_in_any_letter_case(tool, tmp_path):
    _, report = export(tool, EXAMPLES, tmp_path / "out", "ttl,NT,Neo4j,kgx,Turtle")
    assert report["formats"] == ["turtle", "ntriples", "cypher-csv", "kgx-jsonl"]
    files = files_under(tmp_path / "out")
    assert {"pfocr.ttl", "pfocr.nt", "kgx/nodes.jsonl"} <= set(files) and any(f.startswith("neo4j/") for f in files)
    listing = run_tool(tool, "formats").stdout
    assert "turtle\n" in listing and "    also: ttl\n" in listing and "    also: cypher, neo4j\n" in listing


def test_option_no_chosen_format_uses_is_warned(tool, tmp_path):
    result, report = export(tool, EXAMPLES, tmp_path / "out", "turtle", "--cx-scope", "corpus")
    assert "--cx-scope:1: warning: no chosen format (turtle) uses this option; it is ignored" in result.stderr
    # The other warning: the examples' one curated organism name with no taxon.
    assert report["diagnostics"]["warnings"] == 2 and "curated organism names" in result.stderr


def test_unknown_subcommand_suggests_the_nearest(tool):
    result = run_tool(tool, "exprot", EXAMPLES, check=False)
    assert result.returncode == 64
    assert "unknown subcommand 'exprot' (did you mean 'export'?)" in result.stderr


def test_every_declared_format_option_is_a_checked_export_flag(tool, tmp_path):
    """The formats declare their options (FormatOption); `pfocr-kg formats` lists them, and
    `export` offers each one as a flag checked by the declaration: a word outside a choice or
    a number below its minimum is a usage error (64) naming the option."""
    listing = run_tool(tool, "formats").stdout
    declared = {}
    for line in listing.splitlines():
        line = line.strip()
        if line.startswith("option: --"):
            name, shape = line[len("option: "):].split(":", 1)[0].split(" ", 1)
            declared[name] = shape
    assert set(declared) == {"--cx-scope", "--gmt-min-genes", "--created", "--source-version"}
    help_text = run_tool(tool, "export", "--help").stdout
    for name in declared:
        assert f"  {name} <" in help_text, name
    bad = {"--cx-scope": "world", "--gmt-min-genes": "0", "--created": "2026-02-30"}
    for name, value in bad.items():
        result = run_tool(tool, "export", EXAMPLES, "--output", tmp_path / "bad", name, value, check=False)
        assert result.returncode == 64, name
        assert f"{name} " in result.stderr and f"'{value}'" in result.stderr, result.stderr
    assert not (tmp_path / "bad").exists()


def test_validate_help_does_not_promise_writing(tool):
    text = run_tool(tool, "validate", "--help").stdout
    strict = " ".join(text[text.index("  --strict "):].split())
    assert strict.startswith("--strict Treat any rejected input as failure: exit 65")
    assert "--quiet" in text


# 4. A re-export says what it removed.

def test_re_export_lists_the_removed_files(tool, tmp_path):
    out = tmp_path / "out"
    export(tool, EXAMPLES, out, "kgx-jsonl,graphml")
    result, report = export(tool, EXAMPLES, out, "graphml")
    assert f"removed 2 files of the earlier export in {out} that this run does not write: kgx/edges.jsonl, kgx/nodes.jsonl" in result.stderr
    assert report["removedFiles"] == ["kgx/edges.jsonl", "kgx/nodes.jsonl"]
    assert files_under(out) == [".pfocr-kg-manifest", "pfocr.graphml", "report.json"]


# 5. Progress: off a terminal only periodic lines (none in a run under 10 s); --quiet: none.

def test_quiet_prints_the_summary_line_only(tool, tmp_path):
    result, _ = export(tool, EXAMPLES, tmp_path / "out", "kgx", "--quiet")
    lines = result.stderr.splitlines()
    # Diagnostics stay (the examples' unmapped organism name); no progress line.
    assert SUMMARY.match(lines[-1]), result.stderr
    assert all(": warning: " in line for line in lines[:-1]) and len(lines) == 2, result.stderr
    result, _ = export(tool, EXAMPLES, tmp_path / "again", "kgx")
    assert "\r" not in result.stderr and "[#" not in result.stderr
    assert SUMMARY.match(result.stderr.splitlines()[-1])


# 6. report.json records the invocation and checksums; verify re-checks them.

def test_report_records_invocation_mappings_and_checksums(tool, tmp_path):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "organisms.tsv").write_text((ROOT / "Mappings" / "organisms.tsv").read_text() + "Dysidea avara\t111877\n")
    out = tmp_path / "out"
    _, report = export(tool, EXAMPLES, out, "kgx,turtle", "--mappings", mappings, "--created", "2026-11-26", "--jobs", "1")
    invocation = report["invocation"]
    assert invocation["arguments"][:2] == ["export", str(EXAMPLES)]
    options = invocation["options"]
    assert options["format"] == "kgx-jsonl,turtle" and options["created"] == "2026-11-26" and options["jobs"] == "1"
    assert options["mappings"] == str(mappings) and options["prefixes"] == "identifiers" and options["cx-scope"] == "figure"
    assert invocation["mappings"]["folder"] == str(mappings)
    by_file = {entry["file"]: entry for entry in invocation["mappings"]["files"]}
    assert by_file["organisms.tsv"]["source"] == str(mappings / "organisms.tsv")
    assert by_file["organisms.tsv"]["sha256"] == hashlib.sha256((mappings / "organisms.tsv").read_bytes()).hexdigest()
    assert by_file["vocabulary.yaml"]["source"] == "bundled"
    assert by_file["vocabulary.yaml"]["sha256"] == hashlib.sha256((ROOT / "Mappings" / "vocabulary.yaml").read_bytes()).hexdigest()
    assert report["tool"]["version"]
    listed = {entry["path"]: entry for entry in report["files"]}
    assert set(listed) == {"kgx/nodes.jsonl", "kgx/edges.jsonl", "pfocr.ttl", "void.ttl"}
    for path, entry in listed.items():
        data = (out / path).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_verify_passes_a_good_export_and_names_a_changed_byte(tool, tmp_path):
    out = tmp_path / "out"
    _, report = export(tool, EXAMPLES, out, "kgx,graphml,cx2")
    good = run_tool(tool, "verify", out, check=False)
    assert good.returncode == 0, good.stderr
    assert len(report["files"]) > 3
    assert f"verified {len(report['files'])} files in {out}: all match report.json" in good.stderr
    target = out / "pfocr.graphml"
    data = bytearray(target.read_bytes())
    data[100] ^= 0x20
    target.write_bytes(bytes(data))
    bad = run_tool(tool, "verify", out, check=False)
    assert bad.returncode == 65
    assert f"{target}:1: error: SHA-256 " in bad.stderr and "differs from the recorded" in bad.stderr
    (out / "kgx" / "nodes.jsonl").unlink()
    assert f"{out / 'kgx' / 'nodes.jsonl'}:1: error: missing or unreadable" in run_tool(tool, "verify", out, check=False).stderr
    assert run_tool(tool, "verify", tmp_path, check=False).returncode == 66


# 7. Numbers are rounded; kinds that did not occur are left out.

def test_stats_json_numbers_are_rounded_and_zero_kinds_left_out(tool, tmp_path):
    write_corpus(tmp_path / "in", {"PMC1__ok.md": "---\nfigid: PMC1__ok\ngenes:\n- word: A\n  entrez: '1'\n---\n"})
    result = run_tool(tool, "stats", tmp_path / "in", "--json")
    assert re.search(r'"elapsedSeconds" : \d+(\.\d{1,3})?,', result.stdout), result.stdout
    assert re.search(r'"recordsPerSecond" : \d+,', result.stdout)
    report = json.loads(result.stdout)
    assert "Chemical" not in report["nodes"] and "Disease" not in report["nodes"]
    assert set(report["rows"]) == {"gene"}
    assert all(count > 0 for count in report["edges"].values())
