#!/bin/sh
# Benchmarks RudderRegex: hostile patterns (linear time) and matches per second
# on realistic inputs beside Swift's Regex. Reports numbers; asserts nothing.
# Usage: scripts/regex-bench.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root"/Sources/RudderRegex/*.swift "$work/"
cp "$root/scripts/regex-bench-main.swift" "$work/main.swift"
echo "compiling (swiftc -O)…" >&2
swiftc -O -module-name RegexBench "$work"/*.swift -o "$work/regex-bench"
"$work/regex-bench"
