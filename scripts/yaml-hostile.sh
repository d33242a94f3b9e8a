#!/bin/sh
# Time and peak memory of YAMLReader.readValues on each hostile input
# (goal: each under a second and 100 MiB), measured with /usr/bin/time -v:
# wall time, CPU time (user + system; steadier on a shared machine), peak RSS.
# Usage: scripts/yaml-hostile.sh
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${TOOLS:-/tmp/rudder-yaml-tools}
"$ROOT/scripts/yaml-tools/build.sh" "$TOOLS" >/dev/null
DIR="$TOOLS/hostile"
[ -d "$DIR" ] || python3 "$ROOT/scripts/yaml-tools/generate.py" hostile "$DIR"
printf '%-28s %10s %8s %8s %8s  %s\n' input bytes wall-s cpu-s MiB outcome
for f in "$DIR"/*.yaml; do
    out=$(/usr/bin/time -v "$TOOLS/yaml-driver" values "$f" 2>"$TOOLS/time.txt" | head -1 | cut -c1-90) || true
    secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TOOLS/time.txt" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TOOLS/time.txt")
    user=$(sed -n 's/.*User time (seconds): //p' "$TOOLS/time.txt")
    system=$(sed -n 's/.*System time (seconds): //p' "$TOOLS/time.txt")
    cpu=$(echo "$user $system" | awk '{ printf "%.2f", $1 + $2 }')
    printf '%-28s %10s %8s %8s %8s  %s\n' "$(basename "$f")" "$(wc -c < "$f")" "$secs" "$cpu" "$((kb / 1024))" "$out"
done
