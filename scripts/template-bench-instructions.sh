#!/bin/sh
# Instruction counts (callgrind) of `rudder template` on the scaffold and the
# two bundled charts: the whole run, template parsing (TemplateSet.parseFile)
# and template execution (TemplateSet.execute), all threads together.
# Counts do not depend on machine load, so they compare builds reliably.
#
# Usage: swift build -c release --product rudder && scripts/template-bench-instructions.sh [RUDDER]
#
# valgrind cannot read the release binary's debug information: the script
# measures a stripped copy.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-"$root/.build/release/rudder"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
objcopy --strip-debug "$binary" "$work/rudder"
cd "$root"
measure() {
    label=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$work/$label.cg" "$work/rudder" template "$@" \
        >/dev/null 2>"$work/$label.err"
    report=$(callgrind_annotate --inclusive=yes "$work/$label.cg")
    total=$(echo "$report" | grep 'PROGRAM TOTALS' | awk '{print $1}')
    parse=$(echo "$report" | grep -m1 'RudderTemplate0B3SetV9parseFile' | awk '{print $1}')
    execute=$(echo "$report" | grep -m1 'RudderTemplate0B3SetV7execute' | awk '{print $1}')
    printf '%-14s total %12s   parsing %11s   execution %11s\n' "$label" "$total" "${parse:-?}" "${execute:-?}"
}
measure scaffold x Tests/Fixtures/render/scaffold
measure anything-llm e charts/anything-llm -f charts/anything-llm/departments/engineering.yaml
measure lobe-chat s charts/lobe-chat -f charts/lobe-chat/departments/sales.yaml
