#include "sim/population.hpp"

#include "sim/error.hpp"

namespace plastica {

void Population::set_initial(const std::string& variable, const Distribution&) {
    throw Error("population '" + name() + "'", variable, "", "model " + model() + " has no state variable of that name");
}

}  // namespace plastica

#include <typeinfo>

#include "sim/monitor.hpp"

namespace plastica {

void Monitor::io_state(StateIO&) {
    throw Error("checkpoint", "monitor", typeid(*this).name(), "this monitor's state cannot be saved, so the run cannot be checkpointed");
}

}  // namespace plastica
