"""What the comparison scripts share: running Plastica and their common command-line options."""
import json
import os
import subprocess


def add_common_arguments(ap):
    """--threads, --seed and --plastica (the binary), the same in every comparison."""
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plastica", default=os.path.join(here, "..", "..", "build", "plastica"))


def plastica_report(binary, experiment, sets, threads, seed, out):
    """Runs `plastica run <experiment> --json` with a --set per entry of `sets`; returns the report.

    Plots are skipped: they are drawn after the timed part, but the comparisons only read the
    report and would throw them away with their temporary directory.
    """
    cmd = [os.path.abspath(binary), "run", experiment, "--threads", str(threads), "--seed", str(seed), "--out", out,
           "--json", "--quiet", "--no-plots"]
    for key, value in sets.items():
        cmd += ["--set", f"{key}={value}"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
