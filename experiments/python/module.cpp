// The native Python module `plastica` (pybind11): build a network from Python with the engine's
// own names (models by name, connection rules, distributions, receptors), run it repeatedly (the
// clock continues), reset, save and load checkpoints, and read spikes, state and weights back as
// numpy arrays. The step loop never enters Python: `run` releases the GIL and advances the
// network in C++, returning to Python only between chunks of steps to check for Ctrl-C, which
// raises KeyboardInterrupt with the network stopped at a step boundary (it can run on from
// there, bit for bit: chunking a run changes nothing, sim/simulator.hpp). Every plastica::Error
// becomes a Python exception with the same one-line message: ValueError for bad input, OSError
// for I/O failures (IoError).
//
// Plasticity rules are attached by name with their declared parameters (plasticity/registry.hpp).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <limits>
#include <memory>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "experiments/python/learners.hpp"
#include "models/poisson_source.hpp"
#include "models/registry.hpp"
#include "models/spike_source_array.hpp"
#include "plasticity/registry.hpp"
#include "plasticity/reward_stdp.hpp"
#include "sim/checkpoint.hpp"
#include "sim/error.hpp"
#include "sim/network.hpp"
#include "sim/network_file.hpp"
#include "sim/network_spec.hpp"
#include "sim/recorders.hpp"
#include "sim/simulator.hpp"
#include "sim/state_io.hpp"

namespace py = pybind11;
using namespace plastica;

namespace {

/// A weight, delay or initial value: a number or a distribution.
using Value = std::variant<double, Distribution>;
Distribution as_distribution(const Value& v) {
    return std::holds_alternative<double>(v) ? Distribution::constant(std::get<double>(v)) : std::get<Distribution>(v);
}

/// A numpy array of doubles (anything array-like is converted).
using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
/// A parameter: one value for every neuron, or one per neuron.
using ParamValue = std::variant<double, DoubleArray>;
/// An initial value: a number, a distribution drawn per neuron, or one value per neuron.
using InitialValue = std::variant<double, Distribution, DoubleArray>;

std::vector<double> to_vector(const DoubleArray& a) { return std::vector<double>(a.data(), a.data() + a.size()); }
std::vector<double> to_vector(const ParamValue& v) {
    return std::holds_alternative<double>(v) ? std::vector<double>{std::get<double>(v)} : to_vector(std::get<DoubleArray>(v));
}
InitialValueSpec initial_spec(const InitialValue& v) {
    if (const auto* a = std::get_if<DoubleArray>(&v)) return {Distribution::constant(0), to_vector(*a)};
    if (const auto* d = std::get_if<Distribution>(&v)) return {*d, {}};
    return {Distribution::constant(std::get<double>(v)), {}};
}
void set_initial_value(Population& p, const std::string& var, const InitialValue& v) {
    const InitialValueSpec s = initial_spec(v);
    if (!s.values.empty()) p.set_initial_values(var, s.values);
    else p.set_initial(var, s.dist);
}

Receptor receptor_of(const std::string& r) {
    if (r == "exc" || r == "excitatory") return Receptor::exc;
    if (r == "inh" || r == "inhibitory") return Receptor::inh;
    throw Error("connect", "receptor", r, "unknown (exc or inh)");
}

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& v) {
    py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

/// Rates given as one number or a sequence (Hz).
std::vector<double> rates_of(const py::object& rate) {
    if (py::isinstance<py::float_>(rate) || py::isinstance<py::int_>(rate)) return {rate.cast<double>()};
    return rate.cast<std::vector<double>>();
}

/// Declared parameters as Python sees them: name -> (default, unit).
std::map<std::string, std::pair<double, std::string>> info_map(const std::vector<ParamInfo>& params) {
    std::map<std::string, std::pair<double, std::string>> out;
    for (const auto& p : params) out[p.name] = {p.default_value, p.unit};
    return out;
}

/// A network with its simulator and spike recorders, as Python sees it.
class PyNetwork {
public:
    PyNetwork(double dt, std::uint32_t seed, int threads) : net_(std::make_unique<Network>(dt, seed)), threads_(threads) {}

    std::string add_population(const std::string& name, const std::string& model, Index n, const std::map<std::string, ParamValue>& params,
                               const std::map<std::string, InitialValue>& initial) {
        PopulationSpec p;
        p.name = name;
        p.model = model;
        p.size = n;
        for (const auto& [k, v] : params) p.params.emplace_back(k, to_vector(v));
        for (const auto& [var, v] : initial) p.initial.emplace_back(var, initial_spec(v));
        add_population_spec(p);
        return name;
    }

    std::string add_spike_source_array(const std::string& name, const std::vector<std::vector<double>>& times_ms) {
        PopulationSpec p;
        p.name = name;
        p.model = "spike_source_array";
        p.size = static_cast<Index>(times_ms.size());
        p.spike_times_ms = times_ms;
        add_population_spec(p);
        return name;
    }

    /// From `at_ms` on, the Poisson source `pop` fires at `rates_hz` (one for all, or one each).
    void add_rate_change(const std::string& pop, double at_ms, const std::vector<double>& rates_hz) {
        auto* src = dynamic_cast<PoissonSource*>(&net_->population(pop));
        if (!src) throw Error("add_rate_change", "population", pop, "is not a Poisson source");
        src->add_rate_change(at_ms, rates_hz);
    }

    void set_parameter(const std::string& pop, const std::string& name, const ParamValue& v) { net_->population(pop).set_parameter(name, to_vector(v)); }
    py::array_t<double> parameter(const std::string& pop, const std::string& name) const { return to_numpy(net_->population(pop).parameter(name)); }
    std::vector<std::string> parameter_names(const std::string& pop) const { return net_->population(pop).parameter_names(); }
    /// Initial value of a state variable (used at the first run and after every reset).
    void set_initial(const std::string& pop, const std::string& var, const InitialValue& v) { set_initial_value(net_->population(pop), var, v); }
    std::vector<std::string> state_names(const std::string& pop) const { return net_->population(pop).state_names(); }
    Index population_size(const std::string& pop) const { return net_->population(pop).size(); }
    std::string population_model(const std::string& pop) const { return net_->population(pop).model(); }
    std::vector<std::string> population_names() const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < net_->population_count(); ++i) out.push_back(net_->population(i).name());
        return out;
    }

    std::string add_poisson(const std::string& name, Index n, const std::vector<double>& rates_hz) {
        PopulationSpec p;
        p.name = name;
        p.model = "poisson_source";
        p.size = n;
        p.rates_hz = rates_hz;
        add_population_spec(p);
        return name;
    }

    /// Gamma renewal spike trains: rate (Hz, one or one per neuron), shape k, from start to stop (ms).
    std::string add_gamma(const std::string& name, Index n, const std::vector<double>& rates_hz, double shape, double start, double stop) {
        PopulationSpec p;
        p.name = name;
        p.model = "gamma_source";
        p.size = n;
        p.rates_hz = rates_hz;
        p.params = {{"shape", {shape}}, {"start", {start}}, {"stop", {stop}}};
        add_population_spec(p);
        return name;
    }

    /// Inhomogeneous gamma trains: bins of (from time in ms, shape >= 1, rate in Hz), from start to stop (ms).
    std::string add_inh_gamma(const std::string& name, Index n, const std::vector<std::tuple<double, double, double>>& bins, double start,
                              double stop) {
        PopulationSpec p;
        p.name = name;
        p.model = "inh_gamma_source";
        p.size = n;
        for (const auto& [at, shape, rate] : bins) p.gamma_bins.push_back({at, shape, rate});
        p.params = {{"start", {start}}, {"stop", {stop}}};
        add_population_spec(p);
        return name;
    }

    std::string connect(const std::string& pre, const std::string& post, const ConnectionRule& rule, const Value& weight, const Value& delay,
                        const std::string& receptor, const std::string& name, const std::vector<Index>& pre_neurons,
                        const std::vector<Index>& post_neurons) {
        ProjectionSpec p{pre, post, name, rule, {receptor_of(receptor), as_distribution(weight), as_distribution(delay)}, {}, "", {}, {}};
        p.pre_neurons = pre_neurons;
        p.post_neurons = post_neurons;
        return add_projection_spec(p);
    }

    /// Explicit synapses from numpy arrays: pre and post indices, weight and delay (ms) each.
    std::string connect_arrays(const std::string& pre, const std::string& post, py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> i,
                               py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> j, const DoubleArray& w, const DoubleArray& d,
                               const std::string& receptor, const std::string& name) {
        const auto n = i.size();
        if (j.size() != n || w.size() != n || d.size() != n)
            throw Error("connect_arrays", pre + "->" + post, std::to_string(n) + " pairs", "pre, post, weight and delay arrays must have one entry per synapse");
        ConnectionRule r;
        r.kind = ConnectionRule::Kind::pairs;
        r.pair_list.resize(static_cast<std::size_t>(n));
        const std::int64_t np = net_->population(pre).size(), nq = net_->population(post).size();
        for (py::ssize_t s = 0; s < n; ++s) {
            const std::int64_t a = i.data()[s], b = j.data()[s];
            if (a < 0 || a >= np || b < 0 || b >= nq)
                throw Error("connect_arrays", pre + "->" + post, "(" + std::to_string(a) + ", " + std::to_string(b) + ")", "index out of range");
            r.pair_list[static_cast<std::size_t>(s)] = {static_cast<Index>(a), static_cast<Index>(b)};
        }
        r.pair_weights = to_vector(w);
        r.pair_delays = to_vector(d);
        return add_projection_spec({pre, post, name, std::move(r), {receptor_of(receptor), Distribution::constant(0), Distribution::constant(net_->dt())}, {}, "", {}, {}});
    }

    /// Records spikes of `pop` (all neurons, or those given); returns the recording's handle.
    int record_spikes(const std::string& pop, const std::vector<Index>& neurons) {
        net_->index_of(pop);  // an unknown name is an error now, not at run
        for (Index i : neurons)
            if (i >= net_->population(pop).size()) throw Error("record_spikes", pop, std::to_string(i), "neuron index out of range");
        spike_recs_.push_back(std::make_unique<SpikeRecorder>(pop, neurons));
        if (sim_) sim_->add_monitor(*spike_recs_.back());
        return static_cast<int>(spike_recs_.size() - 1);
    }
    /// Samples `var` of the given neurons every `interval_ms`; returns the recording's handle.
    int record_state(const std::string& pop, const std::string& var, const std::vector<Index>& neurons, double interval_ms) {
        auto rec = std::make_unique<StateRecorder>(pop, var, neurons, interval_ms);
        Simulator& s = simulator();
        if (!net_->prepared()) s.prepare();  // the state arrays exist from here on
        s.add_monitor(*rec);  // attaches now: unknown variables and bad intervals are errors here, not at run
        state_recs_.push_back(std::move(rec));
        return static_cast<int>(state_recs_.size() - 1);
    }
    std::pair<py::array_t<Index>, py::array_t<double>> recorded_spikes(int h) const {
        const SpikeRecorder& r = *spike_recs_.at(handle(h, spike_recs_.size()));
        return {to_numpy(r.ids()), to_numpy(r.times_ms())};
    }
    /// Samples as (times in ms, values with one row per time and one column per neuron, neurons).
    py::tuple recorded_state(int h) const {
        const StateRecorder& r = *state_recs_.at(handle(h, state_recs_.size()));
        const auto rows = static_cast<py::ssize_t>(r.times_ms().size()), cols = static_cast<py::ssize_t>(r.neurons().size());
        py::array_t<double> v({rows, cols});
        std::copy(r.values().begin(), r.values().begin() + rows * cols, v.mutable_data());
        return py::make_tuple(to_numpy(r.times_ms()), v, to_numpy(r.neurons()));
    }
    /// Drops what a recording holds in memory; it goes on recording.
    void clear_recording(const std::string& kind, int h) {
        if (kind == "spikes") spike_recs_.at(handle(h, spike_recs_.size()))->clear();
        else state_recs_.at(handle(h, state_recs_.size()))->clear();
    }

    /// Runs `ms` in chunks of at most 1000 steps with the GIL released; Ctrl-C between chunks.
    void run(double ms) { run_to(net_->now() + steps_of("run", "duration", ms, net_->dt())); }
    /// Runs until the clock reads `t_ms` (PyNN's run_until).
    void run_until(double t_ms) {
        const Step end = steps_of("run_until", "time", t_ms, net_->dt());
        if (end < net_->now())
            throw Error("run_until", "time", to_text(t_ms) + " ms", "lies before the current time, " + to_text(now_ms()) + " ms");
        run_to(end);
    }
    void run_to(Step end) {
        Simulator& s = simulator();
        while (net_->now() < end) {
            const Step to = std::min<Step>(end, net_->now() + 1000);
            {
                py::gil_scoped_release release;
                s.run_to(to);
            }
            if (PyErr_CheckSignals() != 0) throw py::error_already_set();
        }
    }

    /// Allocates the state and draws the initial values now (the first run does it otherwise).
    void prepare() {
        if (!net_->prepared()) simulator().prepare();
    }

    void reset(bool keep_weights) { net_->reset(keep_weights ? Network::Weights::keep : Network::Weights::initial); }

    std::pair<py::array_t<Index>, py::array_t<double>> spikes(const std::string& pop) const {
        for (const auto& r : spike_recs_)
            if (r->population() == pop) return {to_numpy(r->ids()), to_numpy(r->times_ms())};
        throw Error("spikes", "population", pop, "is not recorded (call record_spikes first)");
    }

    py::array_t<double> state(const std::string& pop, const std::string& var) {
        Population& p = net_->population(pop);
        if (!net_->prepared()) simulator().prepare();
        const double* v = p.state(var);
        if (!v) {
            std::string known;
            for (const auto& n : p.state_names()) known += (known.empty() ? "" : ", ") + n;
            throw Error("state", pop + "." + var, "", "no such state variable (" + (known.empty() ? std::string("none") : known) + ")");
        }
        return to_numpy(std::vector<double>(v, v + p.size()));
    }

    /// An electrode: a dc, step, ac or noise current (pA) into `neurons` of `pop` (empty: all).
    /// Returns its index, for set_current and current_trace.
    std::size_t add_current(const std::string& pop, const std::string& kind, const std::map<std::string, double>& params,
                            const std::vector<Index>& neurons, const std::vector<double>& times, const std::vector<double>& amplitudes,
                            const std::string& name) {
        CurrentSpec c;
        c.population = pop;
        c.kind = kind;
        c.params = params;
        c.neurons = neurons;
        c.times = times;
        c.amplitudes = amplitudes;
        c.name = name;
        return plastica::add_current(*net_, c);
    }
    /// New settings for electrode `i` (its kind and targets stay); they act from the next step on.
    void set_current(std::size_t i, const std::map<std::string, double>& params, const std::vector<double>& times,
                     const std::vector<double>& amplitudes) {
        const Electrode& e = net_->current(i);
        CurrentSpec c;
        c.kind = current_kind_name(e.source.kind);
        c.params = params;
        c.times = times;
        c.amplitudes = amplitudes;
        net_->set_current(i, current_source_of(c, "current '" + e.name + "'"));
    }
    /// Electrode i's settings: name, population, kind, neurons and parameters.
    py::dict current(std::size_t i) const {
        const Electrode& e = net_->current(i);
        py::dict d;
        d["name"] = e.name;
        d["population"] = net_->population(e.population).name();
        d["kind"] = current_kind_name(e.source.kind);
        d["neurons"] = e.targets;
        for (const auto& f : CurrentSource::fields(e.source.kind)) d[f.name] = e.source.params.*(f.member);
        if (e.source.kind == CurrentKind::step) {
            d["times"] = e.source.times;
            d["amplitudes"] = e.source.amplitudes;
        }
        return d;
    }
    /// (times in ms, current in pA) that electrode i injected into `neuron` (default: its first
    /// target) in every step so far: recomputed from the settings, so it needs no recording.
    std::pair<py::array_t<double>, py::array_t<double>> current_trace(std::size_t i, std::int64_t neuron) const {
        const Electrode& e = net_->current(i);
        const Index n = neuron >= 0 ? static_cast<Index>(neuron) : (e.targets.empty() ? 0 : e.targets.front());
        if (n >= net_->population(e.population).size())
            throw Error("current_trace", "neuron", std::to_string(neuron), "neuron index out of range");
        std::vector<double> t(static_cast<std::size_t>(net_->now())), v(t.size());
        for (Step s = 0; s < net_->now(); ++s) {
            t[static_cast<std::size_t>(s)] = static_cast<double>(s) * net_->dt();
            v[static_cast<std::size_t>(s)] = net_->injected_current(i, s, n);
        }
        return {to_numpy(t), to_numpy(v)};
    }

    /// Attaches the plasticity rule `rule` (see rules()) with `params` overriding its defaults.
    void add_plasticity(const std::string& proj, const std::string& rule, const std::map<std::string, double>& params) {
        Projection& p = net_->projection(proj);
        net_->add_synapse_rule(p, make_plasticity_rule(rule, params, "projection '" + proj + "'"));
    }
    std::vector<std::string> plasticity(const std::string& proj) const {
        std::vector<std::string> out;
        for (const auto& r : net_->projection(proj).rules) out.push_back(r->name());
        return out;
    }
    /// Dopamine for the reward_stdp rules of `proj`: `amount` at time `at_ms` (now when negative).
    void reward(const std::string& proj, double amount, double at_ms) {
        Projection& p = net_->projection(proj);
        const Step at = at_ms < 0 ? net_->now() : steps_of("reward", "at", at_ms, net_->dt());
        if (at < net_->now()) throw Error("reward", "at", to_text(at_ms) + " ms", "lies before the current time, " + to_text(now_ms()) + " ms");
        bool any = false;
        for (auto& r : p.rules)
            if (auto* rs = dynamic_cast<RewardStdpRule*>(r.get())) {
                rs->schedule_reward(at, amount);
                any = true;
            }
        if (!any) throw Error("reward", "projection", proj, "has no reward_stdp rule");
    }

    /// Synapses of a projection as (pre, post, weight) arrays, in storage order.
    py::tuple weights(const std::string& proj) const {
        const Projection& p = net_->projection(proj);
        std::vector<Index> pre(p.size()), post(p.size());
        for (Index i = 0; i + 1 < p.row_ptr.size(); ++i)
            for (auto s = p.row_ptr[i]; s < p.row_ptr[i + 1]; ++s) {
                pre[s] = i;
                post[s] = p.target[s];
            }
        return py::make_tuple(to_numpy(pre), to_numpy(post), to_numpy(p.weight));
    }

    /// Delays (ms) of a projection's synapses, in the order weights() gives.
    py::array_t<double> delays(const std::string& proj) const {
        const Projection& p = net_->projection(proj);
        std::vector<double> d(p.size());
        for (std::size_t s = 0; s < d.size(); ++s) d[s] = static_cast<double>(p.delays.empty() ? p.delay_steps : p.delays[s]) * net_->dt();
        return to_numpy(d);
    }
    std::vector<std::string> projection_names() const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < net_->projection_count(); ++i) out.push_back(net_->projection(i).name);
        return out;
    }

    void set_weights(const std::string& proj, py::array_t<double, py::array::c_style | py::array::forcecast> w) {
        Projection& p = net_->projection(proj);
        if (w.ndim() != 1 || static_cast<std::uint64_t>(w.shape(0)) != p.size())
            throw Error("set_weights", proj, std::to_string(w.size()) + " values", "needs one weight per synapse (" + std::to_string(p.size()) + ")");
        for (py::ssize_t s = 0; s < w.shape(0); ++s) {
            const double x = w.at(s);
            if (!std::isfinite(x)) throw Error("set_weights", proj, to_text(x), "weights must be finite");
            p.weight[static_cast<std::size_t>(s)] = static_cast<float>(x);
        }
    }

    void save(const std::string& path) { save_checkpoint(path, *net_, monitors(), {{"experiment", "python"}}); }
    void load(const std::string& path) {
        simulator();  // monitors attached before their state is loaded
        load_checkpoint(read_checkpoint(path), *net_, monitors());
    }

    double now_ms() const { return static_cast<double>(net_->now()) * net_->dt(); }
    Step steps() const { return net_->now(); }
    double dt() const { return net_->dt(); }
    std::uint64_t synapse_count() const { return net_->synapse_count(); }
    std::uint64_t synaptic_events() const { return net_->synaptic_events(); }
    int threads() const { return threads_; }

    /// A network built from a network file (sim/network_file.hpp), recording what its [record] names.
    static std::unique_ptr<PyNetwork> from_file(const std::string& path, double dt, std::uint32_t seed, int threads) {
        NetworkSpec spec = read_network_file(path);
        auto n = std::make_unique<PyNetwork>(dt, seed, threads);
        for (const auto& p : spec.populations) n->add_population_spec(p);
        for (const auto& p : spec.projections) n->add_projection_spec(p);
        for (const auto& c : spec.currents) plastica::add_current(*n->net_, c);
        for (const auto& pop : spec.record_spikes) n->record_spikes(pop, {});
        for (const auto& r : spec.record_state) n->record_state(r.population, r.variable, r.neurons, r.interval_ms);
        return n;
    }

private:
    /// Every population and projection goes through the network description (sim/network_spec.hpp),
    /// the one way the CLI's experiments and network files build too.
    void add_population_spec(const PopulationSpec& p) { plastica::add_population(*net_, p); }
    std::string add_projection_spec(const ProjectionSpec& p) { return plastica::add_projection(*net_, p).name; }

    Simulator& simulator() {
        if (!sim_) {
            sim_ = std::make_unique<Simulator>(*net_, threads_);
            for (auto& r : spike_recs_) sim_->add_monitor(*r);
            for (auto& r : state_recs_) sim_->add_monitor(*r);
        }
        return *sim_;
    }
    std::vector<Monitor*> monitors() const {
        std::vector<Monitor*> m;
        for (const auto& r : spike_recs_) m.push_back(r.get());
        for (const auto& r : state_recs_) m.push_back(r.get());
        return m;
    }
    static std::size_t handle(int h, std::size_t n) {
        if (h < 0 || static_cast<std::size_t>(h) >= n) throw Error("recording", "handle", std::to_string(h), "no such recording");
        return static_cast<std::size_t>(h);
    }

    std::unique_ptr<Network> net_;
    int threads_;
    std::vector<std::unique_ptr<SpikeRecorder>> spike_recs_;
    std::vector<std::unique_ptr<StateRecorder>> state_recs_;
    std::unique_ptr<Simulator> sim_;
};

}  // namespace

PYBIND11_MODULE(plastica, m) {
    m.doc() = "Plastica: event-driven spiking networks with plasticity, driven from Python (no Python in the step loop)";
    m.attr("__version__") = PLASTICA_VERSION;

    // Same one-line messages as the command line; OSError for I/O, ValueError for bad input.
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const IoError& e) {
            PyErr_SetString(PyExc_OSError, e.what());
        } catch (const Error& e) {
            PyErr_SetString(PyExc_ValueError, e.what());
        }
    });

    py::class_<Distribution>(m, "Distribution", "A random distribution for weights, delays and initial values")
        .def("clipped", &Distribution::clipped, py::arg("lo"), py::arg("hi"), "The same distribution, redrawn outside [lo, hi]");
    m.def("constant", &Distribution::constant, py::arg("value"));
    m.def("uniform", &Distribution::uniform, py::arg("lo"), py::arg("hi"));
    m.def("normal", &Distribution::normal, py::arg("mean"), py::arg("sd"));
    m.def("lognormal", &Distribution::lognormal, py::arg("mu"), py::arg("sigma"));

    py::class_<ConnectionRule>(m, "ConnectionRule", "How presynaptic and postsynaptic neurons are paired")
        .def_property_readonly("kind", [](const ConnectionRule& r) { return ConnectionRule::kind_name(r.kind); })
        .def_readonly("autapses", &ConnectionRule::allow_autapses)
        .def_readonly("multapses", &ConnectionRule::allow_multapses);
    m.def("all_to_all", &ConnectionRule::all_to_all, py::arg("autapses") = true);
    m.def("one_to_one", &ConnectionRule::one_to_one);
    m.def("fixed_probability", &ConnectionRule::fixed_probability, py::arg("p"), py::arg("autapses") = true);
    m.def("fixed_indegree", &ConnectionRule::fixed_indegree, py::arg("k"), py::arg("autapses") = true, py::arg("multapses") = true);
    m.def("fixed_outdegree", &ConnectionRule::fixed_outdegree, py::arg("k"), py::arg("autapses") = true, py::arg("multapses") = true);
    m.def(
        "from_list",
        [](const std::vector<std::pair<Index, Index>>& pairs, std::vector<double> weights, std::vector<double> delays) {
            ConnectionRule r = ConnectionRule::pairs(pairs);
            r.pair_weights = std::move(weights);
            r.pair_delays = std::move(delays);
            return r;
        },
        py::arg("pairs"), py::arg("weights") = std::vector<double>{}, py::arg("delays") = std::vector<double>{},
        "Explicit (pre, post) pairs, optionally with a weight and a delay (ms) each");

    m.def("models", &neuron_model_names, "Names of the neuron models");
    m.def(
        "currents",
        [] {
            std::map<std::string, std::map<std::string, std::pair<double, std::string>>> out;
            for (const auto& [kind, doc] : current_kinds()) out[kind] = info_map(current_params(current_kind(kind, "currents")));
            return out;
        },
        "The electrodes' kinds, each with its parameters: name -> (default, unit)");
    m.def(
        "model_params", [](const std::string& model) { return info_map(neuron_model_params(model)); }, py::arg("model"),
        "Parameters of a model: name -> (default, unit)");

    bind_learners(m);

    m.def("rules", &plasticity_rule_names, "Names of the plasticity rules");
    m.def("rule_doc", &plasticity_rule_doc, py::arg("rule"), "What a plasticity rule does, and the paper it follows");
    m.def(
        "rule_params", [](const std::string& rule) { return info_map(plasticity_rule_params(rule)); }, py::arg("rule"),
        "Parameters of a plasticity rule: name -> (default, unit); flags take 0 or 1");

    py::class_<PyNetwork>(m, "Network", "A spiking network: populations, projections, recorders, and its running state")
        .def(py::init<double, std::uint32_t, int>(), py::arg("dt") = 0.1, py::arg("seed") = 1, py::arg("threads") = 0)
        .def_static("from_file", &PyNetwork::from_file, py::arg("path"), py::arg("dt") = 0.1, py::arg("seed") = 1, py::arg("threads") = 0,
                    "A network from a network file (TOML, as `plastica run network` reads), recording what its [record] names")
        .def("add_population", &PyNetwork::add_population, py::arg("name"), py::arg("model"), py::arg("size"),
             py::arg("params") = std::map<std::string, ParamValue>{}, py::arg("initial") = std::map<std::string, InitialValue>{},
             "Adds `size` neurons of `model` (see models()); params override the model's defaults (a number, or an array of one value "
             "per neuron); initial values are numbers, distributions or arrays")
        .def("add_spike_source_array", &PyNetwork::add_spike_source_array, py::arg("name"), py::arg("times"),
             "Adds one neuron per list of spike times (ms, on the time grid)")
        .def("add_rate_change", &PyNetwork::add_rate_change, py::arg("population"), py::arg("at"), py::arg("rates"),
             "From time `at` (ms) on, a Poisson source fires at `rates` (Hz: one for all, or one per neuron)")
        .def("set_parameter", &PyNetwork::set_parameter, py::arg("population"), py::arg("name"), py::arg("value"),
             "Sets a parameter: one value for all neurons or one each; between runs the next step uses it")
        .def("parameter", &PyNetwork::parameter, py::arg("population"), py::arg("name"), "A parameter's value for every neuron")
        .def("parameter_names", &PyNetwork::parameter_names, py::arg("population"))
        .def("set_initial", &PyNetwork::set_initial, py::arg("population"), py::arg("variable"), py::arg("value"),
             "Initial value of a state variable: a number, a distribution or one value per neuron")
        .def("state_names", &PyNetwork::state_names, py::arg("population"))
        .def("population_size", &PyNetwork::population_size, py::arg("population"))
        .def("population_model", &PyNetwork::population_model, py::arg("population"))
        .def_property_readonly("populations", &PyNetwork::population_names)
        .def_property_readonly("projections", &PyNetwork::projection_names)
        .def(
            "add_poisson",
            [](PyNetwork& n, const std::string& name, Index size, py::object rate) { return n.add_poisson(name, size, rates_of(rate)); },
            py::arg("name"), py::arg("size"), py::arg("rate"), "Adds Poisson spike sources: one rate (Hz) for all, or one per neuron")
        .def(
            "add_gamma",
            [](PyNetwork& n, const std::string& name, Index size, py::object rate, double shape, double start, double stop) {
                return n.add_gamma(name, size, rates_of(rate), shape, start, stop);
            },
            py::arg("name"), py::arg("size"), py::arg("rate"), py::arg("shape") = 1.0, py::arg("start") = 0.0,
            py::arg("stop") = std::numeric_limits<double>::infinity(),
            "Adds gamma renewal spike trains (rate in Hz, one or one per neuron; shape k: CV 1/sqrt(k)) from start to stop (ms)")
        .def("add_inh_gamma", &PyNetwork::add_inh_gamma, py::arg("name"), py::arg("size"), py::arg("bins"), py::arg("start") = 0.0,
             py::arg("stop") = std::numeric_limits<double>::infinity(),
             "Adds inhomogeneous gamma spike trains (Muller et al. 2007): bins of (from time in ms, shape >= 1, rate in Hz)")
        .def("connect", &PyNetwork::connect, py::arg("pre"), py::arg("post"), py::arg("rule"), py::arg("weight"), py::arg("delay") = 0.1,
             py::arg("receptor") = "exc", py::arg("name") = "", py::kw_only(), py::arg("pre_neurons") = std::vector<Index>{},
             py::arg("post_neurons") = std::vector<Index>{},
             "Connects two populations now, or views of them (pre_neurons, post_neurons: the neurons the rule connects "
             "among, in order); returns the projection's name (\"pre->post\" unless given)")
        .def("connect_arrays", &PyNetwork::connect_arrays, py::arg("pre"), py::arg("post"), py::arg("pre_indices"), py::arg("post_indices"),
             py::arg("weights"), py::arg("delays"), py::arg("receptor") = "exc", py::arg("name") = "",
             "Connects explicit synapses given as numpy arrays (pre, post, weight, delay in ms)")
        .def("record_spikes", &PyNetwork::record_spikes, py::arg("population"), py::arg("neurons") = std::vector<Index>{},
             "Records spikes of a population (all neurons, or those given); returns a handle for recorded_spikes")
        .def("record_state", &PyNetwork::record_state, py::arg("population"), py::arg("variable"), py::arg("neurons"), py::arg("interval"),
             "Samples a state variable of the given neurons every `interval` ms (at the end of steps); returns a handle")
        .def("recorded_spikes", &PyNetwork::recorded_spikes, py::arg("handle"), "(ids, times in ms) of a spike recording")
        .def("recorded_state", &PyNetwork::recorded_state, py::arg("handle"), "(times in ms, values [time x neuron], neurons) of a state recording")
        .def("clear_recording", &PyNetwork::clear_recording, py::arg("kind"), py::arg("handle"), "Drops recorded data held in memory (kind: spikes or state)")
        .def("add_current", &PyNetwork::add_current, py::arg("population"), py::arg("kind"), py::arg("params") = std::map<std::string, double>{},
             py::kw_only(), py::arg("neurons") = std::vector<Index>{}, py::arg("times") = std::vector<double>{},
             py::arg("amplitudes") = std::vector<double>{}, py::arg("name") = "",
             "Injects a current (pA) into neurons of a population (default all): kind dc (amplitude, start, stop), step "
             "(times, amplitudes), ac (amplitude, offset, frequency, phase, start, stop) or noise (mean, stdev, interval, "
             "start, stop); times in ms. Returns the electrode's index")
        .def("set_current", &PyNetwork::set_current, py::arg("index"), py::arg("params") = std::map<std::string, double>{}, py::kw_only(),
             py::arg("times") = std::vector<double>{}, py::arg("amplitudes") = std::vector<double>{},
             "New settings for an electrode (its kind and neurons stay), from the next step on")
        .def("current", &PyNetwork::current, py::arg("index"), "An electrode's settings as a dict")
        .def("current_trace", &PyNetwork::current_trace, py::arg("index"), py::arg("neuron") = -1,
             "(times in ms, current in pA) the electrode injected into one neuron in every step so far")
        .def("add_plasticity", &PyNetwork::add_plasticity, py::arg("projection"), py::arg("rule"),
             py::arg("params") = std::map<std::string, double>{},
             "Attaches a plasticity rule by name (see rules()); params override its defaults (before the first run)")
        .def("plasticity", &PyNetwork::plasticity, py::arg("projection"), "Names of the rules acting on a projection, in order")
        .def("reward", &PyNetwork::reward, py::arg("projection"), py::arg("amount"), py::arg("at") = -1.0,
             "Gives dopamine to the projection's reward_stdp rules, now or at time `at` (ms)")
        .def("delays", &PyNetwork::delays, py::arg("projection"), "Delays (ms) per synapse, in the order weights() gives")
        .def("prepare", &PyNetwork::prepare, "Allocates the state and draws the initial values now (the first run does it otherwise)")
        .def("run", &PyNetwork::run, py::arg("ms"), "Advances the network by `ms`; a second call continues where the first stopped")
        .def("run_until", &PyNetwork::run_until, py::arg("time"), "Advances the network until its clock reads `time` (ms)")
        .def("reset", &PyNetwork::reset, py::arg("keep_weights") = false,
             "Back to t = 0 with the initial state drawn again (the same first run follows); weights restored unless keep_weights")
        .def("spikes", &PyNetwork::spikes, py::arg("population"), "Recorded spikes as (ids, times in ms) numpy arrays")
        .def("state", &PyNetwork::state, py::arg("population"), py::arg("variable"), "A state variable of every neuron, now")
        .def("weights", &PyNetwork::weights, py::arg("projection"), "The synapses as (pre, post, weight) numpy arrays")
        .def("set_weights", &PyNetwork::set_weights, py::arg("projection"), py::arg("weights"), "One weight per synapse, in the order weights() gives")
        .def("save", &PyNetwork::save, py::arg("path"), "Writes a checkpoint of the whole running state (HDF5)")
        .def("load", &PyNetwork::load, py::arg("path"), "Loads a checkpoint into this network, built the same way")
        .def_property_readonly("time", &PyNetwork::now_ms, "Current time (ms)")
        .def_property_readonly("steps", &PyNetwork::steps)
        .def_property_readonly("dt", &PyNetwork::dt)
        .def_property_readonly("threads", &PyNetwork::threads)
        .def_property_readonly("synapse_count", &PyNetwork::synapse_count)
        .def_property_readonly("synaptic_events", &PyNetwork::synaptic_events);
}
