#!/usr/bin/env bash
# Installs the Debian packages pfocr-kg needs, only those missing. The tool itself needs
# libcrypto's headers (libssl-dev: SHA-256), libdeflate's (libdeflate-dev: --compress gzip,
# --archive), libzstd's (libzstd-dev: --compress zstd) and pkg-config besides the Swift
# toolchain; with --test also libxml2's headers (the GraphML tests read and validate through
# libxml2 in-process), rapper (RDF), xmllint (XSD), the zstd tool (reads --compress zstd
# output back) and Virtuoso's server and isql client
# (virtuoso-opensource-7-bin: the binaries of Debian's virtuoso-opensource without its system
# service and debconf password question; the RDF store tests start a private server through
# Scripts/load-virtuoso.sh).
set -euo pipefail
packages=(libssl-dev libdeflate-dev libzstd-dev pkg-config)
[ "${1:-}" = "--test" ] && packages+=(libxml2-dev raptor2-utils libxml2-utils zstd virtuoso-opensource-7-bin)
need=()
for pkg in "${packages[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
command -v apt-get >/dev/null || { echo "install these packages first: ${need[*]}" >&2; exit 1; }
echo "installing Debian packages: ${need[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
