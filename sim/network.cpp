#include "sim/network.hpp"

#include <algorithm>
#include <numeric>
#include <sstream>

#include <chrono>

#include "sim/build_progress.hpp"
#include "sim/check.hpp"
#include "sim/memory.hpp"

namespace plastica {

Network::Network(double dt, std::uint32_t seed) : dt_(dt), seed_(seed) {
    check::positive("network", "dt", dt);
}

void Network::add_population(std::unique_ptr<Population> pop) {
    if (prepared_) throw Error("network", "population", pop->name(), "cannot be added after the network has run");
    for (const auto& p : pops_)
        if (p->name() == pop->name()) throw Error("network", "population", pop->name(), "a population of that name already exists");
    if (pop->name().empty() || pop->name().find('/') != std::string::npos)
        throw Error("network", "population", "\"" + pop->name() + "\"", "names must be non-empty and contain no '/'");
    pops_.push_back(std::move(pop));
}

std::uint32_t Network::index_of(const std::string& name) const {
    for (std::size_t i = 0; i < pops_.size(); ++i)
        if (pops_[i]->name() == name) return static_cast<std::uint32_t>(i);
    throw Error("network", "population", name, "no population of that name");
}

Projection& Network::connect(const std::string& pre, const std::string& post, const ConnectionRule& rule,
                             const SynapseSpec& syn, std::string name, const std::vector<Index>& pre_neurons,
                             const std::vector<Index>& post_neurons) {
    if (prepared_) throw Error("network", "projection", pre + "->" + post, "cannot be added after the network has run");
    const std::uint32_t a = index_of(pre), b = index_of(post);
    auto taken = [&](const std::string& n) {
        for (const auto& q : projs_)
            if (q->name == n) return true;
        return false;
    };
    if (name.empty()) {
        // "pre->post", and "pre->post#2", "#3", ... for further projections between the two
        name = pre + "->" + post;
        for (int k = 2; taken(name); ++k) name = pre + "->" + post + "#" + std::to_string(k);
    } else if (taken(name)) {
        throw Error("network", "projection", name, "a projection of that name already exists");
    }
    const std::string where = "projection '" + name + "'";
    if (!pops_[b]->accepts_input())
        throw Error(where, "post", post, "a " + pops_[b]->model() + " population cannot receive synapses");
    auto p = std::make_unique<Projection>();
    p->name = name;
    p->pre = a;
    p->post = b;
    const auto t0 = std::chrono::steady_clock::now();
    if (pre_neurons.empty() && post_neurons.empty()) {
        build_projection(*p, pops_[a]->size(), pops_[b]->size(), a == b, pops_[b]->conductance_based(), rule, syn, dt_,
                         seed_, static_cast<std::uint32_t>(projs_.size()), where);
    } else {
        // Views: the rule connects among the views' neurons, then the synapses move to the
        // populations' indices. Without autapses, one view onto both sides excludes i -> i as
        // for a population; two different views of one population drop the pairs that are the
        // same neuron, which is the same law for all_to_all and fixed_probability only.
        const auto check_view = [&](const std::vector<Index>& v, Index n, const char* key) {
            std::vector<Index> seen(v);
            std::sort(seen.begin(), seen.end());
            for (std::size_t q = 0; q < v.size(); ++q)
                if (v[q] >= n) throw Error(where, key, std::to_string(v[q]), "neuron index out of range (size " + std::to_string(n) + ")");
            if (std::adjacent_find(seen.begin(), seen.end()) != seen.end())
                throw Error(where, key, std::to_string(*std::adjacent_find(seen.begin(), seen.end())), "a neuron listed twice in a view");
            return v.empty() ? n : static_cast<Index>(v.size());
        };
        const Index n_pre = check_view(pre_neurons, pops_[a]->size(), "pre_neurons"), n_post = check_view(post_neurons, pops_[b]->size(), "post_neurons");
        const auto whole = [](const std::vector<Index>& v, Index n) {
            std::vector<Index> out(v);
            if (out.empty()) {
                out.resize(n);
                std::iota(out.begin(), out.end(), Index{0});
            }
            return out;
        };
        const bool same_view = a == b && whole(pre_neurons, pops_[a]->size()) == whole(post_neurons, pops_[b]->size());
        const bool drop_self = a == b && !same_view && !rule.allow_autapses;
        using K = ConnectionRule::Kind;
        if (drop_self && rule.kind != K::all_to_all && rule.kind != K::fixed_probability)
            throw Error(where, "autapses", "false", std::string("with two different views of one population, only all_to_all and fixed_probability exclude "
                                                               "self-connections exactly (not ") + ConnectionRule::kind_name(rule.kind) + ")");
        Projection view;
        build_projection(view, n_pre, n_post, same_view, pops_[b]->conductance_based(), rule, syn, dt_, seed_,
                         static_cast<std::uint32_t>(projs_.size()), where);
        remap_to_populations(*p, view, pre_neurons, post_neurons, pops_[a]->size(), pops_[b]->size(), drop_self);
    }
    BuildProgress::report(name, p->size(), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    projs_.push_back(std::move(p));
    return *projs_.back();
}

void Network::add_synapse_rule(Projection& proj, std::unique_ptr<SynapseRule> rule) {
    if (prepared_) throw Error("projection '" + proj.name + "'", "rule", rule->name(), "cannot be added after the network has run");
    rule->attach(proj, *pops_[proj.pre], *pops_[proj.post], dt_);
    proj.rules.push_back(std::move(rule));
}

std::size_t Network::add_current(const std::string& population, const CurrentSource& source, std::vector<Index> targets, std::string name) {
    const std::uint32_t p = index_of(population);
    const std::string base = std::string(current_kind_name(source.kind)) + "->" + population;
    auto taken = [&](const std::string& n) {
        return std::any_of(electrodes_.begin(), electrodes_.end(), [&](const auto& e) { return e->name == n; });
    };
    if (name.empty()) {
        name = base;
        for (int k = 2; taken(name); ++k) name = base + "#" + std::to_string(k);
    } else if (taken(name)) {
        throw Error("network", "current", name, "an electrode of that name already exists");
    }
    auto e = std::make_unique<Electrode>();
    e->name = name;
    e->population = p;
    e->source = source;
    e->source.prepare(dt_, "current '" + name + "'");
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    e->targets = std::move(targets);
    const auto id = static_cast<std::uint32_t>(electrodes_.size());
    pops_[p]->add_current(CurrentInjection(&e->source, id, &e->targets, seed_));  // errors name the population
    electrodes_.push_back(std::move(e));
    return id;
}

void Network::set_current(std::size_t i, const CurrentSource& source) {
    Electrode& e = const_cast<Electrode&>(current(i));  // our own, non-const
    CurrentSource s = source;
    s.prepare(dt_, "current '" + e.name + "'");  // the old settings stay when the new ones are bad
    if (now_ > 0 && (e.earlier.empty() || e.earlier.back().first < now_)) e.earlier.emplace_back(now_, e.source);
    e.source = std::move(s);
}

const Electrode& Network::current(std::size_t i) const {
    if (i >= electrodes_.size()) throw Error("network", "current", std::to_string(i), "no electrode of that index (" + std::to_string(electrodes_.size()) + " exist)");
    return *electrodes_[i];
}

double Network::injected_current(std::size_t i, Step t, Index neuron) const {
    const Electrode& e = current(i);
    const CurrentSource* s = &e.source;
    for (const auto& [until, earlier] : e.earlier)
        if (t < until) {
            s = &earlier;
            break;
        }
    return CurrentInjection(s, static_cast<std::uint32_t>(i), &e.targets, seed_).value(t, neuron);
}

const Projection* Network::find_projection(const std::string& name) const {
    for (const auto& p : projs_)
        if (p->name == name) return p.get();
    return nullptr;
}

Projection& Network::projection(const std::string& name) {
    if (const Projection* p = find_projection(name)) return const_cast<Projection&>(*p);  // our own, non-const
    throw Error("network", "projection", name, "no projection of that name");
}

std::uint64_t Network::synapse_count() const {
    std::uint64_t n = 0;
    for (const auto& p : projs_) n += p->size();
    return n;
}

std::size_t Network::synapse_bytes() const {
    std::size_t n = 0;
    for (const auto& p : projs_) n += p->bytes();
    return n;
}

std::uint64_t Network::neuron_count() const {
    std::uint64_t n = 0;
    for (const auto& p : pops_) n += p->size();
    return n;
}

}  // namespace plastica

namespace plastica {

void Network::prepare() {
    if (prepared_) return;
    const std::size_t P = pops_.size();
    // Each population's ring buffer spans the longest delay into it (see Population::input_lead).
    std::vector<std::size_t> max_delay(P, 1);
    for (const auto& pr : projs_) max_delay[pr->post] = std::max<std::size_t>(max_delay[pr->post], pr->max_delay());
    double bytes = 0;  // state arrays and input ring buffers, estimated before any is allocated
    for (std::size_t p = 0; p < P; ++p)
        bytes += static_cast<double>(pops_[p]->size()) * (8.0 * static_cast<double>(pops_[p]->state_count() + 2 * (max_delay[p] + 1)) + 8);
    check_memory("network", "neurons", std::to_string(neuron_count()), bytes);
    for (std::size_t p = 0; p < P; ++p) {
        RunContext ctx{dt_, seed_, static_cast<std::uint32_t>(p)};
        // Delivery after step t writes slots t+2 .. t+1+D while slot t+1 is still unread (input
        // lead 0), so D + 1 slots never collide; models with input lead 1 read t+1 during step t.
        pops_[p]->prepare(ctx, max_delay[p] + 1);
    }
    initial_weights_.assign(projs_.size(), {});
    for (std::size_t j = 0; j < projs_.size(); ++j)
        if (projs_[j]->plastic()) initial_weights_[j] = projs_[j]->weight;
    spike_counts_.assign(P, 0);
    prepared_ = true;
}

void Network::advance(Step to, std::uint64_t events, const std::vector<std::uint64_t>& spikes) {
    now_ = to;
    events_ += events;
    for (std::size_t p = 0; p < spikes.size() && p < spike_counts_.size(); ++p) spike_counts_[p] += spikes[p];
}

void Network::reset(Weights w) {
    if (!prepared_) return;  // nothing has run
    prepared_ = false;
    std::vector<std::vector<float>> initial = std::move(initial_weights_);
    if (w == Weights::initial)
        for (std::size_t j = 0; j < projs_.size(); ++j)
            if (!initial[j].empty()) projs_[j]->weight = initial[j];
    // Attaching again brings each rule back to its state at t = 0 (sim/synapse_rule.hpp).
    for (auto& pr : projs_)
        for (auto& r : pr->rules) r->attach(*pr, *pops_[pr->pre], *pops_[pr->post], dt_);
    prepare();  // draws the initial state again
    if (w == Weights::keep) initial_weights_ = std::move(initial);  // "initial" stays the first run's
    now_ = 0;
    events_ = 0;
    for (auto& e : electrodes_) e->earlier.clear();
}

void Network::io_state(StateIO& io) {
    if (io.loading()) prepare();
    {
        StateIO::Scope s(io, "clock");
        io.value("step", now_);
        io.value("synaptic_events", events_);
        io.array("spikes", spike_counts_);
    }
    for (auto& p : pops_) {
        StateIO::Scope s(io, "populations/" + p->name());
        p->io_state(io);
    }
    for (auto& pr : projs_) {
        StateIO::Scope s(io, "projections/" + pr->name);
        io.array("weight", pr->weight);
        for (std::size_t r = 0; r < pr->rules.size(); ++r) {
            StateIO::Scope rs(io, "rule" + std::to_string(r) + "_" + pr->rules[r]->name());
            pr->rules[r]->io_state(io);
        }
    }
}

std::string Network::fingerprint() const {
    std::ostringstream os;
    os << "dt " << to_text(dt_) << "; seed " << seed_ << "\n";
    for (const auto& p : pops_) os << "population " << p->name() << ": " << p->model() << ", " << p->size() << " neurons\n";
    for (const auto& pr : projs_) {
        os << "projection " << pr->name << ": " << pops_[pr->pre]->name() << " -> " << pops_[pr->post]->name() << ", "
           << pr->size() << " synapses";
        for (const auto& r : pr->rules) os << ", rule " << r->name();
        os << "\n";
    }
    for (const auto& e : electrodes_)
        os << "current " << e->name << ": " << current_kind_name(e->source.kind) << " -> " << pops_[e->population]->name() << ", "
           << (e->targets.empty() ? std::string("all") : std::to_string(e->targets.size())) << " neurons\n";
    return os.str();
}

}  // namespace plastica
