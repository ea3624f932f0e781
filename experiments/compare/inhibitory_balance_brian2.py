#!/usr/bin/python3
"""Inhibitory STDP network of Vogels et al. 2011 in Brian2 and in Plastica: excitatory rate over time.

The network of `plastica run inhibitory_balance` (experiments/inhibitory_balance.cpp), in the form
of Brian2's example of the paper: 8000 exc + 2000 inh conductance-based LIF neurons (C 200 pF,
g_L 10 nS, E_L -60 mV, threshold -50 mV, reset -60 mV, 5 ms refractory, E_exc 0 mV,
E_inh -80 mV, tau_exc 5 ms, tau_inh 10 ms, 200 pA background), p = 0.02, exc -> all 0.3 nS,
inh -> inh 3 nS, inh -> exc plastic from zero under inhibitory STDP (tau 20 ms, rho0 = 3 Hz,
weights in [0, 100] nS, eta as given). Prints the excitatory rate in bins for both simulators,
to check where the rate settles relative to rho0.

    /usr/bin/python3 experiments/compare/inhibitory_balance_brian2.py [--duration 40] [--eta 0.05]
"""
import argparse
import os
import shutil
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plastica_runner import add_common_arguments, plastica_report  # noqa: E402


def brian2_run(duration_s, eta, threads, seed, workdir, bin_s):
    import brian2 as b2
    from brian2 import ms, mV, nS, pA, pF, Hz, second

    b2.set_device("cpp_standalone", build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = threads
    b2.seed(seed)
    b2.defaultclock.dt = 0.1 * ms
    ne, ni = 8000, 2000
    ns = dict(gl=10 * nS, el=-60 * mV, er=-80 * mV, vt=-50 * mV, memc=200 * pF, bgcurrent=200 * pA,
              tau_ampa=5 * ms, tau_gaba=10 * ms, tau_stdp=20 * ms, eta=eta, alpha=3 * Hz * 20 * ms * 2, gmax=100)
    eqs = """dv/dt = (-gl*(v-el) - (g_ampa*v + g_gaba*(v-er)) + bgcurrent)/memc : volt (unless refractory)
             dg_ampa/dt = -g_ampa/tau_ampa : siemens
             dg_gaba/dt = -g_gaba/tau_gaba : siemens"""
    P = b2.NeuronGroup(ne + ni, eqs, threshold="v > vt", reset="v = el", refractory=5 * ms, method="euler", namespace=ns)
    P.v = "el + rand() * (vt - el)"
    Pe, Pi = P[:ne], P[ne:]
    ce = b2.Synapses(Pe, P, on_pre="g_ampa += 0.3*nS", delay=0.1 * ms, namespace=ns)
    ce.connect(p=0.02, condition="i != j")
    cii = b2.Synapses(Pi, Pi, on_pre="g_gaba += 3*nS", delay=0.1 * ms, namespace=ns)
    cii.connect(p=0.02, condition="i != j")
    cie = b2.Synapses(Pi, Pe, model="""w : 1
                                       dApre/dt = -Apre/tau_stdp : 1 (event-driven)
                                       dApost/dt = -Apost/tau_stdp : 1 (event-driven)""",
                      on_pre="""Apre += 1.
                                w = clip(w + (Apost - alpha)*eta, 0, gmax)
                                g_gaba += w*nS""",
                      on_post="""Apost += 1.
                                 w = clip(w + Apre*eta, 0, gmax)""", delay=0.1 * ms, namespace=ns)
    cie.connect(p=0.02)
    cie.w = 1e-10
    mon = b2.SpikeMonitor(Pe)
    b2.run(duration_s * second)
    b2.device.build(directory=os.path.join(workdir, "brian_vogels"), run=True, compile=True, clean=True)
    t = np.asarray(mon.t[:] / second)
    counts, _ = np.histogram(t, bins=np.arange(0, duration_s + bin_s / 2, bin_s))
    return counts / (ne * bin_s)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=40.0, help="biological time (s)")
    ap.add_argument("--eta", type=float, default=0.05)
    ap.add_argument("--bin", type=float, default=4.0, help="rate bin (s)")
    add_common_arguments(ap)
    args = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="plastica_vogels_")
    try:
        rep = plastica_report(args.plastica, "inhibitory_balance",
                              {"duration": args.duration * 1000, "istdp.eta": args.eta, "rate_bin": args.bin * 1000,
                               "record.spikes": "false"}, args.threads, args.seed, os.path.join(workdir, "plastica"))
        b = brian2_run(args.duration, args.eta, args.threads, args.seed, workdir, args.bin)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    p = rep["results"]["rate_hz"]
    print(f"Vogels et al. 2011 network, inhibitory STDP (rho0 = 3 Hz, eta = {args.eta:g}), excitatory rate (Hz) "
          f"in {args.bin:g} s bins")
    print(f"{'t (s)':>8}{'Brian2':>9}{'Plastica':>10}")
    for k in range(min(len(p), len(b))):
        print(f"{(k + 0.5) * args.bin:>8.1f}{b[k]:>9.2f}{p[k]:>10.2f}")


if __name__ == "__main__":
    main()
