"""GraphML (`--format graphml`) through its real consumers: xmllint's XSD validation and
networkx's read_graphml (pinned in requirements.txt)."""
import collections
import json
import pathlib
import shutil
import subprocess

import networkx as nx
import pytest

from conftest import ROOT, export
import pfocr_counts

SCHEMA = ROOT.parent / "shared" / "schemas" / "graphml" / "graphml.xsd"


@pytest.fixture(scope="session")
def schema():
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} is absent: XSD validation needs ../shared/schemas/graphml")
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (Debian: libxml2-utils)")
    return SCHEMA


def xmllint(schema, path):
    result = subprocess.run(
        ["xmllint", "--nonet", "--noout", "--schema", str(schema), str(path)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("validates"), result.stderr


def load(path):
    graph = nx.read_graphml(path)
    assert isinstance(graph, nx.DiGraph) and graph.is_directed()
    return graph


def kind_counts(graph):
    return dict(collections.Counter(data["kind"] for _, data in graph.nodes(data=True)))


def label_counts(graph):
    return dict(collections.Counter(data["label"] for _, _, data in graph.edges(data=True)))


def check_against_report(graph, report):
    # The report lists every kind, with 0 for kinds the corpus does not reach.
    assert kind_counts(graph) == {kind: n for kind, n in report["nodes"].items() if n}
    assert label_counts(graph) == {label: n for label, n in report["edges"].items() if n}
    counts = report["sinks"]["graphml"]["counts"]
    assert counts["nodes"] == graph.number_of_nodes()
    assert counts["edges"] == graph.number_of_edges()
    for _, data in graph.nodes(data=True):
        assert data["labels"] == ":" + data["kind"]
        assert data["name"]
        assert data["iri"].startswith("http")


def check_types(graph):
    """Typed keys come back typed; lists are JSON array text."""
    papers = [d for _, d in graph.nodes(data=True) if d["kind"] == "Paper" and "year" in d]
    figures = [d for _, d in graph.nodes(data=True) if d["kind"] == "Figure" and "pathwayScore" in d]
    mentions = [d for _, _, d in graph.edges(data=True) if d["label"] == "MENTIONS"]
    assert papers and figures and mentions
    assert all(type(d["year"]) is int and 1900 < d["year"] < 2100 for d in papers)
    assert all(type(d["pathwayScore"]) is float and 0 <= d["pathwayScore"] <= 1 for d in figures)
    for d in mentions:
        assert type(d["evidenceCount"]) is int
        words = json.loads(d["words"])
        assert isinstance(words, list) and len(words) == d["evidenceCount"]
        assert len(json.loads(d["matchedTerms"])) == len(json.loads(d["sources"])) == len(words)


def test_examples(tool, examples_dir, schema, tmp_path):
    _, report = export(tool, examples_dir, tmp_path / "out", "graphml")
    path = tmp_path / "out" / "pfocr.graphml"
    xmllint(schema, path)
    graph = load(path)
    check_against_report(graph, report)
    check_types(graph)
    counts = pfocr_counts.corpus_counts(examples_dir)
    assert kind_counts(graph)["Gene"] == counts["genes"]
    assert kind_counts(graph)["Figure"] == counts["figures"]
    assert kind_counts(graph)["Paper"] == counts["papers"]


def test_shared_sample(tool, shared_sample, schema, tmp_path):
    _, report = export(tool, shared_sample, tmp_path / "out", "graphml", "--jobs", "2")
    path = tmp_path / "out" / "pfocr.graphml"
    xmllint(schema, path)
    graph = load(path)
    check_against_report(graph, report)
    check_types(graph)
    counts = pfocr_counts.corpus_counts(shared_sample)
    assert kind_counts(graph)["Gene"] == counts["genes"]
    assert kind_counts(graph)["Figure"] == counts["figures"] == 34
    assert kind_counts(graph)["Chemical"] == counts["chemicals"]
    assert kind_counts(graph)["Disease"] == counts["diseases"]
    # Every (figure, gene) pair of the independent count is a MENTIONS edge.
    for figid, (genes, _, _) in counts["per_figure"].items():
        figure = next(n for n, d in graph.nodes(data=True) if d["kind"] == "Figure" and d["figid"] == figid)
        mentioned = {graph.nodes[t]["ncbiGeneID"] for _, t, d in graph.out_edges(figure, data=True)
                     if d["label"] == "MENTIONS" and graph.nodes[t]["kind"] == "Gene"}
        assert mentioned == genes, figid


def test_byte_identical_across_jobs(tool, examples_dir, tmp_path):
    export(tool, examples_dir, tmp_path / "one", "graphml", "--jobs", "1")
    export(tool, examples_dir, tmp_path / "four", "graphml", "--jobs", "4")
    one = (tmp_path / "one" / "pfocr.graphml").read_bytes()
    assert one == (tmp_path / "four" / "pfocr.graphml").read_bytes()
    assert one == (ROOT / "Tests" / "Golden" / "graphml" / "pfocr.graphml").read_bytes()


ODD_FIGID = "PMC9000001__fig 1#a&b<c>"
TITLE = ("Quotes \" and 'single', backslash \\ tab\there\x01ctl\x0bvt\x0cff\ufffenon\uffffnon"
         " & < > # astral \U0001F9EC end")


def write_adversarial(root):
    figures = root / "_figures"
    data = root / "_data"
    figures.mkdir(parents=True)
    data.mkdir()
    (figures / "PMC9000001__fig 1#a.md").write_text(
        "---\n"
        'figid: "PMC9000001__fig 1#a&b<c>"\n'
        "pmcid: PMC9000001\n"
        'figtitle: "Quotes \\" and \'single\', backslash \\\\ tab\\there\\x01ctl\\x0Bvt\\x0Cff\\uFFFEnon\\uFFFFnon'
        ' & < > # astral \\U0001F9EC end"\n'
        'caption: "line1\\nline2\\r\\nline3 ]]> end"\n'
        'papertitle: "Paper <b>bold</b> & \\"title\\""\n'
        "year: '2013'\n"
        'doi: "10.1000/a b#c"\n'
        "pathway_score: 0.5\n"
        "organisms: Homo sapiens\n"
        "genes:\n"
        "  - {word: \"TP\\x0153\", symbol: TP53, source: hgnc_symbol, hgnc_symbol: TP53, entrez: '7157'}\n"
        "  - {word: \"A&B<C>\\\"D\\\"\", symbol: EGFR, source: hgnc_symbol, hgnc_symbol: EGFR, entrez: '1956'}\n"
        "chemicals:\n"
        "  - {word: \"Ca2+ \\U0001F600\", source: MESH, identifier: D002118}\n"
        "diseases: []\n"
        "---\n", encoding="utf-8")
    (figures / "PMC9000002__g2.md").write_text(
        "---\nfigid: PMC9000002__g2\npmcid: PMC9000002\nfigtitle: plain\nyear: '2020'\n"
        "organisms: [Homo sapiens, Mus musculus]\nautoml_pathway: 0.75\n---\n", encoding="utf-8")
    rows = [
        "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match",
        "9606\tHomo sapiens\tPrimates\tX\x02Y<&>\"\U0001F600\tTP53\tTP53\t7157\tncbigene_symbol\t1\t2\t3",
        "10090\tMus musculus\tRodents\tTrp53\tTrp53\tTrp53\t22059\tncbigene_symbol\t1\tNA\t1",
    ]
    (data / "PMC9000002__g2-genes.tsv").write_bytes("\r\n".join(rows).encode("utf-8"))


def test_adversarial_record(tool, schema, tmp_path):
    write_adversarial(tmp_path / "corpus")
    _, report = export(tool, tmp_path / "corpus", tmp_path / "out", "graphml")
    path = tmp_path / "out" / "pfocr.graphml"
    xmllint(schema, path)
    graph = load(path)
    check_against_report(graph, report)
    assert report["sinks"]["graphml"]["counts"]["removedCharacters"] == 12
    figure = next(d for _, d in graph.nodes(data=True) if d.get("figid") == ODD_FIGID)
    stripped = "".join(ch for ch in TITLE if ch not in "\x01\x0b\x0c\ufffe\uffff")
    assert figure["title"] == stripped and figure["name"] == stripped
    assert figure["caption"] == "line1\nline2\r\nline3 ]]> end"
    assert figure["pathwayScore"] == 0.5
    paper = graph.nodes["pmc:PMC9000001"]
    assert paper["title"] == 'Paper <b>bold</b> & "title"'
    assert paper["doi"] == "10.1000/a b#c" and paper["year"] == 2013
    assert graph.nodes["chemical.mesh:D002118"]["name"] == "Ca2+ \U0001F600"
    words = {(s, t): json.loads(d["words"]) for s, t, d in graph.edges(data=True) if d["label"] == "MENTIONS"}
    odd = next(n for n, d in graph.nodes(data=True) if d.get("figid") == ODD_FIGID)
    assert words[(odd, "ncbigene:1956")] == ['A&B<C>"D"']
    assert words[(odd, "ncbigene:7157")] == ["TP53"]
    assert words[("figure:PMC9000002__g2", "ncbigene:7157")] == ['XY<&>"\U0001F600']
    assert graph.edges["ncbigene:22059", "ncbitaxon:10090"]["label"] == "IN_TAXON"
