#!/usr/bin/env bash
# Fuzzes the record reader with libFuzzer (Swift's -sanitize=fuzzer) plus AddressSanitizer,
# seeded with the example corpus. Usage: Scripts/fuzz.sh [seconds] (default 60).
# Crashing inputs are written to Fuzz/crashes/; replay one with
#   swift run pfocr-kg-fuzz Fuzz/crashes/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
swift build --scratch-path .build-fuzz --product pfocr-kg-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >/dev/null
mkdir -p Fuzz/corpus-run Fuzz/crashes
cp -n Examples/pfocr-database/_figures/*.md Fuzz/corpus-run/ 2>/dev/null || true
for tsv in Examples/pfocr-database/_data/*.tsv; do
    # seed side-file inputs: an empty record, the marker, then the table
    name="seed-$(basename "$tsv")"
    [ -e "Fuzz/corpus-run/$name" ] || { printf -- '---\nfigid: x\n---\n\n%%%%\n'; cat "$tsv"; } > "Fuzz/corpus-run/$name"
done
.build-fuzz/debug/pfocr-kg-fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 Fuzz/corpus-run
