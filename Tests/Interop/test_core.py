"""The command line and the foundation, checked from outside: counts against an independent
count of the files, exit codes, diagnostics, strict mode, determinism across --jobs."""
import json
import os
import pathlib
import re

import pytest

from conftest import EXAMPLES, export, run_tool
import pfocr_counts

DIAGNOSTIC = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<severity>error|warning): .+$")


def stats(tool, path, *extra):
    result = run_tool(tool, "stats", path, "--json", *extra, check=False)
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("corpus", ["examples", "shared"])
def test_stats_equal_an_independent_count(tool, corpus, request):
    path = EXAMPLES if corpus == "examples" else request.getfixturevalue("shared_sample")
    result, report = stats(tool, path)
    assert result.returncode == 0, result.stderr
    expected = pfocr_counts.corpus_counts(path)
    assert report["nodes"]["Figure"] == expected["figures"]
    assert report["nodes"]["Paper"] == expected["papers"]
    assert report["nodes"]["Gene"] == expected["genes"]
    assert report["mentionPairs"]["Gene"] == expected["figure_gene_pairs"]
    assert report["nodes"]["Chemical"] == expected["chemicals"]
    assert report["nodes"]["Disease"] == expected["diseases"]
    assert report["diagnostics"]["errors"] == 0
    for kind in ("gene", "chemical", "disease"):
        rows = report["rows"][kind]
        assert rows["balanced"] and rows["read"] == rows["exported"] + rows["unidentified"] + rows["rejectedTotal"] + rows["excluded"]


def test_validate_runs_clean_on_the_shared_sample(tool, shared_sample):
    result = run_tool(tool, "validate", shared_sample, check=False)
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stderr


def test_sample_layout_a_side_files_are_ignored_and_listed(tool, shared_sample):
    _, report = stats(tool, shared_sample)
    assert report["ignoredSideFiles"]["files"] >= 2
    assert all(path.endswith(".tsv") for path in report["ignoredSideFiles"]["paths"])


def write_corpus(root, records, data=None):
    figures = pathlib.Path(root) / "_figures"
    figures.mkdir(parents=True)
    (pathlib.Path(root) / "_data").mkdir()
    for name, text in records.items():
        (figures / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    for name, text in (data or {}).items():
        (pathlib.Path(root) / "_data" / name).write_text(text)


BAD = {
    "PMC1__ok.md": "---\nfigid: PMC1__ok\npmcid: PMC1\ngenes:\n- word: A\n  entrez: '1'\n---\n",
    "PMC2__yaml.md": "---\nfigid: PMC2__yaml\ncaption: 'unclosed\n---\n",
    "PMC3__nofigid.md": "---\ncaption: x\n---\n",
    "PMC4__empty.md": "",
    "PMC5__ragged.md": "---\nfigid: PMC5__ragged\n---\n",
    "PMC6__ok.md": "---\nfigid: PMC6__ok\ngenes:\n- word: B\n  entrez: '2'\n---\n",
}


def test_bad_input_one_diagnostic_each_rest_exported(tool, tmp_path):
    write_corpus(tmp_path / "in", BAD, {"PMC5__ragged-genes.tsv": "word\tncbigene_id\nC\t3\nragged\n"})
    result, report = export(tool, tmp_path / "in", tmp_path / "out", "kgx-jsonl", check=False)
    assert result.returncode == 65
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 4, result.stderr
    for line in errors:
        match = DIAGNOSTIC.match(line)
        assert match, line
        assert match["file"].endswith((".md", ".tsv"))
    named = {os.path.basename(DIAGNOSTIC.match(line)["file"]) for line in errors}
    assert named == {"PMC2__yaml.md", "PMC3__nofigid.md", "PMC4__empty.md", "PMC5__ragged-genes.tsv"}
    assert report["records"]["exported"] == 3
    nodes = (tmp_path / "out" / "kgx" / "nodes.jsonl").read_text()
    assert '"NCBIGene:1"' in nodes and '"NCBIGene:2"' in nodes and '"NCBIGene:3"' in nodes


def test_strict_writes_nothing(tool, tmp_path):
    write_corpus(tmp_path / "in", BAD)
    result, report = export(tool, tmp_path / "in", tmp_path / "out", "kgx-jsonl", "--strict", check=False)
    assert result.returncode == 65
    assert report is None
    # The output folder this run created is removed again: nothing is left behind.
    assert not (tmp_path / "out").exists()


def test_exit_codes(tool, tmp_path):
    assert run_tool(tool, "export", EXAMPLES, "--output", tmp_path / "a", "--format", "nope", check=False).returncode == 64
    (tmp_path / "empty").mkdir()
    assert run_tool(tool, "validate", tmp_path / "empty", check=False).returncode == 66
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("x")
    assert run_tool(tool, "export", EXAMPLES, "--output", foreign, "--format", "kgx-jsonl", check=False).returncode == 64
    assert (foreign / "mine.txt").read_text() == "x"
    assert run_tool(tool, "export", EXAMPLES, "--output", foreign, "--format", "kgx-jsonl", "--force", check=False).returncode == 0
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run_tool(tool, "export", EXAMPLES, "--output", blocker / "sub", "--format", "kgx-jsonl", check=False).returncode == 73
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "organisms.tsv").write_text("name\ttaxon_id\nHomo sapiens\tnot-a-number\n")
    bad = run_tool(tool, "validate", EXAMPLES, "--mappings", mappings, check=False)
    assert bad.returncode == 78
    assert "organisms.tsv:2: error:" in bad.stderr


def test_output_identical_across_jobs(tool, tmp_path):
    for jobs in ("1", "2"):
        export(tool, EXAMPLES, tmp_path / jobs, "kgx-jsonl", "--jobs", jobs)
    for name in ("kgx/nodes.jsonl", "kgx/edges.jsonl"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()
