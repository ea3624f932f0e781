#pragma once
// ANN-to-SNN conversion of a trained MLP (Diehl et al. 2015; Rueckauer et al. 2017; see
// converted_snn.cpp).
#include "bridges/learner.hpp"

namespace plastica {

LearnerInfo converted_snn_learner();

}  // namespace plastica
