#!/usr/bin/python3
"""Plots of a Plastica run, as PNG beside its HDF5 file.

    /usr/bin/python3 experiments/plot_run.py out/vogels_abbott.h5     (plastica run calls this)

Spiking runs (/spikes/<population>): <name>_raster.png (spike raster of up to 200 neurons per
population over up to the first second) and <name>_rates.png (population rate in 5 ms bins).
mlp runs (/training): <name>_learning_curves.png (loss and accuracy per epoch) and
<name>_confusion.png (test confusion matrix, row-normalised). Plastic runs
(/plastica/weights/<projection>): <name>_weights_<projection>.png (distribution of the first and
last snapshot, mean weight over time). Experiment curves (/plastica/curves/<curve>):
<name>_<curve>.png. Comparisons (/comparison/<learner>): <name>_learning_curves.png (accuracy
against samples seen), <name>_accuracy_vs_cost.png (against training time, and against synaptic
events or multiply-adds) and <name>_fields_<learner>.png (first-layer receptive fields as images), and for learners with an
accuracy-against-steps curve (converted_snn) <name>_<learner>_steps.png.
Prints the paths it wrote.
Uses Debian's python3-matplotlib and python3-h5py; renders without a display (Agg).
"""
import os
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def save(fig, path):
    """Writes `fig` to `path` (tight layout, 110 dpi), closes it and returns the path."""
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def spiking(f, stem, title):
    pops = list(f["spikes"].keys())
    if not pops:
        return []
    t_all = [f["spikes"][p]["timestamps"][:] for p in pops]
    ids_all = [f["spikes"][p]["node_ids"][:] for p in pops]
    t_end = max([t.max() for t in t_all if t.size] + [1.0])
    window = min(t_end, 1000.0)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    # one panel per population, each with its own node ids (0-199), so no axis reads as ids it is not
    fig, axes = plt.subplots(len(pops), 1, figsize=(9, 1.2 + 1.9 * len(pops)), sharex=True, squeeze=False)
    for k, (p, t, ids) in enumerate(zip(pops, t_all, ids_all)):
        ax = axes[k, 0]
        keep = (ids < 200) & (t <= window)
        ax.scatter(t[keep], ids[keep], s=1.5, color=colours[k % len(colours)], linewidths=0)
        ax.set_ylabel(f"{p}\nnode id")
        ax.set_ylim(-2, min(200, max(1, int(ids.max()) + 1 if ids.size else 1)) + 2)
        ax.set_xlim(0, window)
    axes[-1, 0].set_xlabel("time (ms)")
    axes[0, 0].set_title(title + ": spike raster (first 200 neurons of each population)")
    raster = save(fig, stem + "_raster.png")

    fig, ax = plt.subplots(figsize=(9, 3.5))
    bins = np.arange(0, t_end + 5, 5.0)
    summary = f.get("plastica/summary")
    for k, (p, t) in enumerate(zip(pops, t_all)):
        n = summary[p].attrs["neurons"] if summary is not None and p in summary else max(1, len(np.unique(ids_all[k])))
        counts, _ = np.histogram(t, bins=bins)
        ax.plot(bins[:-1], counts / (n * 5e-3), lw=0.8, color=colours[k % len(colours)], label=p)
    ax.set_xlabel("time (ms)")
    ax.set_ylabel("rate (Hz)")
    ax.set_title(title + ": population rate, 5 ms bins")
    ax.legend(loc="upper right")
    rates = save(fig, stem + "_rates.png")
    return [raster, rates]


def mlp(f, stem, title):
    tr = f["training"]
    epoch = tr["epoch"][:]
    marker = "o" if len(epoch) <= 30 else None  # one epoch is one point: a line alone would not show it
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4))
    for key, label in (("train_loss", "train"), ("val_loss", "validation"), ("test_loss", "test")):
        v = tr[key][:]
        if np.isfinite(v).any():
            a1.plot(epoch, v, label=label, marker=marker)
    for key, label in (("train_accuracy", "train"), ("val_accuracy", "validation"), ("test_accuracy", "test")):
        v = tr[key][:]
        if np.isfinite(v).any():
            a2.plot(epoch, v, label=label, marker=marker)
    a1.set_xlabel("epoch")
    a1.set_ylabel("loss")
    a1.set_yscale("log")
    a2.set_xlabel("epoch")
    a2.set_ylabel("accuracy")
    for a in (a1, a2):
        a.legend()
        a.grid(alpha=0.3)
    fig.suptitle(title + ": learning curves")
    curves = save(fig, stem + "_learning_curves.png")
    out = [curves]
    if "evaluation/confusion" in f:
        c = f["evaluation/confusion"][:].astype(float)
        norm = c / np.maximum(c.sum(axis=1, keepdims=True), 1)
        k = c.shape[0]
        fig, ax = plt.subplots(figsize=(2.4 + 0.55 * k, 1.0 + 0.5 * k))
        im = ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
        if k <= 12:
            for i in range(k):
                for j in range(k):
                    ax.text(j, i, f"{int(c[i, j])}", ha="center", va="center", fontsize=7,
                            color="white" if norm[i, j] > 0.5 else "black")
        ax.set_xlabel("predicted class")
        ax.set_ylabel("true class")
        ax.set_xticks(range(k))
        ax.set_yticks(range(k))
        names = f["evaluation"].attrs.get("class_names")
        if names:
            import json
            names = json.loads(names.decode() if isinstance(names, bytes) else names)
            if len(names) == k:
                ax.set_yticklabels([f"{i} {n}" for i, n in enumerate(names)])
        acc = f["evaluation"].attrs.get("test_accuracy", np.trace(c) / max(c.sum(), 1))
        ax.set_title(f"test confusion (accuracy {acc:.4f})")
        fig.colorbar(im, ax=ax, fraction=0.046, label="fraction of the true class")
        conf = save(fig, stem + "_confusion.png")
        out.append(conf)
    return out


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def weights(f, stem, title):
    out = []
    for proj, g in f["plastica/weights"].items():
        if "data" not in g or g["data"].shape[0] == 0:
            continue
        data = g["data"]
        t = g["time"][:]
        first, last = data[0, :], data[data.shape[0] - 1, :]
        mean = np.array([data[k, :].mean() for k in range(data.shape[0])])
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 3.8))
        lo, hi = float(min(first.min(), last.min())), float(max(first.max(), last.max()))
        bins = np.linspace(lo, hi if hi > lo else lo + 1, 41)
        a1.hist(first, bins=bins, alpha=0.5, label=f"t = {t[0]:g} ms")
        a1.hist(last, bins=bins, alpha=0.7, label=f"t = {t[-1]:g} ms")
        unit = text(g.attrs["unit"]) if "unit" in g.attrs else ""
        suffix = f" ({unit})" if unit else " (model units)"
        a1.set_xlabel("weight" + suffix)
        a1.set_ylabel("synapses")
        a1.legend()
        a2.plot(t / 1000.0, mean, marker="o" if len(t) <= 30 else None)
        a2.set_xlabel("time (s)")
        a2.set_ylabel("mean weight" + suffix)
        a2.grid(alpha=0.3)
        fig.suptitle(f"{title}: weights of {proj} ({data.shape[1]} synapses)")
        path = save(fig, f"{stem}_weights_{proj.replace('->', '_to_')}.png")
        out.append(path)
    return out


def curves(f, stem, title):
    out = []
    for name, g in f["plastica/curves"].items():
        x = g["x"][:]
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        lines = text(g.attrs.get("style", "")) == "lines"
        for key in sorted(k for k in g.keys() if k != "x"):
            y = g[key][:]
            if lines or key.startswith("expected"):
                ax.plot(x, y, "-", lw=1.2, label=key.replace("_", " "))
            else:
                ax.plot(x, y, "o", ms=3.5, label=key.replace("_", " "))
        if text(g.attrs.get("xscale", "linear")) == "log":
            ax.set_xscale("log")
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_xlabel(text(g.attrs.get("xlabel", "")))
        ax.set_ylabel(text(g.attrs.get("ylabel", "")))
        ax.set_title(f"{title}: {text(g.attrs.get('title', name))}")
        ax.grid(alpha=0.3)
        ax.legend()
        path = save(fig, f"{stem}_{name}.png")
        out.append(path)
    return out


def comparison(f, stem, title):
    g = f["comparison"]
    learners = [k for k in g.keys()]
    out = []
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    for name in learners:
        c = g[name]["curve"]
        ax.plot(c["samples"][:], c["accuracy"][:], "o-", ms=3.5, label=name.replace("_", " "))
    ax.set_xlabel("training samples seen")
    ax.set_ylabel("test accuracy (curve subset)")
    ax.set_title(f"{title}: learning curves on {text(g.attrs.get('task', ''))}")
    ax.grid(alpha=0.3)
    ax.legend()
    out.append(save(fig, f"{stem}_learning_curves.png"))

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for name in learners:
        c = g[name]["curve"]
        acc = c["accuracy"][:]
        axes[0].plot(c["seconds"][:], acc, "o-", ms=3.5, label=name.replace("_", " "))
        ev, ma = c["synaptic_events"][:], c["multiply_adds"][:]
        cost, unit = (ev, "synaptic events") if ev.max(initial=0) > 0 else (ma, "multiply-adds")
        axes[1].plot(np.maximum(cost, 1), acc, "o-", ms=3.5, label=f"{name.replace('_', ' ')} ({unit})")
    axes[0].set_xlabel("training wall time (s)")
    axes[1].set_xlabel("training cost (synaptic events or multiply-adds)")
    axes[1].set_xscale("log")
    for ax in axes:
        ax.set_ylabel("test accuracy (curve subset)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"{title}: accuracy against cost")
    out.append(save(fig, f"{stem}_accuracy_vs_cost.png"))

    for name in learners:
        d = g[name].get("details")
        if d is None or "accuracy_at_steps" not in d:
            continue
        fig, ax = plt.subplots(figsize=(6.5, 4))
        ax.plot(d["steps"][:], d["accuracy_at_steps"][:], "o-", ms=4, label="spiking network")
        if "mlp_accuracy" in d:
            ax.axhline(d["mlp_accuracy"][0], color="grey", ls="--", label="its MLP")
        ax.set_xscale("log")
        ax.set_xlabel("simulation steps per sample")
        ax.set_ylabel("test accuracy")
        ax.set_title(f"{title}: {name.replace('_', ' ')}, accuracy against time")
        ax.grid(alpha=0.3)
        ax.legend()
        out.append(save(fig, f"{stem}_{name}_steps.png"))

    shape = list(g.attrs.get("sample_shape", []))
    for name in learners:
        w = g[name]["receptive_fields"][:]
        n = min(len(w), 100)
        if n == 0:
            continue
        if len(shape) == 2 and shape[0] * shape[1] == w.shape[1]:
            h, wd = int(shape[0]), int(shape[1])
        else:
            h, wd = 1, w.shape[1]
        cols = int(np.ceil(np.sqrt(n)))
        rows = int(np.ceil(n / cols))
        fig, axes = plt.subplots(rows, cols, figsize=(cols * 0.9 + 0.5, rows * 0.9 + 0.6), squeeze=False)
        for k, ax in enumerate(axes.flat):
            ax.axis("off")
            if k < n:
                img = w[k].reshape(h, wd)
                m = np.abs(img).max() or 1
                ax.imshow(img, cmap="RdBu_r", vmin=-m, vmax=m, aspect="auto" if h == 1 else "equal")
        fig.suptitle(f"{title}: {name.replace('_', ' ')} first-layer receptive fields ({n} of {len(w)})")
        out.append(save(fig, f"{stem}_fields_{name}.png"))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    stem = os.path.splitext(path)[0]
    with h5py.File(path, "r") as f:
        prov = f["plastica/provenance"].attrs
        name = prov.get("experiment", os.path.basename(stem))
        name = name.decode() if isinstance(name, bytes) else name
        written = []
        if "spikes" in f:
            written += spiking(f, stem, name)
        if "training" in f:
            written += mlp(f, stem, name)
        if "plastica/weights" in f:
            written += weights(f, stem, name)
        if "plastica/curves" in f:
            written += curves(f, stem, name)
        if "comparison" in f:
            written += comparison(f, stem, name)
    for w in written:
        print(w)


if __name__ == "__main__":
    main()
