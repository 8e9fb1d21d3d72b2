#!/usr/bin/env bash
# Sets up a fresh Debian machine (packages, configure, optimised build) and runs the North Jutland baseline.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target labsim
mkdir -p out
build/release/labsim run scenarios/baseline.toml -o out/baseline.h5 "$@"
