#!/bin/sh
# Instruction counts (valgrind callgrind; machine load does not disturb them)
# of toYaml as charts call it: YAMLWriter.marshal on every map and list of the
# bundled charts' values files, one call each (the `toYaml .Values.resources`
# pattern: many small inputs, where per-call set-up costs dominate).
# Reports numbers only. Usage: scripts/yaml-toyaml-instructions.sh
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${TOOLS:-/tmp/rudder-yaml-tools}
"$ROOT/scripts/yaml-tools/build.sh" "$TOOLS" >/dev/null
for file in "$ROOT"/charts/*/values.yaml; do
    line=$("$TOOLS/yaml-driver" subtrees "$file" 1)
    calls=$(echo "$line" | sed -n 's/^ok: \([0-9]*\) calls.*/\1/p')
    instructions=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect='*writePass*' \
        "$TOOLS/yaml-driver" subtrees "$file" 1 2>&1 >/dev/null | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
    echo "$file: $calls toYaml calls, $instructions instructions, $((instructions / calls)) per call"
done
