#!/bin/sh
# Compares toYaml and toYamlPretty output of the working tree with that of a
# git revision (default HEAD) on generated values (scripts/yaml-tools/driver.swift
# `dump`: tricky strings, keys, numbers, nesting) and on every map and list of
# the bundled charts' values files. Any difference is printed; exit status 1.
# Usage: scripts/yaml-writer-compare.sh [REV] [COUNT]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REV=${1:-HEAD}
COUNT=${2:-20000}
WORK=${WORK:-/tmp/rudder-yaml-compare}
rm -rf "$WORK/base"
mkdir -p "$WORK/base"
(cd "$ROOT" && git archive "$REV" Sources/RudderCore Sources/RudderYAML Sources/CYAML scripts/yaml-tools) | tar -x -C "$WORK/base"
# The base revision's sources with this tree's driver (so both dump the same values).
cp "$ROOT/scripts/yaml-tools/driver.swift" "$ROOT/scripts/yaml-tools/build.sh" "$WORK/base/scripts/yaml-tools/"
"$WORK/base/scripts/yaml-tools/build.sh" "$WORK/base-tools" >/dev/null
"$ROOT/scripts/yaml-tools/build.sh" "$WORK/new-tools" >/dev/null
status=0
for seed in 1 2 3; do
    "$WORK/base-tools/yaml-driver" dump "$seed" "$COUNT" > "$WORK/base-$seed.txt"
    "$WORK/new-tools/yaml-driver" dump "$seed" "$COUNT" > "$WORK/new-$seed.txt"
    if cmp -s "$WORK/base-$seed.txt" "$WORK/new-$seed.txt"; then
        echo "seed $seed: $COUNT values, output identical ($(wc -c < "$WORK/new-$seed.txt") bytes)"
    else
        echo "seed $seed: output differs"
        diff "$WORK/base-$seed.txt" "$WORK/new-$seed.txt" | head -40
        status=1
    fi
done
exit $status
