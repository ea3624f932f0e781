#pragma once
// The Python module's bindings of the bridges' tasks and learners (learners.cpp).
#include <pybind11/pybind11.h>

namespace plastica {

/// Adds Task, Learner, compare() and their listings to the module.
void bind_learners(pybind11::module_& m);

}  // namespace plastica
