"""
PyNN's standard cell, synapse and electrode types on Plastica's models.

Each cell type names the native model it runs on (``native_model``, one of ``plastica.models()``)
and translates PyNN's names and units (ms, mV, nA, uS, nF) into the model's (ms, mV, pA, nS,
pF). The native parameter names and units come from the model's own declaration
(``plastica.model_params``); ``_check_translations`` below refuses a translation to a name the
model does not declare, so the two cannot drift apart silently.

``weight_scale`` turns a PyNN weight into the native unit: nA -> pA and uS -> nS (x1000), mV
for models whose synapses are voltage jumps (x1). ``state_variables`` maps PyNN's recordable and
initialisable state variables to the native ones, with the same kind of scale.
"""
import numpy as np
import plastica as native
from pyNN import errors
from pyNN.standardmodels import build_translations, cells, electrodes, synapses

from . import simulator


def _if_curr(extra=()):
    return build_translations(
        ('v_rest', 'e_l'),
        ('v_reset', 'v_reset'),
        ('cm', 'c_m', 1000.0),
        ('tau_m', 'tau_m'),
        ('tau_refrac', 't_ref'),
        ('v_thresh', 'v_th'),
        ('i_offset', 'i_e', 1000.0),
        *extra)


def _if_cond(extra=()):
    return build_translations(
        ('v_rest', 'e_l'),
        ('v_reset', 'v_reset'),
        ('cm', 'c_m', 1000.0),
        ('tau_m', 'g_l', "1000.0*cm/tau_m", "c_m/g_l"),
        ('tau_refrac', 't_ref'),
        ('v_thresh', 'v_th'),
        ('i_offset', 'i_e', 1000.0),
        ('e_rev_E', 'e_exc'),
        ('e_rev_I', 'e_inh'),
        *extra)


_SYN = (('tau_syn_E', 'tau_syn_exc'), ('tau_syn_I', 'tau_syn_inh'))
_GSYN = {'gsyn_exc': ('g_exc', 1000.0), 'gsyn_inh': ('g_inh', 1000.0)}
_ISYN = {'isyn_exc': ('i_exc', 1000.0), 'isyn_inh': ('i_inh', 1000.0)}


class IF_curr_exp(cells.IF_curr_exp):
    __doc__ = cells.IF_curr_exp.__doc__
    native_model = "lif_curr_exp"
    weight_scale = 1000.0
    translations = _if_curr(_SYN)
    state_variables = {'v': ('v', 1.0), **_ISYN}


class IF_curr_alpha(cells.IF_curr_alpha):
    __doc__ = cells.IF_curr_alpha.__doc__
    native_model = "lif_curr_alpha"
    weight_scale = 1000.0
    translations = _if_curr(_SYN)
    state_variables = {'v': ('v', 1.0), **_ISYN}


class IF_curr_delta(cells.IF_curr_delta):
    __doc__ = cells.IF_curr_delta.__doc__
    native_model = "lif_delta"
    weight_scale = 1.0
    translations = _if_curr()
    state_variables = {'v': ('v', 1.0)}


class IF_cond_exp(cells.IF_cond_exp):
    __doc__ = cells.IF_cond_exp.__doc__
    native_model = "lif_cond_exp"
    weight_scale = 1000.0
    translations = _if_cond(_SYN)
    state_variables = {'v': ('v', 1.0), **_GSYN}


class IF_cond_alpha(cells.IF_cond_alpha):
    __doc__ = cells.IF_cond_alpha.__doc__
    native_model = "lif_cond_alpha"
    weight_scale = 1000.0
    translations = _if_cond(_SYN)
    state_variables = {'v': ('v', 1.0), **_GSYN}


class EIF_cond_exp_isfa_ista(cells.EIF_cond_exp_isfa_ista):
    __doc__ = cells.EIF_cond_exp_isfa_ista.__doc__
    native_model = "adex_cond_exp"
    weight_scale = 1000.0
    translations = build_translations(
        ('cm', 'c_m', 1000.0),
        ('tau_refrac', 't_ref'),
        ('v_spike', 'v_peak'),
        ('v_reset', 'v_reset'),
        ('v_rest', 'e_l'),
        ('tau_m', 'g_l', "1000.0*cm/tau_m", "c_m/g_l"),
        ('i_offset', 'i_e', 1000.0),
        ('a', 'a'),
        ('b', 'b', 1000.0),
        ('delta_T', 'delta_t'),
        ('tau_w', 'tau_w'),
        ('v_thresh', 'v_t'),
        ('e_rev_E', 'e_exc'),
        ('e_rev_I', 'e_inh'),
        *_SYN)
    state_variables = {'v': ('v', 1.0), 'w': ('w', 1000.0), **_GSYN}


class Izhikevich(cells.Izhikevich):
    __doc__ = cells.Izhikevich.__doc__
    native_model = "izhikevich"
    weight_scale = 1.0  # synapses are voltage jumps (mV), as in pyNN.brian2
    translations = build_translations(
        ('a', 'a'),
        ('b', 'b'),
        ('c', 'c'),
        ('d', 'd'),
        ('i_offset', 'i_e', 1000.0),  # nA into a 1 pF cell: mV/ms (NEST's and Brian2's reading)
    )
    state_variables = {'v': ('v', 1.0), 'u': ('u', 1.0)}


class HH_cond_exp(cells.HH_cond_exp):
    __doc__ = cells.HH_cond_exp.__doc__
    native_model = "hh_cond_exp"
    weight_scale = 1000.0
    translations = build_translations(
        ('gbar_Na', 'g_na', 1000.0),
        ('gbar_K', 'g_k', 1000.0),
        ('g_leak', 'g_l', 1000.0),
        ('cm', 'c_m', 1000.0),
        ('v_offset', 'v_t'),
        ('e_rev_Na', 'e_na'),
        ('e_rev_K', 'e_k'),
        ('e_rev_leak', 'e_l'),
        ('e_rev_E', 'e_exc'),
        ('e_rev_I', 'e_inh'),
        ('i_offset', 'i_e', 1000.0),
        *_SYN)
    state_variables = {'v': ('v', 1.0), 'm': ('m', 1.0), 'h': ('h', 1.0), 'n': ('n', 1.0), **_GSYN}


class GIF_cond_exp(cells.GIF_cond_exp):
    """On the native gif_cond_exp (NEST's gif_cond_exp with three kernels of each kind): the
    array parameters tau_eta, a_eta (nA), tau_gamma and a_gamma (mV) hold up to three kernels
    (PyNN's defaults have three); shorter arrays leave the remaining kernels off (q = 0).
    lambda0 is in Hz, as on pyNN.nest."""
    __doc__ += cells.GIF_cond_exp.__doc__
    native_model = "gif_cond_exp"
    weight_scale = 1000.0
    translations = build_translations(
        ('v_rest', 'e_l'),
        ('cm', 'c_m', 1000.0),
        ('tau_m', 'g_l', "1000.0*cm/tau_m", "c_m/g_l"),
        ('tau_refrac', 't_ref'),
        ('tau_syn_E', 'tau_syn_exc'),
        ('tau_syn_I', 'tau_syn_inh'),
        ('e_rev_E', 'e_exc'),
        ('e_rev_I', 'e_inh'),
        ('v_reset', 'v_reset'),
        ('i_offset', 'i_e', 1000.0),
        ('delta_v', 'delta_v'),
        ('v_t_star', 'v_t_star'),
        ('lambda0', 'lambda_0', 0.001),  # Hz -> 1/ms
        ('tau_eta', 'tau_eta'),
        ('a_eta', 'a_eta'),
        ('tau_gamma', 'tau_gamma'),
        ('a_gamma', 'a_gamma'))
    # an array parameter -> (native prefix of its kernels k = 1..3, scale, value of a kernel that is off)
    array_parameters = {'tau_eta': ('tau_stc', 1.0, 1.0), 'a_eta': ('q_stc', 1000.0, 0.0),
                        'tau_gamma': ('tau_sfa', 1.0, 1.0), 'a_gamma': ('q_sfa', 1.0, 0.0)}
    kernels = 3
    state_variables = {'v': ('v', 1.0), 'i_eta': ('i_eta', 1000.0), 'v_t': ('v_t', 1.0), **_GSYN}


class SpikeSourcePoisson(cells.SpikeSourcePoisson):
    __doc__ = cells.SpikeSourcePoisson.__doc__
    native_model = "poisson_source"
    translations = build_translations(('rate', 'rate'), ('start', 'start'), ('duration', 'duration'))
    state_variables = {}


class SpikeSourceGamma(cells.SpikeSourceGamma):
    """Gamma renewal trains on the native gamma_source: shape alpha, rate beta / alpha (Hz), so the
    mean interval is alpha / beta as PyNN defines it; the first interval counts from `start`."""
    __doc__ += cells.SpikeSourceGamma.__doc__
    native_model = "gamma_source"
    translations = build_translations(('alpha', 'shape'), ('beta', 'rate', 'beta/alpha', 'shape*rate'), ('start', 'start'),
                                      ('duration', 'duration'))
    state_variables = {}


class SpikeSourceInhGamma(cells.SpikeSourceInhGamma):
    """Inhomogeneous gamma trains on the native inh_gamma_source (Muller et al. 2007's hazard,
    drawn by thinning as NEST's inh_gamma_generator): in the bin from tbins[k] on, shape a[k]
    (>= 1) and scale b[k] (s), i.e. rate 1 / (a b); one set of bins for the whole population."""
    __doc__ += cells.SpikeSourceInhGamma.__doc__
    native_model = "inh_gamma_source"
    translations = build_translations(('a', 'a'), ('b', 'b'), ('tbins', 'tbins'), ('start', 'start'), ('duration', 'duration'))
    state_variables = {}


class SpikeSourceArray(cells.SpikeSourceArray):
    __doc__ = cells.SpikeSourceArray.__doc__
    native_model = "spike_source_array"
    translations = build_translations(('spike_times', 'spike_times'))
    state_variables = {}


def _check_translations():
    """Every native name a translation targets is a parameter the native model declares."""
    for cls in (IF_curr_exp, IF_curr_alpha, IF_curr_delta, IF_cond_exp, IF_cond_alpha, EIF_cond_exp_isfa_ista,
                Izhikevich, HH_cond_exp, GIF_cond_exp):
        declared = set(native.model_params(cls.native_model))
        arrays = getattr(cls, "array_parameters", {})
        for pynn_name, t in cls.translations.items():
            if t['translated_name'] in arrays:
                names = {"%s_%d" % (arrays[t['translated_name']][0], k + 1) for k in range(cls.kernels)}
                if not names <= declared:
                    raise RuntimeError("pyNN.plastica: %s.%s expands to %s, which %s does not declare"
                                       % (cls.__name__, pynn_name, sorted(names - declared), cls.native_model))
            elif t['translated_name'] not in declared:
                raise RuntimeError("pyNN.plastica: %s.%s translates to %r, which %s does not declare (it has %s)"
                                   % (cls.__name__, pynn_name, t['translated_name'], cls.native_model, sorted(declared)))


_check_translations()


def _check_rules():
    """Every native parameter a synapse type sets is one its native rule declares."""
    add, gutig = AdditiveWeightDependence(), GutigWeightDependence()
    for rule, params in (SpikePairRule().native_rule(add, 1.0), SpikePairRule().native_rule(gutig, 1.0),
                         Vogels2011Rule().native_rule(add, 1.0), TsodyksMarkramSynapse(delay=1.0).native_rule(1.0)):
        declared = set(native.rule_params(rule))
        if not set(params) <= declared:
            raise RuntimeError("pyNN.plastica: parameters %s are not declared by rule %s (it has %s)"
                               % (sorted(set(params) - declared), rule, sorted(declared)))


# --- synapses ---------------------------------------------------------------------------------

class StaticSynapse(synapses.StaticSynapse):
    __doc__ = synapses.StaticSynapse.__doc__
    translations = build_translations(('weight', 'weight'), ('delay', 'delay'))

    def _get_minimum_delay(self):
        return simulator.state.min_delay

    def native_rule(self, weight_scale):
        """The native plasticity rule for these synapses: (rule name, parameters), or None."""
        return None


def _homogeneous(component, names):
    """The values of `names` in a synapse type's (or STDP component's) parameters, each a single
    number: the engine's rules share their parameters across a projection."""
    space = component.parameter_space
    out = {}
    for name in names:
        value = space[name]
        if not value.is_homogeneous:
            raise errors.NotYetImplementedError("pyNN.plastica: %s.%s must be one value for the whole projection"
                                                % (type(component).__name__, name))
        value.shape = (1,)
        out[name] = float(np.asarray(value.evaluate(simplify=True)).ravel()[0])
    return out


class TsodyksMarkramSynapse(synapses.TsodyksMarkramSynapse):
    """Tsodyks-Markram depression and facilitation on the native rule ``tsodyks_markram`` (NEST's
    tsodyks2_synapse: per presynaptic neuron, the first spike transmits weight * U)."""
    translations = build_translations(('weight', 'weight'), ('delay', 'delay'), ('U', 'U'), ('tau_rec', 'tau_rec'),
                                      ('tau_facil', 'tau_facil'))
    native = {'U': 'u', 'tau_rec': 'tau_rec', 'tau_facil': 'tau_facil'}

    def _get_minimum_delay(self):
        return simulator.state.min_delay

    def native_rule(self, weight_scale):
        p = _homogeneous(self, self.native)
        return "tsodyks_markram", {self.native[k]: v for k, v in p.items()}


class STDPMechanism(synapses.STDPMechanism):
    """A timing dependence with a weight dependence, on the native rule the pair maps to
    (SpikePairRule: ``stdp``; Vogels2011Rule: ``inhibitory_stdp``).

    Spike timing is read at emission: the pairing sees the presynaptic and postsynaptic spikes
    when they are fired, whatever ``dendritic_delay_fraction`` says (NEST counts the delay on the
    dendrite, 1, pyNN.brian2 on the axon, 0; with the one-step delays of most plastic networks the
    three differ by a factor exp(-dt/tau) in a pair's change)."""
    base_translations = build_translations(('weight', 'weight'), ('delay', 'delay'),
                                           ('dendritic_delay_fraction', 'dendritic_delay_fraction'))

    def _build_translations(self):
        self.translations = dict(self.__class__.base_translations)  # PyNN's updates the class's own dict
        for component in (self.timing_dependence, self.weight_dependence, self.voltage_dependence):
            if component:
                self.translations.update(component.translations)

    def _get_minimum_delay(self):
        return simulator.state.min_delay

    def native_rule(self, weight_scale):
        if self.voltage_dependence is not None:
            raise errors.NotYetImplementedError("pyNN.plastica: voltage-dependent STDP")
        if self.timing_dependence is None or self.weight_dependence is None:
            raise errors.InvalidModelError("pyNN.plastica: STDPMechanism needs a timing and a weight dependence")
        return self.timing_dependence.native_rule(self.weight_dependence, weight_scale)


class _WeightDependence(object):
    """Bounds and the Guetig exponents (mu_plus, mu_minus) of a weight dependence: additive 0,
    multiplicative 1 (plasticity/weight_bounds.hpp)."""
    translations = build_translations(('w_max', 'w_max'), ('w_min', 'w_min'))
    mu = (0.0, 0.0)

    def bounds(self, weight_scale):
        p = _homogeneous(self, ('w_min', 'w_max'))
        mu_plus, mu_minus = self.mu
        return {'w_min': p['w_min'] * weight_scale, 'w_max': p['w_max'] * weight_scale, 'mu_plus': mu_plus, 'mu_minus': mu_minus}


class AdditiveWeightDependence(_WeightDependence, synapses.AdditiveWeightDependence):
    __doc__ = synapses.AdditiveWeightDependence.__doc__


class MultiplicativeWeightDependence(_WeightDependence, synapses.MultiplicativeWeightDependence):
    __doc__ = synapses.MultiplicativeWeightDependence.__doc__
    mu = (1.0, 1.0)


class AdditivePotentiationMultiplicativeDepression(_WeightDependence, synapses.AdditivePotentiationMultiplicativeDepression):
    __doc__ = synapses.AdditivePotentiationMultiplicativeDepression.__doc__
    mu = (0.0, 1.0)


class GutigWeightDependence(_WeightDependence, synapses.GutigWeightDependence):
    __doc__ = synapses.GutigWeightDependence.__doc__
    translations = build_translations(('w_max', 'w_max'), ('w_min', 'w_min'), ('mu_plus', 'mu_plus'), ('mu_minus', 'mu_minus'))

    @property
    def mu(self):
        p = _homogeneous(self, ('mu_plus', 'mu_minus'))
        return p['mu_plus'], p['mu_minus']


class SpikePairRule(synapses.SpikePairRule):
    """All-to-all pair STDP on the native rule ``stdp``. As in pyNN.nest and pyNN.brian2, the
    amplitudes are relative to w_max: a pair changes the weight by A_plus * w_max * exp(-dt/tau_plus)."""
    __doc__ += synapses.SpikePairRule.__doc__
    translations = build_translations(('A_plus', 'A_plus'), ('A_minus', 'A_minus'), ('tau_plus', 'tau_plus'), ('tau_minus', 'tau_minus'))

    def native_rule(self, weight_dependence, weight_scale):
        p = _homogeneous(self, ('A_plus', 'A_minus', 'tau_plus', 'tau_minus'))
        b = weight_dependence.bounds(weight_scale)
        return "stdp", dict(b, a_plus=p['A_plus'] * b['w_max'], a_minus=p['A_minus'] * b['w_max'],
                            tau_plus=p['tau_plus'], tau_minus=p['tau_minus'])


class Vogels2011Rule(synapses.Vogels2011Rule):
    """Inhibitory STDP (Vogels et al. 2011) on the native rule ``inhibitory_stdp``: eta in the
    weight's unit, rho the target rate (Hz); with an additive weight dependence for the bounds."""
    __doc__ += synapses.Vogels2011Rule.__doc__
    translations = build_translations(('tau', 'tau'), ('eta', 'eta'), ('rho', 'rho'))

    def native_rule(self, weight_dependence, weight_scale):
        p = _homogeneous(self, ('tau', 'eta', 'rho'))
        b = weight_dependence.bounds(weight_scale)
        if (b.pop('mu_plus'), b.pop('mu_minus')) != (0.0, 0.0):
            raise errors.NotYetImplementedError("pyNN.plastica: Vogels2011Rule takes an AdditiveWeightDependence (the bounds)")
        return "inhibitory_stdp", dict(b, tau=p['tau'], eta=p['eta'] * weight_scale, rho0=p['rho'])


# --- electrodes -------------------------------------------------------------------------------

class _NativeCurrentSource(object):
    """An electrode on the engine's own current sources (sim/current_source.hpp): the current is
    computed inside the step loop, step by step (an AC or noise current costs no run splits and no
    Python per step). Each population the source injects into gets one native source with the
    same settings; a change of parameters between runs changes every one of them. Times are
    rounded to the step grid, as pyNN.nest and pyNN.brian2 round them; currents nA -> pA."""

    native_kind = None  # dc, step, ac or noise

    def __init__(self, **parameters):
        object.__setattr__(self, "_natives", [])  # (population, native source id)
        object.__setattr__(self, "_recording", False)
        super().__init__(**parameters)  # the PyNN electrode type this is mixed into

    def inject_into(self, cells):
        from .populations import native_slots
        slots = native_slots(cells)
        for pop, _ in slots:
            if not pop.celltype.injectable:
                raise TypeError("Can't inject current into a spike source.")
        net = simulator.state.net
        for pop, idx in slots:
            scalars, times, amps = self._native_settings()
            sid = net.add_current(pop._native_name, self.native_kind, scalars, neurons=sorted(set(int(i) for i in idx)),
                                  times=times, amplitudes=amps)
            self._natives.append((pop, sid))

    def set_native_parameters(self, parameters):
        parameters.evaluate(simplify=True)
        self.parameter_space.update(**{k: getattr(v, "base_value", v) for k, v in parameters.items()})
        if self._natives:
            scalars, times, amps = self._native_settings()
            for _, sid in self._natives:
                simulator.state.net.set_current(sid, scalars, times=times, amplitudes=amps)

    def get_native_parameters(self):
        return self.parameter_space

    def _value(self, name):
        """A parameter of the source as a number, or an array for sequences."""
        v = self.parameter_space[name]
        v = getattr(v, "base_value", v)
        if isinstance(v, np.ndarray) and v.dtype == object:
            v = v.ravel()[0]
        if hasattr(v, "value"):  # a pyNN Sequence
            return np.asarray(v.value, dtype=float)
        return float(np.ravel(v)[0])

    def _grid(self, t):
        dt = simulator.state.dt
        return np.rint(np.asarray(t, dtype=float) / dt) * dt

    def _native_settings(self):
        """(scalar parameters in native units, step times, step amplitudes)."""
        return self._scalars(), [], []

    def _window(self):
        """start and stop on the grid (a stop before start: none)."""
        start = self._value('start')
        return {"start": float(self._grid(start)), "stop": float(self._grid(max(self._value('stop'), start)))}

    def record(self):
        """The current is known from the settings at every step (noise included: its draws are
        keyed by seed, source, cell and interval), so recording costs nothing while running."""
        object.__setattr__(self, "_recording", True)

    def _get_data(self):
        """(times in ms, current in nA) of every step so far, into the first target cell."""
        if not self._natives:
            return np.zeros(0), np.zeros(0)
        pop, sid = self._natives[0]
        times, values = simulator.state.net.current_trace(sid)
        return times, values / 1000.0


class DCSource(_NativeCurrentSource, electrodes.DCSource):
    __doc__ = electrodes.DCSource.__doc__
    translations = build_translations(('amplitude', 'amplitude'), ('start', 'start'), ('stop', 'stop'))
    native_kind = "dc"

    def _scalars(self):
        return {"amplitude": 1000.0 * self._value('amplitude'), **self._window()}


class StepCurrentSource(_NativeCurrentSource, electrodes.StepCurrentSource):
    __doc__ = electrodes.StepCurrentSource.__doc__
    translations = build_translations(('amplitudes', 'amplitudes'), ('times', 'times'))
    native_kind = "step"

    def _native_settings(self):
        times = np.atleast_1d(self._value('times'))
        amps = np.atleast_1d(self._value('amplitudes'))
        if times.size != amps.size:
            raise errors.InvalidParameterValueError("StepCurrentSource: %d times but %d amplitudes" % (times.size, amps.size))
        if np.any(times < 0) or np.any(np.diff(times) <= 0):
            raise ValueError("Step current timestamps should be monotonically increasing.")
        # Times rounded to the grid; where two land on one step the later amplitude holds (as pyNN.brian2).
        grid = self._grid(times)
        keep = np.append(grid[1:] != grid[:-1], True)
        return {}, list(grid[keep]), list(1000.0 * amps[keep])


class ACSource(_NativeCurrentSource, electrodes.ACSource):
    __doc__ = electrodes.ACSource.__doc__
    translations = build_translations(('amplitude', 'amplitude'), ('offset', 'offset'), ('frequency', 'frequency'),
                                      ('phase', 'phase'), ('start', 'start'), ('stop', 'stop'))
    native_kind = "ac"

    def _scalars(self):
        return {"amplitude": 1000.0 * self._value('amplitude'), "offset": 1000.0 * self._value('offset'),
                "frequency": self._value('frequency'), "phase": self._value('phase'), **self._window()}


class NoisyCurrentSource(_NativeCurrentSource, electrodes.NoisyCurrentSource):
    """Independent noise for every target cell, as NEST's noise_generator (pyNN.brian2 gives all
    cells one shared draw). The draws come from the simulation's seed, not from a PyNN RNG."""
    __doc__ += electrodes.NoisyCurrentSource.__doc__
    translations = build_translations(('mean', 'mean'), ('stdev', 'stdev'), ('dt', 'dt'), ('start', 'start'), ('stop', 'stop'))
    native_kind = "noise"

    def _scalars(self):
        dt = simulator.state.dt
        interval = max(self._value('dt'), dt)  # at least a step, as pyNN.brian2; off the grid is an error, as NEST
        return {"mean": 1000.0 * self._value('mean'), "stdev": 1000.0 * self._value('stdev'), "interval": interval, **self._window()}


_check_rules()
