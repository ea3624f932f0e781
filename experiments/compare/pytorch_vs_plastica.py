#!/usr/bin/python3
"""PyTorch vs Plastica: the same 784-256-10 ReLU MLP trained on Fashion-MNIST.

Both train with Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8), batch 64, cross-entropy on logits,
PyTorch's default initialisation (U(+-1/sqrt(fan_in)) for weights and biases), pixels scaled to
[0, 1], a fresh random sample order each epoch, float32, on the same number of threads. PyTorch
(Debian python3-torch) batches by indexing one preloaded tensor (no DataLoader workers, the
fastest way to feed it); Plastica runs `plastica run mlp --json`. Printed: per-epoch training
wall time (evaluation excluded) and test accuracy of both, and the time ratio Plastica/PyTorch.

    /usr/bin/python3 experiments/compare/pytorch_vs_plastica.py [--epochs 5] [--threads 2]
        [--plastica build/plastica] [--data /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import os
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plastica_runner import add_common_arguments, plastica_report  # noqa: E402


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def find(data_dir, stem):
    for name in (stem + ".gz", stem):
        if os.path.exists(os.path.join(data_dir, name)):
            return os.path.join(data_dir, name)
    sys.exit(f"{data_dir}: no {stem}[.gz]")


def blas_in_use():
    """The BLAS library this process has mapped (Debian's torch calls the system libblas.so.3)."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(os.path.basename(os.path.dirname(p)) + "/" + os.path.basename(p) for p in libs)) or "none"


def pytorch_run(data_dir, epochs, threads, seed):
    # Debian's python3-torch does its matrix products through the system BLAS (BLAS_INFO=generic):
    # the reference libblas3 runs at a few GFLOP/s, OpenBLAS (libopenblas0-pthread, installed by
    # experiments/deps.sh --compare) at full speed. PyTorch's own OpenMP pool takes the threads and
    # OpenBLAS runs inside it single-threaded: of the four mixes of 1 and 2 threads measured on a
    # 2-core machine this was the fastest (OpenBLAS 2 + torch 2 oversubscribes and is 2.5x slower).
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    load = lambda stem: read_idx(find(data_dir, stem))
    x_train = torch.tensor(load("train-images-idx3-ubyte").reshape(-1, 784), dtype=torch.float32) / 255
    y_train = torch.tensor(load("train-labels-idx1-ubyte"), dtype=torch.int64)
    x_test = torch.tensor(load("t10k-images-idx3-ubyte").reshape(-1, 784), dtype=torch.float32) / 255
    y_test = torch.tensor(load("t10k-labels-idx1-ubyte"), dtype=torch.int64)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x_train.shape[0]
    out = []
    for epoch in range(epochs):
        t0 = time.perf_counter()
        model.train()
        order = torch.randperm(n)
        for b0 in range(0, n, 64):
            idx = order[b0:b0 + 64]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
        seconds = time.perf_counter() - t0
        model.eval()
        with torch.no_grad():
            acc = (model(x_test).argmax(1) == y_test).float().mean().item()
        out.append(dict(seconds=seconds, test_accuracy=acc))
    return out, blas_in_use()


def plastica_run(binary, data_dir, epochs, threads, seed, workdir):
    sets = {"task": "fashion_mnist", "data_dir": data_dir, "epochs": epochs}
    return plastica_report(binary, "mlp", sets, threads, seed, workdir)["epochs"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    add_common_arguments(ap)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pl = plastica_run(a.plastica, a.data, a.epochs, a.threads, a.seed, tmp)
    pt, blas = pytorch_run(a.data, a.epochs, a.threads, a.seed)
    import torch
    print(f"Fashion-MNIST, 784-256-10 ReLU, Adam lr 1e-3, batch 64, {a.epochs} epochs, {a.threads} threads")
    print(f"PyTorch {torch.__version__} with BLAS {blas}")
    print(f"{'epoch':>5} {'PyTorch s':>10} {'Plastica s':>11} {'ratio':>7} {'PyTorch acc':>12} {'Plastica acc':>13}")
    for e, (t, p) in enumerate(zip(pt, pl)):
        print(f"{e + 1:>5} {t['seconds']:>10.3f} {p['seconds']:>11.3f} {p['seconds'] / t['seconds']:>7.3f} "
              f"{t['test_accuracy']:>12.4f} {p['test_accuracy']:>13.4f}")
    t_pt = sum(t["seconds"] for t in pt) / len(pt)
    t_pl = sum(p["seconds"] for p in pl) / len(pl)
    print(f"mean epoch time: PyTorch {t_pt:.3f} s, Plastica {t_pl:.3f} s, ratio {t_pl / t_pt:.3f}")
    print(f"test accuracy after {a.epochs} epochs: PyTorch {pt[-1]['test_accuracy']:.4f}, "
          f"Plastica {pl[-1]['test_accuracy']:.4f}, difference {100 * (pl[-1]['test_accuracy'] - pt[-1]['test_accuracy']):+.2f} points")


if __name__ == "__main__":
    main()
