#!/usr/bin/env python3
"""The COBA benchmark of Brette et al. 2007 (Vogels & Abbott 2005) as a PyNN script, run on
pyNN.plastica and pyNN.brian2 one after the other (each in its own process, same machine, same
threads), printing build and simulation times side by side with the rates.

    /usr/bin/python3 experiments/pynn/vogels_abbott.py [--n 4000] [--duration 1000] [--threads 2]

The network is the one `plastica run vogels_abbott` builds: 80% excitatory IF_cond_exp cells,
connection probability 0.02 scaled to keep the in-degree (64 + 16 inputs at N = 4000),
conductance jumps 6 nS and 67 nS, delay 0.1 ms, initial V ~ N(-65, 5) mV and conductances
~ N(40, 15) nS and N(200, 120) nS, no external input. Connectivity is drawn by PyNN's connector
from a NumpyRNG, so both backends simulate the same synapses.
"""
import argparse
import json
import subprocess
import sys
import time


def run(simulator, n, duration, threads, seed, native_rng=False):
    if simulator == "plastica":
        try:
            import pyNN.plastica as sim  # installed by the quick start (cmake --install build)
        except ImportError:
            import plastica_pynn  # noqa: F401  (PYTHONPATH=build/python without the install)
            import pyNN.plastica as sim
        extra = {"threads": threads}
    else:
        import brian2
        brian2.prefs.devices.cpp_standalone.openmp_threads = threads
        import pyNN.brian2 as sim
        extra = {}
    from pyNN.random import NumpyRNG, RandomDistribution

    t0 = time.perf_counter()
    sim.setup(timestep=0.1, min_delay=0.1, **extra)
    n_exc = int(round(0.8 * n))
    n_inh = n - n_exc
    cell = sim.IF_cond_exp(cm=0.2, tau_m=20.0, v_rest=-60.0, v_thresh=-50.0, v_reset=-60.0, tau_refrac=5.0,
                           e_rev_E=0.0, e_rev_I=-80.0, tau_syn_E=5.0, tau_syn_I=10.0, i_offset=0.0)
    rng = NumpyRNG(seed=seed)
    init = {"v": RandomDistribution("normal", (-65.0, 5.0), rng=rng),
            "gsyn_exc": RandomDistribution("normal", (0.040, 0.015), rng=rng),
            "gsyn_inh": RandomDistribution("normal", (0.200, 0.120), rng=rng)}
    exc = sim.Population(n_exc, cell, initial_values=init, label="exc")
    inh = sim.Population(n_inh, cell, initial_values=init, label="inh")
    p_exc, p_inh = 0.02 * 3200 / n_exc, 0.02 * 800 / n_inh
    if native_rng:  # the connectivity drawn by the engine (pyNN.plastica's NativeRNG), in C++
        rng = sim.NativeRNG(seed)
    for post in (exc, inh):
        sim.Projection(exc, post, sim.FixedProbabilityConnector(p_exc, rng=rng), sim.StaticSynapse(weight=0.006, delay=0.1),
                       receptor_type="excitatory")
        sim.Projection(inh, post, sim.FixedProbabilityConnector(p_inh, rng=rng), sim.StaticSynapse(weight=0.067, delay=0.1),
                       receptor_type="inhibitory")
    exc.record("spikes")
    inh.record("spikes")
    t1 = time.perf_counter()
    sim.run(duration)
    t2 = time.perf_counter()
    counts = [sum(exc.get_spike_counts().values()), sum(inh.get_spike_counts().values())]
    sim.end()
    return {"simulator": simulator, "build_s": t1 - t0, "sim_s": t2 - t1,
            "rate_exc_hz": counts[0] / n_exc / (duration / 1000.0), "rate_inh_hz": counts[1] / n_inh / (duration / 1000.0)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--duration", type=float, default=1000.0, help="ms")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--simulators", nargs="+", default=["plastica", "brian2"], choices=["plastica", "brian2"])
    ap.add_argument("--native-rng", action="store_true",
                    help="pyNN.plastica draws the connectivity with its NativeRNG (in C++; another network than brian2's)")
    ap.add_argument("--one", choices=["plastica", "brian2"], help=argparse.SUPPRESS)  # internal: one run, JSON out
    a = ap.parse_args()
    if a.one:
        print(json.dumps(run(a.one, a.n, a.duration, a.threads, a.seed, a.native_rng and a.one == "plastica")))
        return
    rows = []
    for s in a.simulators:
        cmd = [sys.executable, __file__, "--one", s, "--n", str(a.n), "--duration", str(a.duration),
               "--threads", str(a.threads), "--seed", str(a.seed)] + (["--native-rng"] if a.native_rng else [])
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("%s failed:\n%s" % (s, out.stderr[-3000:]))
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print("COBA, N = %d, %g ms, %d thread(s), PyNN script" % (a.n, a.duration, a.threads))
    print("%-10s %10s %10s %12s %12s" % ("backend", "build (s)", "sim (s)", "exc (Hz)", "inh (Hz)"))
    for r in rows:
        print("%-10s %10.2f %10.2f %12.2f %12.2f" % (r["simulator"], r["build_s"], r["sim_s"], r["rate_exc_hz"], r["rate_inh_hz"]))
    if len(rows) == 2:
        print("plastica / brian2: build %.3f, simulation %.3f" % (rows[0]["build_s"] / rows[1]["build_s"], rows[0]["sim_s"] / rows[1]["sim_s"]))


if __name__ == "__main__":
    main()
