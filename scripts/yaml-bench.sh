#!/bin/sh
# Values-file parse throughput: YAMLReader.readValues (Swift, -O) beside a
# bare libyaml event loop (C, -O2) over the same generated 20 MB values file.
# Goal: readValues at least half the bare loop's rate. Reports numbers only.
# Usage: scripts/yaml-bench.sh [MB] [REPEAT]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MB=${1:-20}
REPEAT=${2:-3}
TOOLS=${TOOLS:-/tmp/rudder-yaml-tools}
"$ROOT/scripts/yaml-tools/build.sh" "$TOOLS" >/dev/null
FILE="$TOOLS/values-${MB}mb.yaml"
[ -f "$FILE" ] || python3 "$ROOT/scripts/yaml-tools/generate.py" values "$FILE" "$MB"
echo "input: $FILE ($(wc -c < "$FILE") bytes), best of $REPEAT"
printf 'bare libyaml event loop:  '
"$TOOLS/bare-libyaml" "$FILE" "$REPEAT"
printf 'YAMLReader.readValues:    '
"$TOOLS/yaml-driver" values "$FILE" "$REPEAT"
