"""The native connector path of pyNN.plastica (experiments/pynn/pyNN_plastica/connectors.py):
with a NativeRNG the projection is drawn by the engine's own rule in C++. Its statistics are the
rule's (binomial counts for FixedProbability, exact in-degrees for FixedNumberPre, weights
within a uniform's bounds with its mean), it does not depend on the thread count, it follows
setup's rng_seed, and without a NativeRNG PyNN's own drawing runs as before."""
import numpy as np
import pytest

import pyNN.plastica as sim
from pyNN.random import NumpyRNG, RandomDistribution


def build(connector, weight=0.5, threads=2, seed=1, n_pre=200, n_post=150):
    sim.setup(timestep=0.1, threads=threads, rng_seed=seed)
    a = sim.Population(n_pre, sim.IF_curr_exp())
    b = sim.Population(n_post, sim.IF_curr_exp())
    prj = sim.Projection(a, b, connector, sim.StaticSynapse(weight=weight, delay=0.5))
    w = prj.get("weight", format="array")
    native = prj._built_natively
    sim.end()
    return prj, w, native


def test_fixed_probability_native_counts_threads_and_seed():
    p = 0.1
    _, w1, native = build(sim.FixedProbabilityConnector(p, rng=sim.NativeRNG(1)), threads=1)
    assert native
    _, w2, _ = build(sim.FixedProbabilityConnector(p, rng=sim.NativeRNG(1)), threads=2)
    _, w3, _ = build(sim.FixedProbabilityConnector(p, rng=sim.NativeRNG(1)), seed=2)
    n = np.isfinite(w1).sum()
    mean, sd = p * 200 * 150, np.sqrt(200 * 150 * p * (1 - p))
    assert abs(n - mean) < 5 * sd
    np.testing.assert_array_equal(np.isfinite(w1), np.isfinite(w2))  # the same synapses at 1 and 2 threads
    assert not np.array_equal(np.isfinite(w1), np.isfinite(w3))     # another rng_seed, another network
    assert np.all(w1[np.isfinite(w1)] == 0.5)


def test_fixed_number_pre_native_gives_exact_indegrees_without_autapses():
    sim.setup(timestep=0.1, threads=2)
    a = sim.Population(100, sim.IF_cond_exp())
    prj = sim.Projection(a, a, sim.FixedNumberPreConnector(10, allow_self_connections=False, rng=sim.NativeRNG()),
                         sim.StaticSynapse(weight=RandomDistribution("uniform", (0.002, 0.006), rng=sim.NativeRNG()), delay=1.0))
    w = prj.get("weight", format="array")
    d = prj.get("delay", format="list")
    sim.end()
    assert np.all(np.isfinite(w).sum(axis=0) == 10)
    assert np.all(np.isnan(np.diag(w)))
    v = w[np.isfinite(w)]
    assert v.min() >= 0.002 and v.max() <= 0.006
    assert abs(v.mean() - 0.004) < 5 * 0.004 / np.sqrt(12) / np.sqrt(v.size) * 2
    assert all(abs(x[2] - 1.0) < 1e-12 for x in d)


def test_all_to_all_is_native_and_equals_pynns_own_drawing():
    _, w_native, native = build(sim.AllToAllConnector(), n_pre=20, n_post=30)
    assert native
    assert np.all(w_native == 0.5)
    # a weight array cannot be drawn natively: PyNN's connector runs, with the same synapses
    weights = np.linspace(0.1, 1.0, 20 * 30).reshape(20, 30)
    _, w_py, native = build(sim.AllToAllConnector(), weight=weights, n_pre=20, n_post=30)
    assert not native
    np.testing.assert_allclose(w_py, weights, rtol=1e-6)


def test_without_native_rng_pynn_draws():
    _, w_a, _ = build(sim.FixedProbabilityConnector(0.1, rng=NumpyRNG(5)))
    _, w_b, _ = build(sim.FixedProbabilityConnector(0.1, rng=NumpyRNG(5)), threads=1, seed=9)
    np.testing.assert_array_equal(np.isfinite(w_a), np.isfinite(w_b))  # PyNN's NumpyRNG decides, not the engine's seed


def test_native_network_runs():
    sim.setup(timestep=0.1, threads=2)
    noise = sim.Population(200, sim.SpikeSourcePoisson(rate=20.0))
    cells = sim.Population(100, sim.IF_cond_exp())
    cells.record("spikes")
    sim.Projection(noise, cells, sim.FixedProbabilityConnector(0.2, rng=sim.NativeRNG()),
                   sim.StaticSynapse(weight=RandomDistribution("normal_clipped_to_boundary", (0.004, 0.001, 0.0, 1.0), rng=sim.NativeRNG())))
    sim.run(300.0)
    n = sum(len(st) for st in cells.get_data().segments[0].spiketrains)
    sim.end()
    assert n > 50


def test_views_connect_natively():
    sim.setup(timestep=0.1, threads=2)
    a = sim.Population(60, sim.IF_curr_exp())
    b = sim.Population(50, sim.IF_curr_exp())
    pre, post = a[10:40], b[[3, 7, 11, 20, 44]]
    prj = sim.Projection(pre, post, sim.FixedNumberPreConnector(4, rng=sim.NativeRNG()), sim.StaticSynapse(weight=0.5, delay=1.0))
    assert prj._built_natively
    w = prj.get("weight", format="array")  # indices within the views
    assert w.shape == (30, 5)
    assert np.all(np.isfinite(w).sum(axis=0) <= 4) and np.nansum(w) == 0.5 * 4 * 5  # multapses sum in the array format
    lst = prj.get("weight", format="list")
    assert len(lst) == 20 and all(0 <= i < 30 and 0 <= j < 5 for i, j, _ in lst)
    # two overlapping views of one population without self-connections: exact for FixedProbability
    q = sim.Projection(a[0:40], a[20:60], sim.FixedProbabilityConnector(0.8, allow_self_connections=False, rng=sim.NativeRNG()),
                       sim.StaticSynapse(weight=0.1, delay=1.0))
    assert q._built_natively
    for i, j, _ in q.get("weight", format="list"):
        assert i != j + 20  # cell i of a[0:40] is cell j + 20 of a
    # FixedNumberPre cannot exclude them exactly between different views: PyNN's connector draws
    r = sim.Projection(a[0:40], a[20:60], sim.FixedNumberPreConnector(3, allow_self_connections=False, rng=sim.NativeRNG()),
                       sim.StaticSynapse(weight=0.1, delay=1.0))
    assert not r._built_natively
    sim.run(10.0)
    sim.end()
