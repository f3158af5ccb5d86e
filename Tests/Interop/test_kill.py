"""Issue 7: an export killed with SIGKILL at any moment leaves no incomplete file under a final
name, and the next run cleans the staging folder and completes."""
import json
import os
import pathlib
import signal
import subprocess
import time

import pytest

import output_checks
from test_adversarial import all_formats

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def large_corpus(tmp_path_factory, tool):
    generator = pathlib.Path(os.environ.get("PFOCR_KG_BENCH", tool.parent / "pfocr-kg-bench"))
    if not generator.exists():
        pytest.fail(f"{generator} not built (swift build builds it)")
    root = tmp_path_factory.mktemp("kill") / "corpus"
    subprocess.run([str(generator), "--figures", "800", "--generate-only", str(root)], check=True, timeout=300)
    return root


def test_sigkill_at_many_points(tool, large_corpus, tmp_path):
    out = tmp_path / "out"
    formats = all_formats(tool)
    command = [str(tool), "export", str(large_corpus), "--output", str(out), "--format", formats]
    # How long a whole run takes, to spread the kill points over it.
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    duration = time.monotonic() - started
    output_checks.check_export(out, json.loads((out / "report.json").read_text()))
    final_files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and ".pfocr-kg-staging-" not in str(p))

    fractions = [0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.8, 0.9, 0.95, 0.99]
    before = output_checks.snapshot(out)
    for fraction in fractions:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        # Whatever stands under a final name is complete and accepted by its consumer.
        report = out / "report.json"
        if report.exists():
            json.loads(report.read_text())
        # Files the killed run moved into place (or that vanished) are checked again.
        after = output_checks.snapshot(out)
        changed = {path for path, stamp in after.items() if before.get(path) != stamp}
        output_checks_without_staging(out, changed)
        before = after

    # The next run removes the stale staging folders and completes.
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not [p for p in out.iterdir() if p.name.startswith(".pfocr-kg-staging-")]
    output_checks.check_export(out, json.loads((out / "report.json").read_text()))
    assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == final_files


def output_checks_without_staging(out, changed):
    """check_export of the changed files, except that a staging folder left by the kill is
    expected."""
    staging = [p for p in out.iterdir() if p.name.startswith(".pfocr-kg-staging-")]
    hidden = []
    for index, path in enumerate(staging):
        target = out.parent / f"staging-{index}-{time.monotonic_ns()}"
        path.rename(target)
        hidden.append((target, path))
    try:
        output_checks.check_export(out, only=changed)
    finally:
        for target, path in hidden:
            target.rename(path)
