"""NativeRNG for pyNN.plastica: connectors and RandomDistributions given it draw inside the
engine, from Plastica's counter-based streams keyed by the network's seed (setup's
``rng_seed``), the projection and the neuron, so the network is the same at any thread count
and is built in C++ at native speed. Its own ``seed`` is not used: one seed keys the whole
network (as NEST's native RNGs are seeded by its kernel)."""
from pyNN.random import NativeRNG as _NativeRNG
from pyNN.random import NumpyRNG


class NativeRNG(_NativeRNG, NumpyRNG):
    """Draws in the engine where it can (see the module's doc). Where PyNN itself evaluates a
    value drawn from it (guessing the receptor type from a weight's sign, a connector without a
    native path), the draws come from numpy, seeded with this rng's seed, as a NumpyRNG's would."""


# PyNN's distribution names and parameters -> the module's distribution constructors
NATIVE_DISTRIBUTIONS = {
    "uniform": ("uniform", ("low", "high")),
    "normal": ("normal", ("mu", "sigma")),
    "normal_clipped_to_boundary": ("normal", ("mu", "sigma")),
    "lognormal": ("lognormal", ("mu", "sigma")),
}
