"""SpikeSourceGamma on pyNN.plastica (the native gamma_source): PyNN's parameters (shape alpha,
rate parameter beta, mean interval alpha / beta) give trains at rate beta / alpha with interval
CV 1 / sqrt(alpha), inside [start, start + duration)."""
import numpy as np

import pyNN.plastica as sim


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
