#!/usr/bin/python3
"""Plastic benchmark: the Brunel network with pair STDP on the excitatory-to-excitatory synapses,
in Brian2 cpp_standalone and in Plastica, timed in one script run on the same cores.

The network of Zenke & Gerstner 2014's benchmark (Auryn): N_E = 8000 and N_I = 2000 delta-synapse
LIF neurons (`plastica run brunel`, experiments/brunel.cpp: tau 20 ms, theta 20 mV, V_r 10 mV,
t_ref 2 ms, fixed in-degrees C_E = 800 and C_I = 200, J = 0.1 mV, -g J with g = 5, delay 1.5 ms,
external Poisson drive at eta = 2 times threshold rate): 10,000 neurons and 10 million synapses,
6.4 million of them plastic. STDP: additive, all-to-all, tau_plus = tau_minus = 20 ms,
a_plus = 0.001 mV, a_minus = 0.00105 mV, weights in [0, 0.3] mV (Brian2: Apre/Apost
event-driven per synapse, the formulation of its STDP examples). Brian2 applies the presynaptic
update when the spike arrives, Plastica when it is emitted (the delay does not enter the
window); the work per spike is the same. Brian2's time is the run time its standalone binary
reports (code generation and compilation excluded); Plastica's is its reported simulation time.

    /usr/bin/python3 experiments/compare/brunel_stdp_vs_brian2.py [--duration 10] [--threads 2]
        [--plastica build/plastica]
"""
import argparse
import os
import shutil
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plastica_runner import add_common_arguments, plastica_report  # noqa: E402

N_EXC = 8000
A_PLUS, A_MINUS, W_MAX, TAU = 0.001, 0.00105, 0.3, 20.0


def brian2_run(duration_s, threads, seed, workdir):
    import brian2 as b2
    from brian2 import ms, mV, second

    b2.set_device("cpp_standalone", build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = threads
    b2.seed(seed)
    b2.defaultclock.dt = 0.1 * ms
    n_exc, n_inh = N_EXC, N_EXC // 4
    n = n_exc + n_inh
    c_e, c_i = n_exc // 10, n_inh // 10
    tau, theta, v_r, j, g, eta = 20 * ms, 20 * mV, 10 * mV, 0.1 * mV, 5.0, 2.0
    nu_thr = theta / (j * c_e * tau)
    P = b2.NeuronGroup(n, "dv/dt = -v / tau : volt (unless refractory)", threshold="v >= theta", reset="v = v_r",
                       refractory=2 * ms, method="exact", namespace=dict(tau=tau, theta=theta, v_r=v_r))
    P.v = "rand() * theta"
    E, I = P[:n_exc], P[n_exc:]
    rng = np.random.default_rng(seed)
    ns = dict(J=j, g=g, a_plus=A_PLUS * mV, a_minus=A_MINUS * mV, w_max=W_MAX * mV, taupre=TAU * ms, taupost=TAU * ms)
    ee = b2.Synapses(E, E, model="""w : volt
                                    dApre/dt = -Apre / taupre : volt (event-driven)
                                    dApost/dt = -Apost / taupost : volt (event-driven)""",
                     on_pre="""v_post += w
                               Apre += a_plus
                               w = clip(w - Apost, 0 * mV, w_max)""",
                     on_post="""Apost += a_minus
                                w = clip(w + Apre, 0 * mV, w_max)""", delay=1.5 * ms, namespace=ns)
    ee.connect(i=rng.integers(0, n_exc, size=n_exc * c_e), j=np.repeat(np.arange(n_exc), c_e))
    ee.w = "J"
    ei = b2.Synapses(E, I, on_pre="v_post += J", delay=1.5 * ms, namespace=ns)
    ei.connect(i=rng.integers(0, n_exc, size=n_inh * c_e), j=np.repeat(np.arange(n_inh), c_e))
    si = b2.Synapses(I, P, on_pre="v_post += -g * J", delay=1.5 * ms, namespace=ns)
    si.connect(i=rng.integers(0, n_inh, size=n * c_i), j=np.repeat(np.arange(n), c_i))
    ext = b2.PoissonInput(P, "v", c_e, eta * nu_thr, weight=j)  # noqa: F841 (Brian2 collects live objects only)
    mon = b2.SpikeMonitor(P)
    wmon = b2.StateMonitor(ee, "w", record=np.arange(0, n_exc * c_e, 6400), dt=duration_s * second / 2)  # noqa: F841
    b2.run(duration_s * second)
    b2.device.build(directory=os.path.join(workdir, "brian_stdp"), run=True, compile=True, clean=True)
    w = np.asarray(ee.w[:] / mV)
    return dict(time_s=b2.device._last_run_time, rate_hz=mon.num_spikes / (n * duration_s), w_mean=float(w.mean()))


def plastica_run(binary, duration_s, threads, seed, workdir):
    rep = plastica_report(binary, "brunel", {"n_exc": N_EXC, "g": 5, "eta": 2, "duration": duration_s * 1000, "stdp.enabled": "true",
                                             "stdp.a_plus": A_PLUS, "stdp.a_minus": A_MINUS, "stdp.w_max": W_MAX,
                                             "stdp.tau_plus": TAU, "stdp.tau_minus": TAU, "stats.start": 0,
                                             "record.spikes": "false"},
                          threads, seed, os.path.join(workdir, "plastica"))
    pops = rep["populations"]
    n = sum(p["neurons"] for p in pops.values())
    rate = sum(p["rate_hz"] * p["neurons"] for p in pops.values()) / n
    return dict(time_s=rep["simulation_s"], rate_hz=rate, bytes=rep["plastic_bytes"] / rep["plastic_synapses"],
                rss=rep["peak_rss_bytes"] / rep["synapses"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=10.0, help="biological time (s)")
    add_common_arguments(ap)
    args = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="plastica_stdp_")
    try:
        p = plastica_run(args.plastica, args.duration, args.threads, args.seed, workdir)
        b = brian2_run(args.duration, args.threads, args.seed, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Brunel network with STDP on exc->exc: 10,000 neurons, 10 million synapses (6.4 million plastic), "
          f"{args.duration:g} s biological time, {args.threads} threads, dt 0.1 ms")
    print(f"{'':10}{'time (s)':>10}{'rate (Hz)':>11}")
    print(f"{'Brian2':10}{b['time_s']:>10.2f}{b['rate_hz']:>11.2f}")
    print(f"{'Plastica':10}{p['time_s']:>10.2f}{p['rate_hz']:>11.2f}")
    print(f"time ratio Plastica / Brian2: {p['time_s'] / b['time_s']:.3f} (target <= 0.2)")
    print(f"Plastica bytes per plastic synapse: {p['bytes']:.2f} (target <= 16); peak RSS per synapse (whole process): "
          f"{p['rss']:.2f}")


if __name__ == "__main__":
    main()
