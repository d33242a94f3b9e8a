#!/bin/sh
# Writes the shell completions and the man page of rudder, generated from the
# command definitions by the built binary, into a folder (default
# .build/integrations): rudder.bash, _rudder (zsh), rudder.fish, rudder.1.
# Usage: scripts/integration-completions.sh [OUTPUT_DIR] (RUDDER_BIN overrides the binary).
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
"$rudder" manual > "$out/rudder.1"
echo "wrote $out/rudder.bash $out/_rudder $out/rudder.fish $out/rudder.1" >&2
