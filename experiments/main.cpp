// The `plastica` executable.
#include <iostream>

#include "experiments/cli.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    return plastica::cli_main(args, std::cout, std::cerr);
}
