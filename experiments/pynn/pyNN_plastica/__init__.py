"""
pyNN.plastica — PyNN 0.10's API on the Plastica engine.

``import pyNN.plastica as sim`` runs scripts written for pyNN.nest or pyNN.brian2: the network is
built in Plastica's native module (experiments/python/module.cpp) as the script creates it and
runs in C++ with no Python in the step loop. The layout follows PyNN's own backends
(pyNN/brian2, pyNN/nest): simulator (state and IDs), populations, projections, recording,
standardmodels.

setup() takes, besides PyNN's timestep and min_delay: ``threads`` (0: all cores; results are
bit-identical at any number) and ``rng_seed`` (the seed of the engine's own random streams:
initial values drawn natively, Poisson sources). Random numbers drawn through PyNN's NumpyRNG
(connectors, RandomDistribution parameters) are PyNN's, so connectivity is the same as on
pyNN.brian2 for the same script and seeds.

:copyright: Plastica authors; the common implementation imported here is PyNN's (CeCILL).
"""
import logging

from neo.io import get_io
from pyNN import common
from pyNN.common.control import DEFAULT_MAX_DELAY, DEFAULT_MIN_DELAY, DEFAULT_TIMESTEP
from pyNN.connectors import *  # noqa: F401,F403  (PyNN's connectors, used through Projection._convergent_connect)
from pyNN.random import NumpyRNG, RandomDistribution  # noqa: F401
from .connectors import (AllToAllConnector, FixedNumberPostConnector, FixedNumberPreConnector,  # noqa: F401
                         FixedProbabilityConnector, OneToOneConnector)
from .random import NativeRNG  # noqa: F401
from pyNN.recording import *  # noqa: F401,F403
from pyNN.standardmodels import StandardCellType

from . import simulator
from .populations import Assembly, Population, PopulationView  # noqa: F401
from .projections import Projection
from .standardmodels import *  # noqa: F401,F403

logger = logging.getLogger("PyNN")


def list_standard_models():
    """Return a list of all the StandardCellType classes available for this simulator."""
    return [obj.__name__ for obj in globals().values()
            if isinstance(obj, type) and issubclass(obj, StandardCellType) and hasattr(obj, "native_model")]


def setup(timestep=DEFAULT_TIMESTEP, min_delay=DEFAULT_MIN_DELAY, **extra_params):
    """Starts a new simulation: `timestep` (ms), `min_delay` (ms or 'auto'), and Plastica's
    `threads` and `rng_seed`."""
    max_delay = extra_params.get('max_delay', DEFAULT_MAX_DELAY)
    common.setup(timestep, min_delay, **extra_params)
    state = simulator.state
    state.clear()
    state.dt = timestep
    state.min_delay = min_delay
    state.max_delay = max_delay
    state.threads = int(extra_params.get('threads', 0))
    state.seed = int(extra_params.get('rng_seed', extra_params.get('grng_seed', 1)))
    state.mpi_rank = 0
    state.num_processes = 1
    state.new_network()
    return rank()


def end(compatible_output=True):
    """Writes the data of populations recorded to files and drops the network."""
    for (population, variables, filename) in simulator.state.write_on_end:
        io = get_io(filename)
        population.write_data(io, variables)
    simulator.state.write_on_end = []


run, run_until = common.build_run(simulator)
run_for = run

reset = common.build_reset(simulator)

initialize = common.initialize

get_current_time, get_time_step, get_min_delay, get_max_delay, \
    num_processes, rank = common.build_state_queries(simulator)

create = common.build_create(Population)

connect = common.build_connect(Projection, FixedProbabilityConnector, StaticSynapse)  # noqa: F405

record = common.build_record(simulator)


def record_v(source, filename):
    return record(['v'], source, filename)


def record_gsyn(source, filename):
    return record(['gsyn_exc', 'gsyn_inh'], source, filename)
