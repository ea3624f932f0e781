#include "plasticity/triplet_stdp.hpp"

namespace plastica {

namespace {

struct NamedSet {
    const char* name;
    TripletStdp::Params p;
};

// Pfister & Gerstner 2006, Table 4: tau_plus = 16.8 ms and tau_minus = 33.7 ms throughout
// (Bi & Poo's window); the minimal models drop A2+ and A3- (tau_x then plays no role).
// Visual cortex: fits to Sjöström et al. 2001; hippocampal: fits to Wang et al. 2005.
const std::vector<NamedSet>& sets() {
    auto make = [](double a2p, double a3p, double a2m, double a3m, double tx, double ty, bool nearest) {
        TripletStdp::Params p;
        p.a2_plus = a2p;
        p.a3_plus = a3p;
        p.a2_minus = a2m;
        p.a3_minus = a3m;
        p.tau_x = tx;
        p.tau_y = ty;
        p.nearest = nearest;
        return p;
    };
    static const std::vector<NamedSet> s = {
        {"visual_cortex_all_to_all", make(5e-10, 6.2e-3, 7e-3, 2.3e-4, 101, 125, false)},
        {"visual_cortex_all_to_all_minimal", make(0, 6.5e-3, 7.1e-3, 0, 101, 125, false)},
        {"visual_cortex_nearest", make(8.8e-11, 5.3e-2, 6.6e-3, 3.1e-3, 714, 40, true)},
        {"visual_cortex_nearest_minimal", make(0, 5e-2, 8e-3, 0, 714, 40, true)},
        {"hippocampal_all_to_all", make(6.1e-3, 6.7e-3, 1.6e-3, 1.4e-3, 946, 27, false)},
        {"hippocampal_nearest", make(4.6e-3, 9.1e-3, 3e-3, 7.5e-9, 575, 47, true)},
    };
    return s;
}

}  // namespace

std::vector<std::string> triplet_parameter_set_names() {
    std::vector<std::string> out;
    for (const auto& s : sets()) out.emplace_back(s.name);
    return out;
}

TripletStdp::Params triplet_parameter_set(const std::string& name) {
    for (const auto& s : sets())
        if (name == s.name) return s.p;
    std::string list;
    for (const auto& s : sets()) list += (list.empty() ? "" : ", ") + std::string(s.name);
    throw Error("triplet_stdp", "parameter_set", name, "unknown (known: " + list + ")");
}

}  // namespace plastica
