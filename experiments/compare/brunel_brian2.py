#!/usr/bin/python3
"""Brunel 2000 network in Brian2 and in Plastica: rate, CV ISI and synchrony side by side.

The same network as `plastica run brunel` (experiments/brunel.cpp): N_E excitatory and
N_I = N_E / 4 inhibitory delta-synapse LIF neurons (tau 20 ms, theta 20 mV, V_r 10 mV, t_ref 2 ms),
fixed in-degrees C_E = 0.1 N_E and C_I = 0.1 N_I, J = 0.1 mV, inhibition -g J, delay 1.5 ms,
external Poisson input of C_E nu_ext with nu_ext = eta nu_thr (Brian2: PoissonInput). Spikes
before 100 ms are left out, as in Plastica's summary. This checks the regime statistics of the
model, not speed.

    /usr/bin/python3 experiments/compare/brunel_brian2.py [--g 8] [--eta 3.5] [--duration 1]
        [--n-exc 10000] [--plastica build/plastica]
"""
import argparse
import os
import shutil
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from brian2_vs_plastica import cv_isi  # noqa: E402
from plastica_runner import add_common_arguments, plastica_report  # noqa: E402


def brian2_brunel(n_exc, g, eta, duration_s, threads, seed, workdir):
    import brian2 as b2
    from brian2 import ms, mV, second

    b2.set_device("cpp_standalone", build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = threads
    b2.seed(seed)
    b2.defaultclock.dt = 0.1 * ms
    n_inh = n_exc // 4
    c_e, c_i = n_exc // 10, n_inh // 10
    tau, theta, v_r, j = 20 * ms, 20 * mV, 10 * mV, 0.1 * mV
    nu_thr = theta / (j * c_e * tau)
    P = b2.NeuronGroup(n_exc + n_inh, "dv/dt = -v / tau : volt (unless refractory)", threshold="v >= theta",
                       reset="v = v_r", refractory=2 * ms, method="exact",
                       namespace=dict(tau=tau, theta=theta, v_r=v_r))
    P.v = "rand() * theta"
    E, I = P[:n_exc], P[n_exc:]
    # Fixed in-degrees, drawn here (multapses allowed, as in Plastica's brunel).
    rng = np.random.default_rng(seed)
    n = n_exc + n_inh
    se = b2.Synapses(E, P, on_pre="v += J", delay=1.5 * ms, namespace=dict(J=j))
    se.connect(i=rng.integers(0, n_exc, size=n * c_e), j=np.repeat(np.arange(n), c_e))
    si = b2.Synapses(I, P, on_pre="v += -g * J", delay=1.5 * ms, namespace=dict(J=j, g=g))
    si.connect(i=rng.integers(0, n_inh, size=n * c_i), j=np.repeat(np.arange(n), c_i))
    ext = b2.PoissonInput(P, "v", c_e, eta * nu_thr, weight=j)  # noqa: F841 (Brian2 collects live objects only)
    mon = b2.SpikeMonitor(P)
    b2.run(duration_s * second)
    b2.device.build(directory=os.path.join(workdir, "brian_brunel"), run=True, compile=True, clean=True)
    i, t = np.asarray(mon.i[:]), np.asarray(mon.t[:] / ms)
    keep = t >= 100
    i, t = i[keep], t[keep]
    rate = len(t) / (n * (duration_s - 0.1))
    # chi over 5 ms bins of the excitatory population (Golomb 2007), as Plastica's summary
    exc = i < n_exc
    bins = np.arange(100, duration_s * 1000 + 5, 5)
    counts = np.zeros((n_exc, len(bins) - 1))
    np.add.at(counts, (i[exc], np.clip(np.digitize(t[exc], bins) - 1, 0, len(bins) - 2)), 1)
    var_pop = counts.mean(axis=0).var()
    var_i = counts.var(axis=1).mean()
    chi = float(np.sqrt(var_pop / var_i)) if var_i > 0 else 0.0
    return dict(rate_hz=rate, cv_isi=cv_isi(i[exc], t[exc], n_exc), chi=chi)


def plastica_brunel(binary, n_exc, g, eta, duration_s, threads, seed, workdir):
    rep = plastica_report(binary, "brunel", {"n_exc": n_exc, "g": g, "eta": eta, "duration": duration_s * 1000}, threads, seed,
                          os.path.join(workdir, "plastica_brunel"))
    pops = rep["populations"]
    n = sum(p["neurons"] for p in pops.values())
    rate = sum(p["rate_hz"] * p["neurons"] for p in pops.values()) / n
    return dict(rate_hz=rate, cv_isi=pops["exc"]["cv_isi"], chi=pops["exc"]["synchrony_chi"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n-exc", type=int, default=10000)
    ap.add_argument("--g", type=float, default=8.0)
    ap.add_argument("--eta", type=float, default=3.5)
    ap.add_argument("--duration", type=float, default=1.0, help="biological time (s)")
    add_common_arguments(ap)
    args = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="plastica_brunel_")
    try:
        b = brian2_brunel(args.n_exc, args.g, args.eta, args.duration, args.threads, args.seed, workdir)
        p = plastica_brunel(args.plastica, args.n_exc, args.g, args.eta, args.duration,
                            args.threads, args.seed, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Brunel 2000, N_E = {args.n_exc}, g = {args.g:g}, nu_ext/nu_thr = {args.eta:g}, {args.duration:g} s "
          f"(statistics from 100 ms)")
    print(f"{'':9}{'rate Hz':>8}{'CV ISI':>8}{'chi':>7}")
    for name, r in (("Brian2", b), ("Plastica", p)):
        print(f"{name:9}{r['rate_hz']:>8.2f}{r['cv_isi']:>8.3f}{r['chi']:>7.3f}")


if __name__ == "__main__":
    main()
