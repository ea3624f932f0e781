"""The bridges from Python (experiments/python/learners.cpp): a task and a learner by name train as
they do in `plastica run compare` (the same accuracy to the last bit, since the sample order, the
seed and the settings are the same), the learning curve comes back, and bad names are one-line
ValueErrors."""
import json
import os
import subprocess

import numpy as np
import pytest

import plastica


def clusters():
    return plastica.Task("clusters", train_samples=400, test_samples=200, classes=4, seed=3)


def test_task_and_learner_train_and_predict():
    task = clusters()
    assert (task.classes, task.features, task.train_size, task.test_size) == (4, 2, 400, 200)
    x, y = task.data("train")
    assert x.shape == (400, 2) and y.shape == (400,) and 0 <= x.min() and x.max() <= 1
    assert "backprop" in plastica.learners() and "clusters" in plastica.tasks()
    assert plastica.learner_settings("backprop")["backprop.hidden"] == ('"256"', "")
    net = plastica.Learner("backprop", task, {"hidden": "16", "lr": 0.01}, seed=3, budget=4000)
    order = plastica.sample_order(task.train_size, 4000, 3)
    assert sorted(order[:400].tolist()) == list(range(400))  # each epoch a permutation
    assert net.accuracy("test") < 0.5  # untrained: near chance (0.25)
    net.train(order)
    assert net.trained == 4000
    assert net.accuracy("test") > 0.7  # four overlapping Gaussian clusters (spread 0.2): 0.81 here
    p = net.predict("test")
    assert p.shape == (200,) and set(np.unique(p)) <= {0, 1, 2, 3}
    assert net.receptive_fields().shape == (16, 2)
    assert net.cost["multiply_adds"] > 0


def test_compare_from_python_gives_the_cli_comparison(tmp_path):
    task = clusters()
    got = plastica.compare(task, ["backprop", "hebbian_competitive"], {"backprop.hidden": "16", "hebbian_competitive.hidden": 20},
                           budget=800, seed=3, threads=2, curve_points=4)
    assert [r["learner"] for r in got] == ["backprop", "hebbian_competitive"]
    assert len(got[0]["curve_samples"]) == 4 and got[0]["curve_samples"][-1] == 800
    binary = os.environ.get("PLASTICA_BINARY", "build/plastica")
    out = subprocess.run([binary, "run", "compare", "--set", "task=clusters", "--set", "train_samples=400", "--set", "test_samples=200",
                          "--set", "learners=backprop,hebbian_competitive", "--set", "backprop.hidden=16", "--set", "hebbian_competitive.hidden=20",
                          "--set", "budget=800", "--set", "repeat=true", "--set", "curve.points=4", "--seed", "3", "--threads", "2",
                          "--out", str(tmp_path), "--json", "--quiet", "--no-plots"], check=True, capture_output=True, text=True).stdout
    cli = json.loads(out)["results"]["learners"]
    for a, b in zip(got, cli):
        assert a["accuracy"] == b["test_accuracy"]
        assert a["curve_accuracy"] == [p["accuracy"] for p in b["curve"]]
    # one learner by hand, in the comparison's order, ends where the comparison's did
    alone = plastica.Learner("backprop", task, {"hidden": "16"}, seed=3, threads=1, budget=800)
    alone.train(plastica.sample_order(400, 800, 3))
    assert alone.accuracy("test") == got[0]["accuracy"]


def test_learner_errors():
    task = clusters()
    with pytest.raises(ValueError, match="known"):
        plastica.Learner("backprob", task)
    with pytest.raises(ValueError, match="hiden"):
        plastica.Learner("backprop", task, {"hiden": "16"})
    with pytest.raises(ValueError, match="outside the training set"):
        plastica.Learner("backprop", task).train([0, 400])
    with pytest.raises(ValueError, match="train or test"):
        plastica.Learner("backprop", task).accuracy("validation")
    with pytest.raises(ValueError, match="kmnist"):
        plastica.Task("kmnist")
