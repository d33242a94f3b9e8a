#!/bin/sh
# Writes the shell completions and the man page of rudder, generated from the
# command definitions by the built binary, into a folder (default
# .build/integrations): rudder.bash, _rudder (zsh), rudder.fish, rudder.1.
# Usage: scripts/integration-completions.sh [OUTPUT_DIR] (RUDDER_BIN overrides the binary).
# With RUDDER_MANUAL_PLUGIN=1 the man page comes instead from swift-argument-parser's
# generate-manual plugin (mdoc; works offline, builds the package in debug mode).
# Tests/RudderCLITests/CompletionTests.swift checks that they name every command.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rudder=${RUDDER_BIN:-$root/.build/debug/rudder}
out=${1:-$root/.build/integrations}
if [ ! -x "$rudder" ]; then
  (cd "$root" && swift build --product rudder)
fi
mkdir -p "$out"
"$rudder" completion bash > "$out/rudder.bash"
"$rudder" completion zsh > "$out/_rudder"
"$rudder" completion fish > "$out/rudder.fish"
if [ "${RUDDER_MANUAL_PLUGIN:-0}" = 1 ]; then
  (cd "$root" && swift package plugin generate-manual --configuration debug >&2)
  cp "$root/.build/plugins/GenerateManual/outputs/rudder/rudder.1" "$out/rudder.1"
else
  "$rudder" manual > "$out/rudder.1"
fi
echo "wrote $out/rudder.bash $out/_rudder $out/rudder.fish $out/rudder.1" >&2
