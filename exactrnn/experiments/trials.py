"""One trial of the experiment: draw W0 ~ N(0, 1), train, count pieces exactly.

A trial is a pure function of its *spec* (a small picklable dict), so it runs
the same on any executor: the initial weights come from a numpy Generator
seeded with ``SeedSequence([seed, width, k, trial])``, and the trained float
W is converted exactly (each double is a dyadic rational) before counting.

The record a trial returns holds the trained W as exact rational strings, so
any count can be re-done later from the file alone::

    ReLURNN(record["W"]).count(line, record["k"])

>>> spec = trial_spec({"name": "yarotsky", "points": 4}, width=3, k=2, trial=0, seed=0,
...                   training={"method": "RK45", "T": 1.0}, max_pieces=1000)
>>> r = run_trial(spec)
>>> (r["width"], r["k"], r["trial"], r["seed"], r["seed_sequence"])
(3, 2, 0, 0, [0, 3, 2, 0])
>>> sorted(r["trained"])
['activation_regions', 'pieces']
"""

import time

import numpy as np

from ..errors import ExactRNNError, PieceBudgetExceeded
from ..rational import Q, format_rational
from ..rnn import ReLURNN
from .datasets import Dataset, make_dataset
from .flow import gradient_descent, gradient_flow, loss_and_gradient

__all__ = ["trial_spec", "run_trial", "initial_weights", "count_pieces", "recount",
           "TRAINING_DEFAULTS"]

#: Defaults of the gradient flow used by the experiment (see :func:`gradient_flow`).
TRAINING_DEFAULTS = {"method": "RK45", "T": 100.0, "tol": 1e-6, "rtol": 1e-6, "atol": 1e-9,
                     "max_evaluations": 5000}


def trial_spec(dataset, width, k, trial, seed, training=None, max_pieces=2 ** 20):
    """The spec of one trial. ``dataset`` is ``{"name", "points"}`` for a built-in
    data set or a :class:`Dataset` (user data, shipped whole to the worker)."""
    training = dict(TRAINING_DEFAULTS if training is None else training)
    if isinstance(dataset, Dataset):
        dataset = {"data": dataset.to_json()}
    return {"dataset": dataset, "width": width, "k": k, "trial": trial, "seed": seed,
            "training": training, "max_pieces": max_pieces}


def initial_weights(seed, width, k, trial):
    """W0 ~ N(0, 1)^{w×w} from ``SeedSequence([seed, width, k, trial])``.

    >>> a = initial_weights(0, 3, 2, 5); b = initial_weights(0, 3, 2, 5)
    >>> a.shape, bool((a == b).all()), bool((a == initial_weights(0, 3, 2, 6)).any())
    ((3, 3), True, False)
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, width, k, trial]))
    return rng.standard_normal((width, width))


def count_pieces(W, line, k, max_pieces):
    """Exact pieces and activation regions of ``f_k`` on ``line``, as a record field.

    A float W is taken at its exact dyadic value. Past the budget (counted in
    activation regions, which bound the pieces from above) the field says so,
    ``{"over_budget": True, "regions_at_least": …}``, instead of dropping the
    trial; its piece count is then unknown.
    """
    try:
        result = ReLURNN(W, floats=True).count(line, k, max_pieces=max_pieces)[0]
    except PieceBudgetExceeded as exc:
        return {"over_budget": True, "regions_at_least": exc.count, "depth": exc.k,
                "max_pieces": max_pieces}
    return {"pieces": result.pieces, "activation_regions": result.activation_regions}


def _dataset_of(spec):
    d = spec["dataset"]
    if "data" in d:
        return Dataset.from_json(d["data"])
    return make_dataset(d["name"], spec["width"], spec["k"], d["points"])


def _exact(W):
    return [[format_rational(Q.from_float(float(v))) for v in row] for row in W]


def _finite(x):
    return float(x) if np.isfinite(x) else None


def _clean(value):
    """JSON-ready: every non-finite float becomes None (JSON has no inf or NaN)."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return _finite(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def run_trial(spec):
    """Run one trial; return its JSON-ready record (see the module docs)."""
    start = time.perf_counter()
    data = _dataset_of(spec)
    width, k, trial, seed = spec["width"], spec["k"], spec["trial"], spec["seed"]
    X, y = data.arrays()
    W0 = initial_weights(seed, width, k, trial)
    training = dict(spec["training"])
    method = training.pop("method")
    with np.errstate(over="ignore", invalid="ignore"):
        gradient0 = float(np.linalg.norm(loss_and_gradient(W0, X, y, k)[1]))
        if method == "gradient descent":
            W, info = gradient_descent(W0, X, y, k, **training)
        else:
            W, info = gradient_flow(W0, X, y, k, method=method, **training)
    record = {
        "width": width, "k": k, "trial": trial, "seed": seed,
        "seed_sequence": [seed, width, k, trial],
        "dataset": {"name": data.name, "points": len(data.inputs)},
        "line": data.line.to_json(),
        "training": spec["training"], "max_pieces": spec["max_pieces"],
        "stop": info["stop"], "flow_time": info["flow_time"],
        "evaluations": info["evaluations"],
        "gradient_norm_initial": gradient0,
        "loss_initial": info["loss_initial"], "loss_final": info["loss_final"],
        "gradient_norm": info["gradient_norm"],
        "converged": bool(info["converged"]),
        "moved": bool(np.any(W != W0)),
        "loss_curve": info.get("loss_curve", []),
        "W_init": _exact(W0),
        "init": count_pieces(W0, data.line, k, spec["max_pieces"]),
    }
    if np.all(np.isfinite(W)):
        record["W"] = _exact(W)
        record["trained"] = count_pieces(W, data.line, k, spec["max_pieces"])
    else:
        record["W"] = None
        record["trained"] = {"not_finite": True}
        record["stop"] = "diverged"
    record["seconds"] = time.perf_counter() - start
    return _clean(record)


def recount(record, max_pieces=None):
    """Re-count a stored record's trained W exactly, from the record alone."""
    from ..rnn import InputLine

    if record.get("W") is None:
        raise ExactRNNError("this trial diverged: it has no trained W to count")
    line = record["line"]
    line = InputLine(line["origin"], line["direction"], tuple(line["interval"]))
    budget = record["max_pieces"] if max_pieces is None else max_pieces
    result = ReLURNN(record["W"]).count(line, record["k"], max_pieces=budget)[0]
    return {"pieces": result.pieces, "activation_regions": result.activation_regions}
