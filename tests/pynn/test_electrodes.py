"""PyNN's electrodes on pyNN.plastica: ACSource against pyNN.brian2 (Debian's Brian2, run here)
on a single IF_curr_exp cell below threshold, NoisyCurrentSource against the statistics it must
have, the recorded current of each source (get_data, nA), parameters changed between runs, and
the errors PyNN's own backends give."""
import numpy as np
import pytest
import quantities as pq

import brian2
import pyNN.brian2
import pyNN.plastica

brian2.prefs.codegen.target = "numpy"
brian2.BrianLogger.log_level_error()


def ac_trace(sim, dt=0.1, tstop=300.0):
    sim.setup(timestep=dt)
    p = sim.Population(1, sim.IF_curr_exp(v_thresh=0.0))  # far above what the current reaches
    p.record("v")
    src = sim.ACSource(amplitude=0.4, offset=0.2, frequency=25.0, phase=60.0, start=20.0, stop=250.0)
    p.inject(src)
    src.record()
    sim.run(tstop)
    v = np.asarray(p.get_data().segments[0].filter(name="v")[0]).ravel()
    i = src.get_data()
    sim.end()
    return v, i


def test_ac_source_matches_brian2():
    va, ia = ac_trace(pyNN.plastica)
    vb, ib = ac_trace(pyNN.brian2)
    assert va.shape == vb.shape == (3001,)
    assert ia.units == pq.nA
    assert np.ptp(va) > 5  # the sine drives the membrane by several mV
    # Both hold the current of step t at its value at t*dt and integrate the exact propagator.
    np.testing.assert_allclose(va, vb, atol=1e-9)
    t = np.arange(len(ia)) * 0.1
    on = (t >= 20.0) & (t < 250.0)
    expect = 0.2 + 0.4 * np.sin(2 * np.pi * 25.0 * (t - 20.0) / 1000.0 + np.pi / 3)
    np.testing.assert_allclose(np.asarray(ia).ravel()[on], expect[on], atol=1e-12)
    assert np.all(np.asarray(ia).ravel()[~on] == 0)


def test_noisy_current_source_statistics_independence_and_reproducibility():
    sim = pyNN.plastica
    def run(threads, seed=11):
        sim.setup(timestep=0.1, threads=threads, rng_seed=seed)
        p = sim.Population(200, sim.IF_curr_exp(v_thresh=1e3, tau_m=10.0, cm=0.25))
        p.record("v")
        noise = sim.NoisyCurrentSource(mean=0.05, stdev=0.2, dt=1.0, start=10.0, stop=400.0)
        p.inject(noise)
        noise.record()
        sim.run(500.0)
        v = np.asarray(p.get_data().segments[0].filter(name="v")[0])
        i = np.asarray(noise.get_data()).ravel()
        sim.end()
        return v, i
    v1, i1 = run(1)
    v2, i2 = run(2)
    np.testing.assert_array_equal(v1, v2)  # the same at any thread count
    np.testing.assert_array_equal(i1, i2)
    on = i1[100:4000]
    assert np.all(i1[:100] == 0) and np.all(i1[4000:] == 0)
    blocks = on.reshape(-1, 10)  # held for dt = 1 ms (10 steps)
    assert np.all(blocks == blocks[:, :1])
    values = blocks[:, 0]
    assert abs(values.mean() - 0.05) < 5 * 0.2 / np.sqrt(values.size)
    assert abs(values.std() / 0.2 - 1) < 0.15
    # every cell gets its own noise: membrane traces differ, and their spread across cells is
    # the one a shared current could not give
    assert np.std(v1[3000]) > 0.5
    v3, _ = run(1, seed=12)
    assert not np.array_equal(v1, v3)


def test_current_recorded_and_changed_between_runs():
    sim = pyNN.plastica
    sim.setup(timestep=0.1)
    p = sim.Population(2, sim.IF_curr_exp(v_thresh=1e3))
    p.record("v")
    dc = sim.DCSource(amplitude=0.5, start=10.0)
    p[0:1].inject(dc)
    dc.record()
    step = sim.StepCurrentSource(times=[5.0, 5.04, 20.0], amplitudes=[0.1, 0.3, -0.2])
    step.inject_into(p[1:2])
    sim.run(30.0)
    dc.amplitude = 1.0  # acts from the next step, as on pyNN.nest
    assert dc.amplitude == 1.0
    sim.run(20.0)
    i = np.asarray(dc.get_data()).ravel()
    assert i.size == 500
    assert np.all(i[:100] == 0) and np.all(i[100:300] == 0.5) and np.all(i[300:] == 1.0)
    v = np.asarray(p.get_data().segments[0].filter(name="v")[0])
    # cell 1: 5.04 ms rounds to 5.0 ms, where the later amplitude holds (as pyNN.brian2)
    t = np.arange(v.shape[0]) * 0.1
    seg = (t > 5.0) & (t <= 20.0)
    np.testing.assert_allclose(v[seg, 1], -65.0 + 0.3 * 20.0 * (1 - np.exp(-(t[seg] - 5.0) / 20.0)), atol=1e-9)
    sim.end()


def test_electrode_errors():
    sim = pyNN.plastica
    sim.setup(timestep=0.1)
    src = sim.Population(2, sim.SpikeSourcePoisson(rate=10.0))
    with pytest.raises(TypeError, match="spike source"):
        src.inject(sim.DCSource(amplitude=1.0))
    cells = sim.Population(2, sim.IF_curr_exp())
    with pytest.raises(ValueError, match="monotonically increasing"):
        cells.inject(sim.StepCurrentSource(times=[10.0, 5.0], amplitudes=[0.1, 0.2]))
    noise = sim.NoisyCurrentSource(stdev=0.1, dt=0.25)
    with pytest.raises(ValueError, match=r"interval = 0\.25 ms: is not a whole number of steps"):
        cells.inject(noise)
    sim.end()
