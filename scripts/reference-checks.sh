#!/usr/bin/env bash
# Checks that need the reference Helm and PyPI, run by CI after `swift test`:
#
#   1. `helm lint --strict` on both bundled charts, with their defaults and with
#      every department file (lint also flags deprecated APIs for Kubernetes 1.35);
#   2. the committed goldens under Tests/Golden/charts are what the reference
#      Helm renders today (scripts/charts-goldens.sh into a temporary directory,
#      then diff), and values.schema.json is what scripts/charts-schema.py writes;
#   3. every rendered object validates with `kubernetes-validate -k 1.35.0 --strict`
#      (installed from PyPI into a venv under the cache directory when missing),
#      and no object uses an API version that Kubernetes 1.35 no longer serves.
#
# Quiet on success apart from one summary line; prints the failing output otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

kubernetes_version=1.35.0
validator_version=1.37.0   # newest kubernetes-validate; ships schemas for 1.35.0
charts=(anything-llm lobe-chat)

installer=../shared/tools/reference-helm
if [[ -n "${REFERENCE_HELM:-}" ]]; then
  helm=$REFERENCE_HELM
elif [[ -x "$installer" ]]; then
  if ! helm=$("$installer" 2>/tmp/reference-checks-installer.$$); then
    echo "reference-checks: SKIPPED: $installer could not install the reference Helm:" >&2
    cat /tmp/reference-checks-installer.$$ >&2
    rm -f /tmp/reference-checks-installer.$$
    exit 0
  fi
  rm -f /tmp/reference-checks-installer.$$
else
  echo "reference-checks: SKIPPED: the reference Helm installer $installer is missing (set REFERENCE_HELM to a Helm 4.1.4 binary to run these checks)"
  exit 0
fi
export REFERENCE_HELM=$helm

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HELM_CACHE_HOME="$scratch/helm-cache" HELM_CONFIG_HOME="$scratch/helm-config" HELM_DATA_HOME="$scratch/helm-data"

failures=0
fail() {
  echo "reference-checks: FAILED: $1" >&2
  if [[ -n "${2:-}" && -s "$2" ]]; then cat "$2" >&2; fi
  failures=$((failures + 1))
}

# 1. Lint.
lint_runs=0
for chart in "${charts[@]}"; do
  for values in "" charts/"$chart"/departments/*.yaml; do
    args=(lint --strict --kube-version "$kubernetes_version" "charts/$chart")
    [[ -n "$values" ]] && args+=(-f "$values")
    if ! "$helm" "${args[@]}" >"$scratch/lint.out" 2>&1; then
      fail "helm ${args[*]}" "$scratch/lint.out"
    fi
    lint_runs=$((lint_runs + 1))
  done
done

# 2. Goldens and schemas are current.
if ! scripts/charts-goldens.sh --out "$scratch/goldens" >"$scratch/goldens.out" 2>&1; then
  fail "scripts/charts-goldens.sh" "$scratch/goldens.out"
elif ! diff -r Tests/Golden/charts "$scratch/goldens" >"$scratch/goldens.diff" 2>&1; then
  fail "Tests/Golden/charts is stale; run scripts/charts-goldens.sh" "$scratch/goldens.diff"
fi
if ! python3 scripts/charts-schema.py --check >"$scratch/schema.out" 2>&1; then
  fail "values.schema.json is stale" "$scratch/schema.out"
fi

# 3. Kubernetes validation.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/rudder-ci
venv=$cache/venv
validator=$venv/bin/kubernetes-validate
if [[ ! -x "$validator" ]] || [[ "$("$validator" --version 2>/dev/null)" != "$validator_version" ]]; then
  rm -rf "$venv"
  mkdir -p "$cache"
  if ! python3 -m venv "$venv" >"$scratch/venv.out" 2>&1; then
    # Debian ships venv separately.
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >"$scratch/venv.out" 2>&1 || true
      rm -rf "$venv"
      python3 -m venv "$venv" >>"$scratch/venv.out" 2>&1 || true
    fi
  fi
  if [[ ! -x "$venv/bin/pip" ]] || ! "$venv/bin/pip" install -q "kubernetes-validate==$validator_version" >>"$scratch/venv.out" 2>&1; then
    fail "could not install kubernetes-validate==$validator_version into $venv" "$scratch/venv.out"
    echo "reference-checks: $failures check(s) failed" >&2
    exit 1
  fi
fi

objects=0
for golden in Tests/Golden/charts/*/*.yaml; do
  if ! "$validator" -k "$kubernetes_version" --strict --quiet "$golden" >"$scratch/validate.out" 2>&1; then
    fail "kubernetes-validate -k $kubernetes_version --strict $golden" "$scratch/validate.out"
    continue
  fi
  # A missing schema means an API version Kubernetes 1.35 does not serve;
  # only the Prometheus Operator's CRDs are expected to have none.
  if grep -v "kind ServiceMonitor with api version monitoring.coreos.com/v1 " "$scratch/validate.out" | grep -q .; then
    fail "$golden: unexpected validator output (deprecated or unknown API?)" "$scratch/validate.out"
  fi
  objects=$((objects + $(grep -c '^kind: ' "$golden")))
done

if ((failures)); then
  echo "reference-checks: $failures check(s) failed" >&2
  exit 1
fi
echo "reference-checks: ok: $lint_runs helm lint --strict runs, goldens current, $objects objects valid for Kubernetes $kubernetes_version (kubernetes-validate $validator_version --strict)"
