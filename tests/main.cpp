// One translation unit compiles Catch2's main, so test files rebuild fast.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
