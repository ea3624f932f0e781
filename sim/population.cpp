#include "sim/population.hpp"

#include "sim/error.hpp"

namespace plastica {

void Population::set_initial(const std::string& variable, const Distribution&) {
    throw Error("population '" + name() + "'", variable, "", "model " + model() + " has no state variable of that name");
}

}  // namespace plastica
