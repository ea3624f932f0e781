#pragma once
// The gradient-trained learners (see gradient_learners.cpp): backprop and feedback_alignment.
#include "bridges/learner.hpp"
#include "models/rate/network.hpp"

namespace plastica {

/// Keys "<name>.hidden", ".activation", ".optimizer", ".lr", ".batch" of a gradient learner.
std::vector<ParamSpec> gradient_schema(const std::string& name);
/// A gradient learner reading the keys of gradient_schema(name) (converted_snn trains its MLP so).
std::unique_ptr<Learner> make_gradient_learner(const std::string& name, const Config& c, const LearnerSetup& s, bool feedback_alignment);
/// The network of a learner made by make_gradient_learner.
rate::Network<float>& gradient_network(Learner& l);

LearnerInfo backprop_learner();
LearnerInfo feedback_alignment_learner();

}  // namespace plastica
