#pragma once
// Population — a group of N neurons (or spike sources) of one model, stored as arrays.
//
// The engine calls one virtual `update` per population per step and thread; inside it the model's
// inline step runs in a plain loop over the population's arrays (no per-neuron virtual call).
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/aligned.hpp"
#include "sim/current_source.hpp"
#include "sim/distribution.hpp"
#include "sim/state_io.hpp"
#include "sim/time.hpp"

namespace plastica {

/// Indices of the neurons of one population that spiked in one step (cache-line aligned buffer,
/// see SpikeLists in sim/monitor.hpp).
using SpikeList = AlignedVector<Index>;

/// Synaptic receptor a projection targets.
enum class Receptor : std::uint8_t { exc = 0, inh = 1 };
inline constexpr int kReceptors = 2;

/// Settings a population needs before a run (fixed for the lifetime of a Network).
struct RunContext {
    double dt = 0.1;              ///< step (ms)
    std::uint32_t seed = 1;       ///< the run's seed
    std::uint32_t index = 0;      ///< the population's index in the network (keys its random streams)
};

/// Input ring buffer: for each slot (step modulo its length), receptor and neuron, the summed
/// synaptic input that arrives at that step. Threads write only neurons they own (DESIGN.md).
/// Each row starts on a 64-byte boundary (sim/aligned.hpp).
class InputBuffer {
public:
    void resize(std::size_t slots, std::size_t n) {
        slots_ = slots;
        stride_ = aligned_stride<double>(n);
        data_.assign(slots * kReceptors * stride_, 0.0);
    }
    std::size_t slots() const { return slots_; }
    /// Drops every input in flight (a network reset between samples).
    void clear() { std::fill(data_.begin(), data_.end(), 0.0); }
    double* at(Step t, int receptor) {
        return data_.data() + (static_cast<std::size_t>(t) % slots_ * kReceptors + receptor) * stride_;
    }
    std::size_t bytes() const { return data_.capacity() * sizeof(double); }
    /// The inputs in flight (spikes delivered for later steps) belong to the network's state.
    void io_state(StateIO& io) { io.array("input", data_); }

private:
    AlignedVector<double> data_;
    std::size_t slots_ = 0, stride_ = 0;
};

/// External Poisson input onto every neuron of a population: `rate_hz` input spikes per second
/// per neuron, each of `weight` on `receptor`, drawn per neuron and step from the run's seed.
struct PoissonDrive {
    double rate_hz = 0;   ///< total rate of input spikes per neuron (Hz)
    double weight = 0;    ///< weight of each input spike (the population's weight unit)
    Receptor receptor = Receptor::exc;
};

/// A group of neurons or sources of one model. Populations are owned by a Network.
class Population {
public:
    Population(std::string name, Index size) : name_(std::move(name)), size_(size) {}
    virtual ~Population() = default;
    Population(const Population&) = delete;
    Population& operator=(const Population&) = delete;

    const std::string& name() const { return name_; }
    Index size() const { return size_; }

    /// Model name, e.g. "lif_cond_exp" or "poisson_source".
    virtual std::string model() const = 0;
    /// False for spike sources, which cannot be the target of a projection.
    virtual bool accepts_input() const { return true; }
    /// True when the receptors are conductances (weights must then be >= 0, in nS).
    virtual bool conductance_based() const { return false; }
    /// Unit of a synaptic weight onto this population ("pA", "nS", "mV").
    virtual std::string weight_unit() const { return ""; }

    /// Names of the recordable state variables.
    virtual std::vector<std::string> state_names() const { return {}; }
    /// Number of per-neuron state arrays (for memory estimates before prepare).
    virtual std::size_t state_count() const { return state_names().size(); }
    /// Current values of a state variable (size() entries), or nullptr when unknown.
    virtual const double* state(const std::string& /*variable*/) const { return nullptr; }
    /// Sets the initial value of a state variable, constant or drawn per neuron from the run's seed.
    virtual void set_initial(const std::string& variable, const Distribution& d);
    /// Sets the initial value of a state variable neuron by neuron (size() values), as PyNN's
    /// initialize() with an array; reset() restores the same values.
    virtual void set_initial_values(const std::string& variable, const std::vector<double>& values);

    /// Names of the model's parameters (empty for populations without any).
    virtual std::vector<std::string> parameter_names() const { return {}; }
    /// A parameter's value for every neuron (size() entries); throws Error for an unknown name.
    virtual std::vector<double> parameter(const std::string& name) const;
    /// Sets a parameter for every neuron: one value for all (values.size() == 1) or one each
    /// (size() values; heterogeneous populations, as PyNN and NEST allow). Before the first step
    /// only: the model's step constants are computed from the parameters when the network is
    /// prepared. Throws Error naming the parameter and, for arrays, the first bad neuron.
    virtual void set_parameter(const std::string& name, const std::vector<double>& values);
    /// Adds external Poisson input onto every neuron (NeuronPopulation); sources throw Error.
    virtual void add_drive(const PoissonDrive& d);
    /// Adds an electrode's current (sim/current_source.hpp) to the injected current of its
    /// targets, step by step (NeuronPopulation of a model with an i_e); others throw Error.
    virtual void add_current(const CurrentInjection& c);

    /// Allocates state and input buffers, precomputes propagators, draws initial values. Called
    /// again by Network::reset, it must bring the population back to its state at t = 0.
    virtual void prepare(const RunContext& ctx, std::size_t input_slots) = 0;
    /// Saves or loads everything that changes while running (sim/state_io.hpp): the base saves
    /// the inputs in flight; models add their state variables, sources their rate schedule.
    virtual void io_state(StateIO& io) { input_.io_state(io); }
    /// Advances neurons [begin, end) from step t to t+1; appends the indices that spiked.
    virtual void update(Step t, Index begin, Index end, SpikeList& spikes) = 0;
    /// Throws Error naming the population and the first neuron whose state went bad during the
    /// last segment (NaN, infinite, an integrator that gave up). `update` runs inside the parallel
    /// region and cannot throw, so models that can fail record it there and the simulator asks
    /// here after each segment.
    virtual void check_state() const {}

    /// Models with precise spike times (e.g. hh_cond_exp): the time of each neuron's spike in
    /// update step t, in ms after t*dt (0 < offset <= dt), for the neurons that spiked in step t;
    /// nullptr for models whose spikes carry the step-end time (t+1)*dt. The values of step t stay
    /// valid until the update of step t+2 begins (two buffers), which is after every monitor's
    /// on_spikes(t): that call runs before the barrier of step t+1.
    virtual const double* spike_offsets(Step /*t*/) const { return nullptr; }

    InputBuffer& input() { return input_; }
    /// Slot offset at which this model reads input (0, or 1 for models whose input acts as an
    /// instantaneous jump at the end of the step, see models/lif_delta.hpp).
    virtual int input_lead() const { return 0; }

    /// Memory held by state and buffers (bytes).
    virtual std::size_t bytes() const { return input_.bytes(); }

protected:
    InputBuffer input_;

private:
    std::string name_;
    Index size_;
};

}  // namespace plastica
