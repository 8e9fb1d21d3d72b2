#!/usr/bin/env bash
# Checks that this checkout's labsim gives the same results, bit for bit, as labsim built at an earlier commit:
# builds that commit in a temporary folder, records every shipped scenario's results with both executables
# (scripts/record_results.sh) and compares them dataset by dataset (scripts/same_results.py).
# A structural change must pass this; a change of numbers is a fix that its commit message names.
#
# Usage: scripts/results_unchanged.sh COMMIT
#        scripts/results_unchanged.sh --before EXECUTABLE   (a labsim already built at the earlier commit)
# Both need this checkout's release build (cmake --build --preset release).
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: scripts/results_unchanged.sh COMMIT | --before EXECUTABLE"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${1:?$usage}" = "--before" ]; then
  before=$(realpath "${2:?$usage}")
else
  commit=$(git rev-parse --verify "$1^{commit}")
  echo "== building labsim at ${commit:0:7}" >&2
  git clone -q --no-checkout . "$work/source"
  git -C "$work/source" checkout -q "$commit"
  cmake -S "$work/source" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLABSIM_TESTS=OFF \
    -DLABSIM_BENCH=OFF >/dev/null
  cmake --build "$work/build" --target labsim -j "$(nproc)" >/dev/null
  before="$work/build/labsim"
fi

echo "== recording both" >&2
scripts/record_results.sh "$before" "$work/before" >/dev/null
scripts/record_results.sh build/release/labsim "$work/after" >/dev/null
scripts/same_results.py "$work/before" "$work/after"
