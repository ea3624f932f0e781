#!/usr/bin/env bash
# Quick start: installs what is missing, builds Plastica (Release, -j2) and runs the default
# experiment, the COBA network of Brette et al. 2007 for 1 s, writing out/vogels_abbott.h5. The
# Python module and the PyNN backend are built and installed too (an editable install: a
# plastica.pth in /usr/bin/python3's site directory points at build/python), so that
# /usr/bin/python3 -c "import plastica, pyNN.plastica" works from any folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash experiments/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPLASTICA_TESTS=OFF >/dev/null
cmake --build build -j2 --target plastica plastica_python
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
$SUDO cmake --install build >/dev/null
# --overwrite: running the quick start again replaces its own earlier output
./build/plastica run vogels_abbott --out out --overwrite "$@"
