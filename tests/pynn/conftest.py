# The backend under test is this build's: <build>/python (on PYTHONPATH, set by ctest) holds the
# native module and the finder that maps pyNN.plastica to experiments/pynn/pyNN_plastica.
import plastica_pynn  # noqa: F401
