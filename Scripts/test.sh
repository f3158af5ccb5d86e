#!/usr/bin/env bash
# Runs every test of pfocr-kg on a fresh machine: installs what the interop tests need
# (Debian packages, a Python venv with pinned consumer packages), builds, runs the Swift
# tests, then the interop tests against the real consumers. Idempotent; .ci/run runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: rapper (RDF), xmllint (GraphML XSD), libxml2 headers (GraphML tests),
# Virtuoso (the RDF store tests).
Scripts/ensure-system-packages.sh --test

# Python venv with the pinned consumers, rebuilt only when requirements change.
req=Tests/Interop/requirements.txt
stamp=.venv/.requirements.sha256
sum=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    echo "creating .venv with $req"
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -r "$req"
    echo "$sum" > "$stamp"
fi

# The real kgx (Tests/Interop/test_kgx.py) in its own venv: its tree (linkml, pandas, bmt...)
# would otherwise pin .venv's packages. About 50 s on a fresh machine (Docs/kgx.md).
req=Tests/Interop/requirements-kgx.txt
stamp=.venv-kgx/.requirements.sha256
sum=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -x .venv-kgx/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    echo "creating .venv-kgx with $req"
    python3 -m venv .venv-kgx
    .venv-kgx/bin/pip install -q --disable-pip-version-check -r "$req"
    echo "$sum" > "$stamp"
fi

# The toolchain's own formatter, with the checked-in .swift-format (Tests/ has its own, which
# allows force-unwraps and try!): any difference from its layout or a rule broken fails.
swift format lint --strict --recursive Sources Tests Package.swift

swift build
swift test

# A bounded fuzzing run of the record reader (libFuzzer + AddressSanitizer); any crash fails.
Scripts/fuzz.sh "${PFOCR_FUZZ_SECONDS:-60}" 2>&1 | tail -n 4

# The real consumers, last, so their summary closes the output.
.venv/bin/python -m pytest -q Tests/Interop "$@"
