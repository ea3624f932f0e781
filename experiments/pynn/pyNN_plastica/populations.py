"""
Populations, views and assemblies of the PyNN backend: each Population is one native population
(``plastica.Network.add_population``), its parameters translated to the native model's names and
units, per neuron where they differ (the engine keeps per-neuron constants then, and the
homogeneous fast path otherwise).
"""
import numpy as np
from pyNN import common, errors
from pyNN.parameters import ArrayParameter, ParameterSpace, simplify, Sequence
from pyNN.standardmodels import StandardCellType

from . import simulator
from .recording import Recorder


def _values(lazy, size, mask=None):
    """A PyNN LazyArray (or number) as a float array of `size` values (or the masked ones)."""
    if hasattr(lazy, "evaluate"):
        v = lazy.evaluate(simplify=False)
    else:
        v = lazy
    v = np.asarray(v, dtype=float)
    if v.ndim == 0:
        v = np.full(size, float(v))
    return v if mask is None else v[mask]


def native_slots(cells):
    """(Population, parent indices) pairs covering `cells`: a Population, a PopulationView,
    an Assembly or a list of IDs."""
    if isinstance(cells, Population):
        return [(cells, np.arange(cells.size))]
    if isinstance(cells, PopulationView):
        return [(cells.grandparent, cells.index_in_grandparent(np.arange(cells.size)))]
    if isinstance(cells, Assembly):
        out = []
        for p in cells.populations:
            out.extend(native_slots(p))
        return out
    out = {}
    for id in cells:  # a list of IDs
        out.setdefault(id.parent, []).append(id.parent.id_to_index(id))
    return [(p, np.asarray(ix)) for p, ix in out.items()]


class Assembly(common.Assembly):
    __doc__ = common.Assembly.__doc__
    _simulator = simulator


class PopulationView(common.PopulationView):
    __doc__ = common.PopulationView.__doc__
    _assembly_class = Assembly
    _simulator = simulator

    def _get_parameters(self, *names):
        parent = self.grandparent
        idx = self.index_in_grandparent(np.arange(self.size))
        return ParameterSpace({n: simplify(parent._native_values(n)[idx]) for n in names}, shape=(self.size,))

    def _set_parameters(self, parameter_space):
        parent = self.grandparent
        idx = self.index_in_grandparent(np.arange(self.size))
        parameter_space.evaluate(simplify=False)
        for name, value in parameter_space.items():
            full = parent._native_values(name).copy()
            full[idx] = value
            parent._set_native(name, full)

    def _set_initial_value_array(self, variable, initial_values):
        parent = self.grandparent
        idx = self.index_in_grandparent(np.arange(self.size))
        full = _values(parent.initial_values.get(variable, parent.celltype.default_initial_values.get(variable, 0.0)), parent.size).copy()
        full[idx] = _values(initial_values, self.size)
        parent._set_initial_native(variable, full)

    def _get_view(self, selector, label=None):
        return PopulationView(self, selector, label)


class Population(common.Population):
    __doc__ = common.Population.__doc__
    _simulator = simulator
    _recorder_class = Recorder
    _assembly_class = Assembly

    def _create_cells(self):
        state = simulator.state
        if state.net is None:
            raise errors.NotYetImplementedError("call setup() before creating populations")
        if not isinstance(self.celltype, StandardCellType) or not hasattr(self.celltype, "native_model"):
            raise errors.InvalidModelError("pyNN.plastica runs PyNN's standard cell types (%s); %s is not one of them"
                                           % (", ".join(_standard_names()), type(self.celltype).__name__))
        id_range = np.arange(state.id_counter, state.id_counter + self.size)
        self.all_cells = np.array([simulator.ID(id) for id in id_range], dtype=simulator.ID)
        self._mask_local = np.ones((self.size,), bool)
        for id in self.all_cells:
            id.parent = self
        state.id_counter += self.size
        self._native_name = state.next_name("pop")
        ps = self.celltype.native_parameters
        ps.shape = (self.size,)
        ps.evaluate(simplify=False)
        params = dict(ps.items())
        model = self.celltype.native_model
        net = state.net
        if model == "poisson_source":
            self._source_params = {k: np.broadcast_to(np.asarray(v, dtype=float), (self.size,)).copy() for k, v in params.items()}
            self._build_poisson()
        elif model == "gamma_source":
            self._source_params = {k: np.broadcast_to(np.asarray(v, dtype=float), (self.size,)).copy() for k, v in params.items()}
            self._build_gamma()
        elif model == "inh_gamma_source":
            self._source_params = {k: np.broadcast_to(np.asarray(v, dtype=object if k in ("a", "b", "tbins") else float), (self.size,))
                                   for k, v in params.items()}
            self._build_inh_gamma()
        elif model == "spike_source_array":
            times = params["spike_times"]
            self._source_params = {"spike_times": times}
            net.add_spike_source_array(self._native_name, [self._grid_times(t) for t in times])
        else:
            native_params = {}
            for name in list(getattr(self.celltype, "array_parameters", {})):
                if name in params:
                    params.update(self._expand_array(name, params.pop(name)))
            for k, v in params.items():
                v = np.asarray(v, dtype=float)
                native_params[k] = float(v[0]) if v.size and np.all(v == v[0]) else v
            net.add_population(self._native_name, model, self.size, native_params)

    # --- spike sources --------------------------------------------------------------------

    def _grid_times(self, seq):
        """Spike times of one SpikeSourceArray cell, rounded to the time grid (as pyNN.nest does
        for grid-based models); a spike at t = 0 cannot be emitted and is an error."""
        t = np.asarray(seq.value if isinstance(seq, Sequence) else seq, dtype=float)
        dt = simulator.state.dt
        steps = np.round(t / dt)
        if np.any(steps < 1):
            raise errors.InvalidParameterValueError("SpikeSourceArray: spike times must be >= one time step (%g ms); got %g ms"
                                                    % (dt, t.min()))
        return list(np.unique(steps) * dt)

    def _build_poisson(self):
        """Rates switch on at `start` and off at `start + duration`, per cell."""
        p = self._source_params
        rate, start, dur = p["rate"], p["start"], p["duration"]
        stop = start + dur
        changes = sorted(set(np.concatenate([start, stop[np.isfinite(stop)]])) - {0.0})
        rates0 = np.where(start <= 0, rate, 0.0)
        simulator.state.net.add_poisson(self._native_name, self.size, list(rates0) if np.any(rates0 != rates0[0]) else float(rates0[0]))
        dt = simulator.state.dt
        for t in changes:
            t_grid = round(t / dt) * dt
            r = np.where((start <= t) & (t < stop), rate, 0.0)
            simulator.state.net.add_rate_change(self._native_name, t_grid, list(r))

    def _build_gamma(self):
        """One shape and one start and stop for the population (the engine's gamma_source), a rate per cell."""
        p = self._source_params
        for k in ("shape", "start", "duration"):
            if np.any(p[k] != p[k][0]):
                raise errors.NotYetImplementedError("pyNN.plastica: SpikeSourceGamma's %s must be the same for the whole population"
                                                    % {"shape": "alpha"}.get(k, k))
        rate = p["rate"]
        dt = simulator.state.dt
        start = round(float(p["start"][0]) / dt) * dt
        stop = start + float(p["duration"][0])
        stop = round(stop / dt) * dt if np.isfinite(stop) and stop < 1e15 else float("inf")
        simulator.state.net.add_gamma(self._native_name, self.size, list(rate) if np.any(rate != rate[0]) else float(rate[0]),
                                      float(p["shape"][0]), start, stop)

    def _build_inh_gamma(self):
        """One set of bins (tbins, a, b) and one start and duration for the population."""
        p = self._source_params
        seq = lambda x: np.atleast_1d(np.asarray(getattr(x, "value", x), dtype=float))
        first = {k: seq(p[k][0]) for k in ("a", "b", "tbins")}
        for k in ("a", "b", "tbins"):
            if any(not np.array_equal(seq(x), first[k]) for x in p[k]):
                raise errors.NotYetImplementedError("pyNN.plastica: SpikeSourceInhGamma's %s must be the same for the whole population" % k)
        for k in ("start", "duration"):
            if np.any(p[k] != p[k][0]):
                raise errors.NotYetImplementedError("pyNN.plastica: SpikeSourceInhGamma's %s must be the same for the whole population" % k)
        a, b, tbins = first["a"], first["b"], first["tbins"]
        if not (a.size == b.size == tbins.size):
            raise errors.InvalidParameterValueError("SpikeSourceInhGamma: a, b and tbins need one value per bin (%d, %d, %d)"
                                                    % (a.size, b.size, tbins.size))
        dt = simulator.state.dt
        rates = np.where(np.isfinite(b) & (b > 0), 1.0 / (a * np.where(b > 0, b, 1.0)), 0.0)  # b in s -> Hz
        start = round(float(p["start"][0]) / dt) * dt
        stop = start + float(p["duration"][0])
        stop = round(stop / dt) * dt if np.isfinite(stop) and stop < 1e15 else float("inf")
        simulator.state.net.add_inh_gamma(self._native_name, self.size, [(float(t), float(s), float(r)) for t, s, r in zip(tbins, a, rates)],
                                          start, stop)

    # --- parameters -----------------------------------------------------------------------

    # --- array parameters (one array per cell: GIF_cond_exp's kernels) ----------------------

    def _expand_array(self, name, column):
        """An array parameter's column (one ArrayParameter per cell) as the native per-kernel
        parameters prefix_1 .. prefix_K (scaled; kernels beyond the array's length off)."""
        prefix, scale, off = self.celltype.array_parameters[name]
        K = self.celltype.kernels
        rows = []
        for x in np.ravel(np.asarray(column, dtype=object)):
            a = np.atleast_1d(np.asarray(getattr(x, "value", x), dtype=float))
            if a.size > K:
                raise errors.InvalidParameterValueError("%s: %s has %d kernels; pyNN.plastica's %s has %d"
                                                        % (type(self.celltype).__name__, name, a.size, self.celltype.native_model, K))
            rows.append(np.concatenate([a * scale, np.full(K - a.size, off)]))
        rows = np.broadcast_to(np.array(rows), (self.size, K))
        return {"%s_%d" % (prefix, k + 1): rows[:, k].copy() for k in range(K)}

    def _native_values(self, name):
        if hasattr(self, "_source_params"):
            return self._source_params[name]
        arrays = getattr(self.celltype, "array_parameters", {})
        if name in arrays:
            prefix, scale, _ = arrays[name]
            cols = [simulator.state.net.parameter(self._native_name, "%s_%d" % (prefix, k + 1)) / scale
                    for k in range(self.celltype.kernels)]
            out = np.empty(self.size, dtype=object)
            for i in range(self.size):
                out[i] = ArrayParameter([c[i] for c in cols])
            return out
        return simulator.state.net.parameter(self._native_name, name)

    def _set_native(self, name, values):
        if hasattr(self, "_source_params"):
            raise errors.NotYetImplementedError("pyNN.plastica: spike source parameters are set when the population is created")
        if name in getattr(self.celltype, "array_parameters", {}):
            for k, v in self._expand_array(name, values).items():
                self._set_native(k, v)
            return
        values = np.asarray(values, dtype=float)
        simulator.state.net.set_parameter(self._native_name, name, float(values[0]) if np.all(values == values[0]) else values)

    def _get_parameters(self, *names):
        return ParameterSpace({n: simplify(self._native_values(n)) for n in names}, shape=(self.size,))

    def _set_parameters(self, parameter_space):
        parameter_space.evaluate(simplify=False)
        for name, value in parameter_space.items():
            if name in getattr(self.celltype, "array_parameters", {}):
                self._set_native(name, value.evaluate(simplify=False) if hasattr(value, "evaluate") else value)
            else:
                self._set_native(name, _values(value, self.size))

    # --- state ----------------------------------------------------------------------------

    def _state_variable(self, variable):
        sv = self.celltype.state_variables
        if variable not in sv:
            return None
        return sv[variable]

    def _set_initial_value_array(self, variable, initial_values):
        self._set_initial_native(variable, _values(initial_values, self.size))

    def _set_initial_native(self, variable, values):
        t = self._state_variable(variable)
        if t is None:
            if variable in self.celltype.default_initial_values or hasattr(self, "_source_params"):
                return  # a PyNN default for a variable the native model does not have (e.g. isyn of alpha cells)
            raise errors.NonExistentParameterError(variable, self.celltype.__class__.__name__, list(self.celltype.state_variables))
        native_name, scale = t
        values = np.asarray(values, dtype=float) * scale
        simulator.state.net.set_initial(self._native_name, native_name,
                                        float(values[0]) if np.all(values == values[0]) else values)

    def _get_view(self, selector, label=None):
        return PopulationView(self, selector, label)


def _standard_names():
    from . import standardmodels
    return [c for c in dir(standardmodels) if isinstance(getattr(standardmodels, c), type)
            and issubclass(getattr(standardmodels, c), StandardCellType) and hasattr(getattr(standardmodels, c), "native_model")]
