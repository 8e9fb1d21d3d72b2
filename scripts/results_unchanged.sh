#!/usr/bin/env bash
# Checks that this checkout's labsim gives the same results, bit for bit, as labsim built at an earlier commit:
# builds that commit in a temporary folder, records every shipped scenario's results with both executables
# (scripts/record_results.sh) and compares them dataset by dataset (scripts/same_results.py).
# A structural change must pass this; a change of numbers is a fix that its commit message names.
#
# Usage: scripts/results_unchanged.sh COMMIT     (needs this checkout's release build: cmake --build --preset release)
set -euo pipefail
cd "$(dirname "$0")/.."
commit=$(git rev-parse --verify "${1:?usage: scripts/results_unchanged.sh COMMIT}^{commit}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building labsim at ${commit:0:7}" >&2
git clone -q --no-checkout . "$work/source"
git -C "$work/source" checkout -q "$commit"
cmake -S "$work/source" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLABSIM_TESTS=OFF -DLABSIM_BENCH=OFF \
  >/dev/null
cmake --build "$work/build" --target labsim -j "$(nproc)" >/dev/null

echo "== recording both" >&2
scripts/record_results.sh "$work/build/labsim" "$work/before" >/dev/null
scripts/record_results.sh build/release/labsim "$work/after" >/dev/null
scripts/same_results.py "$work/before" "$work/after"
