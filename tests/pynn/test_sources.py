"""SpikeSourceGamma on pyNN.plastica (the native gamma_source): PyNN's parameters (shape alpha,
rate parameter beta, mean interval alpha / beta) give trains at rate beta / alpha with interval
CV 1 / sqrt(alpha), inside [start, start + duration)."""
import numpy as np

import pyNN.plastica as sim
from pyNN.parameters import Sequence


def test_spike_source_gamma_rate_cv_and_window():
    sim.setup(timestep=0.1, threads=2)
    src = sim.Population(300, sim.SpikeSourceGamma(alpha=4.0, beta=80.0, start=200.0, duration=5000.0))
    src.record("spikes")
    sim.run(5500.0)
    trains = [st.magnitude for st in src.get_data().segments[0].spiketrains]
    sim.end()
    isi = np.concatenate([np.diff(t) for t in trains])
    allt = np.concatenate(trains)
    assert allt.min() > 200.0 and allt.max() <= 5200.0
    assert abs(np.mean(isi) - 4.0 / 80.0 * 1000.0) < 0.01 * 50.0   # alpha / beta = 50 ms
    assert abs(np.std(isi) / np.mean(isi) - 0.5) < 0.02             # 1 / sqrt(alpha)
    assert src.get("alpha") == 4.0 and src.get("beta") == 80.0


def test_spike_source_inh_gamma_follows_its_bins():
    # bins: shape 2 at 20 Hz (b = 1/(a rate) = 25 ms) from 0, shape 5 at 50 Hz from 1000 ms
    sim.setup(timestep=0.1, threads=2)
    src = sim.Population(400, sim.SpikeSourceInhGamma(a=Sequence([2.0, 5.0]), b=Sequence([0.025, 0.004]),
                                                      tbins=Sequence([0.0, 1000.0]), start=0.0, duration=2000.0))
    src.record("spikes")
    sim.run(2500.0)
    trains = [st.magnitude for st in src.get_data().segments[0].spiketrains]
    sim.end()
    allt = np.concatenate(trains)
    assert allt.max() <= 2000.0
    late = lambda lo, hi: np.sum((allt > lo) & (allt <= hi)) / 400 / ((hi - lo) / 1000)
    assert abs(late(300, 1000) / 20 - 1) < 0.05
    assert abs(late(1300, 2000) / 50 - 1) < 0.04
    # in the second bin the intervals of an established train are gamma(5): CV 1/sqrt(5)
    isi = np.concatenate([np.diff(t[(t > 1300) & (t <= 2000)]) for t in trains])
    assert abs(np.std(isi) / np.mean(isi) - 1 / np.sqrt(5)) < 0.03
