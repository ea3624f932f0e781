#pragma once
// The gradient-trained learners (see gradient_learners.cpp): backprop and feedback_alignment.
#include "bridges/learner.hpp"

namespace plastica {

LearnerInfo backprop_learner();
LearnerInfo feedback_alignment_learner();

}  // namespace plastica
