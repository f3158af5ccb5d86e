"""Shared fixtures of the interop tests: the built tool, the shared sample, export helpers."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "Examples" / "pfocr-database"
SHARED_SAMPLE = ROOT.parent / "shared" / "pfocr-sample"
SYNTH_CORPUS = ROOT.parent / "shared" / "bench" / "synth_corpus.py"
SYNTHETIC_FIGURES = 2000


@pytest.fixture(scope="session")
def tool():
    """The pfocr-kg binary (Scripts/test.sh builds it; PFOCR_KG overrides)."""
    path = pathlib.Path(os.environ.get("PFOCR_KG", ROOT / ".build" / "debug" / "pfocr-kg"))
    if not path.exists():
        pytest.fail(f"{path} not built: run Scripts/test.sh (or swift build) first")
    return path


@pytest.fixture(scope="session")
def shared_sample():
    """../shared/pfocr-sample, or a skip saying it is absent."""
    if not (SHARED_SAMPLE / "_figures").is_dir():
        pytest.skip(f"{SHARED_SAMPLE} is absent: the real-record checks need ../shared/pfocr-sample")
    return SHARED_SAMPLE


def run_tool(tool, *args, check=True):
    result = subprocess.run([str(tool), *map(str, args)], capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"pfocr-kg {' '.join(map(str, args))} exited {result.returncode}\n{result.stderr}")
    return result


def export(tool, inputs, out, formats, *extra, check=True):
    """Runs `pfocr-kg export` and returns (result, report dict or None)."""
    inputs = inputs if isinstance(inputs, (list, tuple)) else [inputs]
    result = run_tool(tool, "export", *inputs, "--output", out, "--format", formats, *extra, check=check)
    report_path = pathlib.Path(out) / "report.json"
    report = json.loads(report_path.read_text()) if report_path.exists() else None
    return result, report


@pytest.fixture(scope="session")
def examples_dir():
    return EXAMPLES


def report_triples(report):
    """The RDF triple count report.json gives (the N-Triples sink's, else Turtle's: both
    count the same triples, each written once)."""
    sinks = report["sinks"]
    sink = sinks.get("ntriples") or sinks["turtle"]
    return sink["counts"]["triples"]


@pytest.fixture(scope="session")
def synthetic_export(tool, tmp_path_factory):
    """(corpus, export folder, report) of a 2,000-figure corpus that
    ../shared/bench/synth_corpus.py generates (seed 1) into a temporary folder, exported as
    N-Triples and KGX; or a skip saying the generator is absent. Seed 1 has figures that
    mention one MeSH id as a chemical and as a disease."""
    if not SYNTH_CORPUS.exists():
        pytest.skip(f"{SYNTH_CORPUS} is absent: the generated-corpus checks need ../shared/bench")
    base = tmp_path_factory.mktemp("synthetic")
    corpus = base / "corpus"
    subprocess.run([sys.executable, str(SYNTH_CORPUS), "--figures", str(SYNTHETIC_FIGURES), "--seed", "1", "--out", str(corpus)],
                   check=True, capture_output=True, timeout=900)
    out = base / "out"
    _, report = export(tool, corpus, out, "ntriples,kgx-jsonl")
    return corpus, out, report
