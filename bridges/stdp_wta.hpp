#pragma once
// The spiking STDP winner-take-all learner of Diehl & Cook 2015 (see stdp_wta.cpp).
#include "bridges/learner.hpp"

namespace plastica {

LearnerInfo stdp_wta_learner();

}  // namespace plastica
