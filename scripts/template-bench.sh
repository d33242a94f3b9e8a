#!/bin/sh
# Benchmarks RudderTemplate: renders a 10,000-action template (fields, ifs,
# ranges, includes) 1,000 times and reports renders per second.
#
# Usage: scripts/template-bench.sh [ACTIONS] [RENDERS]
#
# No executable target is added to Package.swift: this script compiles
# RudderCore and RudderTemplate with -O as static libraries under
# .build/template-bench/ and links scripts/template-bench.swift against them.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.build/template-bench"
mkdir -p "$out"
swiftc=${SWIFTC:-swiftc}
"$swiftc" -O -wmo -parse-as-library -module-name RudderCore \
    -emit-module -emit-module-path "$out/RudderCore.swiftmodule" \
    -emit-library -static -o "$out/libRudderCore.a" "$root"/Sources/RudderCore/*.swift
"$swiftc" -O -wmo -parse-as-library -module-name RudderTemplate -I "$out" \
    -emit-module -emit-module-path "$out/RudderTemplate.swiftmodule" \
    -emit-library -static -o "$out/libRudderTemplate.a" "$root"/Sources/RudderTemplate/*.swift
"$swiftc" -O -I "$out" -L "$out" -lRudderTemplate -lRudderCore \
    "$root/scripts/template-bench.swift" -o "$out/template-bench"
"$out/template-bench" "${1:-10000}" "${2:-1000}"
