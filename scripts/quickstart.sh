#!/usr/bin/env bash
# Sets up a fresh Debian machine (packages, configure, optimised build) and runs the North Jutland 2011 baseline.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target labsim
mkdir -p out
build/release/labsim run scenarios/baseline_2011.toml -o out/baseline_2011.h5 "$@"
