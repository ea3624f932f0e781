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
// First part of issue 18; the network description as data, rules by name, PyNN backend follow.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "models/poisson_source.hpp"
#include "models/registry.hpp"
#include "sim/checkpoint.hpp"
#include "sim/error.hpp"
#include "sim/network.hpp"
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

/// A network with its simulator and spike recorders, as Python sees it.
class PyNetwork {
public:
    PyNetwork(double dt, std::uint32_t seed, int threads) : net_(std::make_unique<Network>(dt, seed)), threads_(threads) {}

    std::string add_population(const std::string& name, const std::string& model, Index n, const std::map<std::string, double>& params,
                               const std::map<std::string, Value>& initial) {
        auto pop = make_population(model, name, n, params);
        for (const auto& [var, v] : initial) pop->set_initial(var, as_distribution(v));
        net_->add_population(std::move(pop));
        return name;
    }

    std::string add_poisson(const std::string& name, Index n, const std::vector<double>& rates_hz) {
        net_->add_population(std::make_unique<PoissonSource>(name, n, rates_hz));
        return name;
    }

    std::string connect(const std::string& pre, const std::string& post, const ConnectionRule& rule, const Value& weight, const Value& delay,
                        const std::string& receptor, const std::string& name) {
        return net_->connect(pre, post, rule, {receptor_of(receptor), as_distribution(weight), as_distribution(delay)}, name).name;
    }

    void record_spikes(const std::string& pop) {
        net_->index_of(pop);  // an unknown name is an error now, not at run
        recorders_.push_back(std::make_unique<SpikeRecorder>(pop));
        if (sim_) sim_->add_monitor(*recorders_.back());
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

    void reset(bool keep_weights) { net_->reset(keep_weights ? Network::Weights::keep : Network::Weights::initial); }

    std::pair<py::array_t<Index>, py::array_t<double>> spikes(const std::string& pop) const {
        for (const auto& r : recorders_)
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

private:
    Simulator& simulator() {
        if (!sim_) {
            sim_ = std::make_unique<Simulator>(*net_, threads_);
            for (auto& r : recorders_) sim_->add_monitor(*r);
        }
        return *sim_;
    }
    std::vector<Monitor*> monitors() const {
        std::vector<Monitor*> m;
        for (const auto& r : recorders_) m.push_back(r.get());
        return m;
    }

    std::unique_ptr<Network> net_;
    int threads_;
    std::vector<std::unique_ptr<SpikeRecorder>> recorders_;
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

    py::class_<ConnectionRule>(m, "ConnectionRule", "How presynaptic and postsynaptic neurons are paired");
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
        "model_params",
        [](const std::string& model) {
            std::map<std::string, std::pair<double, std::string>> out;
            for (const auto& p : neuron_model_params(model)) out[p.name] = {p.default_value, p.unit};
            return out;
        },
        py::arg("model"), "Parameters of a model: name -> (default, unit)");

    py::class_<PyNetwork>(m, "Network", "A spiking network: populations, projections, recorders, and its running state")
        .def(py::init<double, std::uint32_t, int>(), py::arg("dt") = 0.1, py::arg("seed") = 1, py::arg("threads") = 0)
        .def("add_population", &PyNetwork::add_population, py::arg("name"), py::arg("model"), py::arg("size"),
             py::arg("params") = std::map<std::string, double>{}, py::arg("initial") = std::map<std::string, Value>{},
             "Adds `size` neurons of `model` (see models()); params override the model's defaults; initial values are numbers or distributions")
        .def(
            "add_poisson",
            [](PyNetwork& n, const std::string& name, Index size, py::object rate) {
                std::vector<double> rates;
                if (py::isinstance<py::float_>(rate) || py::isinstance<py::int_>(rate)) rates = {rate.cast<double>()};
                else rates = rate.cast<std::vector<double>>();
                return n.add_poisson(name, size, rates);
            },
            py::arg("name"), py::arg("size"), py::arg("rate"), "Adds Poisson spike sources: one rate (Hz) for all, or one per neuron")
        .def("connect", &PyNetwork::connect, py::arg("pre"), py::arg("post"), py::arg("rule"), py::arg("weight"), py::arg("delay") = 0.1,
             py::arg("receptor") = "exc", py::arg("name") = "",
             "Connects two populations now; returns the projection's name (\"pre->post\" unless given)")
        .def("record_spikes", &PyNetwork::record_spikes, py::arg("population"))
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
