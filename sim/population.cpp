#include "sim/population.hpp"

#include "sim/error.hpp"

namespace plastica {

void Population::set_initial(const std::string& variable, const Distribution&) {
    throw Error("population '" + name() + "'", variable, "", "model " + model() + " has no state variable of that name");
}

void Population::set_initial_values(const std::string& variable, const std::vector<double>&) {
    throw Error("population '" + name() + "'", variable, "", "model " + model() + " has no state variable of that name");
}

std::vector<double> Population::parameter(const std::string& p) const {
    throw Error("population '" + name() + "'", p, "", "model " + model() + " has no parameters");
}

void Population::set_parameter(const std::string& p, const std::vector<double>&) {
    throw Error("population '" + name() + "'", p, "", "model " + model() + " has no parameters");
}

void Population::add_drive(const PoissonDrive&) {
    throw Error("population '" + name() + "'", "drive", "", "model " + model() + " takes no Poisson drive (neuron models do)");
}

void Population::add_current(const CurrentInjection&) {
    throw Error("population '" + name() + "'", "current", "", "model " + model() + " takes no injected current (a spike source)");
}

}  // namespace plastica

#include <typeinfo>

#include "sim/monitor.hpp"

namespace plastica {

void Monitor::io_state(StateIO&) {
    throw Error("checkpoint", "monitor", typeid(*this).name(), "this monitor's state cannot be saved, so the run cannot be checkpointed");
}

}  // namespace plastica
