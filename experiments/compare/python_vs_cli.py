#!/usr/bin/python3
"""The Vogels-Abbott COBA network (Brette et al. 2007, benchmark 2) built and run from the Python
module against `plastica bench vogels_abbott`, back to back on the same threads, each in its own
process: construction time and simulation time of both, and their ratios (issue 18's targets:
simulation within 5% of the CLI's, construction within 2x). The Python network is the CLI's
(the same spikes bit for bit: tests/python/test_module.py), built with the engine's connection
rules, so neither side runs Python per synapse or per step. No spikes are recorded on either
side; the CLI also runs its summary statistics, which the Python run does not.

    /usr/bin/python3 experiments/compare/python_vs_cli.py --n 4000 --duration 1000 --repeats 3
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

from plastica_runner import add_common_arguments

COBA = dict(c_m=200, g_l=10, e_l=-60, v_th=-50, v_reset=-60, t_ref=5, e_exc=0, e_inh=-80, tau_syn_exc=5, tau_syn_inh=10, i_e=0)


def coba(plastica, n=4000, seed=1, threads=2):
    """Brette et al. 2007's COBA network as experiments/vogels_abbott.cpp builds it (p = 0.02),
    from the Python module (also tests/python/test_module.py's network)."""
    net = plastica.Network(dt=0.1, seed=seed, threads=threads)
    n_exc = round(0.8 * n)
    init = {"v": plastica.normal(-65, 5), "g_exc": plastica.normal(40, 15), "g_inh": plastica.normal(200, 120)}
    net.add_population("exc", "lif_cond_exp", n_exc, COBA, init)
    net.add_population("inh", "lif_cond_exp", n - n_exc, COBA, init)
    for post in ("exc", "inh"):
        net.connect("exc", post, plastica.fixed_probability(0.02 * 3200 / n_exc), 6.0, 0.1, "exc")
        net.connect("inh", post, plastica.fixed_probability(0.02 * 800 / (n - n_exc)), 67.0, 0.1, "inh")
    return net


def child(n, duration, threads, seed):
    """One timed Python run, in a process of its own; prints its times as JSON."""
    import time
    import numpy  # noqa: F401  (loaded by any script that reads results; its import, ~80 ms, is not construction)
    import plastica
    t0 = time.perf_counter()
    net = coba(plastica, n, seed, threads)
    net.prepare()  # state arrays and initial values, as the CLI's build does
    t1 = time.perf_counter()
    net.run(duration)
    t2 = time.perf_counter()
    print(json.dumps({"build_s": t1 - t0, "simulation_s": t2 - t1, "synapses": net.synapse_count, "events": net.synaptic_events}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(ap)
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--duration", type=float, default=1000.0, help="ms")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.n, args.duration, args.threads, args.seed)
    env = dict(os.environ)
    build_python = os.path.join(os.path.dirname(os.path.abspath(args.plastica)), "python")
    env["PYTHONPATH"] = build_python + os.pathsep + env.get("PYTHONPATH", "")
    cli, py = [], []
    with tempfile.TemporaryDirectory() as out:
        for r in range(args.repeats):
            cmd = [os.path.abspath(args.plastica), "bench", "vogels_abbott", "--set", f"n={args.n}", "--set", f"duration={args.duration}",
                   "--set", "record.spikes=false", "--threads", str(args.threads), "--seed", str(args.seed), "--json", "--quiet",
                   "--out", out]
            c = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            p = json.loads(subprocess.run([sys.executable, os.path.abspath(__file__), "--child", "--n", str(args.n), "--duration", str(args.duration),
                                           "--threads", str(args.threads), "--seed", str(args.seed)],
                                          check=True, capture_output=True, text=True, env=env).stdout)
            if c["synaptic_events"] != p["events"] or c["synapses"] != p["synapses"]:
                sys.exit("the two networks differ: %s against %s" % (c, p))
            cli.append(c)
            py.append(p)
            print("repeat %d: CLI build %.3f s, sim %.3f s | Python build %.3f s, sim %.3f s" %
                  (r + 1, c["build_s"], c["simulation_s"], p["build_s"], p["simulation_s"]), flush=True)
    med = lambda rows, k: statistics.median(x[k] for x in rows)  # noqa: E731
    print("\nCOBA n = %d, %g ms, %d threads, %d repeats (medians); %d synapses, %d synaptic events, equal on both sides" %
          (args.n, args.duration, args.threads, args.repeats, cli[0]["synapses"], cli[0]["synaptic_events"]))
    print("| front end | build (s) | simulation (s) |")
    print("|---|---|---|")
    print("| plastica bench vogels_abbott | %.3f | %.3f |" % (med(cli, "build_s"), med(cli, "simulation_s")))
    print("| Python module | %.3f | %.3f |" % (med(py, "build_s"), med(py, "simulation_s")))
    print("ratio Python / CLI: build %.2f (target <= 2), simulation %.3f (target <= 1.05)" %
          (med(py, "build_s") / med(cli, "build_s"), med(py, "simulation_s") / med(cli, "simulation_s")))


if __name__ == "__main__":
    main()
