"""
The simulator state of the PyNN backend ``pyNN.plastica``: one native ``plastica.Network``
(experiments/python/module.cpp) per ``setup()``, built as the script creates populations and
projections, and run in C++ (no Python in the step loop).

:copyright: Plastica authors. PyNN's API and its common implementation are the PyNN team's (CeCILL).
"""
import logging

import numpy as np
import plastica as native
from pyNN import common

name = "Plastica"
logger = logging.getLogger("PyNN")


class ID(int, common.IDMixin):
    """A cell's global ID (PyNN's IDMixin gives it .parent, .local, get/set of parameters)."""

    def __init__(self, n):
        int.__init__(n)
        common.IDMixin.__init__(self)


class State(common.control.BaseState):
    """Time, step and the native network of the current simulation."""

    def __init__(self):
        common.control.BaseState.__init__(self)
        self.mpi_rank = 0
        self.num_processes = 1
        self.dt = 0.1
        self.seed = 1
        self.threads = 0
        self._min_delay = "auto"
        self.max_delay = 10.0
        self.net = None
        self.clear()

    # The network is made at setup(); populations and projections are added to it as the script
    # creates them (the native network's structure is fixed at its first run).
    def new_network(self):
        self.net = native.Network(dt=self.dt, seed=self.seed, threads=self.threads)
        self.name_counter = 0

    def next_name(self, prefix):
        self.name_counter += 1
        return "%s%d" % (prefix, self.name_counter)

    @property
    def t(self):
        return self.net.time if self.net is not None else 0.0

    def run(self, simtime):
        self.run_until(self.t + simtime)

    def run_until(self, tstop):
        for recorder in self.recorders:
            recorder._finalize()
        self.running = True
        self.net.run_until(tstop)

    def clear(self):
        self.recorders = set([])
        self.id_counter = 0
        self.segment_counter = -1
        self.write_on_end = []
        self.net = None
        self.running = False
        self.reset()

    def reset(self):
        """Back to t = 0: state drawn again, weights as before the first run (as pyNN.brian2)."""
        if self.net is not None and self.net.steps > 0:
            self.net.reset(keep_weights=False)
        for recorder in self.recorders:  # the data of the last segment is in the recorders' cache
            recorder._clear_simulator()
        self.running = False
        self.t_start = 0
        self.segment_counter += 1

    def _get_min_delay(self):
        if self._min_delay == "auto":
            return self.dt
        return self._min_delay

    def _set_min_delay(self, delay):
        self._min_delay = delay

    min_delay = property(fget=_get_min_delay, fset=_set_min_delay)


state = State()
