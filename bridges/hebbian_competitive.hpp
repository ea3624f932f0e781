#pragma once
// The Hebbian competitive learner (Krotov & Hopfield 2019; see hebbian_competitive.cpp).
#include "bridges/learner.hpp"

namespace plastica {

LearnerInfo hebbian_competitive_learner();

}  // namespace plastica
