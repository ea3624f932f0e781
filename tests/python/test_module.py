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
import sys
import threading

import h5py
import numpy as np
import pytest

import plastica

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "experiments", "compare"))
import python_vs_cli  # noqa: E402  (the COBA network as the speed comparison builds it)


def coba(n=1000, seed=1, threads=2):
    net = python_vs_cli.coba(plastica, n, seed, threads)
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


STDP_NEURON = dict(c_m=100, g_l=10, e_l=-74, v_th=-54, v_reset=-60, t_ref=0, e_exc=0, e_inh=-70, tau_syn_exc=5, tau_syn_inh=5, i_e=0)


def test_plasticity_by_name_gives_the_cli_experiment(tmp_path):
    """stdp_competition (Song, Miller & Abbott 2000) rebuilt from Python with the rule by name."""
    binary = os.environ.get("PLASTICA_BINARY", "build/plastica")
    subprocess.run([binary, "run", "stdp_competition", "--set", "duration=3000", "--set", "inputs=1000", "--threads", "2",
                    "--out", str(tmp_path), "--quiet", "--no-plots"], check=True, capture_output=True)
    net = plastica.Network(dt=0.1, seed=1, threads=2)
    net.add_poisson("inputs", 1000, 15.0)
    net.add_population("neuron", "lif_cond_exp", 1, STDP_NEURON, {"v": -60.0})
    proj = net.connect("inputs", "neuron", plastica.all_to_all(), plastica.uniform(0, 0.1), 0.1)
    a_plus = 0.005 * 0.1  # as the experiment computes its defaults: the same doubles
    net.add_plasticity(proj, "stdp", {"w_max": 0.1, "a_plus": a_plus, "a_minus": 1.05 * a_plus})
    assert net.plasticity(proj) == ["stdp"]
    net.record_spikes("neuron")
    w0 = net.weights(proj)[2].copy()
    net.run(3000)
    with h5py.File(tmp_path / "stdp_competition.h5") as f:
        ids, times = net.spikes("neuron")
        assert len(times) > 20
        np.testing.assert_array_equal(times, f["spikes/neuron/timestamps"][:])
    assert not np.array_equal(net.weights(proj)[2], w0)
    assert "stdp" in plastica.rules() and "tsodyks_markram" in plastica.rules()
    assert plastica.rule_params("stdp")["a_plus"] == (0.005, "weight")
    assert plastica.rule_params("stdp")["nearest"] == (0.0, "0/1")
    assert "Song" in plastica.rule_doc("stdp")


def test_network_file_runs_the_same_from_python_and_the_cli(tmp_path):
    path = tmp_path / "net.toml"
    path.write_text("""
[[population]]
name = "drive"
model = "poisson_source"
size = 200
rate = 20
[[population]]
name = "cells"
model = "lif_curr_exp"
size = 40
params = { i_e = 300 }
initial = { v = { dist = "uniform", low = -70, high = -55 } }
[[projection]]
pre = "drive"
post = "cells"
connect = "fixed_indegree"
k = 30
weight = { dist = "uniform", low = 20, high = 60 }
delay = 1.0
plasticity = [{ rule = "stdp", w_max = 100, a_plus = 1, a_minus = 1.05 }]
[[projection]]
pre = "cells"
post = "cells"
connect = "fixed_probability"
p = 0.1
autapses = false
weight = -40
receptor = "inh"
[[current]]
population = "cells"
kind = "noise"
mean = 20
stdev = 150
interval = 0.5
neurons = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
[[current]]
population = "cells"
kind = "ac"
amplitude = 100
frequency = 8
start = 100
stop = 400
[record]
spikes = ["cells"]
state = [{ population = "cells", variable = "v", neurons = [0, 5], interval = 1.0 }]
weights = [{ projection = "drive->cells", interval = 250 }]
""")
    binary = os.environ.get("PLASTICA_BINARY", "build/plastica")
    subprocess.run([binary, "run", "network", "--set", f"network={path}", "--set", "duration=500", "--seed", "5", "--threads", "2",
                    "--out", str(tmp_path), "--quiet", "--no-plots"], check=True, capture_output=True)
    net = plastica.Network.from_file(str(path), dt=0.1, seed=5, threads=1)
    assert net.plasticity("drive->cells") == ["stdp"]
    assert net.current(0)["kind"] == "noise" and net.current(0)["neurons"] == list(range(10)) and net.current(1)["frequency"] == 8
    net.run(500)
    t_i, i_ac = net.current_trace(1, 20)
    on = (t_i >= 100) & (t_i < 400)
    np.testing.assert_allclose(i_ac[on], 100 * np.sin(2 * np.pi * 8e-3 * (t_i[on] - 100)), atol=1e-9)
    assert np.all(i_ac[~on] == 0)
    ids, times = net.spikes("cells")
    assert len(ids) > 50
    with h5py.File(tmp_path / "network.h5") as f:
        np.testing.assert_array_equal(ids, f["spikes/cells/node_ids"][:])
        np.testing.assert_array_equal(times, f["spikes/cells/timestamps"][:])
        trace = f["plastica/curves/state_cells_v/neuron_5"][:]
        snapshots = f["plastica/weights/drive->cells/data"][:]
    t, v, neurons = net.recorded_state(0)
    np.testing.assert_array_equal(neurons, [0, 5])
    np.testing.assert_array_equal(v[:, 1], trace)
    assert snapshots.shape[1] == 40 * 30
    np.testing.assert_array_equal(snapshots[-1], net.weights("drive->cells")[2])  # the last snapshot is the end of the run
    bad = tmp_path / "bad.toml"
    bad.write_text('[[population]]\nname = "a"\nmodel = "lif_curr_exp"\nsize = 2\nparams = { tau = 1 }\n')
    with pytest.raises(ValueError, match=r"bad.toml:5: population\[0\].params.tau"):
        plastica.Network.from_file(str(bad))
    r = subprocess.run([binary, "run", "network", "--set", f"network={bad}", "--out", str(tmp_path / "b"), "--quiet"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "bad.toml:5" in r.stderr and r.stderr.count("\n") == 1


def test_currents_from_python():
    assert set(plastica.currents()) == {"dc", "step", "ac", "noise"}
    assert plastica.currents()["ac"]["frequency"] == (10.0, "Hz")
    net = plastica.Network(dt=0.1, seed=3, threads=1)
    net.add_population("cells", "lif_curr_exp", 3, {"v_th": 1e6})
    k = net.add_current("cells", "step", times=[10.0, 20.0], amplitudes=[250.0, 0.0], neurons=[2])
    net.run(30)
    v = net.state("cells", "v")
    # 250 pA for 10 ms onto tau_m = 10 ms, C = 250 pF, then 10 ms of decay
    expect = -70 + 10 * (1 - math.exp(-1)) * math.exp(-1)
    assert v[0] == -70 and abs(v[2] - expect) < 1e-9
    net.set_current(k, times=[0.0], amplitudes=[-100.0])
    t, i = net.current_trace(k)
    assert i[150] == 250 and i[299] == 0  # the past keeps the settings it ran with
    net.run(10)
    assert net.current_trace(k)[1][-1] == -100
    with pytest.raises(ValueError, match=r"current 'step->cells': times\[1\] = 5 ms: must be later"):
        net.set_current(k, times=[10.0, 5.0], amplitudes=[1.0, 2.0])
    with pytest.raises(ValueError, match=r"unknown parameter of a dc current \(known: amplitude, start, stop\)"):
        net.add_current("cells", "dc", {"mean": 1.0})


def test_plasticity_errors():
    net = plastica.Network()
    net.add_population("a", "lif_curr_exp", 3)
    proj = net.connect("a", "a", plastica.all_to_all(), 0.5)
    with pytest.raises(ValueError, match="known: stdp"):
        net.add_plasticity(proj, "stpd")
    with pytest.raises(ValueError, match="tau_plus"):
        net.add_plasticity(proj, "stdp", {"tau_plus": -1.0})
    with pytest.raises(ValueError, match="has no reward_stdp"):
        net.reward(proj, 1.0)
    net.add_plasticity(proj, "reward_stdp", {"w_max": 1.0})
    net.reward(proj, 0.5)
    net.run(1.0)
    with pytest.raises(ValueError, match="after the network has run"):
        net.add_plasticity(proj, "stdp")
