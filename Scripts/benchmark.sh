#!/usr/bin/env bash
# Benchmark: builds release binaries, generates a deterministic corpus of N figures (default
# 10000; cached in .build-bench/) and prints, for validate and each export format, seconds,
# records/s, input MB/s, output size and peak RSS. Usage: Scripts/benchmark.sh [N] [formats]
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/ensure-system-packages.sh
swift build -c release --product pfocr-kg
swift build -c release --product pfocr-kg-bench
args=(--figures "${1:-10000}")
[ -n "${2:-}" ] && args+=(--formats "$2")
.build/release/pfocr-kg-bench "${args[@]}"
