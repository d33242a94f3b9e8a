#!/usr/bin/env bash
# Renders the bundled charts with the reference Helm into golden files.
#
#   scripts/charts-goldens.sh            # writes Tests/Golden/charts/
#   scripts/charts-goldens.sh --out DIR  # writes DIR instead (used by reference-checks.sh)
#
# For each bundled chart (anything-llm, lobe-chat):
#   <chart>/default.yaml        helm template x charts/<chart>
#   <chart>/<dept>.yaml         helm template <dept> charts/<chart> -n <dept> -f departments/<dept>.yaml
#   <chart>/<variant>.yaml      a department with --kube-version 1.29 or -a monitoring.coreos.com/v1
#   <chart>/bad-<name>.txt      exit code and stderr of a bad values fixture
#                               (Tests/Fixtures/bad-values/<chart>/<name>.yaml)
# and commands.txt: one line per golden, "<golden path><TAB><helm template arguments>",
# so that a test can replay the same arguments with rudder.
#
# The reference Helm comes from $REFERENCE_HELM, or ../shared/tools/reference-helm.
set -euo pipefail
cd "$(dirname "$0")/.."

out=Tests/Golden/charts
if [[ "${1:-}" == "--out" ]]; then
  out=${2:?"--out needs a directory"}
fi

helm=${REFERENCE_HELM:-}
if [[ -z "$helm" ]]; then
  tool=../shared/tools/reference-helm
  if [[ ! -x "$tool" ]]; then
    echo "charts-goldens: the reference Helm installer $tool is missing; set REFERENCE_HELM to a Helm 4.1.4 binary" >&2
    exit 2
  fi
  helm=$("$tool")
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HELM_CACHE_HOME="$scratch/cache" HELM_CONFIG_HOME="$scratch/config" HELM_DATA_HOME="$scratch/data"

mkdir -p "$out"
commands="$out/commands.txt"
: >"$commands"

# render GOLDEN ARGS...: writes stdout of a successful render to GOLDEN.
render() {
  local golden=$1
  shift
  if ! "$helm" template "$@" >"$out/$golden" 2>"$scratch/stderr"; then
    echo "charts-goldens: helm template $* failed:" >&2
    cat "$scratch/stderr" >&2
    exit 1
  fi
  printf '%s\t%s\n' "$golden" "$*" >>"$commands"
}

# expect_failure GOLDEN ARGS...: writes the exit code and stderr of a failing render.
expect_failure() {
  local golden=$1
  shift
  local status=0
  "$helm" template "$@" >/dev/null 2>"$scratch/stderr" || status=$?
  if [[ $status -eq 0 ]]; then
    echo "charts-goldens: helm template $* succeeded but should fail" >&2
    exit 1
  fi
  { printf 'exit: %d\n' "$status"; cat "$scratch/stderr"; } >"$out/$golden"
  printf '%s\t%s\n' "$golden" "$*" >>"$commands"
}

for chart in anything-llm lobe-chat; do
  mkdir -p "$out/$chart"
  render "$chart/default.yaml" x "charts/$chart"
  for values in "charts/$chart"/departments/*.yaml; do
    department=$(basename "$values" .yaml)
    render "$chart/$department.yaml" "$department" "charts/$chart" -n "$department" -f "$values"
  done
  # Capabilities: an older cluster, and a cluster with the Prometheus Operator.
  render "$chart/engineering-kube-1.29.yaml" engineering "charts/$chart" -n engineering \
    -f "charts/$chart/departments/engineering.yaml" --kube-version 1.29
  render "$chart/engineering-monitoring.yaml" engineering "charts/$chart" -n engineering \
    -f "charts/$chart/departments/engineering.yaml" -a monitoring.coreos.com/v1
  render "$chart/default-monitoring.yaml" x "charts/$chart" -a monitoring.coreos.com/v1
  for fixture in Tests/Fixtures/bad-values/"$chart"/*.yaml; do
    name=$(basename "$fixture" .yaml)
    expect_failure "$chart/bad-$name.txt" bad "charts/$chart" -n bad -f "$fixture"
  done
done
