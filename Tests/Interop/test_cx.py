"""CX2 and CX1 (issue 5): every network passes NDEx's server rules (cx_rules), parses in
ndex2 (pinned), and ndex2's own CX1 -> CX2 conversion of our CX1 equals our CX2; node
counts match the independent count; file names from hostile figids are safe; the corpus
scope refuses networks above 20,000 edges."""
import json
import os
import pathlib

import ndex2
import pytest
from ndex2.cx2 import NoStyleCXToCX2NetworkFactory, RawCX2NetworkFactory

import pfocr_counts
from conftest import EXAMPLES, export
from cx_rules import validate_cx1, validate_cx2


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def network_attributes(doc):
    """name -> value of a CX2 or CX1 document."""
    items = next(element["networkAttributes"] for element in doc if "networkAttributes" in element)
    if "numberVerification" in doc[0]:
        return {item["n"]: item["v"] for item in items}
    return items[0]


def nodes_of(doc):
    return next((element["nodes"] for element in doc if "nodes" in element), [])


@pytest.fixture(scope="module", params=["examples", "shared-sample"])
def corpus_export(request, tool, tmp_path_factory):
    """(corpus root, output folder) of a per-figure cx2+cx export of Examples and the sample."""
    if request.param == "examples":
        root = EXAMPLES
    else:
        root = request.getfixturevalue("shared_sample")
    out = tmp_path_factory.mktemp(f"cx-{request.param}")
    result, report = export(tool, root, out, "cx2,cx", check=False)
    assert result.returncode in (0, 65), result.stderr
    return root, out, report


def figure_pairs(out):
    cx2 = sorted((out / "cx2").glob("*.cx2"))
    cx1 = sorted((out / "cx").glob("*.cx"))
    assert [path.stem for path in cx2] == [path.stem for path in cx1]
    return list(zip(cx2, cx1))


def test_every_figure_file_passes_the_ndex_rules(corpus_export):
    _, out, _ = corpus_export
    pairs = figure_pairs(out)
    assert pairs
    for cx2, cx1 in pairs:
        assert validate_cx2(load(cx2)) == [], cx2.name
        assert validate_cx1(load(cx1)) == [], cx1.name


def test_ndex2_parses_every_file_and_its_cx1_conversion_equals_our_cx2(corpus_export):
    _, out, _ = corpus_export
    for cx2_path, cx1_path in figure_pairs(out):
        ours = RawCX2NetworkFactory().get_cx2network(load(cx2_path))
        nice = ndex2.create_nice_cx_from_raw_cx(load(cx1_path))
        assert len(nice.nodes) == len(ours.get_nodes()) > 0
        converted = NoStyleCXToCX2NetworkFactory().get_cx2network(nice)
        assert converted.get_network_attributes() == ours.get_network_attributes(), cx1_path.name
        assert converted.get_nodes() == ours.get_nodes(), cx1_path.name
        assert converted.get_edges() == ours.get_edges() == {}
        for aspect in ("networkAttributes", "nodes"):
            theirs = {name: spec["d"] for name, spec in converted.get_attribute_declarations()[aspect].items()}
            mine = {name: spec["d"] for name, spec in ours.get_attribute_declarations()[aspect].items()}
            assert theirs == mine, (cx1_path.name, aspect)
        assert ours.get_name() == network_attributes(load(cx2_path))["name"]


def test_node_counts_and_represents_match_the_independent_count(corpus_export):
    root, out, report = corpus_export
    per_figure = pfocr_counts.corpus_counts(root)["per_figure"]
    written = {}
    for cx2_path, _ in figure_pairs(out):
        doc = load(cx2_path)
        figid = network_attributes(doc)["pfocrId"]
        written[figid] = doc
    with_entities = {figid for figid, (g, c, d) in per_figure.items() if g or c or d}
    assert set(written) == with_entities
    assert report["sinks"]["cx2"]["counts"]["figuresWithoutEntities"] == len(per_figure) - len(with_entities)
    assert sorted(report["sinks"]["cx2"]["lists"]["figuresWithoutEntities"]) == sorted(set(per_figure) - with_entities)
    for figid, doc in written.items():
        genes, chemicals, diseases = per_figure[figid]
        nodes = nodes_of(doc)
        assert len(nodes) == len(genes) + len(chemicals) + len(diseases), figid
        by_type = {}
        for node in nodes:
            by_type.setdefault(node["v"]["type"], set()).add(node["v"]["represents"])
        assert by_type.get("gene", set()) == {f"ncbigene:{gene}" for gene in genes}, figid
        assert by_type.get("chemical", set()) == chemicals, figid
        assert by_type.get("disease", set()) == diseases, figid


def test_pfocr_network_attributes_are_typed(corpus_export):
    root, out, _ = corpus_export
    for cx2_path, cx1_path in figure_pairs(out):
        attributes = network_attributes(load(cx2_path))
        assert attributes["networkType"] == "pathway"
        assert attributes["rights"] == "Waiver-No rights reserved (CC0)"
        assert attributes["pfocrId"]
        if "publicationYear" in attributes:
            assert type(attributes["publicationYear"]) is int
        context = json.loads(attributes["@context"])
        prefixes = {node["v"]["represents"].split(":")[0] for node in nodes_of(load(cx2_path))}
        assert set(context) == prefixes
        assert context.get("ncbigene", "https://identifiers.org/ncbigene/") == "https://identifiers.org/ncbigene/"
        cx1_year = [a for a in load(cx1_path)[2]["networkAttributes"] if a["n"] == "publicationYear"]
        assert all(a["d"] == "integer" and type(a["v"]) is int for a in cx1_year)


def test_examples_figure_carries_pfocr_metadata_and_evidence(tool, tmp_path):
    export(tool, EXAMPLES, tmp_path, "cx2")
    doc = load(tmp_path / "cx2" / "PMC1000001__fig1.cx2")
    attributes = network_attributes(doc)
    assert attributes["name"] == "Insulin signalling in hepatocytes"
    assert attributes["description"] == "Insulin signalling through PI3K and AKT to mTOR in hepatocytes."
    assert attributes["pmcId"] == "PMC1000001"
    assert attributes["figureNumber"] == "Figure 1"
    assert attributes["publicationYear"] == 2005
    assert attributes["organism"] == "Homo sapiens"
    assert attributes["ndexUUID"] == "0a1b2c3d-0000-11ea-99da-0ac135e8bacf"
    assert attributes["paperLink"] == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1000001/"
    assert attributes["pathwayScore"] == 0.9712345
    nodes = {node["v"]["represents"]: node for node in nodes_of(doc)}
    pi3k = nodes["ncbigene:5290"]["v"]
    assert pi3k["type"] == "gene" and pi3k["words"] == ["PI3K"] and pi3k["evidenceCount"] == 1
    assert pi3k["sources"] == ["bioentities_symbol"]
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in nodes.values())


# --------------------------------------------------------------------------- hostile figids

def record(figid, genes):
    rows = "".join(
        f"- word: W{gene}\n  symbol: G{gene}\n  source: hgnc_symbol\n  hgnc_symbol: G{gene}\n  entrez: '{gene}'\n"
        for gene in genes)
    return (f"---\nfigid: {json.dumps(figid)}\nfigtitle: Figure {json.dumps(figid)[1:-1]}\npmcid: PMC1\n"
            f"year: '2020'\norganisms: Homo sapiens\ngenes:\n{rows}chemicals: []\ndiseases: []\n---\n")


def make_corpus(root, figures):
    (root / "_figures").mkdir(parents=True)
    (root / "_data").mkdir()
    for index, (figid, genes) in enumerate(figures):
        (root / "_figures" / f"record{index:05d}.md").write_text(record(figid, genes), encoding="utf-8")
    return root


def test_hostile_figids_give_safe_distinct_file_names(tool, tmp_path):
    figids = ["../x/PMC1__a b", "PMC1__a%20b", "~PMC1__a b", ".hidden", "PMC1__" + "é/" * 150, "PMC1__plain-1.2_x"]
    corpus = make_corpus(tmp_path / "corpus", [(figid, [7157]) for figid in figids])
    out = tmp_path / "out"
    export(tool, corpus, out, "cx2,cx", check=False)
    for folder, extension in (("cx2", ".cx2"), ("cx", ".cx")):
        files = sorted((out / folder).iterdir())
        assert len(files) == len(figids), files
        seen = {}
        for path in files:
            assert path.resolve().parent == (out / folder).resolve()
            assert path.name.endswith(extension) and len(path.name.encode()) <= 255
            doc = load(path)
            figid = network_attributes(doc)["pfocrId"]
            seen[figid] = path.name
            assert (validate_cx2 if extension == ".cx2" else validate_cx1)(doc) == []
        assert sorted(seen) == sorted(figids)
        assert seen["../x/PMC1__a b"] == "~..%2Fx%2FPMC1__a%20b" + extension
        assert seen["PMC1__plain-1.2_x"] == "PMC1__plain-1.2_x" + extension
        assert seen[".hidden"] == "~.hidden" + extension
    assert not (tmp_path / "x").exists() and not (out.parent / "x").exists()
    written = {os.path.relpath(os.path.join(base, name), out) for base, _, names in os.walk(out) for name in names}
    assert all(not name.startswith("..") for name in written)


# --------------------------------------------------------------------------- corpus scope

def test_corpus_scope_network_passes_the_rules_and_counts(tool, tmp_path):
    result, report = export(tool, EXAMPLES, tmp_path, "cx2,cx", "--cx-scope", "corpus")
    assert not (tmp_path / "cx2").exists()
    cx2, cx1 = load(tmp_path / "pfocr.cx2"), load(tmp_path / "pfocr.cx")
    assert validate_cx2(cx2) == []
    assert validate_cx1(cx1) == []
    counts = pfocr_counts.corpus_counts(EXAMPLES)
    per_figure = counts["per_figure"]
    mentions = sum(len(g) + len(c) + len(d) for g, c, d in per_figure.values())
    figures = sum(1 for g, c, d in per_figure.values() if g or c or d)
    ours = RawCX2NetworkFactory().get_cx2network(cx2)
    assert len(ours.get_edges()) == mentions
    assert len(ours.get_nodes()) == figures + counts["genes"] + counts["chemicals"] + counts["diseases"]
    types = {}
    for node in ours.get_nodes().values():
        types[node["v"]["type"]] = types.get(node["v"]["type"], 0) + 1
    assert types == {key: value for key, value in {
        "figure": figures, "gene": counts["genes"], "chemical": counts["chemicals"], "disease": counts["diseases"]}.items() if value}
    converted = NoStyleCXToCX2NetworkFactory().get_cx2network(ndex2.create_nice_cx_from_raw_cx(cx1))
    assert converted.get_nodes() == ours.get_nodes()
    assert converted.get_edges() == ours.get_edges()
    assert report["sinks"]["cx2"]["refusals"] == []


def test_corpus_scope_at_the_limit_is_written(tool, tmp_path):
    corpus = make_corpus(tmp_path / "corpus", [(f"PMC{n}__f", range(1, 101)) for n in range(200)])
    result, _ = export(tool, corpus, tmp_path / "out", "cx2", "--cx-scope", "corpus")
    doc = load(tmp_path / "out" / "pfocr.cx2")
    assert len(next(element["edges"] for element in doc if "edges" in element)) == 20000
    assert validate_cx2(doc) == []


def test_corpus_scope_over_the_limit_is_refused(tool, tmp_path):
    figures = [(f"PMC{n}__f", range(1, 101)) for n in range(200)] + [("PMC9999__g", [1])]
    corpus = make_corpus(tmp_path / "corpus", figures)
    out = tmp_path / "out"
    result, report = export(tool, corpus, out, "cx2,cx", "--cx-scope", "corpus", check=False)
    assert result.returncode == 65, result.stderr
    assert not (out / "pfocr.cx2").exists() and not (out / "pfocr.cx").exists()
    assert "20001 edges" in result.stderr and "--organism" in result.stderr and "--figures" in result.stderr
    assert report["sinks"]["cx2"]["refusals"] and report["sinks"]["cx"]["refusals"]
