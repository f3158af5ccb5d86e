"""Issue 7: no bad input crashes, hangs or corrupts an export, and nothing is lost silently.

Every case is generated here. Valid variants must read as the same record with no error;
broken cases must give exit 65 (or 0 with a warning, where nothing is rejected), exactly one
diagnostic naming the broken file with a line, every other record exported, and output files
that their consumers accept.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest

from conftest import ROOT, export, report_triples, run_tool
import pfocr_counts
import output_checks

GOOD = "---\nfigid: PMC1__good\npmcid: PMC1\nfigtitle: Good\norganisms: Homo sapiens\ngenes:\n- word: AKT\n  symbol: AKT1\n  source: hgnc_symbol\n  hgnc_symbol: AKT1\n  entrez: '207'\nchemicals:\n- word: ATP\n  source: MESH\n  identifier: D000255\ndiseases: []\n---\n"
DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<severity>error|warning): (?P<message>.+)$")


def all_formats(tool):
    """Every format the tool lists (`pfocr-kg formats`); PFOCR_TEST_FORMATS narrows it."""
    if os.environ.get("PFOCR_TEST_FORMATS"):
        return os.environ["PFOCR_TEST_FORMATS"]
    listing = run_tool(tool, "formats").stdout
    return ",".join(line for line in listing.splitlines() if line and not line.startswith(" "))


def record(figid, body=""):
    return f"---\nfigid: {figid}\npmcid: PMC9\n{body}genes:\n- word: TP53\n  entrez: '7157'\n---\n"


def alias_bomb():
    lines = ["---", "figid: PMC9__bomb", 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n---\n"


# name → (files relative to the corpus root, expected exit code, the file the diagnostic names)
BROKEN = {
    "invalid-utf8": ({"_figures/PMC9__x.md": b"---\nfigid: PMC9__x\ncaption: caf\xc3\x28\n---\n"}, 65, "PMC9__x.md"),
    "tab-indentation": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\ngenes:\n\t- word: A\n---\n"}, 65, "PMC9__x.md"),
    "never-closes": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\ncaption: x\n"}, 65, "PMC9__x.md"),
    "text-after-closing": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\n---\n# Body\n"}, 65, "PMC9__x.md"),
    "yaml-syntax": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\ncaption: [a, b\n---\n"}, 65, "PMC9__x.md"),
    "duplicate-keys": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\ncaption: a\ncaption: b\n---\n"}, 65, "PMC9__x.md"),
    "anchor-alias": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\nfigtitle: &t T\ncaption: *t\n---\n"}, 65, "PMC9__x.md"),
    "alias-bomb": ({"_figures/PMC9__bomb.md": alias_bomb()}, 65, "PMC9__bomb.md"),
    "deep-nesting": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\ncaption: " + "[" * 20000 + "]" * 20000 + "\n---\n"}, 65, "PMC9__x.md"),
    "deep-block-nesting": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\n" + "".join(" " * i + f"k{i}:\n" for i in range(40)) + " " * 40 + "v\n---\n"}, 65, "PMC9__x.md"),
    "huge-caption": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\ncaption: '" + "x" * (50 << 20) + "'\n---\n"}, 65, "PMC9__x.md"),
    "zero-bytes": ({"_figures/PMC9__x.md": b""}, 65, "PMC9__x.md"),
    "binary": ({"_figures/PMC9__x.md": bytes(range(256)) * 4}, 65, "PMC9__x.md"),
    "directory-named-md": ({"_figures/PMC9__x.md/inner.txt": "x"}, 65, "PMC9__x.md"),
    "genes-as-string": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\ngenes: TP53\n---\n"}, 65, "PMC9__x.md"),
    "entrez-not-number": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\ngenes:\n- word: TP53\n  entrez: 'TP53'\n---\n"}, 65, "PMC9__x.md"),
    "figid-missing": ({"_figures/PMC9__x.md": "---\ncaption: no figid\n---\n"}, 65, "PMC9__x.md"),
    "figid-empty": ({"_figures/PMC9__x.md": "---\nfigid: ''\n---\n"}, 65, "PMC9__x.md"),
    "figid-duplicated": ({"_figures/PMC9__x.md": record("PMC1__good")}, 65, "PMC9__x.md"),
    "figid-control": ({"_figures/PMC9__x.md": '---\nfigid: "PMC9__a\\u0007b"\ngenes: []\n---\n'}, 65, "PMC9__x.md"),
    "figid-slash": ({"_figures/PMC9__x.md": record("PMC9__a/b")}, 0, "PMC9__x.md"),
    "figid-dotdot": ({"_figures/PMC9__x.md": record("../../etc/PMC9")}, 0, "PMC9__x.md"),
    "figid-spaces-quotes": ({"_figures/PMC9__x.md": record("'PMC9__a \"b\" c'")}, 0, "PMC9__x.md"),
    "side-missing-column": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\n---\n", "_data/PMC9__x-genes.tsv": "word\tsymbol\nA\tB\n"}, 65, "PMC9__x-genes.tsv"),
    "side-ragged": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\n---\n", "_data/PMC9__x-genes.tsv": "word\tncbigene_id\nA\t1\nB\t2\textra\n"}, 65, "PMC9__x-genes.tsv"),
}

VALID = {
    "extra-columns-and-quotes": ({"_figures/PMC9__x.md": "---\nfigid: PMC9__x\n---\n", "_data/PMC9__x-genes.tsv": 'word\tncbigene_id\tnew_column\n"A, b"\t1\tz\nB\'s\t2\t"q"\n'}, 0),
}


def make_corpus(root, files):
    root = pathlib.Path(root)
    (root / "_figures").mkdir(parents=True, exist_ok=True)
    (root / "_data").mkdir(parents=True, exist_ok=True)
    (root / "_figures" / "PMC1__good.md").write_text(GOOD)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


def diagnostics(stderr):
    return [m for m in (DIAGNOSTIC.match(line) for line in stderr.splitlines()) if m]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_input(tool, tmp_path, case):
    files, code, named = BROKEN[case]
    corpus = make_corpus(tmp_path / "in", files)
    out = tmp_path / "out"
    result, report = export(tool, corpus, out, all_formats(tool), check=False)
    assert result.returncode == code, result.stderr[-2000:]
    found = diagnostics(result.stderr)
    assert len(found) == 1, result.stderr[-2000:]
    assert found[0]["file"].endswith(named), found[0].group(0)
    assert int(found[0]["line"]) >= 1
    assert report["records"]["exported"] >= 1
    assert "PMC1__good" in (out / "kgx" / "nodes.jsonl").read_text()
    output_checks.check_export(out, report)


def test_symlink_loop_and_dangling_link(tool, tmp_path):
    corpus = make_corpus(tmp_path / "in", {})
    os.symlink("loop.md", corpus / "_figures" / "loop.md")
    os.symlink("nowhere", corpus / "_figures" / "PMC9__dangling.md")
    result, report = export(tool, corpus, tmp_path / "out", all_formats(tool), check=False)
    assert result.returncode == 65
    named = sorted(os.path.basename(m["file"]) for m in diagnostics(result.stderr))
    assert named == ["PMC9__dangling.md", "loop.md"], result.stderr
    assert report["records"]["exported"] == 1


def test_unreadable_file_without_root(tool, tmp_path):
    """As root, chmod 000 does not stop reads: run the tool as nobody (setpriv)."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed")
    base = pathlib.Path(tempfile.mkdtemp(prefix="pfocr-unreadable-"))
    try:
        base.chmod(0o755)
        binary = base / "pfocr-kg"
        shutil.copy(tool, binary)
        binary.chmod(0o755)
        corpus = make_corpus(base / "in", {"_figures/PMC9__x.md": record("PMC9__x")})
        for folder in (base / "in", corpus / "_figures", corpus / "_data"):
            folder.chmod(0o755)
        (corpus / "_figures" / "PMC1__good.md").chmod(0o644)
        (corpus / "_figures" / "PMC9__x.md").chmod(0o000)
        out = base / "out"
        command = [str(binary), "export", str(corpus), "--output", str(out), "--format", "kgx-jsonl"]
        if os.geteuid() == 0:
            os.chmod(base, 0o777)
            command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] + command
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 65, result.stderr
        found = diagnostics(result.stderr)
        assert len(found) == 1 and found[0]["file"].endswith("PMC9__x.md"), result.stderr
        assert "Permission denied" in found[0]["message"]
        assert "PMC1__good" in (out / "kgx" / "nodes.jsonl").read_text()
    finally:
        subprocess.run(["chmod", "-R", "u+rwX", str(base)])
        shutil.rmtree(base, ignore_errors=True)


def test_valid_variants_read_as_the_same_record(tool, tmp_path):
    base_text = GOOD.replace("PMC1__good", "PMC9__v")
    variants = {
        "plain": base_text.encode(),
        "bom": b"\xef\xbb\xbf" + base_text.encode(),
        "crlf": base_text.replace("\n", "\r\n").encode(),
        "cr": base_text.replace("\n", "\r").encode(),
    }
    outputs = {}
    for name, content in variants.items():
        corpus = make_corpus(tmp_path / name / "in", {"_figures/PMC9__v.md": content})
        result, report = export(tool, corpus, tmp_path / name / "out", "kgx-jsonl")
        assert result.returncode == 0 and not diagnostics(result.stderr), result.stderr
        outputs[name] = (tmp_path / name / "out" / "kgx" / "nodes.jsonl").read_bytes()
    assert len(set(outputs.values())) == 1


def test_valid_side_file_variants(tool, tmp_path):
    files, code = VALID["extra-columns-and-quotes"]
    corpus = make_corpus(tmp_path / "in", files)
    result, report = export(tool, corpus, tmp_path / "out", all_formats(tool), check=False)
    assert result.returncode == code and not diagnostics(result.stderr), result.stderr
    nodes = [json.loads(line) for line in (tmp_path / "out" / "kgx" / "edges.jsonl").read_text().splitlines()]
    words = sorted(w for edge in nodes for w in edge.get("supporting_text", []))
    assert '"A, b"' in words and "B's" in words
    output_checks.check_export(tmp_path / "out", report)


def test_one_mesh_id_as_chemical_and_disease(tool, tmp_path):
    """A MeSH id that OCR matched as a chemical and as a disease is a Chemical node and a
    Disease node; every format stays loadable (unique GraphML ids, one ID space per label)."""
    files = {
        "_figures/PMC9__x.md": "---\nfigid: PMC9__x\n---\n",
        "_data/PMC9__x-chemicals.tsv": "word\tmesh\tmatch\tname\tchebi\nX\tmesh:D009369\tX\tx\tNA\n",
        "_data/PMC9__x-diseases.tsv": "word\tmesh\tmatch\tname\tdoid\ntumour\tmesh:D009369\tNeoplasms\tneoplasms\tNA\n",
        "_figures/PMC9__y.md": "---\nfigid: PMC9__y\ndiseases:\n- word: cancer\n  source: MESH\n  identifier: D009369\n---\n",
    }
    corpus = make_corpus(tmp_path / "in", files)
    out = tmp_path / "out"
    result, report = export(tool, corpus, out, all_formats(tool))
    assert result.returncode == 0, result.stderr
    assert report["nodes"]["Chemical"] == 1 + 1 and report["nodes"]["Disease"] == 1
    output_checks.check_export(out, report)
    # Issue 15: no identifier names two things, and no format writes anything twice.
    output_checks.check_no_repeats(out)
    figure = "https://pfocr.wikipathways.org/figures/PMC9__x.html"
    import pyoxigraph as ox
    for path, syntax in (("pfocr.nt", ox.RdfFormat.N_TRIPLES), ("pfocr.ttl", ox.RdfFormat.TURTLE)):
        if not (out / path).exists():
            continue
        triples = list(ox.parse(path=str(out / path), format=syntax))
        assert len(triples) == len(set(triples)), path
        words = {t.subject.value: t.object.value for t in triples
                 if t.predicate.value.endswith("#ocrWord") and "PMC9__" in t.subject.value}
        assert words == {
            figure + "#mention-chemical-mesh-D009369-row1": "X",
            figure + "#mention-disease-mesh-D009369-row1": "tumour",
            "https://pfocr.wikipathways.org/figures/PMC9__y.html#mention-disease-mesh-D009369-row1": "cancer",
        }, path
        mesh = [t for t in triples if t.subject.value == "https://identifiers.org/mesh/D009369"]
        assert sorted(t.object.value for t in mesh if t.predicate.value.endswith("#type")) == [
            "http://vocabularies.wikipathways.org/wp#Metabolite", "https://w3id.org/biolink/vocab/Disease"]
        # The chemical came first: its label; pfocr:meshID once.
        assert [t.object.value for t in mesh if t.predicate.value.endswith("#label")] == ["x"]
        assert [t.object.value for t in mesh if t.predicate.value.endswith("#meshID")] == ["D009369"]
    if (out / "pfocr.nt").exists():
        lines = (out / "pfocr.nt").read_bytes().splitlines()
        assert report_triples(report) == len(lines)
        subjects = {line.split(b" ", 1)[0] for line in lines}
        void = (out / "void.ttl").read_text()
        assert f'void:entities "{len(subjects)}"^^xsd:integer' in void.split("void:classPartition")[0]
    if (out / "kgx").is_dir():
        edges = [json.loads(line) for line in (out / "kgx" / "edges.jsonl").read_text().splitlines()]
        assert sorted(e["id"] for e in edges if e["object"] == "MESH:D009369") == [
            "PFOCR:PMC9__x--biolink:mentions--MESH:D009369--chemical",
            "PFOCR:PMC9__x--biolink:mentions--MESH:D009369--disease",
            "PFOCR:PMC9__y--biolink:mentions--MESH:D009369--disease",
        ]


def test_unidentified_terms_are_counted_not_lost(tool, tmp_path):
    files = {
        "_figures/PMC9__x.md": "---\nfigid: PMC9__x\n---\n",
        "_data/PMC9__x-chemicals.tsv": "word\tmesh\tmatch\tname\tchebi\nmystery\tNA\tNA\tNA\tNA\n",
        "_data/PMC9__x-diseases.tsv": "word\tmesh\tmatch\tname\tdoid\nillness\tNA\tNA\tNA\tNA\n",
    }
    corpus = make_corpus(tmp_path / "in", files)
    # GraphML: KGX keeps Biolink slots only and leaves these words out (Docs/kgx.md).
    result, report = export(tool, corpus, tmp_path / "out", "graphml")
    assert result.returncode == 0 and not diagnostics(result.stderr)
    assert report["rows"]["chemical"]["unidentified"] == 1 and report["rows"]["disease"]["unidentified"] == 1
    assert report["rows"]["chemical"]["balanced"] and report["rows"]["disease"]["balanced"]
    graphml = (tmp_path / "out" / "pfocr.graphml").read_text()
    assert '<data key="unidentifiedChemicals">["mystery"]</data>' in graphml
    assert '<data key="unidentifiedDiseases">["illness"]</data>' in graphml


def test_conservation_on_a_generated_corpus_with_bad_rows(tool, tmp_path):
    """A generated corpus with ragged rows, bad ids and unidentified rows mixed in: the row
    balance holds per kind, and exported rows equal what an independent reader finds."""
    import random
    rng = random.Random(7)
    root = tmp_path / "in"
    (root / "_figures").mkdir(parents=True)
    (root / "_data").mkdir()
    expected = {"read": 0, "rejected": 0, "unidentified": 0}
    for index in range(200):
        figid = f"PMC{index}__g{index}"
        if index % 3 == 0:
            genes = ""
            for _ in range(rng.randint(0, 20)):
                roll = rng.random()
                entrez = "NA" if roll < 0.1 else ("x1" if roll < 0.15 else str(rng.randint(1, 500)))
                genes += f"- word: W{rng.randint(0, 9)}\n  entrez: '{entrez}'\n"
                expected["read"] += 1
                expected["unidentified"] += entrez == "NA"
                expected["rejected"] += entrez == "x1"
            (root / "_figures" / f"{figid}.md").write_text(f"---\nfigid: {figid}\ngenes:\n{genes or '[]'}\n---\n".replace("genes:\n[]", "genes: []"))
        else:
            (root / "_figures" / f"{figid}.md").write_text(f"---\nfigid: {figid}\n---\n")
            lines = ["word\tncbigene_id"]
            for _ in range(rng.randint(0, 30)):
                roll = rng.random()
                expected["read"] += 1
                if roll < 0.05:
                    lines.append("ragged")
                    expected["rejected"] += 1
                elif roll < 0.1:
                    lines.append("W\tNA")
                    expected["unidentified"] += 1
                else:
                    lines.append(f"W\t{rng.randint(1, 500)}")
            (root / "_data" / f"{figid}-genes.tsv").write_text("\n".join(lines) + "\n")
    result, report = export(tool, root, tmp_path / "out", "kgx-jsonl", check=False)
    assert result.returncode == 65
    genes = report["rows"]["gene"]
    assert genes["balanced"]
    assert genes["read"] == expected["read"]
    assert genes["rejectedTotal"] == expected["rejected"]
    assert genes["unidentified"] == expected["unidentified"]
    assert genes["exported"] == expected["read"] - expected["rejected"] - expected["unidentified"]
    assert len([line for line in result.stderr.splitlines() if ": error: " in line]) == expected["rejected"]


def test_generated_corpus_writes_nothing_twice(synthetic_export):
    """Issue 15 at scale: on 2,000 generated figures, among them figures that mention one
    MeSH id as a chemical and as a disease, the N-Triples have no repeated line (report.json
    counts each once) and the KGX edge ids are unique."""
    _, out, report = synthetic_export
    edges = [json.loads(line) for line in (out / "kgx" / "edges.jsonl").read_text().splitlines()]
    kinds = {}
    for edge in edges:
        if edge["object"].startswith("MESH:"):
            kinds.setdefault((edge["subject"], edge["object"]), []).append(edge["id"].rsplit("--", 1)[1])
    both = [pair for pair, found in kinds.items() if sorted(found) == ["chemical", "disease"]]
    assert both, "the generated corpus has no figure mentioning a MeSH id as both kinds"
    output_checks.check_no_repeats(out)
    lines = (out / "pfocr.nt").read_bytes().splitlines()
    assert report_triples(report) == len(lines) == len(set(lines))
    figure, mesh = both[0]
    iri = "<https://pfocr.wikipathways.org/figures/" + figure.split(":", 1)[1] + ".html#mention-{}-mesh-" + mesh.split(":", 1)[1] + ">"
    text = (out / "pfocr.nt").read_text(encoding="utf-8")
    assert iri.format("chemical") in text and iri.format("disease") in text


@pytest.mark.parametrize("classes", [
    ("[wp:Metabolite]", "[]", "1234"),                   # the disease kind has nothing of its own
    ("[]", "[wp:Metabolite, biolink:Disease]", "1234"),  # a class both kinds have
    ("[]", "[]", "1234"),
    ("[]", "[]", "NA"),                                  # the chemical adds nothing: no block at all
])
def test_one_mesh_id_as_two_kinds_with_other_vocabularies(tool, tmp_path, classes):
    """A MeSH term first reached as a disease (PMC9__w), then as a chemical and a disease in
    one figure (PMC9__x), under vocabularies where a kind has no triple of its own or shares
    a class with the other: Turtle stays valid (a block may start in the part only the IRI's
    first node writes), Turtle and N-Triples hold the same triples, and none is written twice."""
    chemical, disease, chebi = classes
    vocabulary = (ROOT / "Mappings" / "vocabulary.yaml").read_text()
    vocabulary = vocabulary.replace("  Chemical:\n    rdf_class: [wp:Metabolite]", f"  Chemical:\n    rdf_class: {chemical}")
    vocabulary = vocabulary.replace("  Disease:\n    rdf_class: [biolink:Disease]", f"  Disease:\n    rdf_class: {disease}")
    assert vocabulary.count("rdf_class: " + chemical) >= 1 and vocabulary.count("rdf_class: " + disease) >= 1
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "vocabulary.yaml").write_text(vocabulary)
    files = {
        "_figures/PMC9__w.md": "---\nfigid: PMC9__w\ndiseases:\n- word: cancer\n  source: MESH\n  identifier: D009369\n---\n",
        "_figures/PMC9__x.md": "---\nfigid: PMC9__x\n---\n",
        "_data/PMC9__x-chemicals.tsv": f"word\tmesh\tmatch\tname\tchebi\nX\tmesh:D009369\tX\tx\t{chebi}\n",
        "_data/PMC9__x-diseases.tsv": "word\tmesh\tmatch\tname\tdoid\ntumour\tmesh:D009369\tNeoplasms\tneoplasms\t162\n",
    }
    corpus = make_corpus(tmp_path / "in", files)
    out = tmp_path / "out"
    result, report = export(tool, corpus, out, "turtle,ntriples,kgx-jsonl", "--mappings", mappings)
    assert result.returncode == 0, result.stderr
    output_checks.check_export(out, report)
    output_checks.check_no_repeats(out)
    import pyoxigraph as ox
    turtle = list(ox.parse(path=str(out / "pfocr.ttl"), format=ox.RdfFormat.TURTLE))
    ntriples = list(ox.parse(path=str(out / "pfocr.nt"), format=ox.RdfFormat.N_TRIPLES))
    assert len(turtle) == len(set(turtle)) == len(ntriples) == report_triples(report)
    assert set(turtle) == set(ntriples)
    mesh = {(t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], t.object.value) for t in ntriples
            if t.subject.value == "https://identifiers.org/mesh/D009369"}
    # The disease came first: its label; the chemical adds its own cross-reference.
    assert ("label", "cancer") in mesh and ("meshID", "D009369") in mesh
    assert (("chebiID", "1234") in mesh) == (chebi == "1234")
    assert not any(p == "label" and o != "cancer" for p, o in mesh)
