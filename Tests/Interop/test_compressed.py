"""`--compress gzip` and `--archive` against the real consumers.

Each compressed file is read by the consumer that reads the plain one, the way it takes gzip:
pyoxigraph through Python's gzip stream and rapper through `zcat` (.nt.gz, .ttl.gz), networkx
opening the .graphml.gz itself, ndex2 on the gunzipped CX, neo4j-admin's rules and Kuzu on
the decompressed CSV files that import.sh names (Kuzu does not read gzip), Python's gzip on
KGX JSON Lines and GMT. Every compressed file must decompress to the plain export's file
byte for byte, the export must be the same for --jobs 1 and 2, and each `--archive` tarball
(Python's tarfile) must hold exactly its format's files of the plain export.

The corpus is Examples plus a generated one large enough (300 figures) that the big files
span several 1 MiB gzip members, so the concatenated-member layout is what the consumers read.
"""
import gzip
import json
import pathlib
import shutil
import subprocess
import sys
import signal
import tarfile
import time

import ndex2
import networkx as nx
import pyoxigraph as ox
import pytest
from ndex2.cx2 import RawCX2NetworkFactory

import neo4j_admin_rules as rules
from conftest import EXAMPLES, SYNTH_CORPUS, export, run_tool
from test_cypher_csv import admin_arguments, kuzu_load, rows

FORMATS = "turtle,ntriples,graphml,cx2,cx,cypher-csv,kgx-jsonl,kgx-tsv,gmt"
PLAIN_SCRIPTS = {"neo4j/import.sh", "neo4j/load.cypher"}


def data_files(folder):
    """Relative paths of an export's files but report.json, the manifest and SHA256SUMS."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and path.name not in ("report.json", "SHA256SUMS") and not path.name.startswith("."))


def gzip_members(data):
    """The number of gzip members in `data` (each one a complete gzip stream)."""
    import zlib
    count, rest = 0, data
    while rest:
        decompressor = zlib.decompressobj(wbits=31)
        decompressor.decompress(rest)
        assert decompressor.eof, "truncated gzip member"
        rest = decompressor.unused_data
        count += 1
    return count


@pytest.fixture(scope="module", params=["examples", "generated"])
def exports(request, tool, tmp_path_factory):
    """(plain, gzip --jobs 1, gzip --jobs 2, archive) export folders of one corpus."""
    base = tmp_path_factory.mktemp(f"compressed-{request.param}")
    if request.param == "examples":
        corpus = EXAMPLES
    else:
        if not SYNTH_CORPUS.exists():
            pytest.skip(f"{SYNTH_CORPUS} is absent: the generated-corpus checks need ../shared/bench")
        corpus = base / "corpus"
        subprocess.run([sys.executable, str(SYNTH_CORPUS), "--figures", "300", "--seed", "1", "--out", str(corpus)],
                       check=True, capture_output=True, timeout=600)
    folders = {}
    for name, extra in [("plain", ["--jobs", "2"]), ("gzip1", ["--compress", "gzip", "--jobs", "1"]),
                        ("gzip2", ["--compress", "gzip", "--jobs", "2"]), ("archive", ["--archive", "--jobs", "2"]),
                        ("zstd1", ["--compress", "zstd", "--jobs", "1"]), ("zstd2", ["--compress", "zstd", "--jobs", "2"])]:
        out = base / name
        export(tool, corpus, out, FORMATS, *extra)
        folders[name] = out
    return folders


def test_every_data_file_is_gzip_of_the_plain_file_and_independent_of_jobs(exports):
    plain, gz, gz2 = exports["plain"], exports["gzip1"], exports["gzip2"]
    expected = [path if path in PLAIN_SCRIPTS else path + ".gz" for path in data_files(plain)]
    assert data_files(gz) == sorted(expected)
    assert data_files(gz2) == data_files(gz)
    for path in data_files(gz):
        written = (gz / path).read_bytes()
        assert written == (gz2 / path).read_bytes(), f"{path} differs between --jobs 1 and --jobs 2"
        if path in PLAIN_SCRIPTS:
            continue
        original = (plain / path[:-3]).read_bytes()
        assert gzip.decompress(written) == original, path
        # One member per started MiB of the plain file (one for an empty file).
        assert gzip_members(written) == max(1, -(-len(original) // (1 << 20))), path
        # Fixed header: no file name, modification time 0.
        assert written[3] == 0 and written[4:8] == b"\0\0\0\0", path
    report = json.loads((gz / "report.json").read_text())
    listed = {entry["path"] for entry in report["files"]}
    assert "pfocr.nt.gz" in listed and "kgx/edges.jsonl.gz" in listed
    assert report["invocation"]["options"]["compress"] == "gzip"


def zstd_decompress(path):
    """`zstd -d`'s reading of `path` (every frame, checksums checked), as bytes."""
    if shutil.which("zstd") is None:
        pytest.fail("zstd is not installed: run Scripts/test.sh")
    result = subprocess.run(["zstd", "-q", "-d", "-c", str(path)], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout


def test_every_data_file_is_zstd_of_the_plain_file_and_independent_of_jobs(exports):
    """`--compress zstd`: the zstd tool reads every file back as the plain export's, and the
    bytes do not depend on --jobs; rapper reads the N-Triples and Turtle through zstdcat."""
    plain, z1, z2 = exports["plain"], exports["zstd1"], exports["zstd2"]
    expected = [path if path in PLAIN_SCRIPTS else path + ".zst" for path in data_files(plain)]
    assert data_files(z1) == sorted(expected)
    assert data_files(z2) == data_files(z1)
    for path in data_files(z1):
        written = (z1 / path).read_bytes()
        assert written == (z2 / path).read_bytes(), f"{path} differs between --jobs 1 and --jobs 2"
        if path in PLAIN_SCRIPTS:
            assert ".csv.zst" in (z1 / path).read_text() or "neo4j" not in path
            continue
        assert zstd_decompress(z1 / path) == (plain / path[:-4]).read_bytes(), path
    count = len(set(ox.parse(path=str(plain / "pfocr.nt"), format=ox.RdfFormat.N_TRIPLES)))
    for name, syntax in [("pfocr.nt.zst", "ntriples"), ("pfocr.ttl.zst", "turtle")]:
        result = subprocess.run(f"zstdcat '{z1 / name}' | rapper -i {syntax} -c - https://pfocr.wikipathways.org/",
                                shell=True, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0 and f"returned {count} triples" in result.stderr, result.stderr
    report = json.loads((z1 / "report.json").read_text())
    assert report["invocation"]["options"]["compress"] == "zstd"


def test_verify_accepts_the_compressed_export(tool, exports):
    result = run_tool(tool, "verify", exports["gzip1"])
    assert "all match report.json" in result.stdout + result.stderr


def test_rdf_consumers_read_the_gzip_files(exports):
    gz = exports["gzip1"]
    with gzip.open(gz / "pfocr.nt.gz", "rb") as handle:
        ntriples = set(ox.parse(input=handle, format=ox.RdfFormat.N_TRIPLES))
    with gzip.open(gz / "pfocr.ttl.gz", "rb") as handle:
        turtle = set(ox.parse(input=handle, format=ox.RdfFormat.TURTLE))
    assert ntriples == turtle and len(ntriples) > 0
    assert ntriples == set(ox.parse(path=str(exports["plain"] / "pfocr.nt"), format=ox.RdfFormat.N_TRIPLES))
    store = ox.Store()
    with gzip.open(gz / "pfocr.nt.gz", "rb") as handle:
        store.bulk_load(input=handle, format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == len(ntriples)
    if shutil.which("rapper") is None:
        pytest.fail("rapper (raptor2-utils) is not installed: run Scripts/test.sh")
    for name, syntax in [("pfocr.nt.gz", "ntriples"), ("pfocr.ttl.gz", "turtle"), ("void.ttl.gz", "turtle")]:
        result = subprocess.run(f"zcat '{gz / name}' | rapper -i {syntax} -c - https://pfocr.wikipathways.org/",
                                shell=True, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert "Error" not in result.stderr and "Warning" not in result.stderr, result.stderr
        if name != "void.ttl.gz":
            assert f"returned {len(ntriples)} triples" in result.stderr, result.stderr


def test_networkx_opens_the_graphml_gz(exports):
    compressed = nx.read_graphml(exports["gzip1"] / "pfocr.graphml.gz")
    plain = nx.read_graphml(exports["plain"] / "pfocr.graphml")
    assert compressed.number_of_nodes() == plain.number_of_nodes() > 0
    assert sorted(compressed.edges()) == sorted(plain.edges())
    assert dict(compressed.nodes(data=True)) == dict(plain.nodes(data=True))


def test_ndex2_reads_the_gunzipped_cx(exports):
    gz = exports["gzip1"]
    cx1_files = sorted((gz / "cx").glob("*.cx.gz"))
    cx2_files = sorted((gz / "cx2").glob("*.cx2.gz"))
    assert cx1_files and len(cx1_files) == len(cx2_files)
    for path in cx1_files[:50]:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            nice = ndex2.create_nice_cx_from_raw_cx(json.load(handle))
        assert len(nice.get_nodes()) > 0
    for path in cx2_files[:50]:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            network = RawCX2NetworkFactory().get_cx2network(json.load(handle))
        plain = json.loads((exports["plain"] / "cx2" / path.name[:-3]).read_text())
        nodes = next(aspect["nodes"] for aspect in plain if "nodes" in aspect)
        assert len(network.get_nodes()) == len(nodes)


def test_import_script_names_the_gz_files_and_kuzu_loads_them_decompressed(exports, tmp_path):
    gz = exports["gzip1"] / "neo4j"
    arguments = admin_arguments(gz, tmp_path)
    named = [argument.split("=", 1)[1] for argument in arguments if argument.startswith(("--nodes=", "--relationships="))]
    assert named and all(path.endswith(".csv.gz") and pathlib.Path(path).exists() for path in named)
    assert {pathlib.Path(path).name for path in named} == {path.name for path in gz.glob("*.csv.gz")}
    load_script = (gz / "load.cypher").read_text()
    assert all(f"'file:///{pathlib.Path(path).name}'" in load_script for path in named)
    # Kuzu reads plain CSV: decompress next to the plain names and point the command there.
    plain_dir = tmp_path / "decompressed"
    plain_dir.mkdir()
    for path in named:
        (plain_dir / pathlib.Path(path).name[:-3]).write_bytes(gzip.decompress(pathlib.Path(path).read_bytes()))
    arguments = [argument.replace(str(gz) + "/", str(plain_dir) + "/").replace(".csv.gz", ".csv") for argument in arguments]
    command = rules.parse_command(arguments)
    graph = rules.import_graph(command)
    connection = kuzu_load(command, tmp_path / "kuzu")
    figures = rows(connection, "MATCH (f:Figure) RETURN count(f)")[0][0]
    assert figures == len(graph.nodes_labelled("Figure")) > 0
    mentions = {(a, b) for a, b in rows(connection, "MATCH (f:Figure)-[:MENTIONS]->(g:Gene) RETURN f.id, g.id")}
    assert mentions == {(rel["start"][1], rel["end"][1]) for rel in graph.relationships_of("MENTIONS", "Gene")}


def test_kgx_and_gmt_lines_read_back(exports):
    gz, plain = exports["gzip1"], exports["plain"]
    for name in ["kgx/nodes.jsonl", "kgx/edges.jsonl"]:
        with gzip.open(gz / (name + ".gz"), "rt", encoding="utf-8") as handle:
            compressed = [json.loads(line) for line in handle]
        assert compressed == [json.loads(line) for line in (plain / name).read_text().splitlines()]
    for path in (gz / "gmt").glob("*.gmt.gz"):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            assert all(len(line.rstrip("\n").split("\t")) >= 3 for line in handle)


def test_archives_hold_each_formats_files_of_the_plain_export(exports):
    archive, plain = exports["archive"], exports["plain"]
    names = FORMATS.split(",")
    assert data_files(archive) == sorted(f"pfocr-{name}.tar.gz" for name in names)
    seen = set()
    for name in names:
        with tarfile.open(archive / f"pfocr-{name}.tar.gz", "r:gz") as tar:
            members = tar.getmembers()
            assert members, name
            assert [member.name for member in members] == sorted(member.name for member in members)
            for member in members:
                assert member.isfile() and member.mtime == 0 and member.uid == 0 and member.gid == 0 and member.mode == 0o644
                assert tar.extractfile(member).read() == (plain / member.name).read_bytes(), f"{name}: {member.name}"
                seen.add(member.name)
    assert seen == set(data_files(plain))
    report = json.loads((archive / "report.json").read_text())
    assert {entry["path"] for entry in report["files"]} == {f"pfocr-{name}.tar.gz" for name in names}


def test_archive_and_compress_together_are_refused(tool, tmp_path):
    result = run_tool(tool, "export", EXAMPLES, "--output", tmp_path / "out", "--archive", "--compress", "gzip", check=False)
    assert result.returncode == 64, result.stderr
    result = run_tool(tool, "export", EXAMPLES, "--output", tmp_path / "out", "--compress", "zip", check=False)
    assert result.returncode == 64 and "--compress" in result.stderr


def test_long_file_names_survive_the_archive_and_compression(tool, tmp_path):
    """A figid that makes a 200-byte CX file name: over ustar's 100 bytes, so the archive
    carries it in a PAX header; with --compress the name gets `.gz` and stays a legal name."""
    from test_cx import make_corpus
    figids = ["PMC1__" + "é/" * 150, "PMC1__plain-1.2_x"]
    corpus = make_corpus(tmp_path / "corpus", [(figid, [7157]) for figid in figids])
    export(tool, corpus, tmp_path / "plain", "cx2")
    export(tool, corpus, tmp_path / "archive", "cx2", "--archive")
    export(tool, corpus, tmp_path / "gz", "cx2", "--compress", "gzip")
    plain_names = sorted(str(path.relative_to(tmp_path / "plain")) for path in (tmp_path / "plain" / "cx2").iterdir())
    assert max(len(name.encode()) for name in plain_names) > 100
    with tarfile.open(tmp_path / "archive" / "pfocr-cx2.tar.gz", "r:gz") as tar:
        assert tar.getnames() == plain_names
        for name in plain_names:
            assert tar.extractfile(name).read() == (tmp_path / "plain" / name).read_bytes()
    listing = subprocess.run(["tar", "tzf", str(tmp_path / "archive" / "pfocr-cx2.tar.gz")], capture_output=True, text=True, check=True)
    assert listing.stdout.splitlines() == plain_names
    for name in plain_names:
        assert gzip.decompress((tmp_path / "gz" / (name + ".gz")).read_bytes()) == (tmp_path / "plain" / name).read_bytes()


def test_a_killed_compressed_export_leaves_only_complete_gzip_files(tool, tmp_path):
    """SIGKILL at several points of a --compress gzip export: every .gz under a final name
    decompresses whole (gzip raises on a truncated member), and the next run completes."""
    generator = tool.parent / "pfocr-kg-bench"
    if not generator.exists():
        pytest.fail(f"{generator} not built (swift build builds it)")
    corpus = tmp_path / "corpus"
    subprocess.run([str(generator), "--figures", "400", "--generate-only", str(corpus)], check=True, timeout=300)
    out = tmp_path / "out"
    command = [str(tool), "export", str(corpus), "--output", str(out), "--format", FORMATS, "--compress", "gzip", "-q"]
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    duration = time.monotonic() - started

    def final_gzip_files():
        return [path for path in out.rglob("*.gz") if ".pfocr-kg-staging-" not in str(path)]

    for fraction in [0.1, 0.3, 0.5, 0.7, 0.9, 0.97]:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        files = final_gzip_files()
        assert files
        for path in files:
            gzip.decompress(path.read_bytes())
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not [p for p in out.iterdir() if p.name.startswith(".pfocr-kg-staging-")]
    verified = run_tool(tool, "verify", out)
    assert "all match report.json" in verified.stdout + verified.stderr
