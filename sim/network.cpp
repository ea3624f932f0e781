#include "sim/network.hpp"

#include "sim/check.hpp"

namespace plastica {

Network::Network(double dt, std::uint32_t seed) : dt_(dt), seed_(seed) {
    check::positive("network", "dt", dt);
}

void Network::add_population(std::unique_ptr<Population> pop) {
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
                             const SynapseSpec& syn, std::string name) {
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
    build_projection(*p, pops_[a]->size(), pops_[b]->size(), a == b, pops_[b]->conductance_based(), rule, syn, dt_,
                     seed_, static_cast<std::uint32_t>(projs_.size()), where);
    projs_.push_back(std::move(p));
    return *projs_.back();
}

void Network::add_synapse_rule(Projection& proj, std::unique_ptr<SynapseRule> rule) {
    rule->attach(proj, *pops_[proj.pre], *pops_[proj.post], dt_);
    proj.rules.push_back(std::move(rule));
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
