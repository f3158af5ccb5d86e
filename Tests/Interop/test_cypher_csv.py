"""Cypher CSV (`--format cypher-csv`) proven by its consumers.

- neo4j-admin: `neo4j/import.sh` is run with a stand-in `neo4j-admin` that records its
  arguments; `neo4j_admin_rules` then reads the files with exactly those options, as
  `neo4j-admin database import full` would, and fails on anything it would reject.
- Kuzu 0.11.3 (embedded Cypher database): node and relationship tables are created from our
  headers, the files are loaded (arrays split with string_split on the array delimiter), and
  the queries of Examples/queries/ are run with answers computed independently from the
  records (pfocr_counts).
"""
import collections
import csv
import os
import pathlib
import re
import subprocess

import kuzu
import pytest

import neo4j_admin_rules as rules
import pfocr_counts
from conftest import EXAMPLES, ROOT, export

QUERIES = ROOT / "Examples" / "queries"
ORGANISMS = ROOT / "Mappings" / "organisms.tsv"
KUZU_TYPES = {"string": "STRING", "long": "INT64", "int": "INT32", "short": "INT16", "byte": "INT8",
              "double": "DOUBLE", "float": "FLOAT", "boolean": "BOOLEAN"}
LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


# ---------------------------------------------------------------------------------------------
# Running the export, import.sh, the neo4j-admin reading and Kuzu


def cypher_export(tool, inputs, out):
    result, report = export(tool, inputs, out, "cypher-csv")
    return pathlib.Path(out) / "neo4j", report


def admin_arguments(neo4j_dir, tmp_path, *script_args):
    """Runs `bash import.sh` with a stand-in neo4j-admin; returns the arguments it got."""
    home = tmp_path / "neo4j-home"
    (home / "bin").mkdir(parents=True, exist_ok=True)
    fake = home / "bin" / "neo4j-admin"
    fake.write_text('#!/usr/bin/env bash\nprintf \'%s\\0\' "$@" > "$CAPTURE"\n')
    fake.chmod(0o755)
    capture = tmp_path / "neo4j-admin-args"
    env = dict(os.environ, NEO4J_HOME=str(home), CAPTURE=str(capture))
    subprocess.run(["bash", str(neo4j_dir / "import.sh"), *script_args], check=True, env=env, cwd=tmp_path, timeout=60)
    return capture.read_bytes().decode("utf-8").split("\0")[:-1]


def neo4j_admin_import(neo4j_dir, tmp_path):
    """The graph neo4j-admin would build from the files, with import.sh's own options."""
    command = rules.parse_command(admin_arguments(neo4j_dir, tmp_path))
    return command, rules.import_graph(command)


def header(path, options):
    rows = rules.read_rows(path, options)
    _, fields = next(rows)
    return rules.parse_header(path, fields, relationship=os.path.basename(path).startswith("rels-"))


def kuzu_load(command, database_dir):
    """Creates Kuzu tables from the headers and loads every file; returns a connection."""
    options = command.options
    connection = kuzu.Connection(kuzu.Database(str(database_dir)))
    quote = options.quote.replace("'", "\\'")
    csv_options = (f"(header=true, delim='{options.delimiter}', quote='{quote}', escape='{quote}', "
                   "parallel=false, auto_detect=false)")

    def load_columns(columns):
        # Kuzu reads by position: every column is declared, arrays as text to split.
        declared, returned = [], {}
        for index, column in enumerate(columns):
            kind = "STRING" if column.array or column.kind not in KUZU_TYPES else KUZU_TYPES[column.kind]
            declared.append(f"c{index} {kind}")
            if column.array:
                returned[index] = (f"CASE WHEN c{index} IS NULL OR c{index} = '' THEN NULL "
                                   f"ELSE string_split(c{index}, '{options.array_delimiter}') END")
            else:
                returned[index] = f"c{index}"
        return ", ".join(declared), returned

    def properties(columns):
        return [(index, column) for index, column in enumerate(columns) if column.kind in KUZU_TYPES]

    def schema(columns):
        return [f"{column.name} {KUZU_TYPES[column.kind]}{'[]' if column.array else ''}" for _, column in properties(columns)]

    for _, paths in command.nodes:
        for path in paths:
            columns = header(path, options)
            id_index = next(index for index, column in enumerate(columns) if column.kind == "ID")
            table = columns[id_index].space
            connection.execute(f"CREATE NODE TABLE {table}(id STRING PRIMARY KEY, {', '.join(schema(columns))})")
            declared, returned = load_columns(columns)
            values = [returned[id_index]] + [returned[index] for index, _ in properties(columns)]
            connection.execute(f"COPY {table} FROM (LOAD WITH HEADERS ({declared}) FROM '{path}' {csv_options} "
                               f"RETURN {', '.join(values)})")
    by_type = collections.defaultdict(list)
    for _, paths in command.relationships:
        for path in paths:
            rel_type = re.fullmatch(r"rels-([A-Za-z0-9_]+)-([A-Za-z0-9_]+)\.csv", os.path.basename(path)).group(1)
            by_type[rel_type].append((path, header(path, options)))
    for rel_type, files in by_type.items():
        pairs, property_schema = [], None
        for path, columns in files:
            start = next(column.space for column in columns if column.kind == "START_ID")
            end = next(column.space for column in columns if column.kind == "END_ID")
            pairs.append(f"FROM {start} TO {end}")
            assert property_schema in (None, schema(columns)), f"{rel_type}: files disagree on properties"
            property_schema = schema(columns)
        connection.execute(f"CREATE REL TABLE {rel_type}({', '.join(pairs + property_schema)})")
        for path, columns in files:
            start_index = next(index for index, column in enumerate(columns) if column.kind == "START_ID")
            end_index = next(index for index, column in enumerate(columns) if column.kind == "END_ID")
            declared, returned = load_columns(columns)
            values = [returned[start_index], returned[end_index]] + [returned[index] for index, _ in properties(columns)]
            connection.execute(
                f"COPY {rel_type} FROM (LOAD WITH HEADERS ({declared}) FROM '{path}' {csv_options} "
                f"RETURN {', '.join(values)}) (from='{columns[start_index].space}', to='{columns[end_index].space}')")
    return connection


def rows(connection, query, parameters=None):
    result = connection.execute(query, parameters or {})
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def run_query(connection, name, **parameters):
    return rows(connection, (QUERIES / f"{name}.cypher").read_text(), parameters)


# ---------------------------------------------------------------------------------------------
# Independent expectations, straight from the records


def figure_records(root):
    return [pfocr_counts.figure_entities(path) for path in pfocr_counts.record_paths(root)]


def organism_table():
    table = {}
    with open(ORGANISMS, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip() or line.startswith("name\t"):
                continue
            name, taxon = line.rstrip("\n").split("\t")[:2]
            table[name.strip().lower()] = taxon.strip()
    return table


def figures_per_organism(root):
    table = organism_table()
    counts = collections.Counter()
    for path in pfocr_counts.record_paths(root):
        organisms = pfocr_counts._front_matter(path).get("organisms") or []
        organisms = [organisms] if isinstance(organisms, str) else organisms
        taxa = {table[name.strip().lower()] for name in organisms if name.strip().lower() in table}
        counts.update("ncbitaxon:" + taxon for taxon in taxa)
    return counts


def ranked(counter, limit=None):
    items = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return items[:limit] if limit else items


def corpus_expectations(root):
    records = figure_records(root)
    gene_figures = collections.Counter()
    chemical_figures = collections.Counter()
    for _, _, genes, chemicals, _ in records:
        gene_figures.update("ncbigene:" + gene for gene in genes)
        chemical_figures.update(chemicals)
    return records, gene_figures, chemical_figures


# ---------------------------------------------------------------------------------------------
# The corpora: Examples and the shared real sample


@pytest.fixture(params=["examples", "shared-sample"])
def corpus(request):
    if request.param == "examples":
        if not (EXAMPLES / "_figures").is_dir():
            pytest.skip(f"{EXAMPLES} is absent")
        return EXAMPLES
    return request.getfixturevalue("shared_sample")


def test_neo4j_admin_and_kuzu_load_every_file_with_the_independent_counts(tool, corpus, tmp_path):
    neo4j_dir, report = cypher_export(tool, corpus, tmp_path / "out")
    counts = pfocr_counts.corpus_counts(corpus)
    command, graph = neo4j_admin_import(neo4j_dir, tmp_path)
    assert command.options.array_delimiter == "\x1f"
    # neo4j-admin's view: ID spaces, labels, types.
    assert len(graph.nodes["Gene"]) == counts["genes"]
    assert len(graph.nodes["Figure"]) == counts["figures"]
    assert len(graph.nodes["Paper"]) == counts["papers"]
    assert len(graph.nodes["Chemical"]) == counts["chemicals"]
    assert len(graph.nodes["Disease"]) == counts["diseases"]
    assert len(graph.relationships_of("MENTIONS", "Gene")) == counts["figure_gene_pairs"]
    for space, nodes in graph.nodes.items():
        assert all(node["labels"] == [space] for node in nodes.values()), space
    per_figure = collections.defaultdict(set)
    for rel in graph.relationships_of("MENTIONS", "Gene"):
        per_figure[rel["start"][1]].add(rel["end"][1])
        assert rel["properties"]["evidenceCount"] == len(rel["properties"]["words"])
    for figid, (genes, _, _) in counts["per_figure"].items():
        assert per_figure.get(figid, set()) == {"ncbigene:" + gene for gene in genes}, figid
    for path in neo4j_dir.glob("*.csv"):
        assert rules.style_problems(str(path), command.options) == []
    # Kuzu's view.
    connection = kuzu_load(command, tmp_path / "kuzu")
    assert rows(connection, "MATCH (g:Gene) RETURN count(*)") == [[counts["genes"]]]
    assert rows(connection, "MATCH (:Figure)-[m:MENTIONS]->(:Gene) RETURN count(m)") == [[counts["figure_gene_pairs"]]]
    assert rows(connection, "MATCH (f:Figure) RETURN count(*)") == [[counts["figures"]]]
    assert rows(connection, "MATCH (c:Chemical) RETURN count(*)") == [[counts["chemicals"]]]
    with_paper = sum(1 for _, pmcid, _, _, _ in figure_records(corpus) if pmcid)
    assert len(graph.relationships_of("PART_OF")) == with_paper
    assert rows(connection, "MATCH (:Figure)-[r:PART_OF]->(:Paper) RETURN count(r)") == [[with_paper]]
    # Both readers agree relationship for relationship.
    kuzu_mentions = {(figure, gene) for figure, gene in rows(connection, "MATCH (f:Figure)-[:MENTIONS]->(g:Gene) RETURN f.id, g.id")}
    assert kuzu_mentions == {(rel["start"][1], rel["end"][1]) for rel in graph.relationships_of("MENTIONS", "Gene")}
    sink = report["sinks"]["cypher-csv"]["counts"]
    assert sink["nodes-Gene"] == counts["genes"] and sink["rels-MENTIONS-Gene"] == counts["figure_gene_pairs"]


def test_example_queries_answer_as_the_records_say(tool, corpus, tmp_path):
    neo4j_dir, _ = cypher_export(tool, corpus, tmp_path / "out")
    command, graph = neo4j_admin_import(neo4j_dir, tmp_path)
    connection = kuzu_load(command, tmp_path / "kuzu")
    records, gene_figures, chemical_figures = corpus_expectations(corpus)
    assert len(list(QUERIES.glob("*.cypher"))) >= 4

    # Most-mentioned genes: ids and figure counts, in order.
    top = run_query(connection, "most-mentioned-genes")
    assert [(gene, figures) for gene, _, figures in top] == ranked(gene_figures, 20)
    assert all(symbol for _, symbol, _ in top)

    # Figures and papers for the most-mentioned gene, asked by id and by symbol.
    gene, symbol = top[0][0], top[0][1]
    expected = sorted((figid, "pmc:" + pmcid if pmcid else None)
                      for figid, pmcid, genes, _, _ in records if gene in {"ncbigene:" + g for g in genes})
    by_id = run_query(connection, "figures-for-gene", gene=gene)
    assert [(row[1], row[3]) for row in by_id] == expected
    assert all(row[6] for row in by_id), "every MENTIONS carries its OCR words"
    by_symbol = run_query(connection, "figures-for-gene", gene=symbol)
    assert {row[1] for row in by_symbol} >= {figid for figid, _ in expected}

    # Genes co-mentioned with the most-mentioned chemical.
    chemical = ranked(chemical_figures)[0][0]
    co = collections.Counter()
    for _, _, genes, chemicals, _ in records:
        if chemical in chemicals:
            co.update("ncbigene:" + gene for gene in genes)
    answer = run_query(connection, "genes-co-mentioned-with-chemical", chemical=chemical)
    assert [(gene, figures) for gene, _, figures in answer] == ranked(co, 25)
    assert answer, "the chemical shares figures with genes"

    # Figures per organism.
    per_organism = run_query(connection, "figures-per-organism")
    assert [(taxon, figures) for taxon, _, figures in per_organism] == ranked(figures_per_organism(corpus))


def test_examples_answers_by_name(tool, tmp_path):
    """Literal answers for Examples, readable without the helper computations."""
    if not (EXAMPLES / "_figures").is_dir():
        pytest.skip(f"{EXAMPLES} is absent")
    neo4j_dir, _ = cypher_export(tool, EXAMPLES, tmp_path / "out")
    command, _ = neo4j_admin_import(neo4j_dir, tmp_path)
    connection = kuzu_load(command, tmp_path / "kuzu")
    assert run_query(connection, "most-mentioned-genes")[:4] == [
        ["ncbigene:1499", "CTNNB1", 2], ["ncbigene:207", "AKT1", 2], ["ncbigene:2475", "MTOR", 2], ["ncbigene:11651", "Akt1", 1]]
    assert run_query(connection, "figures-for-gene", gene="AKT1") == [
        ["ncbigene:207", "PMC1000001__fig1", "Insulin signalling in hepatocytes", "pmc:PMC1000001",
         "Insulin signalling in the liver.", 2005, ["Akt", "AKT1/2"]],
        ["ncbigene:207", "PMC1000006__fig6", "PTEN\u2013AKT\u2013mTOR in cancer", "pmc:PMC1000006",
         "PTEN, AKT and mTOR in cancer.", 2016, ["AKT"]]]
    assert [row[1] for row in run_query(connection, "figures-for-gene", gene="ncbigene:1499")] == ["PMC2000007__F7", "PMC2000007__g008"]
    glucose = run_query(connection, "genes-co-mentioned-with-chemical", chemical="glucose")
    assert glucose == run_query(connection, "genes-co-mentioned-with-chemical", chemical="mesh:D005947")
    assert [row[1] for row in glucose] == ["Akt1", "Hk2", "AKT1", "MTOR", "Hk2", "GCK", "HK2", "INSR", "PIK3CA", "PIK3CB", "PKM"]
    assert run_query(connection, "figures-per-organism") == [
        ["ncbitaxon:9606", "Homo sapiens", 11], ["ncbitaxon:10090", "Mus musculus", 2],
        ["ncbitaxon:10116", "Rattus norvegicus", 1], ["ncbitaxon:7227", "Drosophila melanogaster", 1]]


# ---------------------------------------------------------------------------------------------
# Hostile text: every value intact (line breaks aside), in neo4j-admin's and Kuzu's reading

HOSTILE_TITLE = 'A, "quoted"; title\twith tab \\ and a backslash at the end\\'
HOSTILE_CAPTION = 'Line one\r\nline two\nline "three"\u2028four\rfive; six, seven \\"eight\\"'
HOSTILE_PAPER = 'Paper "x", y; z \\" w'
HOSTILE_REFTEXT = "Ref, with 'single' quotes; and \"double\" \\n (not a newline)"
HOSTILE_WORDS = ['Ga12,Gaq;"x"\\', "two\nlines\tand tab", "semi;colon|pipe", "back\\slash\\"]
HOSTILE_CHEMICAL = 'Ca2+, "free"; \\'
B_ROWS = [("PLC,", "PLCB1", "23236"), ('"IP3"', "ITPR1", "3708"), ("a;b\\c", "ITPR1", "3708"), ("x|y,z", "PLCB1", "23236")]


def yaml_quoted(text):
    """A YAML double-quoted scalar for any text."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or char in "\x85\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def write_hostile_corpus(root):
    figures, data = root / "_figures", root / "_data"
    chemical = yaml_quoted(HOSTILE_CHEMICAL)
    figures.mkdir(parents=True)
    data.mkdir()
    genes = "".join(f"- word: {yaml_quoted(word)}\n  symbol: GNAQ\n  source: hgnc_symbol\n  hgnc_symbol: GNAQ\n  entrez: '2776'\n"
                    for word in HOSTILE_WORDS)
    (figures / "PMC9100001__hostile-a.md").write_text(
        "---\nfigid: PMC9100001__hostile-a\n"
        f"figtitle: {yaml_quoted(HOSTILE_TITLE)}\ncaption: {yaml_quoted(HOSTILE_CAPTION)}\n"
        f"pmcid: PMC9100001\npapertitle: {yaml_quoted(HOSTILE_PAPER)}\nreftext: {yaml_quoted(HOSTILE_REFTEXT)}\n"
        "year: '2020'\norganisms: Homo sapiens\npathway_score: 0.75\n"
        f"genes:\n{genes}chemicals:\n- word: {chemical}\n  source: MESH\n  identifier: D002118\ndiseases: []\n---\n",
        encoding="utf-8")
    (figures / "PMC9100002__hostile-b.md").write_text(
        "---\nfigid: PMC9100002__hostile-b\nfigtitle: 'Side files, with \"quotes\"'\npmcid: PMC9100002\n"
        "year: '2024'\norganisms:\n- Homo sapiens\nkeywords:\n- 'one, two'\n- 'three; \"four\"'\n- 'back\\slash'\n---\n",
        encoding="utf-8")
    lines = ["organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match"]
    for word, symbol, gene in B_ROWS:
        lines.append(f"9606\tHomo sapiens\tPrimates\t{word}\t{symbol}\t{symbol}\t{gene}\tncbigene_symbol\t1\t0\t1")
    (data / "PMC9100002__hostile-b-genes.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def normalised(text):
    return LINE_BREAKS.sub(" ", text)


def test_hostile_text_loads_with_every_value_intact(tool, tmp_path):
    corpus = tmp_path / "corpus"
    write_hostile_corpus(corpus)
    neo4j_dir, report = cypher_export(tool, corpus, tmp_path / "out")
    command, graph = neo4j_admin_import(neo4j_dir, tmp_path)
    for path in neo4j_dir.glob("*.csv"):
        assert rules.style_problems(str(path), command.options) == []

    figure = graph.nodes["Figure"]["PMC9100001__hostile-a"]["properties"]
    assert figure["title"] == HOSTILE_TITLE and figure["name"] == HOSTILE_TITLE
    assert figure["caption"] == normalised(HOSTILE_CAPTION)
    assert figure["pathwayScore"] == 0.75
    paper = graph.nodes["Paper"]["pmc:PMC9100001"]["properties"]
    assert paper["title"] == HOSTILE_PAPER and paper["reference"] == HOSTILE_REFTEXT and paper["year"] == 2020
    assert graph.nodes["Paper"]["pmc:PMC9100002"]["properties"]["keywords"] == ["one, two", 'three; "four"', "back\\slash"]
    gnaq = [rel for rel in graph.relationships_of("MENTIONS", "Gene") if rel["end"][1] == "ncbigene:2776"]
    assert [rel["properties"]["words"] for rel in gnaq] == [[normalised(word) for word in HOSTILE_WORDS]]
    chemical = graph.relationships_of("MENTIONS", "Chemical")[0]["properties"]["words"]
    assert chemical == [HOSTILE_CHEMICAL]
    side = {rel["end"][1]: rel["properties"]["words"] for rel in graph.relationships_of("MENTIONS", "Gene")
            if rel["start"][1] == "PMC9100002__hostile-b"}
    assert side == {"ncbigene:3708": ['"IP3"', "a;b\\c"], "ncbigene:23236": ["PLC,", "x|y,z"]}

    connection = kuzu_load(command, tmp_path / "kuzu")
    assert rows(connection, "MATCH (f:Figure {id: 'PMC9100001__hostile-a'}) RETURN f.name, f.title, f.caption") == [
        [HOSTILE_TITLE, HOSTILE_TITLE, normalised(HOSTILE_CAPTION)]]
    assert rows(connection, "MATCH (p:Paper {id: 'pmc:PMC9100001'}) RETURN p.title, p.reference, p.year") == [
        [HOSTILE_PAPER, HOSTILE_REFTEXT, 2020]]
    assert rows(connection, "MATCH (p:Paper {id: 'pmc:PMC9100002'}) RETURN p.keywords") == [
        [["one, two", 'three; "four"', "back\\slash"]]]
    assert rows(connection, "MATCH (:Figure {id: 'PMC9100001__hostile-a'})-[m:MENTIONS]->(:Gene) RETURN m.words, m.evidenceCount") == [
        [[normalised(word) for word in HOSTILE_WORDS], len(HOSTILE_WORDS)]]
    assert rows(connection, "MATCH (:Figure {id: 'PMC9100002__hostile-b'})-[m:MENTIONS]->(g:Gene) RETURN g.id, m.words ORDER BY g.id") == [
        ["ncbigene:23236", ["PLC,", "x|y,z"]], ["ncbigene:3708", ['"IP3"', "a;b\\c"]]]

    sink = report["sinks"]["cypher-csv"]["counts"]
    assert sink["normalisedLineBreaks"] == 2  # the caption and one OCR word
    assert sink["cleanedArrayElements"] == 0
    assert sink["backslashQuoteFields"] >= 3


def test_array_delimiter_inside_an_element_is_cleaned_and_counted(tool, tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "_figures").mkdir(parents=True)
    (corpus / "_figures" / "PMC9200001__sep.md").write_text(
        "---\nfigid: PMC9200001__sep\nfigtitle: Separator\npmcid: PMC9200001\nyear: '2021'\norganisms: Homo sapiens\n"
        "genes:\n- word: \"a\\x1fb\"\n  symbol: A1BG\n  source: hgnc_symbol\n  hgnc_symbol: A1BG\n  entrez: '1'\n"
        "- word: plain\n  symbol: A1BG\n  source: hgnc_symbol\n  hgnc_symbol: A1BG\n  entrez: '1'\n"
        "chemicals: []\ndiseases: []\n---\n", encoding="utf-8")
    neo4j_dir, report = cypher_export(tool, corpus, tmp_path / "out")
    command, graph = neo4j_admin_import(neo4j_dir, tmp_path)
    assert graph.relationships_of("MENTIONS", "Gene")[0]["properties"]["words"] == ["a b", "plain"]
    assert report["sinks"]["cypher-csv"]["counts"]["cleanedArrayElements"] == 1


# ---------------------------------------------------------------------------------------------
# import.sh and load.cypher


def test_import_script_passes_the_database_and_extra_options(tool, tmp_path):
    neo4j_dir, _ = cypher_export(tool, EXAMPLES, tmp_path / "out")
    default = admin_arguments(neo4j_dir, tmp_path)
    assert default[:4] == ["database", "import", "full", "neo4j"]
    custom = admin_arguments(neo4j_dir, tmp_path, "pfocr", "--overwrite-destination=true")
    assert custom[3] == "pfocr" and custom[-1] == "--overwrite-destination=true"
    command = rules.parse_command(custom)
    files = sorted(os.path.basename(path) for _, paths in command.nodes + command.relationships for path in paths)
    assert files == sorted(path.name for path in neo4j_dir.glob("*.csv"))
    assert all(label is None for label, _ in command.nodes + command.relationships)
    options = command.options
    assert (options.delimiter, options.array_delimiter, options.quote) == (",", "\x1f", '"')
    assert not options.multiline_fields and not options.legacy_style_quoting and options.id_type == "string"
    assert not options.skip_duplicate_nodes and not options.skip_bad_relationships
    assert subprocess.run(["bash", "-n", str(neo4j_dir / "import.sh")]).returncode == 0


def test_load_cypher_reads_every_column_with_its_conversion(tool, tmp_path):
    neo4j_dir, _ = cypher_export(tool, EXAMPLES, tmp_path / "out")
    script = (neo4j_dir / "load.cypher").read_text()
    statements = [statement.strip() for statement in re.sub(r"(?m)^\s*//[^\n]*", "", script).split(";") if statement.strip()]
    constraints = [s for s in statements if s.startswith("CREATE CONSTRAINT")]
    loads = [s for s in statements if s.startswith("LOAD CSV")]
    assert statements == constraints + loads, "constraints come first, then the loads, nothing else"
    options = rules.Options(array_delimiter="\x1f")
    assert len(loads) == len(list(neo4j_dir.glob("*.csv")))
    for path in sorted(neo4j_dir.glob("*.csv")):
        load = next(s for s in loads if f"'file:///{path.name}'" in s)
        assert load.endswith("IN TRANSACTIONS OF 10000 ROWS")
        for column in header(str(path), options):
            field = f"row.`{column.name}:{column.kind}{'[]' if column.array else ''}`" if column.kind != "string" or column.array else f"row.{column.name}"
            if column.kind in ("ID", "START_ID", "END_ID"):
                assert f"row.`{column.name}:{column.kind}({column.space})`" in load
            elif column.kind in ("LABEL", "TYPE"):
                continue
            elif column.array:
                assert f"{column.name} = CASE WHEN {field} = '' THEN null ELSE split({field}, '\\u001F') END" in load
            elif column.kind in ("long", "int"):
                assert f"{column.name} = toInteger({field})" in load
            elif column.kind == "double":
                assert f"{column.name} = toFloat({field})" in load
            else:
                assert f"{column.name} = {field}" in load
    for label in ("Figure", "Paper", "Gene", "Chemical", "Disease", "Organism"):
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in script


# ---------------------------------------------------------------------------------------------
# The neo4j-admin stand-in rejects what neo4j-admin rejects: one broken file set per rule

GOOD_NODES = 'id:ID(Gene),:LABEL,name,year:long,score:double,words:string[]\n"g1","Gene","A",1,0.5,"a\x1fb"\n"g2","Gene","B",,,\n'
GOOD_RELS = ':START_ID(Gene),:END_ID(Gene),:TYPE,n:long\n"g1","g2","LINKS",3\n'
ARGS = ["database", "import", "full", "neo4j", "--array-delimiter=U+001F", "--multiline-fields=false", "--id-type=string"]


def admin(tmp_path, nodes=GOOD_NODES, rels=GOOD_RELS, extra=(), node_bytes=None):
    (tmp_path / "nodes.csv").write_bytes(node_bytes if node_bytes is not None else nodes.encode("utf-8"))
    (tmp_path / "rels.csv").write_text(rels, encoding="utf-8")
    command = rules.parse_command(ARGS + list(extra) + [f"--nodes={tmp_path / 'nodes.csv'}", f"--relationships={tmp_path / 'rels.csv'}"])
    return rules.import_graph(command)


def test_checker_accepts_a_good_file_set(tmp_path):
    graph = admin(tmp_path)
    assert graph.nodes["Gene"]["g1"] == {"labels": ["Gene"], "properties": {"id": "g1", "name": "A", "year": 1, "score": 0.5, "words": ["a", "b"]}}
    assert graph.nodes["Gene"]["g2"]["properties"] == {"id": "g2", "name": "B"}
    assert graph.relationships == [{"start": ("Gene", "g1"), "end": ("Gene", "g2"), "type": "LINKS", "properties": {"n": 3}}]


BROKEN = {
    "unterminated-quote": dict(nodes=GOOD_NODES + '"g3","Gene","C'),
    "multiline-field": dict(nodes=GOOD_NODES + '"g3","Gene","C\nD",,,\n'),
    "data-after-quote": dict(nodes=GOOD_NODES + '"g3","Gene","say \\"hi\\"",,,\n'),
    "header-type": dict(nodes=GOOD_NODES.replace("year:long", "year:integer")),
    "duplicate-header": dict(nodes=GOOD_NODES.replace("score:double", "name")),
    "header-entry": dict(rels=GOOD_RELS.replace(":END_ID(Gene)", "other")),
    "extra-columns": dict(nodes=GOOD_NODES + '"g3","Gene","C",,,,"extra"\n'),
    "value": dict(nodes=GOOD_NODES + '"g3","Gene","C",2020.5,,\n'),
    "duplicate-id": dict(nodes=GOOD_NODES + '"g1","Gene","again",,,\n'),
    "missing-id": dict(nodes=GOOD_NODES + ',"Gene","no id",,,\n'),
    "missing-node": dict(rels=GOOD_RELS + '"g1","g9","LINKS",1\n'),
    "unknown-id-space": dict(rels=GOOD_RELS.replace(":END_ID(Gene)", ":END_ID(Chemical)")),
    "missing-type": dict(rels=GOOD_RELS + '"g1","g2",,1\n'),
    "encoding": dict(node_bytes=GOOD_NODES.encode("utf-8") + b'"g3","Gene","\xff",,,\n'),
}


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_checker_rejects_each_broken_file(tmp_path, rule):
    with pytest.raises(rules.Rejected) as rejected:
        admin(tmp_path, **BROKEN[rule])
    assert rejected.value.rule == rule


def test_checker_honours_the_import_flags(tmp_path):
    # Skipping flags turn the aborts into skips, as neo4j-admin does.
    graph = admin(tmp_path, nodes=GOOD_NODES + '"g1","Gene","again",,,\n', rels=GOOD_RELS + '"g1","g9","LINKS",1\n',
                  extra=["--skip-duplicate-nodes=true", "--skip-bad-relationships=true"])
    assert graph.nodes["Gene"]["g1"]["properties"]["name"] == "A" and len(graph.relationships) == 1
    # With legacy quoting a backslash escapes a quote; without, the same text is an error.
    legacy = admin(tmp_path, nodes=GOOD_NODES + '"g3","Gene","say \\"hi\\"",,,\n', extra=["--legacy-style-quoting=true"])
    assert legacy.nodes["Gene"]["g3"]["properties"]["name"] == 'say "hi"'
    # Multiline fields allowed only when asked for.
    multiline = admin(tmp_path, nodes=GOOD_NODES + '"g3","Gene","C\nD",,,\n', extra=["--multiline-fields=true"])
    assert multiline.nodes["Gene"]["g3"]["properties"]["name"] == "C\nD"
    # The default array delimiter is ';'.
    command = rules.parse_command(["database", "import", "full", f"--nodes={tmp_path / 'nodes.csv'}"])
    (tmp_path / "nodes.csv").write_text('id:ID,w:string[]\n"x","a;b"\n')
    assert rules.import_graph(command).nodes[""]["x"]["properties"]["w"] == ["a", "b"]
    with pytest.raises(rules.Rejected) as rejected:
        rules.parse_command(ARGS[:3] + ["--array-delimiter=||"])
    assert rejected.value.rule == "option"


def test_style_rules_catch_unquoted_text_and_line_breaks(tmp_path):
    path = tmp_path / "nodes-Gene.csv"
    path.write_text('id:ID(Gene),:LABEL,name,flag:boolean\n"g1",Gene,"A\x0bB",TRUE\n', encoding="utf-8")
    problems = rules.style_problems(str(path), rules.Options(array_delimiter="\x1f"))
    assert any(":LABEL is text but not quoted" in problem or "LABEL is text but not quoted" in problem for problem in problems)
    assert any("holds a line break" in problem for problem in problems)
    assert any("not true or false" in problem for problem in problems)
