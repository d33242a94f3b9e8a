#!/bin/sh
# Values-file parse throughput: YAMLReader.readValues (Swift, -O) beside a
# bare libyaml event loop (C, -O2) over the same generated values file
# (default 20 MB), in CPU time, best of REPEAT. Goal: readValues at least half
# the bare loop's rate. Reports numbers only. On a loaded machine prefer the
# instruction counts of scripts/yaml-instructions.sh (bare/readValues ratio,
# and the toYaml/toJson writers), which load does not disturb.
# Usage: scripts/yaml-bench.sh [MB] [REPEAT]   (TOOLS=dir to build elsewhere)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MB=${1:-20}
REPEAT=${2:-3}
TOOLS=${TOOLS:-/tmp/rudder-yaml-tools}
"$ROOT/scripts/yaml-tools/build.sh" "$TOOLS" >/dev/null
FILE="$TOOLS/values-${MB}mb.yaml"
[ -f "$FILE" ] || python3 "$ROOT/scripts/yaml-tools/generate.py" values "$FILE" "$MB"
echo "input: $FILE ($(wc -c < "$FILE") bytes), best of $REPEAT"
bare=$("$TOOLS/bare-libyaml" "$FILE" "$REPEAT")
values=$("$TOOLS/yaml-driver" values "$FILE" "$REPEAT")
echo "bare libyaml event loop:  $bare"
echo "YAMLReader.readValues:    $values"
echo "$bare $values" | awk '{ for (i = 1; i <= NF; i++) if ($i == "MB/s") r[++n] = $(i - 1) }
    n == 2 { printf "readValues / bare:        %.0f%%\n", 100 * r[2] / r[1] }'
