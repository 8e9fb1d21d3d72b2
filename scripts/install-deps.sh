#!/usr/bin/env bash
# Installs the Debian packages labsim needs to build and test, skipping those already present.
# --with-browser also installs Chromium, which the test suite uses to load a report as a reader would.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev libeigen3-dev libtbb-dev libhdf5-dev hdf5-tools
  catch2 libtomlplusplus-dev libcli11-dev librandom123-dev libfmt-dev nlohmann-json3-dev
  python3-h5py python3-xarray python3-h5netcdf
)

if [ "${1:-}" = "--with-browser" ]; then packages+=(chromium); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "labsim: installing ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
