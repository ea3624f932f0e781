"""GIF_cond_exp on pyNN.plastica (the native gif_cond_exp; pyNN.brian2 has no GIF cell, so the
references are closed forms): the recorded spike-triggered current i_eta (nA) and moving
threshold v_t (mV) equal PyNN's kernels summed over the recorded spikes, in NEST's order (the
sums of a step are taken before the kernels decay); array parameters come back as set, with
kernels beyond an array's length off; more kernels than the model has is an error."""
import numpy as np
import pytest
import quantities as pq

import pyNN.errors
import pyNN.plastica as sim


def test_gif_kernels_follow_the_recorded_spikes():
    sim.setup(timestep=0.1, rng_seed=3)
    q_eta, tau_eta = np.array([0.05, 0.01, 0.02]), np.array([5.0, 50.0, 200.0])
    q_gamma, tau_gamma = np.array([1.0, 0.5]), np.array([20.0, 100.0])
    p = sim.Population(4, sim.GIF_cond_exp(i_offset=1.0, a_eta=list(q_eta), tau_eta=list(tau_eta),
                                           a_gamma=list(q_gamma), tau_gamma=list(tau_gamma)))
    p.record(["spikes", "i_eta", "v_t", "v"])
    sim.run(500.0)
    seg = p.get_data().segments[0]
    i_eta, v_t = seg.filter(name="i_eta")[0], seg.filter(name="v_t")[0]
    assert i_eta.units == pq.nA and v_t.units == pq.mV
    i_eta, v_t = np.asarray(i_eta), np.asarray(v_t)
    n = np.arange(i_eta.shape[0])
    for c in range(4):
        times = np.asarray(seg.spiketrains[c].magnitude)
        assert len(times) >= 3
        # the spike stamped (s + 1) dt came from update step s; sample n follows update step n - 1,
        # whose sums were taken before its decay: kernels decayed n - 2 - s steps
        eta, gamma = np.zeros(n.size), np.full(n.size, -48.0)
        for s in np.round(times / 0.1).astype(int) - 1:
            m = n - 2 - s
            on = m >= 0
            eta[on] += (q_eta * np.exp(-m[on, None] * 0.1 / tau_eta)).sum(1)
            gamma[on] += (q_gamma * np.exp(-m[on, None] * 0.1 / tau_gamma)).sum(1)
        np.testing.assert_allclose(i_eta[:, c], eta, atol=1e-12)
        np.testing.assert_allclose(v_t[:, c], gamma, atol=1e-10)
    sim.end()


def test_gif_parameters_and_errors():
    sim.setup(timestep=0.1)
    p = sim.Population(3, sim.GIF_cond_exp(lambda0=2.0, a_eta=[0.1, 0.2], tau_m=10.0, cm=0.5))
    a = p.get("a_eta")
    np.testing.assert_allclose(a.value if hasattr(a, "value") else a, [0.1, 0.2, 0.0])
    assert p.get("lambda0") == pytest.approx(2.0)
    assert p.get("tau_m") == pytest.approx(10.0)
    p.set(tau_gamma=[3.0, 30.0, 300.0])
    np.testing.assert_allclose(p.get("tau_gamma").value, [3.0, 30.0, 300.0])
    with pytest.raises(pyNN.errors.InvalidParameterValueError, match="a_gamma has 4 kernels"):
        sim.Population(1, sim.GIF_cond_exp(a_gamma=[1.0, 1.0, 1.0, 1.0]))
    sim.end()
