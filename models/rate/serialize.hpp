#pragma once
// Saving and loading a trained rate network in HDF5, under a group (default "/network"):
//   @architecture   JSON list of layer specs ({"kind", "units", "init", "rate"})
//   @inputs, @seed, @precision ("float32" / "float64")
//   layers/<i>/<weight|bias>           parameter arrays (rows x cols, float64: exact for both)
//   layers/<i>@batches                 dropout's batch counter (its masks continue after a resume)
//   optimizer@spec (JSON), @steps;  optimizer/<param index>/{state1, state2}
// A loaded network holds exactly the saved values, so it predicts exactly what the saved one did,
// and training resumes from the same optimizer state.
#include <memory>
#include <string>

#include "models/rate/network.hpp"
#include "models/rate/optimizer.hpp"
#include "sim/hdf5.hpp"

namespace plastica::rate {

/// Writes `net` and (when given) `opt` under `group` of `file`.
template <class T>
void save_network(H5File& file, const std::string& group, Network<T>& net, const Optimizer<T>* opt);

/// A network (and its optimizer, when one was saved) read back from a file.
template <class T>
struct LoadedNetwork {
    std::unique_ptr<Network<T>> net;
    std::unique_ptr<Optimizer<T>> opt;  ///< null when the file has no optimizer state
};

/// Reads what save_network wrote; throws Error naming the file and what is missing or wrong.
template <class T>
LoadedNetwork<T> load_network(const std::string& path, const std::string& group = "/network");

}  // namespace plastica::rate
