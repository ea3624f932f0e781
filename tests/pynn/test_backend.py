"""pyNN.plastica against pyNN.brian2 (Debian's Brian2, run in the test): the same PyNN script on
both backends. Single cells of each standard type under a DC step give the same membrane trace
within the integrators' tolerance (exact propagators on both sides for current-based cells, so
there to 1e-9 mV; Brian2 integrates conductance-based cells by forward Euler, hence the looser
bands); explicit connectivity drawn by PyNN's connectors from a NumpyRNG is the same synapse for
synapse; data come back as Neo blocks with units."""
import numpy as np
import pytest
import quantities as pq

import brian2
import pyNN.brian2
import pyNN.errors
import pyNN.plastica
from pyNN.random import NumpyRNG, RandomDistribution

brian2.prefs.codegen.target = "numpy"  # no compiler runs in the test
brian2.BrianLogger.log_level_error()


def dc_trace(sim, cell, amplitude, dt, tstop=200.0):
    sim.setup(timestep=dt)
    p = sim.Population(1, cell)
    p.record(["v", "spikes"])
    p.inject(sim.DCSource(amplitude=amplitude, start=20.0, stop=150.0))
    sim.run(tstop)
    seg = p.get_data().segments[0]
    v = seg.filter(name="v")[0]
    assert v.units == pq.mV
    out = np.asarray(v).ravel(), np.asarray(seg.spiketrains[0].rescale(pq.ms))
    sim.end()
    return out


# Two conventions differ by one step each, both measured here, so the test holds them exactly:
# Brian2 stamps a spike with the start of the step in which V crossed, Plastica (as NEST) with
# its end; and Brian2's refractory period counts the spike's own step, so with refractoriness
# Brian2 resumes integrating one step earlier than NEST and Plastica do (whose neuron is held
# for tau_refrac after the spike's time stamp). Spike i of Plastica is then (i + 1) steps after
# Brian2's for cells with a refractory period, one step for Izhikevich's (which has none).
# (cell type, parameters, amplitude nA, dt, tolerance on v before the first spike (mV),
#  steps of shift per interval (1 with refractoriness, 0 without), tolerance on the first spike
#  and on each interspike interval (ms): Brian2's forward Euler (conductance-based cells, AdEx,
#  Izhikevich) loses up to a step per interval at dt = 0.1 ms)
CASES = [
    ("IF_curr_exp", {"tau_refrac": 2.0}, 1.0, 0.1, 1e-9, 1, 1e-9),
    ("IF_curr_alpha", {"tau_refrac": 2.0}, 1.0, 0.1, 1e-9, 1, 1e-9),
    ("IF_cond_exp", {"tau_refrac": 2.0}, 1.0, 0.1, 0.03, 1, 0.1 + 1e-9),
    ("IF_cond_alpha", {"tau_refrac": 2.0}, 1.0, 0.1, 0.03, 1, 0.1 + 1e-9),
    ("EIF_cond_exp_isfa_ista", {}, 1.0, 0.01, 1e-3, 1, 0.025),
    ("Izhikevich", {}, 0.01, 0.01, 0.5, 0, 0.04),
]


@pytest.mark.parametrize("name,params,amp,dt,v_tol,shift,t_tol", CASES, ids=[c[0] for c in CASES])
def test_single_cell_under_dc_matches_brian2(name, params, amp, dt, v_tol, shift, t_tol):
    va, sa = dc_trace(pyNN.plastica, getattr(pyNN.plastica, name)(**params), amp, dt)
    vb, sb = dc_trace(pyNN.brian2, getattr(pyNN.brian2, name)(**params), amp, dt)
    assert va.shape == vb.shape == (int(round(200.0 / dt)) + 1,)
    assert va[0] == vb[0]
    assert len(sa) >= 4 and len(sa) == len(sb)
    k = int((min(sa[0], sb[0]) - 0.5) / dt)  # up to just before the first spike
    assert np.max(np.abs(va[:k] - vb[:k])) < v_tol
    assert abs(sa[0] - sb[0] - dt) <= t_tol
    assert np.max(np.abs(np.diff(sa) - np.diff(sb) - shift * dt)) <= t_tol
    assert np.all(sa > 20.0) and np.all(sa < 151.0)  # the DC step is on from 20 to 150 ms only


def test_hh_cond_exp_trace_matches_brian2():
    va, _ = dc_trace(pyNN.plastica, pyNN.plastica.HH_cond_exp(), 0.5, 0.01)
    vb, _ = dc_trace(pyNN.brian2, pyNN.brian2.HH_cond_exp(), 0.5, 0.01)
    up = lambda v: np.nonzero((v[:-1] < 0) & (v[1:] >= 0))[0]  # action potentials: upward crossings of 0 mV
    ua, ub = up(va), up(vb)
    assert len(ua) >= 5 and len(ua) == len(ub)
    assert abs(ua[0] - ub[0]) * 0.01 < 0.1  # ms
    period_a, period_b = np.mean(np.diff(ua)), np.mean(np.diff(ub))
    assert abs(period_a - period_b) / period_b < 0.015  # Brian2's Euler at 0.01 ms against Odeint's adaptive stepper
    k = ua[0] - 100
    assert np.max(np.abs(va[:k] - vb[:k])) < 0.1


def build_net(sim, seed):
    sim.setup(timestep=0.1)
    rng = NumpyRNG(seed=seed)
    a = sim.Population(30, sim.IF_cond_exp())
    b = sim.Population(20, sim.IF_cond_exp())
    w = RandomDistribution("uniform", (0.001, 0.005), rng=rng)
    p1 = sim.Projection(a, b, sim.FixedProbabilityConnector(0.2, rng=rng), sim.StaticSynapse(weight=w, delay=0.5),
                        receptor_type="excitatory")
    p2 = sim.Projection(b, a[5:15], sim.FixedNumberPreConnector(3, rng=rng), sim.StaticSynapse(weight=0.002, delay=1.0),
                        receptor_type="inhibitory")
    p3 = sim.Projection(a, a, sim.FromListConnector([(0, 1, 0.004, 0.3), (2, 3, 0.001, 2.0)]), sim.StaticSynapse())
    return p1, p2, p3


def test_connectivity_from_numpy_rng_equals_brian2():
    mine = [sorted(map(tuple, np.round(p.get(["weight", "delay"], format="list"), 12))) for p in build_net(pyNN.plastica, 7)]
    theirs = [sorted(map(tuple, np.round(p.get(["weight", "delay"], format="list"), 12))) for p in build_net(pyNN.brian2, 7)]
    for m, t in zip(mine, theirs):
        assert len(m) > 0
        np.testing.assert_allclose(np.array(m), np.array(t), rtol=1e-6, atol=1e-12)
    # the array format has NaN where unconnected
    p1 = build_net(pyNN.plastica, 7)[0]
    w = p1.get("weight", format="array")
    assert w.shape == (30, 20) and np.isnan(w).sum() == 30 * 20 - len(p1)


def test_heterogeneous_parameters_step_current_and_reset():
    sim = pyNN.plastica
    sim.setup(timestep=0.1)
    p = sim.Population(3, sim.IF_curr_exp(i_offset=[0.0, 1.0, 2.0], tau_refrac=2.0))
    p.record("spikes")
    q = sim.Population(1, sim.IF_curr_exp())
    q.record("v")
    q.inject(sim.StepCurrentSource(times=[10.0, 30.0], amplitudes=[0.4, 0.0]))
    sim.run(100.0)
    counts = p.get_spike_counts()
    ids = list(p.all_cells)
    assert counts[ids[0]] == 0 and 0 < counts[ids[1]] < counts[ids[2]]
    np.testing.assert_allclose(p.get("i_offset"), [0.0, 1.0, 2.0])
    v = np.asarray(q.get_data().segments[0].filter(name="v")[0]).ravel()
    # R I (1 - exp(-t/tau_m)) from 10 ms, then exponential decay from 30 ms (tau_m = 20 ms, R = 20 MOhm)
    t = np.arange(v.size) * 0.1
    on = (t > 10) & (t <= 30)
    np.testing.assert_allclose(v[on], -65.0 + 8.0 * (1 - np.exp(-(t[on] - 10.0) / 20.0)), atol=1e-9)
    assert np.all(v[t <= 10] == -65.0)
    first = p.get_data().segments[0].spiketrains[2].magnitude.copy()
    sim.reset()
    sim.run(100.0)
    block = p.get_data()
    assert len(block.segments) == 2
    np.testing.assert_array_equal(block.segments[1].spiketrains[2].magnitude, first)
    sim.end()


def test_bad_input_is_a_clear_error():
    sim = pyNN.plastica
    sim.setup(timestep=0.1)
    with pytest.raises(ValueError, match="tau_m"):
        sim.Population(2, sim.IF_curr_exp(tau_m=-1.0))
    a = sim.Population(2, sim.IF_cond_exp())
    with pytest.raises(pyNN.errors.ConnectionError, match="conductance"):
        sim.Projection(a, a, sim.AllToAllConnector(), sim.StaticSynapse(weight=-0.1))
    sim.end()
