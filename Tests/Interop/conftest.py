"""Shared fixtures of the interop tests: the built tool, the shared sample, export helpers."""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "Examples" / "pfocr-database"
SHARED_SAMPLE = ROOT.parent / "shared" / "pfocr-sample"


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
