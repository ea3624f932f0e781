#!/usr/bin/env bash
# Builds Plastica and its tests (Release, -j2) and runs the whole suite with CTest, the `slow`
# validation runs included. Extra arguments go to ctest (e.g. -LE slow to skip them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash experiments/deps.sh
BUILD="${PLASTICA_BUILD_DIR:-build}"
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPLASTICA_TESTS=ON ${PLASTICA_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD" -j2
cd "$BUILD" && ctest -j2 --output-on-failure "$@"
