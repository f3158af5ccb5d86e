"""Checks every file of an export with its real consumer, whatever the formats present.

Used by the reliability tests (adversarial input, killed exports): whatever happened, every
file under a final name must be accepted by the tool that will load it.
"""
import json
import os
import pathlib
import shutil
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRAPHML_XSD = ROOT.parent / "shared" / "schemas" / "graphml" / "graphml.xsd"


def check_kgx(folder):
    nodes = [json.loads(line) for line in (folder / "nodes.jsonl").read_text(encoding="utf-8").splitlines()]
    edges = [json.loads(line) for line in (folder / "edges.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = {node["id"] for node in nodes}
    assert len(ids) == len(nodes), "duplicate KGX node ids"
    for edge in edges:
        assert edge["subject"] in ids and edge["object"] in ids, f"dangling KGX edge {edge['id']}"


def check_rdf(path, syntax):
    import pyoxigraph
    fmt = pyoxigraph.RdfFormat.TURTLE if syntax == "turtle" else pyoxigraph.RdfFormat.N_TRIPLES
    count = sum(1 for _ in pyoxigraph.parse(path=str(path), format=fmt))
    if shutil.which("rapper"):
        result = subprocess.run(["rapper", "-q", "-i", syntax, "-c", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"rapper rejects {path}: {result.stderr[-500:]}"
    return count


def check_graphml(path):
    if GRAPHML_XSD.exists() and shutil.which("xmllint"):
        result = subprocess.run(["xmllint", "--nonet", "--noout", "--schema", str(GRAPHML_XSD), str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"xmllint rejects {path}: {result.stderr[-500:]}"
    import networkx
    return networkx.read_graphml(str(path))


def check_cx(path, version):
    """NDEx's server rules (cx_rules), then ndex2's parser, for a CX2 or CX1 file."""
    import ndex2
    import ndex2.cx2
    import cx_rules
    data = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    problems = cx_rules.validate_cx2(data) if version == 2 else cx_rules.validate_cx1(data)
    assert not problems, f"{path}: {problems}"
    if version == 2:
        ndex2.cx2.RawCX2NetworkFactory().get_cx2network(data)
    else:
        ndex2.create_nice_cx_from_raw_cx(data)


def check_neo4j(folder):
    """Runs import.sh with a stand-in neo4j-admin that records its arguments, then reads the
    files exactly as neo4j-admin would with those arguments (neo4j_admin_rules)."""
    import tempfile
    import neo4j_admin_rules
    with tempfile.TemporaryDirectory() as temporary:
        temporary = pathlib.Path(temporary)
        home = temporary / "home"
        (home / "bin").mkdir(parents=True)
        fake = home / "bin" / "neo4j-admin"
        fake.write_text('#!/usr/bin/env bash\nprintf \'%s\\0\' "$@" > "$CAPTURE"\n')
        fake.chmod(0o755)
        capture = temporary / "arguments"
        env = dict(os.environ, NEO4J_HOME=str(home), CAPTURE=str(capture))
        subprocess.run(["bash", str(folder / "import.sh")], check=True, env=env, cwd=temporary, timeout=60, capture_output=True)
        command = neo4j_admin_rules.parse_command(capture.read_bytes().decode("utf-8").split("\0")[:-1])
        return neo4j_admin_rules.import_graph(command)


def snapshot(out):
    """(size, mtime) of every file under `out`, to see what a later run replaced."""
    out = pathlib.Path(out)
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}


def check_export(out, report=None, only=None):
    """Every final file of export folder `out`, checked by its consumer; with `only` (a set
    of paths), just those files (the ones a run replaced)."""
    out = pathlib.Path(out)

    def wanted(*paths):
        return only is None or any(pathlib.Path(p) in only for p in paths)

    if (out / "kgx" / "nodes.jsonl").exists() and wanted(out / "kgx" / "nodes.jsonl", out / "kgx" / "edges.jsonl"):
        check_kgx(out / "kgx")
    counts = {}
    for name, syntax in (("pfocr.ttl", "turtle"), ("pfocr.nt", "ntriples"), ("void.ttl", "turtle")):
        if (out / name).exists() and wanted(out / name):
            counts[name] = check_rdf(out / name, syntax)
    if "pfocr.ttl" in counts and "pfocr.nt" in counts:
        assert counts["pfocr.ttl"] == counts["pfocr.nt"]
    if (out / "pfocr.graphml").exists() and wanted(out / "pfocr.graphml"):
        check_graphml(out / "pfocr.graphml")
    for path in sorted((out / "cx2").glob("*.cx2")) if (out / "cx2").is_dir() else []:
        if wanted(path):
            check_cx(path, 2)
    for path in sorted((out / "cx").glob("*.cx")) if (out / "cx").is_dir() else []:
        if wanted(path):
            check_cx(path, 1)
    if (out / "neo4j").is_dir() and (only is None or any(pathlib.Path(p).parent == out / "neo4j" for p in only)):
        check_neo4j(out / "neo4j")
    for leftover in out.iterdir():
        assert not leftover.name.startswith(".pfocr-kg-staging-"), f"staging folder left: {leftover}"


def repeated(items):
    """The items that occur more than once (a few, for the failure message)."""
    seen, again = set(), []
    for item in items:
        if item in seen:
            again.append(item)
        seen.add(item)
    return again[:5]


def check_no_repeats(out):
    """No format writes a triple, a node or an edge twice, and every id is unique, in
    whichever formats export folder `out` holds: N-Triples lines, KGX node and edge ids,
    GraphML node ids and (source, target) pairs, Cypher CSV node ids and relationship rows,
    CX2/CX1 node ids per network and edges."""
    import csv
    import xml.etree.ElementTree as ElementTree
    out = pathlib.Path(out)
    if (out / "pfocr.nt").exists():
        lines = (out / "pfocr.nt").read_bytes().splitlines()
        assert not repeated(lines), f"N-Triples lines written twice: {repeated(lines)}"
    if (out / "kgx").is_dir():
        for name in ("nodes.jsonl", "edges.jsonl"):
            ids = [json.loads(line)["id"] for line in (out / "kgx" / name).read_text(encoding="utf-8").splitlines()]
            assert not repeated(ids), f"KGX {name} ids written twice: {repeated(ids)}"
    if (out / "pfocr.graphml").exists():
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        graph = ElementTree.parse(out / "pfocr.graphml").getroot().find(ns + "graph")
        nodes = [node.get("id") for node in graph.iter(ns + "node")]
        edges = [(edge.get("source"), edge.get("target")) for edge in graph.iter(ns + "edge")]
        assert not repeated(nodes), f"GraphML node ids twice: {repeated(nodes)}"
        assert not repeated(edges), f"GraphML edges twice: {repeated(edges)}"
    if (out / "neo4j").is_dir():
        for path in sorted((out / "neo4j").glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as handle:
                rows = list(csv.reader(handle))[1:]
            keys = [row[0] for row in rows] if path.name.startswith("nodes-") else [tuple(row[:3]) for row in rows]
            assert not repeated(keys), f"{path.name}: written twice: {repeated(keys)}"
    for folder, suffix in (("cx2", "*.cx2"), ("cx", "*.cx")):
        for path in sorted((out / folder).glob(suffix)) if (out / folder).is_dir() else []:
            for aspect in json.loads(path.read_text(encoding="utf-8")):
                for key in ("nodes", "edges"):
                    items = aspect.get(key, [])
                    ids = [item.get("id", item.get("@id")) for item in items]
                    assert not repeated(ids), f"{path.name}: {key} ids twice: {repeated(ids)}"
                    if key == "edges":
                        pairs = [(e.get("s"), e.get("t"), json.dumps(e.get("i", e.get("v", {}).get("interaction")))) for e in items]
                        assert not repeated(pairs), f"{path.name}: edges twice: {repeated(pairs)}"
