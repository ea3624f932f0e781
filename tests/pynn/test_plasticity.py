"""Plastic synapse types of pyNN.plastica: STDPMechanism and TsodyksMarkramSynapse.

A PyNN script drives one plastic synapse with spike trains whose times are set by the script
(a SpikeSourceArray before the synapse, a teacher input that makes the postsynaptic cell fire);
the weight it ends with equals the rule's equations summed explicitly over the recorded spikes
(PyNN's conventions: amplitudes relative to w_max, all-to-all pairing, weights clipped to the
bounds), for each weight dependence. The additive rule is also run on pyNN.brian2, whose STDP
sees the presynaptic spike after the axonal delay and stamps spikes one step earlier: the
changes agree within the resulting exp(dt/tau) factors. Short-term plasticity is checked
through the conductance jumps of the postsynaptic cell against the Tsodyks-Markram recursion."""
import numpy as np
import pytest

import brian2
import pyNN.brian2
import pyNN.plastica

brian2.prefs.codegen.target = "numpy"
brian2.BrianLogger.log_level_error()

PRE = [20.0, 41.0, 70.0, 96.0, 118.0, 150.0, 155.0, 190.0]
TEACH = [30.0, 55.0, 80.0, 110.0, 140.0, 175.0, 200.0]
TAU_PLUS, TAU_MINUS, A_PLUS, A_MINUS, W_MAX, W0 = 16.8, 33.7, 0.04, 0.05, 0.02, 0.01


def stdp_run(sim, weight_dependence, dendritic_delay_fraction=1.0):
    sim.setup(timestep=0.1, min_delay=0.1)
    pre = sim.Population(1, sim.SpikeSourceArray(spike_times=PRE))
    teacher = sim.Population(1, sim.SpikeSourceArray(spike_times=TEACH))
    post = sim.Population(1, sim.IF_curr_exp(tau_refrac=2.0, tau_syn_E=1.0))
    for p in (pre, post):
        p.record("spikes")
    sim.Projection(teacher, post, sim.OneToOneConnector(), sim.StaticSynapse(weight=30.0, delay=0.1))
    stdp = sim.STDPMechanism(timing_dependence=sim.SpikePairRule(tau_plus=TAU_PLUS, tau_minus=TAU_MINUS, A_plus=A_PLUS, A_minus=A_MINUS),
                             weight_dependence=weight_dependence, weight=W0, delay=0.1,
                             dendritic_delay_fraction=dendritic_delay_fraction)
    prj = sim.Projection(pre, post, sim.AllToAllConnector(), stdp)
    sim.run(220.0)
    w = float(prj.get("weight", format="array")[0, 0])
    times = [np.asarray(p.get_data().segments[0].spiketrains[0].magnitude) for p in (pre, post)]
    sim.end()
    return w, times[0], times[1]


def explicit_sum(pre, post, mu_plus, mu_minus, w_min=0.0):
    """PyNN's pair rule by explicit sums over all earlier spikes of the other side; a pre and a
    post spike in the same step count as a causal pair (post after pre)."""
    w, a_plus, a_minus = W0, A_PLUS * W_MAX, A_MINUS * W_MAX
    events = sorted([(t, 1) for t in pre] + [(t, 0) for t in post])  # a pre before a post at the same time
    for t, is_pre in events:
        wh = (w - w_min) / (W_MAX - w_min)
        if is_pre:
            y = sum(np.exp(-(t - s) / TAU_MINUS) for s in post if s < t)
            w -= a_minus * y * (wh ** mu_minus if mu_minus else 1.0)
        else:
            x = sum(np.exp(-(t - s) / TAU_PLUS) for s in pre if s <= t)
            w += a_plus * x * ((1 - wh) ** mu_plus if mu_plus else 1.0)
        w = min(max(w, w_min), W_MAX)
    return w


@pytest.mark.parametrize("name,mu", [("AdditiveWeightDependence", (0.0, 0.0)), ("MultiplicativeWeightDependence", (1.0, 1.0)),
                                     ("AdditivePotentiationMultiplicativeDepression", (0.0, 1.0)),
                                     ("GutigWeightDependence", (0.4, 0.7))])
def test_stdp_weight_equals_the_explicit_sum(name, mu):
    sim = pyNN.plastica
    kw = dict(w_min=0.0, w_max=W_MAX)
    if name == "GutigWeightDependence":
        kw.update(mu_plus=mu[0], mu_minus=mu[1])
    w, pre, post = stdp_run(sim, getattr(sim, name)(**kw))
    np.testing.assert_array_equal(pre, PRE)
    assert len(post) == len(TEACH)
    expected = explicit_sum(pre, post, *mu)
    assert abs(w - W0) > 1e-4  # the rule did change the weight
    assert w == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_additive_stdp_agrees_with_brian2():
    w_a, pre_a, post_a = stdp_run(pyNN.plastica, pyNN.plastica.AdditiveWeightDependence(w_min=0.0, w_max=W_MAX))
    w_b, pre_b, post_b = stdp_run(pyNN.brian2, pyNN.brian2.AdditiveWeightDependence(w_min=0.0, w_max=W_MAX),
                                  dendritic_delay_fraction=0)
    # Brian2 stamps both spikes one step earlier (its step start): the same intervals
    np.testing.assert_allclose(post_a - pre_a[0], post_b - pre_b[0], atol=1e-9)
    # its pre update comes after the 0.1 ms delay: each pair's exponential shifts by at most exp(0.1/16.8)
    assert abs((w_b - W0) - (w_a - W0)) <= 0.01 * abs(w_a - W0)


def test_vogels2011_weight_equals_the_explicit_sum():
    """Vogels et al. 2011: at a presynaptic spike w += eta (x_post - 2 rho tau), at a
    postsynaptic one w += eta x_pre, traces +1 per spike with tau (weights in uS here)."""
    sim = pyNN.plastica
    tau, eta, rho, w0, w_max = 20.0, 2e-4, 10.0, 0.005, 0.05
    sim.setup(timestep=0.1, min_delay=0.1)
    pre = sim.Population(1, sim.SpikeSourceArray(spike_times=PRE))
    teacher = sim.Population(1, sim.SpikeSourceArray(spike_times=TEACH))
    post = sim.Population(1, sim.IF_cond_exp(tau_refrac=2.0, tau_syn_E=1.0))
    post.record("spikes")
    sim.Projection(teacher, post, sim.OneToOneConnector(), sim.StaticSynapse(weight=0.5, delay=0.1))
    rule = sim.STDPMechanism(timing_dependence=sim.Vogels2011Rule(tau=tau, eta=eta, rho=rho),
                             weight_dependence=sim.AdditiveWeightDependence(w_min=0.0, w_max=w_max), weight=w0, delay=0.1)
    prj = sim.Projection(pre, post, sim.AllToAllConnector(), rule, receptor_type="inhibitory")
    sim.run(220.0)
    w = float(prj.get("weight", format="array")[0, 0])
    post_t = np.asarray(post.get_data().segments[0].spiketrains[0].magnitude)
    sim.end()
    assert len(post_t) == len(TEACH)
    alpha = 2 * rho * 1e-3 * tau
    expected = w0
    for t, is_pre in sorted([(t, 1) for t in PRE] + [(t, 0) for t in post_t]):
        if is_pre:
            expected += eta * (sum(np.exp(-(t - s) / tau) for s in post_t if s < t) - alpha)
        else:
            expected += eta * sum(np.exp(-(t - s) / tau) for s in PRE if s <= t)
        expected = min(max(expected, 0.0), w_max)
    assert abs(w - w0) > 1e-4
    assert w == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_tsodyks_markram_conductance_jumps_follow_the_recursion():
    sim = pyNN.plastica
    interval, n = 25.0, 10
    for U, tau_rec, tau_facil in ((0.5, 200.0, 0.0), (0.1, 50.0, 400.0)):
        sim.setup(timestep=0.1, min_delay=0.1)
        src = sim.Population(1, sim.SpikeSourceArray(spike_times=[10.0 + interval * k for k in range(n)]))
        cell = sim.Population(1, sim.IF_cond_exp(tau_syn_E=0.5, v_thresh=100.0))
        cell.record("gsyn_exc")
        sim.Projection(src, cell, sim.OneToOneConnector(),
                       sim.TsodyksMarkramSynapse(weight=0.01, delay=0.1, U=U, tau_rec=tau_rec, tau_facil=tau_facil))
        sim.run(10.0 + interval * n)
        g = np.asarray(cell.get_data().segments[0].filter(name="gsyn_exc")[0]).ravel()
        sim.end()
        # the sample right after each arrival: the jump, the earlier ones decayed to nothing (tau_syn 0.5 ms)
        peaks = np.array([g[int(round((10.0 + interval * k + 0.1) / 0.1)) + 1] for k in range(n)])
        x, u, eff = 1.0, U, []
        for k in range(n):
            if k > 0:
                x = 1 + (x - u * x - 1) * np.exp(-interval / tau_rec)
                u = U + u * (1 - U) * (np.exp(-interval / tau_facil) if tau_facil > 0 else 0.0)
            eff.append(u * x)
        assert peaks[0] > 0
        np.testing.assert_allclose(peaks / peaks[0], np.array(eff) / eff[0], rtol=1e-6)


def test_plastic_synapse_errors():
    sim = pyNN.plastica
    sim.setup(timestep=0.1)
    a = sim.Population(2, sim.IF_curr_exp())
    with pytest.raises(ValueError, match="w_max"):  # weights start outside the bounds
        sim.Projection(a, a, sim.AllToAllConnector(), sim.STDPMechanism(
            timing_dependence=sim.SpikePairRule(), weight_dependence=sim.AdditiveWeightDependence(w_max=0.01), weight=0.5))
    with pytest.raises(ValueError, match="tau_plus"):
        sim.Projection(a, a, sim.AllToAllConnector(), sim.STDPMechanism(
            timing_dependence=sim.SpikePairRule(tau_plus=-1.0), weight_dependence=sim.AdditiveWeightDependence(), weight=0.5))
    with pytest.raises(ValueError, match="inhibitory"):  # Vogels' rule acts on inhibitory synapses
        sim.Projection(a, a, sim.AllToAllConnector(), sim.STDPMechanism(
            timing_dependence=sim.Vogels2011Rule(), weight_dependence=sim.AdditiveWeightDependence(), weight=0.5),
            receptor_type="excitatory")
    sim.end()
