#!/bin/sh
# Instruction counts (valgrind callgrind, which machine load does not disturb)
# of one pass over a generated values file: the bare libyaml event loop,
# YAMLReader.readValues, and the toYaml/toJson writers over the values read.
# The parse ratio (bare / readValues) is the throughput goal's proxy: at least
# 0.5. Reports numbers only. Usage: scripts/yaml-instructions.sh [MB]
# (default 2: callgrind runs about 50 times slower than the program).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MB=${1:-2}
TOOLS=${TOOLS:-/tmp/rudder-yaml-tools}
"$ROOT/scripts/yaml-tools/build.sh" "$TOOLS" >/dev/null
FILE="$TOOLS/values-${MB}mb.yaml"
[ -f "$FILE" ] || python3 "$ROOT/scripts/yaml-tools/generate.py" values "$FILE" "$MB"
count() { # FUNCTION-PATTERN COMMAND...: instructions inside FUNCTION-PATTERN
    pattern=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="$pattern" "$@" 2>&1 >/dev/null \
        | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
bare=$(count parse_once "$TOOLS/bare-libyaml" "$FILE" 1)
values=$(count '*readValuesPass*' "$TOOLS/yaml-driver" values "$FILE" 1)
toyaml=$(count '*writePass*' "$TOOLS/yaml-driver" toyaml "$FILE" 1)
tojson=$(count '*writePass*' "$TOOLS/yaml-driver" tojson "$FILE" 1)
echo "input: $FILE ($(wc -c < "$FILE") bytes), instructions of one pass"
echo "bare libyaml event loop:  $bare"
echo "YAMLReader.readValues:    $values"
awk -v b="$bare" -v v="$values" 'BEGIN { printf "ratio bare/readValues:    %.3f\n", b / v }'
echo "toYaml (YAMLWriter):      $toyaml"
echo "toJson (JSONWriter):      $tojson"
