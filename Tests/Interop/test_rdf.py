"""RDF (Turtle, N-Triples, void.ttl) against its real consumers: pyoxigraph in strict mode
and Debian's rapper (raptor2). Counts are checked against pfocr_counts, which reads the
records itself."""
import pathlib
import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest

from conftest import EXAMPLES, ROOT, export
import pfocr_counts

SCHEMA = "https://schema.org/"
WP = "http://vocabularies.wikipathways.org/wp#"
PFOCR = "https://pfocr.wikipathways.org/vocab#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MENTIONS = ox.NamedNode(SCHEMA + "mentions")
GENE_CLASS = ox.NamedNode(WP + "GeneProduct")
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
VOID = "http://rdfs.org/ns/void#"
QUERIES = ROOT / "Examples" / "queries"


def strict(path, fmt):
    """Every triple of `path`, parsed strictly (pyoxigraph raises on any syntax error)."""
    return set(ox.parse(path=str(path), format=fmt))


def rapper_count(path, syntax):
    """rapper's triple count for `path`; fails on any rapper error or warning."""
    if shutil.which("rapper") is None:
        pytest.fail("rapper (raptor2-utils) is not installed: run Scripts/test.sh")
    result = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr and "Warning" not in result.stderr, result.stderr
    match = re.search(r"returned (\d+) triples", result.stderr)
    assert match, result.stderr
    return int(match.group(1))


def check_dump(out):
    """Both files parse strictly in both consumers and hold the same triples; returns them."""
    turtle = strict(out / "pfocr.ttl", ox.RdfFormat.TURTLE)
    ntriples = strict(out / "pfocr.nt", ox.RdfFormat.N_TRIPLES)
    assert turtle == ntriples
    assert not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in turtle)
    assert rapper_count(out / "pfocr.ttl", "turtle") == len(turtle)
    assert rapper_count(out / "pfocr.nt", "ntriples") == len(turtle)
    # N-Triples: one triple per line, so the line count is the triple count.
    assert len((out / "pfocr.nt").read_bytes().splitlines()) == len(turtle)
    void = strict(out / "void.ttl", ox.RdfFormat.TURTLE)
    assert rapper_count(out / "void.ttl", "turtle") == len(void)
    dataset = ox.NamedNode("https://pfocr.wikipathways.org/void.ttl#dataset")
    triples = [t.object.value for t in void if t.subject == dataset and t.predicate.value == VOID + "triples"]
    assert triples == [str(len(turtle))]
    return turtle, void


def figure_genes(triples):
    """figid → set of NCBI Gene ids, from the direct schema:mentions triples."""
    genes = {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == GENE_CLASS}
    gene_ids = {t.subject: t.object.value for t in triples if t.subject in genes and t.predicate == IDENTIFIER}
    figids = {t.subject: t.object.value for t in triples
              if t.predicate == IDENTIFIER and t.subject.value.startswith("https://pfocr.wikipathways.org/figures/")
              and "#" not in t.subject.value}
    result = {}
    for t in triples:
        if t.predicate == MENTIONS and t.object in genes:
            result.setdefault(figids[t.subject], set()).add(gene_ids[t.object])
    return result


def test_shared_sample_parses_strictly_and_counts_match(tool, shared_sample, tmp_path):
    out = tmp_path / "out"
    export(tool, shared_sample, out, "turtle,ntriples")
    triples, void = check_dump(out)
    expected = pfocr_counts.corpus_counts(shared_sample)
    gene_nodes = {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == GENE_CLASS}
    pairs = {(t.subject, t.object) for t in triples if t.predicate == MENTIONS and t.object in gene_nodes}
    assert len(pairs) == expected["figure_gene_pairs"]
    per_figure = figure_genes(triples)
    for figid, (genes, _, _) in expected["per_figure"].items():
        assert per_figure.get(figid, set()) == genes, figid
    assert len(gene_nodes) == expected["genes"]
    # Every gene joins WikiPathways RDF through wp:bdbEntrezGene with identifiers.org IRIs.
    links = {t.subject: t.object.value for t in triples if t.predicate.value == WP + "bdbEntrezGene"}
    assert set(links) == gene_nodes
    assert all(v.startswith("https://identifiers.org/ncbigene/") for v in links.values())
    print(f"shared sample: {len(triples)} triples, {len(pairs)} figure-gene pairs, {len(gene_nodes)} genes")


def test_formats_alone_and_void_once(tool, examples_dir, tmp_path):
    both, _ = export(tool, examples_dir, tmp_path / "both", "turtle,ntriples")
    for fmt, name in (("turtle", "pfocr.ttl"), ("ntriples", "pfocr.nt")):
        out = tmp_path / fmt
        export(tool, examples_dir, out, fmt)
        assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted([name, "void.ttl", "report.json"])
        assert (out / name).read_bytes() == (tmp_path / "both" / name).read_bytes()
        features = {t.object.value for t in strict(out / "void.ttl", ox.RdfFormat.TURTLE) if t.predicate.value == VOID + "feature"}
        assert features == {"http://www.w3.org/ns/formats/" + ("Turtle" if fmt == "turtle" else "N-Triples")}
    features = {t.object.value for t in strict(tmp_path / "both" / "void.ttl", ox.RdfFormat.TURTLE) if t.predicate.value == VOID + "feature"}
    assert features == {"http://www.w3.org/ns/formats/Turtle", "http://www.w3.org/ns/formats/N-Triples"}


def test_void_options_and_determinism(tool, examples_dir, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    export(tool, examples_dir, one, "turtle,ntriples", "--jobs", "1")
    export(tool, examples_dir, two, "turtle,ntriples", "--jobs", "4")
    for name in ("pfocr.ttl", "pfocr.nt", "void.ttl"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    plain = (one / "void.ttl").read_text()
    assert "created" not in plain and "sourceVersion" not in plain
    dated = tmp_path / "dated"
    export(tool, examples_dir, dated, "turtle", "--created", "2026-11-26", "--source-version", "pfocr-database@abc123")
    void = strict(dated / "void.ttl", ox.RdfFormat.TURTLE)
    values = {t.predicate.value: t.object for t in void}
    assert values["http://purl.org/dc/terms/created"] == ox.Literal("2026-11-26", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert values[PFOCR + "sourceVersion"].value == "pfocr-database@abc123"
    assert values["http://purl.org/dc/terms/license"] == ox.NamedNode("http://creativecommons.org/publicdomain/zero/1.0/")
    bad, _ = export(tool, examples_dir, tmp_path / "bad", "turtle", "--created", "yesterday", check=False)
    assert bad.returncode == 64, bad.stderr


def examples_store(tool, tmp_path, *extra):
    out = tmp_path / "examples"
    export(tool, EXAMPLES, out, "turtle,ntriples", *extra)
    check_dump(out)
    store = ox.Store()
    store.load(path=str(out / "pfocr.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def run_query(store, name):
    rows = []
    for solution in store.query((QUERIES / name).read_text()):
        rows.append(tuple(None if value is None else value.value for value in solution))
    return rows


# Expected rows of Examples/queries/*.rq on the Examples export (default prefix set).
EXPECTED = {
    "most-mentioned-genes.rq": [
        ("https://identifiers.org/ncbigene/207", "AKT1", "2"),
        ("https://identifiers.org/ncbigene/1499", "CTNNB1", "2"),
        ("https://identifiers.org/ncbigene/2475", "MTOR", "2"),
        ("https://identifiers.org/ncbigene/208", "AKT2", "1"),
        ("https://identifiers.org/ncbigene/324", "APC", "1"),
        ("https://identifiers.org/ncbigene/408", "ARRB1", "1"),
        ("https://identifiers.org/ncbigene/11651", "Akt1", "1"),
        ("https://identifiers.org/ncbigene/41957", "Akt1", "1"),
        ("https://identifiers.org/ncbigene/673", "BRAF", "1"),
        ("https://identifiers.org/ncbigene/1536", "CYBB", "1"),
    ],
    "figures-mentioning-gene.rq": [
        ("https://pfocr.wikipathways.org/figures/PMC1000001__fig1.html", "Insulin signalling in hepatocytes", "Insulin signalling in the liver."),
        ("https://pfocr.wikipathways.org/figures/PMC1000006__fig6.html", "PTEN–AKT–mTOR in cancer", "PTEN, AKT and mTOR in cancer."),
    ],
    "chemicals-co-mentioned-with-gene.rq": [
        ("https://identifiers.org/mesh/D007328", "Insulin", "1"),
        ("https://identifiers.org/mesh/D005947", "glucose", "1"),
        ("https://identifiers.org/mesh/D020123", "rapamycin", "1"),
    ],
    "figures-per-organism.rq": [
        ("http://purl.obolibrary.org/obo/NCBITaxon_9606", "Homo sapiens", "11"),
        ("http://purl.obolibrary.org/obo/NCBITaxon_10090", "Mus musculus", "2"),
        ("http://purl.obolibrary.org/obo/NCBITaxon_7227", "Drosophila melanogaster", "1"),
        ("http://purl.obolibrary.org/obo/NCBITaxon_10116", "Rattus norvegicus", "1"),
    ],
    "ocr-evidence-for-gene.rq": [
        ("https://pfocr.wikipathways.org/figures/PMC1000001__fig1.html", "AKT1/2", "AKT1", "hgnc_symbol"),
        ("https://pfocr.wikipathways.org/figures/PMC1000001__fig1.html", "Akt", "AKT1", "hgnc_alias_symbol"),
        ("https://pfocr.wikipathways.org/figures/PMC1000006__fig6.html", "AKT", "AKT1", "bioentities_symbol"),
    ],
}


def test_example_queries_return_expected_rows(tool, tmp_path):
    assert sorted(p.name for p in QUERIES.glob("*.rq")) == sorted(EXPECTED)
    store = examples_store(tool, tmp_path)
    for name, rows in EXPECTED.items():
        assert run_query(store, name) == rows, name


def test_example_queries_agree_with_independent_counts(tool, tmp_path):
    """The gene counts of most-mentioned-genes.rq, recomputed from the records."""
    counts = pfocr_counts.corpus_counts(EXAMPLES)
    per_gene = {}
    for genes, _, _ in counts["per_figure"].values():
        for gene in genes:
            per_gene[gene] = per_gene.get(gene, 0) + 1
    for iri, _, figures in EXPECTED["most-mentioned-genes.rq"]:
        assert per_gene[iri.rsplit("/", 1)[1]] == int(figures), iri
    assert max(per_gene.values()) == 2


def test_bioregistry_prefix_set(tool, tmp_path):
    store = examples_store(tool, tmp_path, "--prefixes", "bioregistry")
    rows = run_query(store, "most-mentioned-genes.rq")
    assert rows[0] == ("https://www.ncbi.nlm.nih.gov/gene/207", "AKT1", "2")
    # Queries that join through wp:bdbEntrezGene give the same answers with either prefix set.
    assert [r[1:] for r in run_query(store, "figures-mentioning-gene.rq")] == [r[1:] for r in EXPECTED["figures-mentioning-gene.rq"]]
    assert [r[1:] for r in run_query(store, "figures-per-organism.rq")] == [r[1:] for r in EXPECTED["figures-per-organism.rq"]]
    text = (tmp_path / "examples" / "pfocr.ttl").read_text()
    assert "@prefix NCBIGene: <https://www.ncbi.nlm.nih.gov/gene/> ." in text
    assert "NCBIGene:207 a wp:GeneProduct" in text


ADVERSARIAL_FIGID = 'PMC9__we<ird> fig#1 "q" \\ end'
ADVERSARIAL_TITLE = ('Title with "quotes", back\\slash, tab\there, newline\nnext, CR\rx, bell\x07, esc\x1b, '
                     'unit\x1f, del\x7f, vt\x0b, ff\x0c, astral \U0001F9EC \U0001D6FC and & < > #')
ADVERSARIAL_DOI = '10.1000/abc def<x>#frag"q'
ADVERSARIAL_CAPTION = "Caption \\u0041 is not an escape; line1\nline2"
ADVERSARIAL_PAPER = 'Paper "title" \\ with \U0001F9EC'
ADVERSARIAL_WORDS = ['AKT "1"\t<x>', "\\back \U0001F9EC\x01"]


def yaml_quote(text):
    """A YAML double-quoted scalar with every special character escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def write_adversarial(root):
    figures, data = root / "_figures", root / "_data"
    figures.mkdir(parents=True)
    data.mkdir()
    (figures / "PMC9__odd.md").write_text("\n".join([
        "---",
        f"figid: {yaml_quote(ADVERSARIAL_FIGID)}",
        f"figtitle: {yaml_quote(ADVERSARIAL_TITLE)}",
        "organisms:", "- Homo sapiens",
        "pmcid: PMC9",
        f"filename: {yaml_quote('we ird.jpg')}",
        f"figlink: {yaml_quote('/pmc/articles/PMC9/figure/F 1/')}",
        "number: F1",
        "caption: " + yaml_quote(ADVERSARIAL_CAPTION),
        "papertitle: " + yaml_quote(ADVERSARIAL_PAPER),
        "reftext: 'Ref. 2024;14(NA)'",
        "year: '2024'",
        f"doi: {yaml_quote(ADVERSARIAL_DOI)}",
        "genes:",
        "- word: " + yaml_quote(ADVERSARIAL_WORDS[0]),
        "  symbol: AKT1", "  source: hgnc_symbol", "  hgnc_symbol: AKT1", "  entrez: '207'",
        "- word: " + yaml_quote(ADVERSARIAL_WORDS[1]),
        "  symbol: AKT1", "  source: hgnc_alias_symbol", "  hgnc_symbol: AKT1", "  entrez: '207'",
        "chemicals:", f"- word: {yaml_quote('Ca2+ & <Mg>')}", "  source: MESH", "  identifier: D002118",
        "diseases:", f"- word: {yaml_quote('no id # here')}", "  source: ''", "  identifier: ''",
        "---", ""]), encoding="utf-8")
    # Layout B with hostile TSV cells (CRLF, quotes, backslash, a control character, astral).
    (figures / "PMC8__plain.md").write_text(
        "---\nfigid: PMC8__plain\nfigtitle: plain\norganisms: Mus musculus\npmcid: PMC8\nfilename: plain.jpg\n"
        "figlink: /pmc/articles/PMC8/figure/F1/\nnumber: F1\ncaption: c\npapertitle: p\nreftext: r\nyear: '2020'\n"
        "doi: '10.1/a b'\n---\n", encoding="utf-8")
    header = "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match"
    rows = ['10090\tMus musculus\tRodents\tAkt"1\\\tAkt1\tAkt1\t11651\tncbigene_symbol\t1\t1\t1',
            "10090\tMus musculus\tRodents\tx\x01y \U0001F9EC <#>\tAkt1\tAkt1\t11651\tncbigene_synonym\tNA\tNA\tNA"]
    (data / "PMC8__plain-genes.tsv").write_bytes("\r\n".join([header, *rows]).encode())
    (data / "PMC8__plain-chemicals.tsv").write_text('word\tmesh\tmatch\tname\tchebi\nATP & "ADP"\tNA\tNA\tNA\tchebi:15422\n')


def test_adversarial_text_parses_strictly(tool, tmp_path):
    write_adversarial(tmp_path / "in")
    out = tmp_path / "out"
    result, report = export(tool, tmp_path / "in", out, "turtle,ntriples")
    assert report["records"]["exported"] == 2, result.stderr
    triples, _ = check_dump(out)
    values = {}
    for t in triples:
        values.setdefault((t.subject.value, t.predicate.value), set()).add(t.object.value)
    figure = [s for (s, p), v in values.items() if p == "http://purl.org/dc/terms/identifier" and ADVERSARIAL_FIGID in v]
    assert len(figure) == 1
    iri = figure[0]
    assert not any(c in iri for c in ' <>"\\') and iri.count("#") == 0
    assert values[(iri, "http://purl.org/dc/terms/title")] == {ADVERSARIAL_TITLE}
    assert values[(iri, "http://purl.org/dc/terms/description")] == {ADVERSARIAL_CAPTION}
    assert values[("https://identifiers.org/pmc/PMC9", "http://prismstandard.org/namespaces/basic/2.0/doi")] == {ADVERSARIAL_DOI}
    assert values[("https://identifiers.org/pmc/PMC9", SCHEMA + "sameAs")] == {"https://doi.org/10.1000/abc%20def%3Cx%3E%23frag%22q"}
    words = {w for (s, p), v in values.items() if p == PFOCR + "ocrWord" for w in v}
    assert {'AKT "1"\t<x>', "\\back \U0001F9EC\x01", 'Akt"1\\', "x\x01y \U0001F9EC <#>", "Ca2+ & <Mg>", 'ATP & "ADP"'} <= words
    assert values[(iri, PFOCR + "unidentifiedDiseaseWord")] == {"no id # here"}
    # The evidence rows of the two AKT1 words hang off one mention resource of the figure.
    mention = iri + "#mention-ncbigene-207"
    assert values[(mention, PFOCR + "evidenceCount")] == {"2"}
    assert values[(mention, PFOCR + "evidenceRow")] == {mention + "-row1", mention + "-row2"}
