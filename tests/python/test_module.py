"""The native module `plastica` (experiments/python/module.cpp), run by ctest with /usr/bin/python3.

Checked against independent references: the CLI's own vogels_abbott run (the same network built
from Python gives the same spikes bit for bit), the analytic firing period of an LIF neuron under
constant current, the engine's continuation and checkpoint guarantees, explicit connectivity,
and the one-line errors of the command line as Python exceptions.
"""
import math
import os
import signal
import subprocess
import threading

import h5py
import numpy as np
import pytest

import plastica

COBA = dict(c_m=200, g_l=10, e_l=-60, v_th=-50, v_reset=-60, t_ref=5, e_exc=0, e_inh=-80, tau_syn_exc=5, tau_syn_inh=10, i_e=0)


def coba(n=1000, seed=1, threads=2):
    """Brette et al. 2007's COBA network as experiments/vogels_abbott.cpp builds it (p = 0.02)."""
    net = plastica.Network(dt=0.1, seed=seed, threads=threads)
    n_exc = round(0.8 * n)
    init = {"v": plastica.normal(-65, 5), "g_exc": plastica.normal(40, 15), "g_inh": plastica.normal(200, 120)}
    net.add_population("exc", "lif_cond_exp", n_exc, COBA, init)
    net.add_population("inh", "lif_cond_exp", n - n_exc, COBA, init)
    for post in ("exc", "inh"):
        net.connect("exc", post, plastica.fixed_probability(0.02 * 3200 / n_exc), 6.0, 0.1, "exc")
        net.connect("inh", post, plastica.fixed_probability(0.02 * 800 / (n - n_exc)), 67.0, 0.1, "inh")
    net.record_spikes("exc")
    net.record_spikes("inh")
    return net


def small(seed=3, threads=2):
    """Poisson inputs onto recurrently coupled LIF neurons."""
    net = plastica.Network(dt=0.1, seed=seed, threads=threads)
    net.add_poisson("in", 100, 20.0)
    net.add_population("cells", "lif_curr_exp", 50, {}, {"v": plastica.uniform(-70, -55)})
    net.connect("in", "cells", plastica.fixed_indegree(20), plastica.uniform(100, 300), 1.0)
    net.connect("cells", "cells", plastica.fixed_probability(0.1, autapses=False), -50.0, plastica.uniform(0.5, 2.0), "inh")
    net.record_spikes("cells")
    return net


def test_python_network_equals_cli_experiment(tmp_path):
    binary = os.environ.get("PLASTICA_BINARY", "build/plastica")
    subprocess.run([binary, "run", "vogels_abbott", "--set", "n=1000", "--set", "duration=300", "--threads", "2",
                    "--out", str(tmp_path), "--quiet", "--no-plots"], check=True, capture_output=True)
    net = coba()
    net.run(300)
    with h5py.File(tmp_path / "vogels_abbott.h5") as f:
        for pop in ("exc", "inh"):
            ids, times = net.spikes(pop)
            assert len(ids) > 500
            np.testing.assert_array_equal(ids, f[f"spikes/{pop}/node_ids"][:])
            np.testing.assert_array_equal(times, f[f"spikes/{pop}/timestamps"][:])


def test_lif_period_under_constant_current_is_analytic():
    # lif_curr_exp with I_e: V relaxes to V_inf = E_L + I_e tau_m / C; from V_reset it reaches
    # theta after tau_m ln((V_inf - V_reset) / (V_inf - theta)), then stays t_ref refractory.
    p = dict(c_m=250, tau_m=10, e_l=-70, v_th=-55, v_reset=-70, t_ref=2, i_e=500)
    net = plastica.Network(dt=0.01, seed=1)
    net.add_population("n", "lif_curr_exp", 1, p, {"v": -70.0})
    net.record_spikes("n")
    net.run(200)
    _, t = net.spikes("n")
    v_inf = p["e_l"] + p["i_e"] * p["tau_m"] / p["c_m"]
    period = p["t_ref"] + p["tau_m"] * math.log((v_inf - p["v_reset"]) / (v_inf - p["v_th"]))
    assert len(t) > 10
    assert np.diff(t).mean() == pytest.approx(period, abs=0.011)  # within one step
    assert t[0] == pytest.approx(period - p["t_ref"], abs=0.011)


def test_run_continues_and_reset_repeats_the_first_run():
    a = small()
    a.run(250)
    a.run(250)
    assert a.time == pytest.approx(500) and a.steps == 5000
    b = small(threads=1)
    b.run(500)
    for x, y in zip(a.spikes("cells"), b.spikes("cells")):
        np.testing.assert_array_equal(x, y)
    first = [x.copy() for x in b.spikes("cells")]
    b.reset()
    assert b.time == 0
    b.run(500)
    ids, times = b.spikes("cells")  # the recorder keeps the first run's spikes, then the second's
    half = len(first[0])
    np.testing.assert_array_equal(ids[half:], first[0])
    np.testing.assert_array_equal(times[half:], first[1])


def test_save_and_load_continue_bit_for_bit(tmp_path):
    straight = small()
    straight.run(400)
    a = small()
    a.run(150)
    a.save(str(tmp_path / "state.h5"))
    b = small(threads=1)
    b.load(str(tmp_path / "state.h5"))
    assert b.time == pytest.approx(150)
    b.run(250)
    for x, y in zip(b.spikes("cells"), straight.spikes("cells")):
        np.testing.assert_array_equal(x, y)
    assert b.synaptic_events == straight.synaptic_events


def test_weights_from_list_and_set_weights():
    net = plastica.Network()
    net.add_population("a", "lif_delta", 3)
    net.add_population("b", "lif_delta", 4)
    proj = net.connect("a", "b", plastica.from_list([(0, 1), (2, 3), (0, 2)], weights=[1.5, 2.5, 3.5]), 0.0)
    assert proj == "a->b" and net.synapse_count == 3
    pre, post, w = net.weights(proj)
    got = sorted(zip(pre.tolist(), post.tolist(), w.tolist()))
    assert got == [(0, 1, 1.5), (0, 2, 3.5), (2, 3, 2.5)]
    net.set_weights(proj, np.array([0.25, 0.5, 0.75]))
    np.testing.assert_array_equal(net.weights(proj)[2], np.array([0.25, 0.5, 0.75], dtype=np.float32))
    with pytest.raises(ValueError, match="needs one weight per synapse"):
        net.set_weights(proj, np.zeros(2))
    assert net.state("b", "v").shape == (4,)


def test_errors_are_one_line_exceptions(tmp_path):
    net = plastica.Network()
    with pytest.raises(ValueError, match="hodgkin") as e:
        net.add_population("x", "hodgkin", 10)
    assert "\n" not in str(e.value)
    with pytest.raises(ValueError, match="tau_mm"):
        net.add_population("x", "lif_curr_exp", 10, {"tau_mm": 5})
    with pytest.raises(ValueError, match="must be > 0"):
        net.add_population("x", "lif_curr_exp", 10, {"tau_m": -5})
    net.add_population("x", "lif_curr_exp", 10)
    with pytest.raises(ValueError, match="no population of that name"):
        net.connect("x", "y", plastica.all_to_all(), 1.0)
    with pytest.raises(ValueError, match="receptor = gaba: unknown"):
        net.connect("x", "x", plastica.all_to_all(), 1.0, receptor="gaba")
    with pytest.raises(ValueError, match="duration = -5"):
        net.run(-5)
    with pytest.raises(ValueError, match="not recorded"):
        net.spikes("x")
    with pytest.raises(ValueError, match="no such state variable"):
        net.state("x", "w")
    with pytest.raises((OSError, ValueError), match="missing.h5"):
        net.load(str(tmp_path / "missing.h5"))
    assert "lif_cond_exp" in plastica.models()
    assert plastica.model_params("lif_cond_exp")["tau_syn_exc"] == (5.0, "ms")


def test_ctrl_c_stops_at_a_step_boundary_and_the_run_continues():
    straight = small()
    straight.run(60000)
    net = small()
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        net.run(60000)
    timer.join()
    stopped = net.steps
    assert 0 < stopped < 600000 and stopped % 1000 == 0
    net.run_until(60000)
    assert net.steps == 600000
    for x, y in zip(net.spikes("cells"), straight.spikes("cells")):
        np.testing.assert_array_equal(x, y)
