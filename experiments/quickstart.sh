#!/usr/bin/env bash
# Quick start: installs what is missing, builds Plastica (Release, -j2) and runs the default
# experiment, the COBA network of Brette et al. 2007 for 1 s, writing out/vogels_abbott.h5. The
# Python module is built too: PYTHONPATH=build/python /usr/bin/python3 -c "import plastica".
set -euo pipefail
cd "$(dirname "$0")/.."
bash experiments/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPLASTICA_TESTS=OFF >/dev/null
cmake --build build -j2 --target plastica plastica_python
# --overwrite: running the quick start again replaces its own earlier output
./build/plastica run vogels_abbott --out out --overwrite "$@"
