"""Issue 15: the RDF dump in the store WikiPathways' SPARQL endpoint runs (OpenLink Virtuoso,
Debian's virtuoso-opensource 7.2), loaded by Scripts/load-virtuoso.sh with the bulk loader.

The store must hold exactly the distinct triples of the file, as many as report.json says,
and every Examples/queries/*.rq must return over Virtuoso's SPARQL endpoint the rows it
returns from pyoxigraph. Each server is private: free loopback ports, its database in the
test's temporary folder, a bounded wait, and it is always stopped (fixture finalizer)."""
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from conftest import EXAMPLES, ROOT, export, report_triples
from test_rdf import EXPECTED, QUERIES, run_query

SCRIPT = ROOT / "Scripts" / "load-virtuoso.sh"
SCRIPT_SECONDS = 600


def free_port_pair():
    """A loopback port whose next port is free too (SPARQL on PORT, isql on PORT+1)."""
    for _ in range(100):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if port >= 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
        return port
    raise AssertionError("no two free neighbouring loopback ports")


def alive(pid, folder):
    """True while `pid` is the virtuoso-t of database `folder` (not a recycled pid, not a zombie)."""
    try:
        cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes()
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and b"virtuoso-t" in cmdline and str(folder).encode() in cmdline


def stop_server(folder):
    """Stops the server of database `folder` if one runs (isql shutdown, then signals)."""
    pid_file = pathlib.Path(folder) / "server.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text())
    for sig in (None, signal.SIGTERM, signal.SIGKILL):
        if not alive(pid, folder):
            return
        if sig is None:
            ini = (pathlib.Path(folder) / "virtuoso.ini").read_text()
            port = ini.split("ServerPort               = 127.0.0.1:", 1)[1].split()[0]
            subprocess.run([shutil.which("isql-vt") or "isql-vt", f"127.0.0.1:{port}", "dba", "dba", "-K"],
                           capture_output=True, timeout=60)
        else:
            os.kill(pid, sig)
        deadline = time.monotonic() + 30
        while alive(pid, folder) and time.monotonic() < deadline:
            time.sleep(0.2)


class Server:
    """A running Virtuoso the script left: its output fields and SPARQL endpoint."""

    def __init__(self, fields):
        self.fields = fields
        self.folder = pathlib.Path(fields["database"])
        self.pid = int(fields["pid"])
        self.triples = int(fields["triples"])
        self.graph = fields["graph"]
        self.sparql = fields["sparql"]

    def query(self, text, whole_store=False):
        """Rows of a SELECT over the loaded graph (with `whole_store`, over the graphs the query
        names or every graph), as pyoxigraph's run_query gives them."""
        parameters = {"query": text} if whole_store else {"query": text, "default-graph-uri": self.graph}
        data = urllib.parse.urlencode(parameters).encode()
        request = urllib.request.Request(self.sparql, data=data, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            body = json.load(response)
        names = body["head"]["vars"]
        return [tuple(row[name]["value"] if name in row else None for name in names) for row in body["results"]["bindings"]]


def fields_of(stdout):
    return dict(line.split(": ", 1) for line in stdout.splitlines() if ": " in line)


def run_script(out, port, folder, check=False):
    env = dict(os.environ, VIRTUOSO_DB_DIR=str(folder), VIRTUOSO_START_SECONDS="120")
    command = ["bash", str(SCRIPT), *(["--check"] if check else []), str(out), str(port)]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=SCRIPT_SECONDS, env=env)
    except subprocess.TimeoutExpired:
        stop_server(folder)
        raise AssertionError(f"{SCRIPT.name} did not finish within {SCRIPT_SECONDS}s")


@pytest.fixture
def virtuoso(tmp_path):
    """load(out, check=False) runs the script on export folder `out` and returns its Server
    (with check=True: the finished run's fields); every server is stopped afterwards."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.fail("virtuoso-opensource is not installed: run Scripts/test.sh")
    folders = []

    def load(out, check=False):
        for attempt in range(3):
            folder = tmp_path / f"virtuoso-{len(folders)}"
            folders.append(folder)
            result = run_script(out, free_port_pair(), folder, check)
            if result.returncode != 0 and "exited while starting" in result.stderr:
                continue  # another process took the port between the probe and the start
            assert result.returncode == 0, result.stdout + result.stderr[-3000:]
            fields = fields_of(result.stdout)
            return fields if check else Server(fields)
        raise AssertionError("virtuoso-t did not start on three free port pairs: " + result.stderr[-3000:])

    yield load
    for folder in folders:
        stop_server(folder)


def assert_queries_agree(server, nt_or_ttl, fmt, expected=None):
    store = ox.Store()
    store.load(path=str(nt_or_ttl), format=fmt)
    assert sorted(p.name for p in QUERIES.glob("*.rq")) == sorted(EXPECTED)
    for path in sorted(QUERIES.glob("*.rq")):
        from_store = run_query(store, path.name)
        assert server.query(path.read_text()) == from_store, path.name
        if expected is not None:
            assert from_store == expected[path.name], path.name


# A WikiPathways RDF pathway in the release's shape: a DataNode linked by wp:bdbEntrezGene.
WIKIPATHWAYS_TTL = """@prefix wp: <http://vocabularies.wikipathways.org/wp#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://identifiers.org/wikipathways/WP4172_r1> a wp:Pathway ; dcterms:identifier "WP4172" .
<https://identifiers.org/wikipathways/WP4172_r1/WP/GeneProduct_a> a wp:GeneProduct ;
    wp:bdbEntrezGene <https://identifiers.org/ncbigene/207> ;
    dcterms:isPartOf <https://identifiers.org/wikipathways/WP4172_r1> .
"""
WIKIPATHWAYS_GRAPH = "http://rdf.wikipathways.org/"


def documented_joined_query():
    """The SPARQL block Docs/rdf.md marks `joined-query` (PFOCR joined with WikiPathways)."""
    text = (ROOT / "Docs" / "rdf.md").read_text(encoding="utf-8")
    after = text.split("<!-- joined-query", 1)[1]
    return after.split("```sparql\n", 1)[1].split("```", 1)[0]


def isql(server, statement):
    port = int(server.sparql.rsplit(":", 1)[1].split("/", 1)[0]) + 1
    result = subprocess.run(["isql-vt", f"127.0.0.1:{port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF", "ERRORS=STDOUT",
                             f"exec={statement}"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "*** Error" not in result.stdout, result.stdout + result.stderr
    return result.stdout


def test_examples_in_virtuoso(tool, tmp_path, virtuoso):
    out = tmp_path / "examples"
    _, report = export(tool, EXAMPLES, out, "turtle,ntriples")
    lines = (out / "pfocr.nt").read_bytes().splitlines()
    server = virtuoso(out)
    assert server.fields["loaded"] == str((out / "pfocr.nt").resolve())
    assert server.triples == len(set(lines)) == len(lines) == report_triples(report)
    assert server.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [(str(len(lines)),)]
    assert_queries_agree(server, out / "pfocr.nt", ox.RdfFormat.N_TRIPLES, EXPECTED)

    # Docs/rdf.md's recipe: WikiPathways RDF unpacked under OUT, bulk-loaded into its own
    # graph, then the documented joined query; pyoxigraph with the same two graphs agrees.
    (out / "wikipathways" / "wp" / "Human").mkdir(parents=True)
    (out / "wikipathways" / "wp" / "Human" / "WP4172.ttl").write_text(WIKIPATHWAYS_TTL)
    isql(server, f"ld_dir_all('{out.resolve()}/wikipathways', '*.ttl', '{WIKIPATHWAYS_GRAPH}'); rdf_loader_run(); checkpoint;")
    errors = isql(server, "SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL OR ll_state <> 2;")
    assert errors.split() == ["0"], errors
    store = ox.Store()
    store.load(path=str(out / "pfocr.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(server.graph))
    store.load(WIKIPATHWAYS_TTL, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(WIKIPATHWAYS_GRAPH))
    query = documented_joined_query()
    expected = [tuple(value.value for value in row) for row in store.query(query)]
    assert [row[1] for row in expected] == ["https://identifiers.org/wikipathways/WP4172_r1"] * 2
    joined = server.query(query, whole_store=True)
    assert joined == expected


def test_shared_sample_in_virtuoso_from_turtle(tool, shared_sample, tmp_path, virtuoso):
    out = tmp_path / "sample"
    _, report = export(tool, shared_sample, out, "turtle")
    triples = set(ox.parse(path=str(out / "pfocr.ttl"), format=ox.RdfFormat.TURTLE))
    server = virtuoso(out)
    assert server.fields["loaded"] == str((out / "pfocr.ttl").resolve())
    assert server.triples == len(triples) == report_triples(report)
    assert_queries_agree(server, out / "pfocr.ttl", ox.RdfFormat.TURTLE)


def test_generated_corpus_in_virtuoso_with_check(synthetic_export, virtuoso):
    """The 2,000-figure corpus (with MeSH ids mentioned as chemical and disease in one
    figure): the store holds every line of pfocr.nt; --check stops the server and removes
    its database."""
    _, out, report = synthetic_export
    lines = (out / "pfocr.nt").read_bytes().splitlines()
    fields = virtuoso(out, check=True)
    assert int(fields["triples"]) == len(set(lines)) == len(lines) == report_triples(report)
    assert not alive(int(fields["pid"]), fields["database"])
    assert not pathlib.Path(fields["database"]).exists()


def test_load_error_fails_and_stops(tmp_path):
    if shutil.which("virtuoso-t") is None:
        pytest.fail("virtuoso-opensource is not installed: run Scripts/test.sh")
    out = tmp_path / "broken"
    out.mkdir()
    (out / "pfocr.nt").write_text('<http://example.org/a> <http://example.org/b> "unterminated .\n')
    folder = tmp_path / "virtuoso"
    result = run_script(out, free_port_pair(), folder, check=False)
    try:
        assert result.returncode != 0
        assert "ll_error" in result.stderr and "Unterminated" in result.stderr, result.stderr[-3000:]
        assert "triples:" not in result.stdout
        assert not folder.exists()
    finally:
        stop_server(folder)
