#!/usr/bin/env bash
# The main job on a fresh machine: installs what the build needs, builds pfocr-kg in release
# mode, and exports the example corpus in every format into ./out (or the folder given).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/ensure-system-packages.sh
swift build -c release --product pfocr-kg
.build/release/pfocr-kg export Examples/pfocr-database --output "${1:-out}"
