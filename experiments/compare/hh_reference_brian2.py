#!/usr/bin/python3
"""Reference spike times of the COBAHH Hodgkin-Huxley neuron (Brette et al. 2007, benchmark 3;
models/hh_cond_exp.hpp) from Brian2, for tests/models/test_hh_cond_exp.cpp.

One neuron per injected current, started from rest (V = E_L, gates at their steady state there),
spikes at V > -20 mV with a 3 ms dead time, as the benchmark, run twice with Brian2's runtime
device: RK4 at dt = 1 us (converged far below the 0.1 ms step it is compared with: "spikes_ms"),
and exponential Euler at dt = 0.1 ms (Brian2's scheme for COBAHH, which hh_cond_exp_euler
implements: "exponential_euler_spikes_ms"). Then the f-I curve and the threshold current, RK4 at
dt = 0.01 ms for 1 s from rest: the rate after a 200 ms transient (0 unless at least two spikes
there, fi_curve's definition of repetitive firing) at -100 to 600 pA in steps of 50 ("fi"), the
threshold current as the smallest current on a 0.1 pA grid between -40 and -20 pA that fires
repetitively ("rheobase_pA"; the cell fires spontaneously at 0 pA), and the resting potential at
the end of the run for the silent currents ("rest_mV"). Writes tests/models/data/hh_brian2_spikes.json.

    /usr/bin/python3 experiments/compare/hh_reference_brian2.py
"""
import json
import os

import numpy as np
from brian2 import Network, NeuronGroup, SpikeMonitor, defaultclock, ms, mV, nS, pA, pF, prefs

prefs.codegen.target = "numpy"

CURRENTS = [0.0, 100.0, 300.0]
area_c, gl, El, EK, ENa = 200 * pF, 10 * nS, -60 * mV, -90 * mV, 50 * mV
g_na, g_kd, VT = 20000 * nS, 6000 * nS, -63 * mV

eqs = """
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/area_c : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
I : amp
"""


def steady(u):
    """Gate steady states at u = V - VT (mV)."""
    exprel = lambda x: np.expm1(x) / x
    am, bm = 0.32 * 4 / exprel((13 - u) / 4), 0.28 * 5 / exprel((u - 40) / 5)
    ah, bh = 0.128 * np.exp((17 - u) / 18), 4 / (1 + np.exp((40 - u) / 5))
    an, bn = 0.032 * 5 / exprel((15 - u) / 5), 0.5 * np.exp((10 - u) / 40)
    return am / (am + bm), ah / (ah + bh), an / (an + bn)


def spikes(method, dt):
    defaultclock.dt = dt
    G = NeuronGroup(len(CURRENTS), eqs, threshold="v > -20*mV", refractory=3 * ms, method=method)
    G.I = np.array(CURRENTS) * pA
    G.v = El
    m0, h0, n0 = steady(float((El - VT) / mV))
    G.m, G.h, G.n = m0, h0, n0
    mon = SpikeMonitor(G)
    net = Network(G, mon)
    net.run(200 * ms)
    trains = mon.spike_trains()
    return [[round(float(t / ms), 4) for t in trains[i]] for i in range(len(CURRENTS))]


def fi_curve():
    """Rates after 200 ms, threshold current and resting potentials (RK4, 0.01 ms, 1 s)."""
    defaultclock.dt = 0.01 * ms
    fi = np.arange(-100.0, 601.0, 50.0)
    grid = np.round(np.arange(-40.0, -19.95, 0.1), 1)
    cur = np.concatenate([fi, grid])
    G = NeuronGroup(len(cur), eqs, threshold="v > -20*mV", refractory=3 * ms, method="rk4")
    G.I = cur * pA
    G.v = El
    m0, h0, n0 = steady(float((El - VT) / mV))
    G.m, G.h, G.n = m0, h0, n0
    mon = SpikeMonitor(G)
    Network(G, mon).run(1000 * ms)
    trains = mon.spike_trains()
    late = [int(np.sum(trains[i] / ms > 200)) for i in range(len(cur))]
    rate = [n / 0.8 if n >= 2 else 0.0 for n in late]
    v_end = [float(G.v[i] / mV) for i in range(len(cur))]
    rheobase = next(float(cur[i]) for i in range(len(fi), len(cur)) if rate[i] > 0)
    return {"currents_pA": fi.tolist(), "rates_hz": rate[:len(fi)],
            "rest_mV": {str(float(cur[i])): round(v_end[i], 4) for i in range(len(fi)) if late[i] == 0},
            "rheobase_pA": rheobase}


out = {"currents_pA": CURRENTS, "spikes_ms": spikes("rk4", 0.001 * ms),
       "exponential_euler_spikes_ms": spikes("exponential_euler", 0.1 * ms),
       "fi": fi_curve(),
       "how": "experiments/compare/hh_reference_brian2.py: Brian2 runtime, from rest; spikes: 200 ms, rk4 at dt 0.001 ms, "
              "exponential_euler at dt 0.1 ms; fi: 1 s, rk4 at dt 0.01 ms"}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "models", "data", "hh_brian2_spikes.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print({c: len(s) for c, s in zip(CURRENTS, out["spikes_ms"])}, out["fi"], "->", os.path.normpath(path))
