"""PyNN's connectors, with a native path: when the connector's rng is a NativeRNG (or there is
nothing to draw: AllToAll, OneToOne) and the weights and delays are numbers or
RandomDistributions on a NativeRNG, between Populations or PopulationViews (the engine draws among
the views' cells as between populations of their sizes), the projection is built by one
call to the engine's own connection rule (``plastica.Network.connect``), in C++. Otherwise PyNN's
own connector runs (drawing from the script's NumpyRNG exactly as on pyNN.nest and pyNN.brian2)
and the synapses are built from the arrays it produced."""
import numpy as np
import plastica as native
from pyNN import connectors
from pyNN.random import RandomDistribution

from . import simulator
from .random import NATIVE_DISTRIBUTIONS, NativeRNG


def _native_value(value, scale, dt=None):
    """A weight or delay as the module takes it (a number or a native distribution), scaled to
    native units; None when it cannot be drawn natively (an array, a function, a NumpyRNG)."""
    if isinstance(value, RandomDistribution):
        if not isinstance(value.rng, NativeRNG) or value.name not in NATIVE_DISTRIBUTIONS:
            return None
        ctor, names = NATIVE_DISTRIBUTIONS[value.name]
        a, b = (value.parameters[n] for n in names)
        if ctor == "lognormal":
            d = native.lognormal(a + np.log(scale), b)  # scaling a lognormal shifts mu
        else:
            d = getattr(native, ctor)(a * scale, b * scale)
        if value.name == "normal_clipped_to_boundary":  # the engine's clipping sets values outside to the bound
            d = d.clipped(value.parameters["low"] * scale, value.parameters["high"] * scale)
        return d
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value) * scale
        return round(v / dt) * dt if dt else v
    return None


def _native_rule(projection, rule, self_exact=True):
    """Builds `projection` with the engine's `rule` if its cells and synapse values allow;
    True when it did. `self_exact`: the rule excludes self-connections exactly between two
    different views of one population (all_to_all, fixed_probability: the engine drops i -> i)."""
    from .populations import Population, PopulationView, native_slots
    if not all(isinstance(c, (Population, PopulationView)) for c in (projection.pre, projection.post)):
        return False
    (pre_pop, pre_idx), = native_slots(projection.pre)
    (post_pop, post_idx), = native_slots(projection.post)
    if pre_pop is post_pop and not np.array_equal(pre_idx, post_idx) and not self_exact and not rule.autapses:
        return False
    syn = projection.synapse_type
    scale = projection.post.celltype.weight_scale
    w = _native_value(syn.parameter_space["weight"].base_value, scale)
    d = _native_value(syn.parameter_space["delay"].base_value, 1.0, simulator.state.dt)
    if w is None or d is None:
        return False
    whole = lambda c: isinstance(c, Population)
    projection._connect_native(rule, w, d, (pre_pop, None if whole(projection.pre) else pre_idx),
                               (post_pop, None if whole(projection.post) else post_idx))
    return True


class AllToAllConnector(connectors.AllToAllConnector):
    __doc__ = connectors.AllToAllConnector.__doc__

    def connect(self, projection):
        if self.allow_self_connections not in (True, False) or not _native_rule(projection, native.all_to_all(autapses=self.allow_self_connections)):
            super().connect(projection)


class OneToOneConnector(connectors.OneToOneConnector):
    __doc__ = connectors.OneToOneConnector.__doc__

    def connect(self, projection):
        if projection.pre.size != projection.post.size or not _native_rule(projection, native.one_to_one()):
            super().connect(projection)


class FixedProbabilityConnector(connectors.FixedProbabilityConnector):
    __doc__ = connectors.FixedProbabilityConnector.__doc__

    def connect(self, projection):
        if not (isinstance(self.rng, NativeRNG) and self.allow_self_connections in (True, False)
                and _native_rule(projection, native.fixed_probability(self.p_connect, autapses=bool(self.allow_self_connections)))):
            super().connect(projection)


def _connect_fixed_number(connector, projection, native_rule, pynn_connector):
    """FixedNumberPre / FixedNumberPost: natively with a NativeRNG and a whole number n."""
    if not (isinstance(connector.rng, NativeRNG) and isinstance(connector.n, (int, np.integer))
            and _native_rule(projection, native_rule(int(connector.n), autapses=bool(connector.allow_self_connections),
                                                     multapses=bool(connector.with_replacement)), self_exact=False)):
        pynn_connector.connect(connector, projection)


class FixedNumberPreConnector(connectors.FixedNumberPreConnector):
    __doc__ = connectors.FixedNumberPreConnector.__doc__

    def connect(self, projection):
        _connect_fixed_number(self, projection, native.fixed_indegree, connectors.FixedNumberPreConnector)


class FixedNumberPostConnector(connectors.FixedNumberPostConnector):
    __doc__ = connectors.FixedNumberPostConnector.__doc__

    def connect(self, projection):
        _connect_fixed_number(self, projection, native.fixed_outdegree, connectors.FixedNumberPostConnector)
