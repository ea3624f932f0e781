#include "bridges/converted_snn.hpp"
#include "bridges/gradient_learners.hpp"
#include "bridges/hebbian_competitive.hpp"
#include "bridges/stdp_wta.hpp"
#include "bridges/learner.hpp"

namespace plastica {

const std::vector<LearnerInfo>& learner_infos() {
    static const std::vector<LearnerInfo> all = {backprop_learner(), stdp_wta_learner(), hebbian_competitive_learner(), converted_snn_learner(), feedback_alignment_learner()};
    return all;
}

const LearnerInfo& find_learner(const std::string& name, const std::string& where) {
    std::string known;
    for (const auto& l : learner_infos()) {
        if (l.name == name) return l;
        known += (known.empty() ? "" : ", ") + l.name;
    }
    throw Error(where, "learners", name, "unknown learner (known: " + known + ")");
}

}  // namespace plastica
