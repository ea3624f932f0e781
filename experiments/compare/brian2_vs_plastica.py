#!/usr/bin/python3
"""Brian2 vs Plastica on the CUBA, COBA and COBAHH benchmark networks of Brette et al. 2007.

Builds the same networks in Brian2 (Debian python3-brian, cpp_standalone device, OpenMP threads)
and in Plastica (`plastica run vogels_abbott`, spikes written to HDF5), runs both for the same
biological time, and prints both simulation times, their ratio, and both networks' rates and
CV ISI side by side. Brian2's time is the run time its standalone binary reports (code
generation and compilation excluded); Plastica's is the simulation time it reports (network
construction excluded, HDF5 spike writing included).

    /usr/bin/python3 experiments/compare/brian2_vs_plastica.py [--sizes 4000,64000] [--duration 10]
        [--threads 2] [--models cuba,coba,cobahh] [--hh-integrator exponential_euler] [--p 0.02] [--repeat 1] [--plastica build/plastica]

Connectivity is the benchmark's p = 0.02 at N = 4000 (64 excitatory + 16 inhibitory inputs per
neuron, as in Brian2's own CUBA and COBAHH examples); at other sizes both simulators keep that
in-degree (Plastica's key `p` means the same). --p 0.025 compares Plastica's earlier 80 + 20.

COBAHH runs Plastica's hh_cond_exp_euler by default, Brian2's own integration scheme for it, so
that the times compare the same arithmetic; --hh-integrator odeint times the error-controlled
hh_cond_exp instead.
"""
import argparse
import os
import shutil
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plastica_runner import add_common_arguments, plastica_report  # noqa: E402


def brian2_run(model, n, duration_s, threads, seed, workdir, p):
    import brian2 as b2
    from brian2 import ms, mV, nS, pF, second

    b2.device.reinit()
    b2.device.activate()
    directory = os.path.join(workdir, f"brian_{model}_{n}")
    # With build_on_run=False, set_device's build options are not used by device.build(): the
    # directory must be given to build() itself, or Brian2 writes into ./output.
    b2.set_device("cpp_standalone", build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = threads
    b2.start_scope()
    b2.seed(seed)
    b2.defaultclock.dt = 0.1 * ms
    n_exc = int(round(0.8 * n))
    n_inh = n - n_exc
    p_exc, p_inh = p * 3200 / n_exc, p * 800 / n_inh  # in-degree p x 3200 + p x 800 at any size
    if model == "cuba":
        # Brette et al. 2007 benchmark 2 (Brian2's CUBA example): currents in voltage units.
        eqs = """dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
                 dge/dt = -ge / taue : volt
                 dgi/dt = -gi / taui : volt"""
        ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms, El=-49 * mV, Vt=-50 * mV, Vr=-60 * mV)
        P = b2.NeuronGroup(n, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method="exact", namespace=ns)
        P.v = "Vr + rand() * (Vt - Vr)"
        we, wi = "ge += 1.62*mV", "gi += -9*mV"
    elif model == "cobahh":
        # Brette et al. 2007 benchmark 3 (Brian2's COBAHH example): Traub-Miles HH neurons,
        # exponential Euler, spikes at V > -20 mV with a 3 ms dead time, gates starting at 0.
        eqs = """dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK))/C : volt
                 dm/dt = alpha_m*(1-m)-beta_m*m : 1
                 dn/dt = alpha_n*(1-n)-beta_n*n : 1
                 dh/dt = alpha_h*(1-h)-beta_h*h : 1
                 dge/dt = -ge/taue : siemens
                 dgi/dt = -gi/taui : siemens
                 alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
                 beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
                 alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
                 beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
                 alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
                 beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz"""
        ns = dict(C=200 * pF, gl=10 * nS, El=-60 * mV, EK=-90 * mV, ENa=50 * mV, g_na=20000 * nS, g_kd=6000 * nS,
                  VT=-63 * mV, Ee=0 * mV, Ei=-80 * mV, taue=5 * ms, taui=10 * ms)
        P = b2.NeuronGroup(n, eqs, threshold="v > -20*mV", refractory=3 * ms, method="exponential_euler", namespace=ns)
        P.v = "El + (randn() * 5 - 5) * mV"
        P.ge = "(randn() * 1.5 + 4) * 10 * nS"
        P.gi = "(randn() * 12 + 20) * 10 * nS"
        we, wi = "ge += 6*nS", "gi += 67*nS"
    else:
        # Brette et al. 2007 benchmark 1 (COBA.py): conductances in nS, randomised start.
        eqs = """dv/dt = (gl * (El - v) + ge * (Ee - v) + gi * (Ei - v)) / C : volt (unless refractory)
                 dge/dt = -ge / taue : siemens
                 dgi/dt = -gi / taui : siemens"""
        ns = dict(C=200 * pF, gl=10 * nS, El=-60 * mV, Ee=0 * mV, Ei=-80 * mV, taue=5 * ms, taui=10 * ms,
                  Vt=-50 * mV, Vr=-60 * mV)
        P = b2.NeuronGroup(n, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms,
                           method="exponential_euler", namespace=ns)
        P.v = "(randn() * 5 - 65) * mV"
        P.ge = "(randn() * 1.5 + 4) * 10 * nS"
        P.gi = "(randn() * 12 + 20) * 10 * nS"
        we, wi = "ge += 6*nS", "gi += 67*nS"
    Pe, Pi = P[:n_exc], P[n_exc:]
    Ce = b2.Synapses(Pe, P, on_pre=we)
    Ce.connect(p=p_exc)
    Ci = b2.Synapses(Pi, P, on_pre=wi)
    Ci.connect(p=p_inh)
    mon = b2.SpikeMonitor(P)
    b2.run(duration_s * second)
    b2.device.build(directory=directory, run=True, compile=True, clean=True)
    run_time = b2.device._last_run_time
    i = np.asarray(mon.i[:])
    t = np.asarray(mon.t[:] / ms)
    rate = len(t) / (n * duration_s)
    cv = cv_isi(i, t, n)
    return dict(time_s=run_time, rate_hz=rate, cv_isi=cv, spikes=len(t))


def cv_isi(i, t, n):
    order = np.lexsort((t, i))
    i, t = i[order], t[order]
    cvs = []
    bounds = np.searchsorted(i, np.arange(n + 1))
    for k in range(n):
        tk = t[bounds[k]:bounds[k + 1]]
        if len(tk) >= 3:
            d = np.diff(tk)
            cvs.append(d.std(ddof=1) / d.mean())
    return float(np.mean(cvs)) if cvs else 0.0


def plastica_run(binary, model, n, duration_s, threads, seed, workdir, integrator, p, run=0):
    sets = {"model": model, "n": n, "duration": duration_s * 1000, "p": p}
    if model == "cobahh":
        sets["cobahh.integrator"] = integrator
    rep = plastica_report(binary, "vogels_abbott", sets, threads, seed, os.path.join(workdir, f"plastica_{model}_{n}_{run}"))
    pops = rep["populations"]
    spikes = sum(p["spikes"] for p in pops.values())
    rate = spikes / (n * duration_s)
    cv = sum(p["cv_isi"] * p["neurons"] for p in pops.values()) / n
    return dict(time_s=rep["simulation_s"], rate_hz=rate, cv_isi=cv, spikes=spikes, build_s=rep["build_s"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="4000,64000")
    ap.add_argument("--duration", type=float, default=10.0, help="biological time (s)")
    ap.add_argument("--models", default="cuba,coba", help="any of cuba, coba, cobahh")
    ap.add_argument("--hh-integrator", default="exponential_euler", choices=["exponential_euler", "odeint"],
                    help="COBAHH in Plastica: Brian2's scheme (exponential Euler) or Odeint's error-controlled dopri5")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each simulator, interleaved; the fastest of each is reported")
    ap.add_argument("--p", type=float, default=0.02, help="connection probability at N = 4000 (in-degree kept at other sizes)")
    add_common_arguments(ap)
    args = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="plastica_compare_")
    rows = []
    try:
        for model in args.models.split(","):
            for n in [int(s) for s in args.sizes.split(",")]:
                # Interleaved repeats, the fastest of each kept: on a shared machine the minimum is
                # the time least disturbed by other load (rates and CV are the same each time).
                bs, ps = [], []
                for k in range(args.repeat):
                    bs.append(brian2_run(model, n, args.duration, args.threads, args.seed, workdir, args.p))
                    ps.append(plastica_run(args.plastica, model, n, args.duration, args.threads, args.seed, workdir, args.hh_integrator, args.p, k))
                b = min(bs, key=lambda r: r["time_s"])
                p = min(ps, key=lambda r: r["time_s"])
                rows.append((model, n, b, p))
                print(f"{model.upper()} N={n}: Brian2 {b['time_s']:.2f} s, Plastica {p['time_s']:.2f} s", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Brian2 cpp_standalone vs Plastica, {args.duration:g} s biological time, {args.threads} threads, dt 0.1 ms, "
          f"p = {args.p:g} ({args.p * 3200:g} + {args.p * 800:g} inputs per neuron), fastest of {args.repeat}")
    print(f"{'model':6}{'N':>7} | {'Brian2 s':>9}{'Plastica s':>11}{'ratio P/B':>10} | "
          f"{'rate B':>7}{'rate P':>7} Hz | {'CV B':>6}{'CV P':>6}")
    for model, n, b, p in rows:
        print(f"{model.upper():6}{n:>7} | {b['time_s']:>9.2f}{p['time_s']:>11.2f}{p['time_s'] / b['time_s']:>10.3f} | "
              f"{b['rate_hz']:>7.2f}{p['rate_hz']:>7.2f}    | {b['cv_isi']:>6.3f}{p['cv_isi']:>6.3f}")


if __name__ == "__main__":
    main()
