"""KGX (kgx-jsonl, kgx-tsv) read by its real consumer: Biolink's `kgx` 2.6.0 from PyPI, run
offline by kgx_offline.py from its own venv (.venv-kgx, built by Scripts/test.sh from
requirements-kgx.txt), on Examples and on ../shared/pfocr-sample."""
import collections
import json
import pathlib
import re
import subprocess

import pytest
import yaml

from conftest import EXAMPLES, ROOT, SHARED_SAMPLE, export
import pfocr_counts

KGX_PYTHON = ROOT / ".venv-kgx" / "bin" / "python"
DRIVER = ROOT / "Tests" / "Interop" / "kgx_offline.py"

# The one kind of error `kgx validate` may report: Biolink's prefix map has no prefix for PFOCR
# figures (Bioregistry has none either; Docs/kgx.md says what to add to a prefix map), so every
# figure node id and every edge from a figure is flagged. Anything else fails the test.
ACCEPTED = {
    ("ERROR", "INVALID_NODE_PROPERTY_VALUE"):
        re.compile(r"^Node property 'id' has a value 'PFOCR:[^']+' with a CURIE prefix 'PFOCR' is not represented in Biolink Model JSON-LD context$"),
    ("ERROR", "INVALID_EDGE_PROPERTY_VALUE"):
        re.compile(r"^Edge property 'subject' has a value 'PFOCR:[^']+' with a CURIE prefix 'PFOCR' that is not represented in Biolink Model JSON-LD context$"),
}

KNOWLEDGE_LEVELS = {"knowledge_assertion", "logical_entailment", "prediction", "statistical_association", "observation", "not_provided"}
AGENT_TYPES = {"manual_agent", "automated_agent", "data_analysis_pipeline", "computational_model", "text_mining_agent",
               "image_processing_agent", "manual_validation_of_automated_agent", "not_provided"}


def kgx(*args, cwd):
    if not KGX_PYTHON.exists():
        pytest.fail(f"{KGX_PYTHON} is missing: run Scripts/test.sh, which creates .venv-kgx")
    return subprocess.run([str(KGX_PYTHON), str(DRIVER), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module", params=["examples", "sample"])
def exported(request, tool, tmp_path_factory):
    """(corpus, output folder) of both KGX dialects, for Examples and for the shared sample."""
    if request.param == "sample":
        if not (SHARED_SAMPLE / "_figures").is_dir():
            pytest.skip(f"{SHARED_SAMPLE} is absent: the real-record checks need ../shared/pfocr-sample")
        corpus = SHARED_SAMPLE
    else:
        corpus = EXAMPLES
    out = tmp_path_factory.mktemp(f"kgx-{request.param}")
    _, report = export(tool, corpus, out, "kgx-jsonl,kgx-tsv")
    return corpus, out, report


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("dialect", ["jsonl", "tsv"])
def test_kgx_validate_reports_only_the_figure_prefix(exported, dialect, tmp_path):
    _, out, _ = exported
    result = kgx("validate", "-i", dialect, out / "kgx" / f"nodes.{dialect}", out / "kgx" / f"edges.{dialect}", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    report = json.loads(result.stderr)  # kgx 2.6.0 writes the report to stderr, whatever -o says
    found = {(level, kind) for level, kinds in report.items() for kind in kinds}
    assert found <= set(ACCEPTED), f"new kinds of kgx error: {found - set(ACCEPTED)}\n{json.dumps(report)[:3000]}"
    for (level, kind), pattern in ACCEPTED.items():
        for message in report.get(level, {}).get(kind, {}):
            assert pattern.match(message), message
    # Exactly the figures are flagged: one message per figure node, one per figure with edges.
    nodes = read_jsonl(out / "kgx" / "nodes.jsonl")
    figures = {n["id"] for n in nodes if n["id"].startswith("PFOCR:")}
    flagged = {re.search(r"'(PFOCR:[^']+)'", m).group(1) for m in report.get("ERROR", {}).get("INVALID_NODE_PROPERTY_VALUE", {})}
    assert flagged == figures
    assert result.returncode == (1 if figures else 0)


def test_kgx_slots_are_biolink_slots_of_the_right_shape(exported, tmp_path):
    """Every key is a Biolink slot, lists exactly where Biolink says multivalued (judged by
    the bmt Toolkit kgx validates with)."""
    _, out, _ = exported
    result = kgx("check-slots", out / "kgx" / "nodes.jsonl", out / "kgx" / "edges.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout) == []


def test_kgx_graph_summary_matches_the_files(exported, tmp_path):
    corpus, out, _ = exported
    nodes = read_jsonl(out / "kgx" / "nodes.jsonl")
    edges = read_jsonl(out / "kgx" / "edges.jsonl")
    for dialect in ("jsonl", "tsv"):
        summary_path = tmp_path / f"summary-{dialect}.yaml"
        result = kgx("graph-summary", "-i", dialect, out / "kgx" / f"nodes.{dialect}", out / "kgx" / f"edges.{dialect}",
                     "-o", summary_path, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-3000:]
        summary = yaml.safe_load(summary_path.read_text())
        node_stats, edge_stats = summary["node_stats"], summary["edge_stats"]
        assert node_stats["total_nodes"] == len(nodes)
        assert edge_stats["total_edges"] == len(edges)
        categories = collections.Counter(c for n in nodes for c in n["category"])
        assert {k: v["count"] for k, v in node_stats["count_by_category"].items() if v["count"]} == dict(categories)
        predicates = collections.Counter(e["predicate"] for e in edges)
        assert {k: v["count"] for k, v in edge_stats["count_by_predicates"].items() if v["count"]} == dict(predicates)
        prefixes = collections.Counter(n["id"].split(":", 1)[0] for n in nodes)
        assert node_stats["count_by_id_prefixes"] == dict(prefixes)
    # And the files against an independent count of the records.
    expected = pfocr_counts.corpus_counts(corpus)
    assert prefixes["PFOCR"] == expected["figures"]
    assert prefixes["PMCID"] == expected["papers"]
    assert prefixes["NCBIGene"] == expected["genes"]
    assert predicates["biolink:part_of"] == expected["figures"]
    gene_mentions = [e for e in edges if e["predicate"] == "biolink:mentions" and e["object"].startswith("NCBIGene:")]
    assert len(gene_mentions) == expected["figure_gene_pairs"]


def kgx_read(path_nodes, path_edges, dialect, tmp_path):
    """The graph as kgx reads it: `kgx transform` of the files into JSON Lines."""
    prefix = tmp_path / f"read-{dialect}"
    result = kgx("transform", "-i", dialect, path_nodes, path_edges, "-f", "jsonl", "-o", prefix, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    read = {}
    for name in ("nodes", "edges"):
        records = read_jsonl(pathlib.Path(f"{prefix}_{name}.jsonl"))
        read[name] = {r["id"]: {k: sorted(v) if isinstance(v, list) else v for k, v in r.items()} for r in records}
    return read


def test_kgx_tsv_reads_back_as_the_json_lines(exported, tmp_path):
    """kgx reads the TSV dialect into the same graph as the JSON Lines: one record model. The
    TSV cells differ only where the documented rule cleaned a value (tab, CR, LF -> space;
    `|` -> `¦`), and report.json counts those values."""
    _, out, report = exported
    kgx_dir = out / "kgx"
    from_jsonl = kgx_read(kgx_dir / "nodes.jsonl", kgx_dir / "edges.jsonl", "jsonl", tmp_path)
    from_tsv = kgx_read(kgx_dir / "nodes.tsv", kgx_dir / "edges.tsv", "tsv", tmp_path)
    assert from_tsv["nodes"].keys() == from_jsonl["nodes"].keys()
    assert from_tsv["edges"].keys() == from_jsonl["edges"].keys()
    for name in ("nodes", "edges"):
        for key, record in from_jsonl[name].items():
            record = {k: cleaned(v) for k, v in record.items()}
            # TSV holds text only: kgx reads numbers back as strings. kgx adds
            # `knowledge_source` to edges without one: the input file's name.
            tsv = {k: v for k, v in from_tsv[name][key].items() if k != "knowledge_source"}
            jsonl = {k: str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                     for k, v in record.items() if k != "knowledge_source"}
            assert tsv == jsonl, (name, key)


    raw = read_jsonl(kgx_dir / "nodes.jsonl") + read_jsonl(kgx_dir / "edges.jsonl")
    changed = sum(1 for r in raw for v in r.values() for item in (v if isinstance(v, list) else [v])
                  if isinstance(item, str) and cleaned(item) != item)
    assert report["sinks"]["kgx-tsv"]["counts"].get("cleanedValues", 0) == changed


TSV_CLEANING = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "|": "\u00a6"})


def cleaned(value):
    """A value as the TSV dialect writes it (Docs/kgx.md)."""
    if isinstance(value, list):
        return sorted(cleaned(v) for v in value)
    return value.translate(TSV_CLEANING) if isinstance(value, str) else value


def test_kgx_tsv_header_and_cells(exported):
    _, out, _ = exported
    for name, first in (("nodes", ["id", "category", "name", "description", "xref", "provided_by"]), ("edges", ["id", "subject", "predicate", "object"])):
        lines = (out / "kgx" / f"{name}.tsv").read_text(encoding="utf-8").split("\n")
        assert lines[-1] == "" and all(lines[:-1])
        header = lines[0].split("\t")
        assert header[:len(first)] == first and header[len(first):] == sorted(header[len(first):])
        assert all(len(line.split("\t")) == len(header) for line in lines[1:-1])
        assert len(lines) - 2 == len(read_jsonl(out / "kgx" / f"{name}.jsonl"))


def test_kgx_fields(exported):
    """What Biolink and KG-Hub users rely on, on every record."""
    corpus, out, _ = exported
    nodes = read_jsonl(out / "kgx" / "nodes.jsonl")
    edges = read_jsonl(out / "kgx" / "edges.jsonl")
    by_id = {node["id"]: node for node in nodes}
    assert len(by_id) == len(nodes)
    assert len({edge["id"] for edge in edges}) == len(edges)
    for node in nodes:
        assert re.match(r"^[A-Za-z][\w.]*:\S+$", node["id"]), node["id"]
        assert node["category"] and all(c.startswith("biolink:") for c in node["category"])
        assert not node["id"].startswith("PMC:"), "papers are PMCID:PMC…"
        if node["id"].startswith(("PFOCR:", "PMCID:")):
            assert node["category"] == ["biolink:Publication"] and node["publication_type"]
    paper_of = {e["subject"]: e["object"] for e in edges if e["predicate"] == "biolink:part_of"}
    for edge in edges:
        for field in ("subject", "predicate", "object", "knowledge_level", "agent_type", "primary_knowledge_source"):
            assert isinstance(edge[field], str) and edge[field], field
        assert edge["subject"] in by_id and edge["object"] in by_id
        assert edge["knowledge_level"] in KNOWLEDGE_LEVELS and edge["agent_type"] in AGENT_TYPES
        if edge["predicate"] == "biolink:mentions":
            assert edge["publications"] == [paper_of[edge["subject"]]]
            assert edge["agent_type"] == "image_processing_agent"
            assert edge["evidence_count"] == len(edge["supporting_text"])
        if edge["predicate"] == "biolink:in_taxon":
            assert edge["primary_knowledge_source"] == "infores:ncbi-gene"
            assert edge["aggregator_knowledge_source"] == ["infores:pfocr"]
    genes = [n for n in nodes if n["id"].startswith("NCBIGene:")]
    taxa = {e["subject"] for e in edges if e["predicate"] == "biolink:in_taxon"}
    assert taxa <= {g["id"] for g in genes}
    if corpus == SHARED_SAMPLE:
        assert {g["id"] for g in genes} == taxa, "every real gene has its taxon edge"


def test_kgx_reads_the_archive_and_the_gzip_files(tool, tmp_path):
    """kgx reads what KG-Hub publishes: the `--archive` tarball of the TSV dialect
    (`--input-compression tar.gz`) and `--compress gzip` JSON Lines (`--input-compression
    gz`), as the same graph as the plain files."""
    plain, archived, gzipped = tmp_path / "plain", tmp_path / "archived", tmp_path / "gzipped"
    export(tool, EXAMPLES, plain, "kgx-jsonl,kgx-tsv")
    export(tool, EXAMPLES, archived, "kgx-tsv", "--archive")
    export(tool, EXAMPLES, gzipped, "kgx-jsonl", "--compress", "gzip")
    expected = kgx_read(plain / "kgx" / "nodes.jsonl", plain / "kgx" / "edges.jsonl", "jsonl", tmp_path)

    def read(arguments, name):
        prefix = tmp_path / f"read-{name}"
        result = kgx("transform", *arguments, "-f", "jsonl", "-o", prefix, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-3000:]
        return {kind: {r["id"] for r in read_jsonl(pathlib.Path(f"{prefix}_{kind}.jsonl"))} for kind in ("nodes", "edges")}

    from_archive = read(["-i", "tsv", "--input-compression", "tar.gz", archived / "pfocr-kgx-tsv.tar.gz"], "archive")
    from_gzip = read(["-i", "jsonl", "--input-compression", "gz",
                      gzipped / "kgx" / "nodes.jsonl.gz", gzipped / "kgx" / "edges.jsonl.gz"], "gzip")
    for graph in (from_archive, from_gzip):
        assert graph["nodes"] == set(expected["nodes"]) and graph["edges"] == set(expected["edges"])
