"""
Projections of the PyNN backend. PyNN's own connectors decide which cells connect, drawing from
the script's random number generators exactly as they do for pyNN.nest and pyNN.brian2 (so a
script gets the same connectivity on every backend); the synapses are then built in one call
per pair of native populations (``plastica.Network.connect_arrays``), and weights and delays
live in the engine. With a NativeRNG the connectors of connectors.py build the whole
projection with the engine's own rule instead, in C++. Plastic synapse types (TsodyksMarkramSynapse, STDPMechanism) attach the
native rule they map to (standardmodels.py) to each native projection. Weights are converted from PyNN's units (nA, uS; mV for voltage-jump
synapses) to the native ones (pA, nS, mV); delays are rounded to the nearest step, as
pyNN.brian2 does.
"""
from collections import defaultdict

import numpy as np
from pyNN import common, errors
from pyNN.core import is_listlike
from pyNN.space import Space
from pyNN.standardmodels import StandardSynapseType

from . import simulator
from .populations import native_slots


def _column(c):
    """Column c of Projection._arrays() (pre, post, weight, delay) for one synapse, as a property."""
    return property(lambda self: self.projection._arrays()[c][self.k])


class Connection(common.Connection):
    """One synapse of a projection, read from the engine when asked."""

    def __init__(self, projection, k):
        self.projection = projection
        self.k = k

    presynaptic_index, postsynaptic_index, weight, delay = (_column(0), _column(1), _column(2), _column(3))

    def as_tuple(self, *attribute_names):
        return tuple(getattr(self, name) for name in attribute_names)


def _slot_table(cells):
    """For a Population, view or Assembly: the native population and parent index of each of its
    cells (in the cells' order)."""
    pops, idx = [], []
    for pop, ix in native_slots(cells):
        pops.extend([pop] * len(ix))
        idx.append(np.asarray(ix, dtype=np.int64))
    return pops, (np.concatenate(idx) if idx else np.zeros(0, dtype=np.int64))


class Projection(common.Projection):
    __doc__ = common.Projection.__doc__
    _simulator = simulator

    def __init__(self, presynaptic_population, postsynaptic_population, connector, synapse_type=None,
                 source=None, receptor_type=None, space=Space(), label=None):
        common.Projection.__init__(self, presynaptic_population, postsynaptic_population, connector, synapse_type,
                                   source, receptor_type, space, label)
        if simulator.state.running:
            raise errors.NotYetImplementedError("pyNN.plastica: projections are created before the first run")
        if not isinstance(self.synapse_type, StandardSynapseType) or not hasattr(self.synapse_type, "native_rule"):
            raise errors.NotYetImplementedError("pyNN.plastica: synapse type %s is not one of this backend's (StaticSynapse, "
                                                "TsodyksMarkramSynapse, STDPMechanism)" % type(self.synapse_type).__name__)
        if self.receptor_type not in ("excitatory", "inhibitory"):
            raise errors.ConnectionError("pyNN.plastica: receptor_type must be 'excitatory' or 'inhibitory', not %r" % self.receptor_type)
        self._pre_pops, self._pre_idx = _slot_table(self.pre)
        self._pre_unique = list({id(p): p for p in self._pre_pops}.values())
        self._pre_which = np.array([next(k for k, q in enumerate(self._pre_unique) if q is p) for p in self._pre_pops], dtype=np.int64)
        self._post_pops, self._post_idx = _slot_table(self.post)
        self._post_by_id = {id(p): p for p in self._post_pops}
        self._pending = defaultdict(lambda: ([], [], [], []))  # (pre pop, post pop) -> lists of arrays
        self._native = []  # (native projection name, pre pop, post pop)
        self._built_natively = False  # by the engine's connection rule (connectors.py)
        self._cache = None
        self._cache_step = None
        connector.connect(self)  # the native connectors (connectors.py) may call _connect_native instead
        self._build()

    # PyNN's connectors call this once per postsynaptic cell.
    def _convergent_connect(self, presynaptic_indices, postsynaptic_index, **connection_parameters):
        pre = np.asarray(presynaptic_indices, dtype=np.int64)
        if pre.size == 0:
            return
        n = pre.size
        w = connection_parameters.get("weight", 0.0)
        d = connection_parameters.get("delay", None)
        if d is None:
            d = simulator.state.min_delay
        w = np.broadcast_to(np.asarray(w, dtype=float), (n,))
        d = np.broadcast_to(np.asarray(d, dtype=float), (n,))
        post_pop = self._post_pops[postsynaptic_index]
        which = self._pre_which[pre]  # which native population each presynaptic cell is in
        for k in np.unique(which):
            sel = which == k
            i_v, j_v, w_v, d_v = self._pending[(k, id(post_pop))]
            i_v.append(pre[sel])
            j_v.append(np.full(int(sel.sum()), postsynaptic_index, dtype=np.int64))
            w_v.append(w[sel])
            d_v.append(d[sel])

    def _receptor(self):
        return "exc" if self.receptor_type == "excitatory" else "inh"

    def _attach_rule(self, name, post_pop):
        rule = self.synapse_type.native_rule(post_pop.celltype.weight_scale)
        if rule is not None:
            simulator.state.net.add_plasticity(name, *rule)

    def _connect_native(self, rule, weight, delay, pre, post):
        """The whole projection by the engine's connection rule; `pre` and `post` are (native
        Population, indices of the view's cells in it, or None for the whole population)."""
        name = "%s#%s" % (self.label or "projection", simulator.state.next_name("prj"))
        (pre_pop, pre_idx), (post_pop, post_idx) = pre, post
        view = lambda idx: [] if idx is None else [int(x) for x in idx]
        try:
            simulator.state.net.connect(pre_pop._native_name, post_pop._native_name, rule, weight, delay, self._receptor(), name,
                                        pre_neurons=view(pre_idx), post_neurons=view(post_idx))
        except ValueError as e:  # bad weights or delays: PyNN's exception, the engine's one-line message
            raise errors.ConnectionError(str(e)) from None
        self._attach_rule(name, post_pop)
        self._native.append((name, pre_pop, post_pop))
        self._built_natively = True

    def _build(self):
        dt = simulator.state.dt
        net = simulator.state.net
        receptor = self._receptor()
        for (k, post_key), (i_v, j_v, w_v, d_v) in self._pending.items():
            pre_pop, post_pop = self._pre_unique[k], self._post_by_id[post_key]
            i = np.concatenate(i_v)
            j = np.concatenate(j_v)
            w = np.concatenate(w_v) * post_pop.celltype.weight_scale
            d = np.round(np.concatenate(d_v) / dt) * dt
            if np.any(d < dt - 1e-12):
                raise errors.ConnectionError("pyNN.plastica: delays must be at least one time step (%g ms); got %g ms" % (dt, d.min()))
            name = "%s#%s" % (self.label or "projection", simulator.state.next_name("prj"))
            net.connect_arrays(pre_pop._native_name, post_pop._native_name, self._pre_idx[i], self._post_idx[j], w, d, receptor, name)
            self._attach_rule(name, post_pop)
            self._native.append((name, pre_pop, post_pop))
        self._pending = None

    # --- reading synapses back ------------------------------------------------------------

    def _arrays(self):
        """(pre index in self.pre, post index in self.post, weight, delay) in PyNN units."""
        net = simulator.state.net
        key = (net.steps, id(net))
        if self._cache is not None and self._cache_step == key:
            return self._cache
        out = [[], [], [], []]
        for name, pre_pop, post_pop in self._native:
            i, j, w = net.weights(name)
            d = net.delays(name)
            out[0].append(self._local_index(self._pre_pops, self._pre_idx, pre_pop, i))
            out[1].append(self._local_index(self._post_pops, self._post_idx, post_pop, j))
            out[2].append(np.asarray(w, dtype=float) / post_pop.celltype.weight_scale)
            out[3].append(np.asarray(d))
        self._cache = tuple(np.concatenate(a) if a else np.zeros(0) for a in out)
        self._cache_step = key
        return self._cache

    @staticmethod
    def _local_index(pops, idx, pop, parent_indices):
        """Parent indices of `pop` back to indices within the projection's pre or post cells."""
        local = np.full(pop.size, -1, dtype=np.int64)
        mine = np.array([p is pop for p in pops], dtype=bool)
        local[idx[mine]] = np.nonzero(mine)[0]
        return local[np.asarray(parent_indices, dtype=np.int64)]

    def __len__(self):
        return sum(simulator.state.net.weights(name)[0].size for name, _, _ in self._native)

    def __getitem__(self, i):
        if isinstance(i, int):
            if i < 0:
                i += len(self)
            if not 0 <= i < len(self):
                raise IndexError(i)
            return Connection(self, i)
        raise TypeError("projection indices are integers")

    def _get_attributes_as_list(self, names):
        a = self._arrays()
        cols = {"presynaptic_index": a[0], "postsynaptic_index": a[1], "weight": a[2], "delay": a[3],
                "weights": a[2], "delays": a[3]}
        for n in names:
            if n not in cols:
                raise errors.NonExistentParameterError(n, type(self.synapse_type).__name__, ["weight", "delay"])
        return [tuple(cols[n][k] for n in names) for k in range(a[0].size)]

    def _get_attributes_as_arrays(self, names, multiple_synapses='sum'):
        op = common.Projection.MULTI_SYNAPSE_OPERATIONS[multiple_synapses]
        a = self._arrays()
        out = []
        for n in names:
            n = n[:-1] if n.endswith("s") else n
            if n not in ("weight", "delay"):
                raise errors.NonExistentParameterError(n, type(self.synapse_type).__name__, ["weight", "delay"])
            values = a[2] if n == "weight" else a[3]
            m = np.full((self.pre.size, self.post.size), np.nan)
            for i, j, v in zip(a[0], a[1], values):
                m[i, j] = v if np.isnan(m[i, j]) else op(m[i, j], v)
            out.append(m)
        return out

    def _set_attributes(self, parameter_space):
        parameter_space.evaluate(simplify=False)
        net = simulator.state.net
        for name, value in parameter_space.items():
            if name != "weight":
                raise errors.NotYetImplementedError("pyNN.plastica: Projection.set changes weights only, not %r" % name)
            value = np.asarray(value, dtype=float)
            for pname, pre_pop, post_pop in self._native:
                i, j, w = net.weights(pname)
                li = self._local_index(self._pre_pops, self._pre_idx, pre_pop, i)
                lj = self._local_index(self._post_pops, self._post_idx, post_pop, j)
                new = value[li, lj] if value.ndim == 2 else np.broadcast_to(value, li.shape)
                new = np.where(np.isnan(new), np.asarray(w) / post_pop.celltype.weight_scale, new)
                net.set_weights(pname, new * post_pop.celltype.weight_scale)
        self._cache = None
