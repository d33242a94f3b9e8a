#!/bin/sh
# Builds the measurement tools into $1 (default /tmp/rudder-yaml-tools):
# RudderCore and RudderYAML compiled with -O -wmo (as release builds are) straight from Sources/ (no
# package change needed), the Swift driver, and the bare libyaml C loop.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-/tmp/rudder-yaml-tools}
mkdir -p "$OUT"
cd "$OUT"
# ar adds to an existing archive: start from none.
rm -f libRudderCore.a libRudderYAML.a
SWIFTC=${SWIFTC:-swiftc}
$SWIFTC -O -wmo -parse-as-library -module-name RudderCore -emit-module -emit-library -static \
    "$ROOT"/Sources/RudderCore/*.swift -o libRudderCore.a
$SWIFTC -O -wmo -parse-as-library -module-name RudderYAML -emit-module -emit-library -static \
    -I . -I "$ROOT/Sources/CYAML" "$ROOT"/Sources/RudderYAML/*.swift -o libRudderYAML.a
$SWIFTC -O -parse-as-library -I . -I "$ROOT/Sources/CYAML" "$ROOT/scripts/yaml-tools/driver.swift" \
    -L . -lRudderYAML -lRudderCore -lyaml -o yaml-driver
cc -O2 "$ROOT/scripts/yaml-tools/bare-libyaml.c" -lyaml -o bare-libyaml
echo "built $OUT/yaml-driver and $OUT/bare-libyaml"
