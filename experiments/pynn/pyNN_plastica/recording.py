"""
Recording for the PyNN backend: spikes and state variables are recorded by the engine's
SpikeRecorder and StateRecorder (sampled at the end of each step, as pyNN.brian2's
``when='end'``), and PyNN's common Recorder turns them into Neo blocks. The first sample of a
signal is the state when recording began (t_start), as in PyNN's other backends.
"""
import numpy as np
from pyNN import recording

from . import simulator


class Recorder(recording.Recorder):
    __doc__ = recording.Recorder.__doc__
    _simulator = simulator

    def __init__(self, population, file=None):
        recording.Recorder.__init__(self, population, file)
        self._devices = {}    # variable -> list of [handle, neuron indices, first row]
        self._pending = {}    # variable -> neuron indices recorded but without a device yet

    def _record(self, variable, new_ids, sampling_interval=None):
        self.sampling_interval = sampling_interval or self._simulator.state.dt
        if new_ids:
            idx = np.sort(self.population.id_to_index(np.fromiter(new_ids, dtype=int)))
            self._pending.setdefault(variable, []).append(idx)

    def _finalize(self):
        """Called before each run: devices for the cells added to the recording since the last."""
        net = self._simulator.state.net
        pop = self.population._native_name
        for variable, chunks in self._pending.items():
            idx = np.unique(np.concatenate(chunks)).astype(int)
            if variable == "spikes":
                h = net.record_spikes(pop, list(idx))
                self._devices.setdefault(variable, []).append([h, idx, None])
            else:
                native_name = self.population.celltype.state_variables[variable][0]
                h = net.record_state(pop, native_name, list(idx), self.sampling_interval)
                self._devices.setdefault(variable, []).append([h, idx, None])
        self._pending = {}
        # new devices, and every device after a clear or a reset: the first row is the state
        # at the start of the recording
        for variable, devs in self._devices.items():
            if variable == "spikes":
                continue
            native_name, scale = self.population.celltype.state_variables[variable]
            for d in devs:
                if d[2] is None:
                    d[2] = net.state(pop, native_name)[d[1]] / scale

    def _spikes(self):
        net = self._simulator.state.net
        ids, times = [], []
        for h, _, _ in self._devices.get("spikes", []):
            i, t = net.recorded_spikes(h)
            ids.append(np.asarray(i, dtype=int))
            times.append(t)
        if not ids:
            return np.zeros(0, dtype=int), np.zeros(0)
        return np.concatenate(ids), np.concatenate(times)

    def _get_spiketimes(self, requested_ids, clear=False):
        idx, times = self._spikes()
        id_array = idx + int(self.population.first_id)
        mask = np.isin(id_array, np.asarray(requested_ids, dtype=int))
        out = id_array[mask], times[mask]
        if clear:
            self._clear_simulator()
        return out

    def _get_all_signals(self, variable, ids, clear=False):
        net = self._simulator.state.net
        scale = self.population.celltype.state_variables[variable][1]
        wanted = self.population.id_to_index(np.asarray(ids, dtype=int))
        columns, n_rows = {}, 0
        for h, idx, first in self._devices.get(variable, []):
            _, values, neurons = net.recorded_state(h)
            values = np.vstack([first[None, :], values / scale]) if first is not None else values / scale
            n_rows = max(n_rows, values.shape[0])
            for c, n in enumerate(neurons):
                columns[int(n)] = values[:, c]
        out = np.full((n_rows, len(wanted)), np.nan)
        for k, n in enumerate(wanted):
            col = columns.get(int(n))
            if col is not None:
                out[n_rows - col.size:, k] = col  # a cell added later has its first rows missing
        if clear:
            self._clear_simulator()
        return out, None

    def _local_count(self, variable, filter_ids=None):
        if variable != "spikes":
            raise Exception("Only implemented for spikes")
        idx, _ = self._spikes()
        counts = np.bincount(idx, minlength=self.population.size)
        return {int(id): int(counts[self.population.id_to_index(id)]) for id in self.filter_recorded(variable, filter_ids)}

    def _clear_simulator(self):
        net = self._simulator.state.net
        for variable, devs in self._devices.items():
            for d in devs:
                net.clear_recording("spikes" if variable == "spikes" else "state", d[0])
                d[2] = None

    def _reset(self):
        self._clear_simulator()
        self._devices = {}
        self._pending = {}
