#!/usr/bin/env bash
# Installs the Debian 12 packages Plastica builds and tests with, when any is missing.
# Usage: bash experiments/deps.sh [--compare] [--fuzz]   (--compare adds Brian2, PyTorch and OpenBLAS for
# experiments/compare/; --fuzz adds clang and libFuzzer for the fuzz harnesses that .ci/run builds;
# matplotlib and h5py are always installed: runs plot with them; pybind11, the Python headers and
# pytest build and test the Python module; PyNN, Neo and Brian2 run and test the PyNN backend
# pyNN.plastica against pyNN.brian2). Needs root (or sudo) only when something is missing.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libboost-dev libhdf5-dev libtbb-dev catch2 libeigen3-dev
      librandom123-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libomp-dev zlib1g-dev
      dataset-fashion-mnist python3-matplotlib python3-h5py python3-numpy pybind11-dev python3-dev python3-pytest
      python3-pynn python3-neo python3-brian)
for arg in "$@"; do
  case "$arg" in
    # libopenblas0-pthread: Debian's python3-torch and numpy do their products through the system
    # BLAS; without OpenBLAS that is the reference libblas3, 20x slower (see compare/pytorch_vs_plastica.py).
    --compare) pkgs+=(python3-brian python3-torch libopenblas0-pthread) ;;
    --fuzz) pkgs+=(clang libfuzzer-14-dev) ;;
    *) echo "deps.sh: unknown option $arg (--compare, --fuzz)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing missing Debian packages: ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
