#pragma once
// NeuronPopulation<Model> — N neurons of one model as a structure of arrays.
//
// The model (a small struct: Params, Constants, state names, an inline branch-free `integrate`;
// its first state variable is the membrane potential that ThresholdReset tests, unless the model
// has its own branch-free `fire(k, ref, state...)`) is a template
// argument, so the update is one loop over arrays with the model's step inlined: one virtual call
// per population per step, none per neuron (as Auryn's IFGroup::evolve, DESIGN.md).
// A population may also carry Poisson drives: independent Poisson spike trains (total rate, fixed
// weight) injected directly into a receptor, the efficient form of a large external input
// (Brunel 2000's external population; NEST's poisson_generator, Brian2's PoissonInput).
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <bit>
#include <cstring>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "models/params.hpp"
#include "sim/population.hpp"
#include "sim/philox_batch.hpp"
#include "sim/random.hpp"

namespace plastica {

/// Whether a model has its own `fire(k, ref, state...)` (checked outside the update's generic
/// lambda: clang 14 does not see through a requires-expression over the lambda's own pack).
template <class M, class Seq>
inline constexpr bool kHasOwnFire = false;
/// Whether a model's step constants carry an injected current i_e (directly, in its Params, or
/// in a wrapped base model's constants): electrodes add to it (Population::add_current).
template <class K>
inline constexpr bool kTakesCurrent = requires(K& k) { k.i_e += 1.0; } || requires(K& k) { k.p.i_e += 1.0; } ||
                                      requires(K& k) { k.base.i_e += 1.0; } || requires(K& k) { k.base.p.i_e += 1.0; };
/// k's injected current plus `c` (pA): the per-step current of electrodes on top of the model's i_e.
template <class K>
[[gnu::always_inline]] inline void add_injected(K& k, double c) {
    if constexpr (requires { k.i_e += 1.0; }) k.i_e += c;
    else if constexpr (requires { k.p.i_e += 1.0; }) k.p.i_e += c;
    else add_injected(k.base, c);
}
template <class M, std::size_t... V>
inline constexpr bool kHasOwnFire<M, std::index_sequence<V...>> =
    requires(const typename M::Constants& k, std::int32_t& r, double (&s)[sizeof...(V)]) { M::fire(k, r, s[V]...); };

template <class Model>
class NeuronPopulation final : public Population {
public:
    using Params = typename Model::Params;
    static constexpr std::size_t kState = Model::state_names.size();

    NeuronPopulation(std::string name, Index n, const Params& p) : Population(std::move(name), n), params_(p) {
        validate_fields(Model::fields(), params_, where());
        initial_.fill(Distribution{});
        const auto rest = Model::resting_state(params_);
        for (std::size_t v = 0; v < kState; ++v) initial_[v] = Distribution::constant(rest[v]);
    }

    std::string model() const override { return Model::name; }
    bool conductance_based() const override { return Model::conductance_based; }
    std::string weight_unit() const override { return Model::weight_unit; }
    int input_lead() const override { return Model::input_lead; }
    const Params& params() const { return params_; }

    std::vector<std::string> state_names() const override {
        return std::vector<std::string>(Model::state_names.begin(), Model::state_names.end());
    }
    const double* state(const std::string& var) const override {
        for (std::size_t v = 0; v < kState; ++v)
            if (var == Model::state_names[v]) return state_[v].empty() ? nullptr : state_[v].data();
        return nullptr;
    }
    /// Mutable access to a state variable (tests, experiments that set state by hand).
    double* state_mut(const std::string& var) { return const_cast<double*>(state(var)); }

    void set_initial(const std::string& var, const Distribution& d) override {
        for (std::size_t v = 0; v < kState; ++v)
            if (var == Model::state_names[v]) {
                d.validate(where(), var);
                initial_[v] = d;
                return;
            }
        Population::set_initial(var, d);
    }

    void set_initial_values(const std::string& var, const std::vector<double>& values) override {
        for (std::size_t v = 0; v < kState; ++v)
            if (var == Model::state_names[v]) {
                if (values.size() != size())
                    throw Error(where(), var, std::to_string(values.size()) + " values", "needs one initial value per neuron (" + std::to_string(size()) + ")");
                for (Index i = 0; i < size(); ++i)
                    if (!std::isfinite(values[i]))
                        throw Error(where(), var, to_text(values[i]), "initial value of neuron " + std::to_string(i) + " is not finite");
                initial_values_[v] = values;
                return;
            }
        Population::set_initial_values(var, values);
    }

    std::vector<std::string> parameter_names() const override {
        std::vector<std::string> out;
        for (const auto& f : Model::fields()) out.push_back(f.name);
        return out;
    }
    std::vector<double> parameter(const std::string& name) const override {
        const auto m = member(name, 0);
        if (per_.empty()) return std::vector<double>(size(), params_.*m);
        std::vector<double> out(size());
        for (Index i = 0; i < size(); ++i) out[i] = per_[i].*m;
        return out;
    }
    void set_parameter(const std::string& name, const std::vector<double>& values) override {
        const auto m = member(name, values.empty() ? 0.0 : values[0]);
        const bool uniform = std::all_of(values.begin(), values.end(), [&](double x) { return x == values[0]; });
        if (values.empty() || (!uniform && values.size() != size()))
            throw Error(where(), name, std::to_string(values.size()) + " values", "needs one value for all neurons or one per neuron (" + std::to_string(size()) + ")");
        if (uniform && per_.empty()) {
            Params p = params_;
            p.*m = values[0];
            validate_fields(Model::fields(), p, where());
            params_ = p;
        } else {
            std::vector<Params> per = per_.empty() ? std::vector<Params>(size(), params_) : per_;
            for (Index i = 0; i < size(); ++i) {
                per[i].*m = values[uniform ? 0 : i];
                validate_fields(Model::fields(), per[i], where() + " neuron " + std::to_string(i));
            }
            per_ = std::move(per);
        }
        if (constants_ready_) compute_constants();  // between runs: the next step uses the new values
    }

    void add_drive(const PoissonDrive& d) override {
        check::non_negative(where(), "poisson_drive.rate_hz", d.rate_hz);
        check::finite(where(), "poisson_drive.weight", d.weight);
        if (Model::conductance_based && d.weight < 0)
            throw Error(where(), "poisson_drive.weight", to_text(d.weight), "conductance weights must be >= 0 nS");
        drives_.push_back(d);
    }

    void add_current(const CurrentInjection& c) override {
        if constexpr (!kTakesCurrent<typename Model::Constants>)
            throw Error(where(), "current", current_kind_name(c.source().kind), std::string("model ") + Model::name + " has no injected current (no i_e)");
        for (Index i : c.targets())
            if (i >= size()) throw Error(where(), "current.neurons", std::to_string(i), "neuron index out of range (size " + std::to_string(size()) + ")");
        currents_.push_back(c);
        if (constants_ready_) injected_.assign(size(), 0.0);  // added between runs: prepare() has run
    }

    void prepare(const RunContext& ctx, std::size_t slots) override {
        ctx_ = ctx;
        compute_constants();
        fault_.store(kNoFault);
        drive_tables_.clear();
        for (const auto& d : drives_) {
            const double lambda = d.rate_hz * ctx.dt * 1e-3;
            if (lambda > 1e6) throw Error(where(), "poisson_drive.rate_hz", to_text(d.rate_hz), "is too large for one step");
            drive_tables_.push_back(lambda > 0 && lambda < 10 ? PoissonInversion(lambda) : PoissonInversion());
        }
        input_.resize(slots, size());
        injected_.assign(currents_.empty() ? 0 : size(), 0.0);
        refractory_.assign(size(), 0);
        fired_.assign(aligned_stride<std::uint8_t>(size()), 0);
        if constexpr (requires { Model::stochastic; }) uniforms_.assign(size(), 0.0);
        if constexpr (requires { Model::offset_state; })
            for (auto& o : offsets_) o.assign(size(), 0.0);
        for (std::size_t v = 0; v < kState; ++v) {
            state_[v].resize(size());
            const Distribution& d = initial_[v];
            if (!initial_values_[v].empty()) {
                std::copy(initial_values_[v].begin(), initial_values_[v].end(), state_[v].begin());
                continue;
            }
            for (Index i = 0; i < size(); ++i) {
                if (d.is_constant()) {
                    state_[v][i] = d.a;
                } else {
                    RandomStream rng(ctx.seed, stream_id(StreamKind::initial_state, ctx.index), i, v);
                    state_[v][i] = d.sample(rng);
                    if (!std::isfinite(state_[v][i]))
                        throw Error(where(), std::string(Model::state_names[v]) + ".initial", d.describe(),
                                    "draws " + to_text(state_[v][i]) + " for neuron " + std::to_string(i) + " (initial values must be finite)");
                }
            }
        }
    }

    /// State variables, refractory counters and inputs in flight. The spike offsets of precise
    /// models are read only within the step that wrote them, so they are not state.
    void io_state(StateIO& io) override {
        Population::io_state(io);
        for (std::size_t v = 0; v < kState; ++v) io.array(Model::state_names[v], state_[v]);
        io.array("refractory", refractory_);
    }

    void update(Step t, Index begin, Index end, SpikeList& spikes) override {
        double* in_exc = input_.at(t + Model::input_lead, 0);
        double* in_inh = input_.at(t + Model::input_lead, 1);
        for (std::size_t d = 0; d < drives_.size(); ++d) apply_drive(d, t, begin, end, in_exc, in_inh);
        std::array<double*, kState> s;
        for (std::size_t v = 0; v < kState; ++v) s[v] = state_[v].data();
        std::int32_t* ref = refractory_.data();
        // A local copy of the shared constants: stores to state cannot alias it. Heterogeneous
        // parameters: each neuron its own constants (the same step, read per lane).
        const typename Model::Constants k = k_;
        if constexpr (kTakesCurrent<typename Model::Constants>) {
            if (!currents_.empty()) {
                // Electrodes: this step's current of each neuron, added to its i_e lane by lane.
                std::fill(injected_.begin() + begin, injected_.begin() + end, 0.0);
                for (const auto& c : currents_) c.add(t, begin, end, injected_.data());
                if (kper_.empty()) step_neurons<false, true>(t, begin, end, s, ref, k, nullptr);
                else step_neurons<true, true>(t, begin, end, s, ref, k, kper_.data());
            } else if (kper_.empty()) {
                step_neurons<false>(t, begin, end, s, ref, k, nullptr);
            } else {
                step_neurons<true>(t, begin, end, s, ref, k, kper_.data());
            }
        } else if (kper_.empty()) {
            step_neurons<false>(t, begin, end, s, ref, k, nullptr);
        } else {
            step_neurons<true>(t, begin, end, s, ref, k, kper_.data());
        }
        // Spikes are rare: scan the flags eight at a time. `begin` is a multiple of 16 and a range
        // that is not the population's last ends on one, so a word never reaches into another
        // thread's flags; past the population's end the flags are padding that stays zero.
        static_assert(std::endian::native == std::endian::little, "flag scan assumes little-endian words");
        std::uint8_t* fired = fired_.data();
        for (Index i = begin; i < end; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, fired + i, sizeof w);
            while (w) {
                const int b = std::countr_zero(w) / 8;
                spikes.push_back(i + static_cast<Index>(b));
                if constexpr (requires { Model::offset_state; })
                    offsets_[t & 1][i + b] = state_[Model::offset_state][i + b];
                w &= ~(std::uint64_t{0xff} << (8 * b));
            }
        }
    }

private:
    /// Integrates neurons [begin, end) one step, tests the threshold and resets, with the shared
    /// constants `k` or (PerNeuron) neuron i's own kp[i]. The models' steps are always_inline:
    /// a step called out of line would leave the loop scalar (measured: 6x slower COBA).
    /// One neuron's step: integrate, threshold test and reset, inputs consumed. `un[i]` is read by
    /// escape-noise models only (un is null for the others).
    template <class... S>
    [[gnu::always_inline]] static void step_one(const typename Model::Constants& k, std::int32_t& ref, double& in_exc, double& in_inh,
                                                const double* un, Index i, std::uint8_t& fired, S&... s) {
        Model::integrate(k, ref, in_exc, in_inh, s...);
        if constexpr (requires { Model::stochastic; })
            fired = Model::fire(k, ref, un[i], s...);  // fires with a probability, drawn by un[i]
        else if constexpr (kHasOwnFire<Model, std::make_index_sequence<kState>>)
            fired = Model::fire(k, ref, s...);  // the model's own reset (e.g. Izhikevich's u += d)
        else
            fired = k.spike.fire(std::get<0>(std::tie(s...)), ref);
        (void)un, (void)i;
        in_exc = 0;
        in_inh = 0;
    }

    /// Injected: each neuron's constants are copied with this step's electrode current added to
    /// their i_e (injected_[i]); the copy stays in registers, and populations without electrodes
    /// take the plain path.
    /// Always inlined into update(): out of line (four instantiations made GCC 12 stop inlining
    /// it) the COBA network's step ran 2.4x slower, measured with `plastica bench vogels_abbott`.
    template <bool PerNeuron, bool Injected = false>
    [[gnu::always_inline]] void step_neurons(Step t, Index begin, Index end, const std::array<double*, kState>& s, std::int32_t* ref,
                      const typename Model::Constants& k0, const typename Model::Constants* kp) {
        const typename Model::Constants k = k0;  // a local copy: stores to state cannot alias it
        const double* cur = injected_.data();
#define PLASTICA_K(i) (PerNeuron ? kp[i] : k)
        double* in_exc = input_.at(t + Model::input_lead, 0);
        double* in_inh = input_.at(t + Model::input_lead, 1);
        std::uint8_t* fired = fired_.data();
        // Escape-noise models fire with a probability: one uniform per neuron and step, keyed by
        // (seed, population, neuron, step) like every other draw, so any thread count agrees.
        double* un = uniforms_.data();
        if constexpr (requires { Model::stochastic; })
            uniform_batch(ctx_.seed, stream_id(StreamKind::escape_noise, ctx_.index), begin, end - begin, static_cast<std::uint64_t>(t), un + begin);
        // One vectorised pass integrates, tests the threshold and resets; it is branch-free and its
        // iterations are independent (`omp simd` says so, which spares the compiler alias checks).
        // The state is passed as references into the arrays: a local std::array of the state
        // inside an `omp simd` loop becomes a per-lane "simd array" that GCC 12 cannot vectorise.
        // Chunk boundaries are multiples of 16 (sim/partition.hpp) and the arrays are 64-byte
        // aligned, so every neuron takes the same path (vector body or scalar tail) at any thread
        // count and the results stay bit-identical.
        [&]<std::size_t... V>(std::index_sequence<V...>) {
            if constexpr (Injected) {
#pragma omp simd
                for (Index i = begin; i < end; ++i) {
                    typename Model::Constants ki = PLASTICA_K(i);
                    add_injected(ki, cur[i]);
                    step_one(ki, ref[i], in_exc[i], in_inh[i], un, i, fired[i], s[V][i]...);
                }
            } else {
#pragma omp simd
                for (Index i = begin; i < end; ++i) step_one(PLASTICA_K(i), ref[i], in_exc[i], in_inh[i], un, i, fired[i], s[V][i]...);
            }
            // Models that can fail (an integrator giving up, a state running off to infinity)
            // are checked here; the first bad neuron is reported after the segment (check_state).
            if constexpr (requires { Model::can_fail; })
                for (Index i = begin; i < end; ++i)
                    if (!(std::isfinite(s[V][i]) && ...)) {
                        Index seen = fault_.load(std::memory_order_relaxed);
                        while (i < seen && !fault_.compare_exchange_weak(seen, i, std::memory_order_relaxed)) {}
                        break;
                    }
        }(std::make_index_sequence<kState>{});
#undef PLASTICA_K
    }

public:
    const double* spike_offsets(Step t) const override {
        if constexpr (requires { Model::offset_state; }) return offsets_[t & 1].data();
        return nullptr;
    }

    void check_state() const override {
        const Index i = fault_.load();
        if (i == kNoFault) return;
        std::string st;
        for (std::size_t v = 0; v < kState; ++v) st += (v ? ", " : "") + std::string(Model::state_names[v]) + " = " + to_text(state_[v][i]);
        throw Error(where(), "neuron", std::to_string(i),
                    "state is not finite (" + st + "): the integration failed; check the parameters, the inputs and dt");
    }

    std::size_t bytes() const override {
        return input_.bytes() + kState * size() * sizeof(double) + refractory_.capacity() * sizeof(std::int32_t) +
               fired_.capacity();
    }

private:
    std::string where() const { return "population '" + name() + "' (" + Model::name + ")"; }

    /// The member of Params called `name`; an unknown name is an Error listing the model's fields.
    double Params::*member(const std::string& name, double value) const {
        for (const auto& f : Model::fields())
            if (name == f.name) return f.member;
        Params scratch{};
        set_field(Model::fields(), scratch, name, value, where());  // throws the unknown-parameter error
        return nullptr;
    }

    /// The step constants from the parameters: one copy for a homogeneous population, one per
    /// neuron for a heterogeneous one (errors name the neuron).
    void compute_constants() {
        k_ = Model::prepare(params_, ctx_.dt, where());
        kper_.clear();
        kper_.reserve(per_.size());
        for (std::size_t i = 0; i < per_.size(); ++i) kper_.push_back(Model::prepare(per_[i], ctx_.dt, where() + " neuron " + std::to_string(i)));
        constants_ready_ = true;
    }

    void apply_drive(std::size_t d, Step t, Index begin, Index end, double* in_exc, double* in_inh) const {
        const PoissonDrive& dr = drives_[d];
        double* in = dr.receptor == Receptor::exc ? in_exc : in_inh;
        const double lambda = dr.rate_hz * ctx_.dt * 1e-3;
        const std::uint32_t stream = stream_id(StreamKind::poisson_drive, (ctx_.index << 4) | static_cast<std::uint32_t>(d));
        if (lambda <= 0) return;
        if (lambda < 10) {
            // the same draws as RandomStream(seed, stream, i, t).poisson(lambda), batched
            const PoissonInversion& table = drive_tables_[d];
            alignas(64) double u[64];
            for (Index i0 = begin; i0 < end; i0 += 64) {
                const Index n = std::min<Index>(64, end - i0);
                uniform_batch(ctx_.seed, stream, i0, n, static_cast<std::uint64_t>(t), u);
                for (Index j = 0; j < n; ++j) {
                    const auto k = table.draw(u[j]);
                    if (k) in[i0 + j] += static_cast<double>(k) * dr.weight;
                }
            }
            return;
        }
        for (Index i = begin; i < end; ++i) {
            RandomStream rng(ctx_.seed, stream, i, static_cast<std::uint64_t>(t));
            in[i] += static_cast<double>(rng.poisson(lambda)) * dr.weight;
        }
    }

    Params params_;
    std::vector<Params> per_;                        // per-neuron parameters (empty: all are params_)
    typename Model::Constants k_{};
    std::vector<typename Model::Constants> kper_;    // per-neuron constants (empty: all use k_)
    bool constants_ready_ = false;
    std::array<std::vector<double>, kState> initial_values_;  // per-neuron initial values (empty: initial_)
    RunContext ctx_{};
    std::array<Distribution, kState> initial_;
    std::array<AlignedVector<double>, kState> state_;
    AlignedVector<std::int32_t> refractory_;
    AlignedVector<std::uint8_t> fired_;  // 1 where the neuron spiked this step; padded to 64 bytes
    std::vector<PoissonDrive> drives_;
    std::vector<CurrentInjection> currents_;       // electrodes onto this population
    AlignedVector<double> injected_;               // this step's electrode current per neuron (pA)
    std::vector<PoissonInversion> drive_tables_;  // per drive, for lambda < 10
    AlignedVector<double> uniforms_;               // this step's uniforms (escape-noise models only)
    // Precise-time models: the spike offsets of steps of either parity (Population::spike_offsets).
    // The model's own state variable Model::offset_state holds the offset of the step it last
    // integrated; it is copied here for the neurons that spiked, so that monitors reading step t
    // on one thread do not race with another thread integrating step t+1.
    std::array<AlignedVector<double>, 2> offsets_;
    static constexpr Index kNoFault = ~Index{0};
    std::atomic<Index> fault_{kNoFault};  // first neuron whose state went non-finite (models that can fail)
};

}  // namespace plastica
