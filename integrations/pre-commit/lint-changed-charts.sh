#!/bin/sh
# pre-commit hook (see .pre-commit-hooks.yaml): lints with `rudder lint` every
# chart that holds one of the changed files, once with its defaults and once per
# values file matching $RUDDER_VALUES_GLOB (default departments/*.yaml).
# Arguments starting with `-` are passed to `rudder lint` (use --flag=value);
# the others are the changed files.
set -u
flags=""
charts=""
for argument in "$@"; do
  case "$argument" in
    -*) flags="$flags $argument"; continue ;;
  esac
  directory=$(dirname "$argument")
  while :; do
    if [ -f "$directory/Chart.yaml" ]; then
      case " $charts " in
        *" $directory "*) ;;
        *) charts="$charts $directory" ;;
      esac
      break
    fi
    [ "$directory" = "." ] || [ "$directory" = "/" ] && break
    directory=$(dirname "$directory")
  done
done
status=0
for chart in $charts; do
  rudder lint "$chart" $flags || status=1
  for values in "$chart"/${RUDDER_VALUES_GLOB:-departments/*.yaml}; do
    [ -f "$values" ] || continue
    rudder lint "$chart" -f "$values" $flags || status=1
  done
done
exit $status
