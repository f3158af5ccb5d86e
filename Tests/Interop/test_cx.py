"""CX2 and CX1 (issues 5 and 11): every network passes NDEx's server rules (cx_rules), parses
in ndex2 (pinned), and ndex2's own CX1 -> CX2 conversion of our CX1 equals our CX2; each
figure network is like PFOCR's NDEx set (cx_rules.pfocr_problems: one organism's genes,
`ncbigene` and `organism` on every gene node, every network attribute a string under
pfocr2ndex's names); node counts and the genes left out match the independent count; file
names from hostile figids are safe; the corpus scope refuses networks above 20,000 edges."""
import json
import os
import pathlib

import ndex2
import pytest
from ndex2.cx2 import NoStyleCXToCX2NetworkFactory, RawCX2NetworkFactory

import pfocr_counts
from conftest import EXAMPLES, ROOT, export
from cx_rules import PFOCR2NDEX_NETWORK_ATTRIBUTES, PFOCR_REQUIRED_NETWORK_ATTRIBUTES, pfocr_problems, validate_cx1, validate_cx2


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


# --------------------------------------------------------------------------- one organism

def organism_table():
    """Mappings/organisms.tsv: lower-cased, space-collapsed name -> (taxon, first name listed)."""
    table, names = {}, {}
    for line in (ROOT / "Mappings" / "organisms.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, taxon = line.split("\t")[:2]
        table[" ".join(name.lower().split())] = taxon.strip()
        names.setdefault(taxon.strip(), name.strip())
    return table, names


def expected_networks(root):
    """figid -> (kept gene ids, taxon, genes of other taxa, genes without taxon, uncurated),
    computed from the records on their own: a gene's taxon is its first row's that has one
    (layout B `organism_id`, layout A's human lexicons), its rows count for that taxon; the
    candidates are the curated taxa (Mappings/organisms.tsv) that have genes, else every gene
    taxon; the most rows win, ties the lowest taxon id (Docs/cx.md)."""
    table, _ = organism_table()
    result = {}
    for path in pfocr_counts.record_paths(root):
        record = pfocr_counts._front_matter(path)
        figid = record["figid"]
        data = os.path.join(os.path.dirname(os.path.dirname(path)), "_data")
        rows = []
        if any(key in record for key in ("genes", "chemicals", "diseases")):
            for row in record.get("genes") or []:
                if isinstance(row, dict) and row.get("entrez", "").strip() not in pfocr_counts.MISSING_ID:
                    source = row.get("source", "").strip()
                    rows.append((row["entrez"].strip(), "9606" if source in pfocr_counts.HUMAN_LEXICONS else None))
        else:
            tsv = os.path.join(data, f"{figid}-genes.tsv")
            for row in pfocr_counts._tsv(tsv) if os.path.exists(tsv) else []:
                gene = row.get("ncbigene_id", "").strip()
                if gene not in pfocr_counts.MISSING_ID:
                    taxon = row.get("organism_id", "").strip()
                    rows.append((gene, taxon if taxon.isdigit() else None))
        taxon_of, row_count = {}, {}
        for gene, taxon in rows:
            row_count[gene] = row_count.get(gene, 0) + 1
            if taxon_of.get(gene) is None:
                taxon_of[gene] = taxon
        rows_of_taxon = {}
        for gene, taxon in taxon_of.items():
            if taxon is not None:
                rows_of_taxon[taxon] = rows_of_taxon.get(taxon, 0) + row_count[gene]
        organisms = record.get("organisms") or []
        organisms = [organisms] if isinstance(organisms, str) else organisms
        curated = {table.get(" ".join(name.lower().split())) for name in organisms} - {None}
        candidates = {taxon: n for taxon, n in rows_of_taxon.items() if taxon in curated} or rows_of_taxon
        chosen = min(candidates, key=lambda taxon: (-candidates[taxon], int(taxon))) if candidates else None
        kept = {gene for gene, taxon in taxon_of.items() if taxon is not None and taxon == chosen}
        other = sum(1 for taxon in taxon_of.values() if taxon is not None and taxon != chosen)
        untaxed = sum(1 for taxon in taxon_of.values() if taxon is None)
        result[figid] = (kept, chosen, other, untaxed, chosen is not None and chosen not in curated)
    return result


def test_node_counts_and_represents_match_the_independent_count(corpus_export):
    root, out, report = corpus_export
    per_figure = pfocr_counts.corpus_counts(root)["per_figure"]
    expected = expected_networks(root)
    written = {}
    for cx2_path, _ in figure_pairs(out):
        doc = load(cx2_path)
        figid = network_attributes(doc)["pfocrId"]
        written[figid] = doc
    with_entities = {figid for figid, (g, c, d) in per_figure.items() if g or c or d}
    with_nodes = {figid for figid in with_entities if expected[figid][0] or per_figure[figid][1] or per_figure[figid][2]}
    assert set(written) == with_nodes
    counts = report["sinks"]["cx2"]["counts"]
    assert counts["figuresWithoutEntities"] == len(per_figure) - len(with_entities)
    assert sorted(report["sinks"]["cx2"]["lists"]["figuresWithoutEntities"]) == sorted(set(per_figure) - with_entities)
    assert sorted(report["sinks"]["cx2"]["lists"]["figuresWithOnlyGenesLeftOut"]) == sorted(with_entities - with_nodes)
    for figid, doc in written.items():
        _, chemicals, diseases = per_figure[figid]
        genes = expected[figid][0]
        nodes = nodes_of(doc)
        assert len(nodes) == len(genes) + len(chemicals) + len(diseases), figid
        by_type = {}
        for node in nodes:
            by_type.setdefault(node["v"]["type"], set()).add(node["v"]["represents"])
        assert by_type.get("gene", set()) == {f"ncbigene:{gene}" for gene in genes}, figid
        assert by_type.get("chemical", set()) == chemicals, figid
        assert by_type.get("disease", set()) == diseases, figid


def test_genes_left_out_match_the_independent_count(corpus_export):
    root, _, report = corpus_export
    expected = expected_networks(root)
    counts = report["sinks"]["cx2"]["counts"]
    assert counts["genesOfOtherTaxa"] == sum(other for _, _, other, _, _ in expected.values())
    assert counts["genesWithoutTaxon"] == sum(untaxed for _, _, _, untaxed, _ in expected.values())
    thinned = {figid for figid, (_, _, other, untaxed, _) in expected.items() if other + untaxed}
    only = set(report["sinks"]["cx2"]["lists"]["figuresWithOnlyGenesLeftOut"])
    assert counts["networksWithGenesLeftOut"] == len(thinned - only)
    assert counts["networksOfUncuratedOrganism"] == sum(1 for *_, uncurated in expected.values() if uncurated)
    assert report["sinks"]["cx"]["counts"] == counts


def test_no_figure_network_mixes_taxa_and_each_is_like_pfocrs_ndex_set(corpus_export):
    root, out, _ = corpus_export
    expected = expected_networks(root)
    _, names = organism_table()
    for cx2_path, cx1_path in figure_pairs(out):
        for path in (cx2_path, cx1_path):
            assert pfocr_problems(load(path)) == [], path.name
        attributes = network_attributes(load(cx2_path))
        _, taxon, *_ = expected[attributes["pfocrId"]]
        genes = [node["v"] for node in nodes_of(load(cx2_path)) if node["v"]["type"] == "gene"]
        if genes and taxon in names:
            assert attributes["organism"] == names[taxon]
            assert {gene["organism"] for gene in genes} == {names[taxon]}
        assert all(isinstance(gene["word"], str) and gene["word"] for gene in genes)


def test_the_real_sample_had_mixed_figures_and_now_has_none(tool, shared_sample, tmp_path):
    """On ../shared/pfocr-sample issue 11 found figures whose genes come from two or more
    taxa: the independent count still finds them, and their networks hold one taxon."""
    mixed = [figid for figid, (_, _, other, _, _) in expected_networks(shared_sample).items() if other]
    assert len(mixed) >= 10
    export(tool, shared_sample, tmp_path, "cx2")
    for path in sorted((tmp_path / "cx2").glob("*.cx2")):
        assert [rule for rule, _ in pfocr_problems(load(path))] == [], path.name


def test_pfocr_network_attributes_are_strings_with_pfocr2ndex_names(corpus_export):
    root, out, _ = corpus_export
    for cx2_path, cx1_path in figure_pairs(out):
        attributes = network_attributes(load(cx2_path))
        assert all(type(value) is str for value in attributes.values()), cx2_path.name
        assert PFOCR_REQUIRED_NETWORK_ATTRIBUTES <= set(attributes) and set(attributes) & PFOCR2NDEX_NETWORK_ATTRIBUTES
        assert attributes["networkType"] == "pathway"
        assert attributes["rights"] == "Waiver-No rights reserved (CC0)"
        assert attributes["methods"].startswith("Pathway Figure OCR, ")
        assert attributes["pfocrId"]
        assert attributes["description"].startswith("<p>")
        assert attributes["reference"].endswith(f'<a href="{attributes["paperLink"]}" target="_blank">{attributes["paperLink"]}</a>')
        assert attributes["paperLink"] == "https://www.ncbi.nlm.nih.gov/pmc/articles/" + attributes["pmcId"]
        assert attributes.get("publicationYear", "2000").isdigit()
        context = json.loads(attributes["@context"])
        prefixes = {node["v"]["represents"].split(":")[0] for node in nodes_of(load(cx2_path))}
        assert set(context) == prefixes
        assert context.get("ncbigene", "https://identifiers.org/ncbigene/") == "https://identifiers.org/ncbigene/"
        cx1 = next(element["networkAttributes"] for element in load(cx1_path) if "networkAttributes" in element)
        assert all(item.get("d", "string") == "string" and type(item["v"]) is str for item in cx1)


def test_examples_figure_carries_pfocr_metadata_and_evidence(tool, tmp_path):
    export(tool, EXAMPLES, tmp_path, "cx2")
    doc = load(tmp_path / "cx2" / "PMC1000001__fig1.cx2")
    attributes = network_attributes(doc)
    assert attributes["name"] == "Insulin signalling in hepatocytes"
    assert attributes["description"] == (
        "<p>Insulin signalling through PI3K and AKT to mTOR in hepatocytes.</p>\n"
        '<p><img src="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1000001/bin/fig1.jpg" style="width: 100%;"></p>')
    assert attributes["pmcId"] == "PMC1000001"
    assert attributes["figureNumber"] == "Figure 1"
    assert attributes["publicationYear"] == "2005"
    assert attributes["organism"] == "Homo sapiens"
    assert attributes["ndexUUID"] == "0a1b2c3d-0000-11ea-99da-0ac135e8bacf"
    assert attributes["paperLink"] == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1000001"
    assert attributes["pathwayScore"] == "0.9712345"
    nodes = {node["v"]["represents"]: node for node in nodes_of(doc)}
    pi3k = nodes["ncbigene:5290"]["v"]
    assert pi3k["type"] == "gene" and pi3k["words"] == ["PI3K"] and pi3k["evidenceCount"] == 1
    assert pi3k["ncbigene"] == "5290" and pi3k["word"] == "PI3K" and pi3k["organism"] == "Homo sapiens"
    assert pi3k["sources"] == ["bioentities_symbol"]
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in nodes.values())


def test_the_pfocr_checker_fails_on_what_it_checks():
    """pfocr_problems names each departure from PFOCR's NDEx set it is given."""
    def doc(attributes, genes):
        declared = {name: {"d": "integer" if isinstance(value, int) else "string"} for name, value in attributes.items()}
        return [{"CXVersion": "2.0", "hasFragments": False},
                {"attributeDeclarations": [{"networkAttributes": declared}]},
                {"networkAttributes": [attributes]},
                {"nodes": [{"id": index, "v": {"type": "gene", **gene}} for index, gene in enumerate(genes)]},
                {"status": [{"error": "", "success": True}]}]
    good = {name: "x" for name in ("name", "description", "methods", "networkType", "pfocrId", "pmcId", "paperLink",
                                   "reference", "rights")} | {"organism": "Homo sapiens"}
    human = {"represents": "ncbigene:1", "ncbigene": "1", "organism": "Homo sapiens"}
    assert pfocr_problems(doc(good, [human])) == []
    rules = lambda attributes, genes: [rule for rule, _ in pfocr_problems(doc(attributes, genes))]
    assert rules(good | {"publicationYear": 2005}, [human]) == ["attribute-type"]
    assert rules({k: v for k, v in good.items() if k != "methods"}, [human]) == ["attribute-missing"]
    assert rules(good, [human | {"ncbigene": "2"}]) == ["gene-ncbigene"]
    assert rules(good, [{"represents": "ncbigene:1", "ncbigene": "1"}]) == ["gene-organism"]
    assert rules(good, [human, {"represents": "ncbigene:2", "ncbigene": "2", "organism": "Mus musculus"}]) == ["mixed-taxa"]
    assert rules(good | {"organism": "Mus musculus"}, [human]) == ["mixed-taxa"]


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
