"""Run the experiment's trials on any ``concurrent.futures.Executor``, resumably.

:func:`run_experiment` skips every ``(width, k, trial)`` already in the
results file, submits the rest to the executor (a local process pool by
default; :func:`dask_executor` gives a Dask cluster's), and appends each
record the moment it arrives (:class:`~.store.ResultsWriter`). Records do not
depend on the executor or the worker count: every trial carries its own seed.

>>> import os, tempfile
>>> from concurrent.futures import ThreadPoolExecutor
>>> path = os.path.join(tempfile.mkdtemp(), "runs.jsonl")
>>> config = experiment_config("triangle", points=4, training={"method": "RK45", "T": 0.5})
>>> with ThreadPoolExecutor(2) as pool:
...     run_experiment(config, [3], [1, 2], 2, path, executor=pool, progress=False)
{'finished': 4, 'skipped': 0, 'total': 4}
>>> run_experiment(config, [3], [1, 2], 2, path, executor=pool, progress=False)
{'finished': 0, 'skipped': 4, 'total': 4}
"""

import contextlib
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from ..errors import BackendError, InvalidParameterError, ResultsFileError, TrialFailed
from .datasets import DATASETS, Dataset, make_dataset, read_dataset
from .store import ResultsWriter, trial_key
from .trials import TRAINING_DEFAULTS, run_trial, trial_spec

__all__ = ["experiment_config", "run_experiment", "dask_executor"]


def experiment_config(dataset="staircase", points=32, training=None, seed=0,
                      max_pieces=2 ** 20):
    """What makes two runs the same experiment (checked when resuming).

    ``dataset`` is a built-in name or a :class:`Dataset` (e.g. from
    :func:`~.datasets.read_dataset`).
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidParameterError(f"seed={seed!r} must be a non-negative integer")
    if isinstance(max_pieces, bool) or not isinstance(max_pieces, int) or max_pieces < 1:
        raise InvalidParameterError(f"max_pieces={max_pieces!r} must be a positive integer")
    if isinstance(dataset, Dataset):
        data = dataset
    elif dataset in DATASETS:
        data = {"name": dataset, "points": points}
    else:
        data = read_dataset(dataset)
    merged = dict(TRAINING_DEFAULTS)
    if training and training.get("method") == "gradient descent":
        merged = {}
    merged.update(training or {})
    return {"data": data, "training": merged, "seed": seed, "max_pieces": max_pieces}


def _identity(config):
    """The part of a record that must match the config for it to count as done."""
    data = config["data"]
    if isinstance(data, Dataset):
        data = {"name": data.name, "points": len(data.inputs)}
    return {"dataset": data, "training": config["training"], "seed": config["seed"],
            "max_pieces": config["max_pieces"]}


def _check_data(config, widths, ks, out):
    """Fail before any trial starts: every (width, k) must have valid data."""
    data = config["data"]
    if isinstance(data, Dataset):
        for w in widths:
            if w != data.width:
                raise InvalidParameterError(
                    f"width {w} does not match the data's inputs, which lie in R^{data.width}")
        source = data.source
        if source and os.path.exists(source) and os.path.exists(out) \
                and os.path.samefile(source, out):
            raise InvalidParameterError(f"{out} is the data file; write results elsewhere")
        return
    for w in widths:
        for k in ks:
            make_dataset(data["name"], w, k, data["points"])


def run_experiment(config, widths, ks, trials, out, *, executor=None, workers=None,
                   progress=True):
    """Run every missing trial of ``widths × ks × range(trials)``; append to ``out``.

    Returns ``{"finished", "skipped", "total"}``. A trial that raises stops
    the run with :class:`~exactrnn.errors.TrialFailed`; records already
    written stay in ``out``, and rerunning resumes.
    """
    for name, values in (("width", widths), ("k", ks)):
        if not values or any(isinstance(v, bool) or not isinstance(v, int) or v < 1
                             for v in values):
            raise InvalidParameterError(f"{name} values must be positive integers: {values!r}")
    if isinstance(trials, bool) or not isinstance(trials, int) or trials < 1:
        raise InvalidParameterError(f"trials={trials!r} must be a positive integer")
    _check_data(config, widths, ks, out)
    identity = _identity(config)
    with ResultsWriter(out) as writer:
        done = set()
        for record in writer.records:
            mismatch = [f for f in identity if record.get(f) != identity[f]]
            if mismatch:
                raise ResultsFileError(
                    f"{out} holds trial {trial_key(record)} of a different experiment "
                    f"({mismatch[0]}: {record.get(mismatch[0])!r} there, "
                    f"{identity[mismatch[0]]!r} now); use another --out")
            done.add(trial_key(record))
        specs = (trial_spec(config["data"], w, k, i, config["seed"], config["training"],
                            config["max_pieces"])
                 for w in widths for k in ks for i in range(trials)
                 if (w, k, i) not in done)      # lazily: --trials may be large
        total = len(widths) * len(ks) * trials
        skipped = sum(1 for (w, k, i) in done if w in widths and k in ks and i < trials)
        bar = _progress(total, skipped, progress)
        try:
            with _executor(executor, workers, total - skipped) as pool:
                _drain(pool, specs, writer, bar, out)
        finally:
            bar.close()
    return {"finished": total - skipped, "skipped": skipped, "total": total}


@contextlib.contextmanager
def _executor(executor, workers, pending):
    if executor is not None:
        yield executor
        return
    # no more processes than trials to run (or, by default, than cores)
    workers = max(1, min(workers or os.cpu_count() or 1, pending))
    with ProcessPoolExecutor(max_workers=workers,
                             initializer=_watch_parent, initargs=(os.getpid(),)) as pool:
        yield pool


def _watch_parent(parent):
    """In a pool worker: exit when the parent is gone (killed), instead of lingering."""
    import threading
    import time

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _drain(pool, specs, writer, bar, out):
    """Submit with a bounded window, write each record as it completes.

    After a trial fails nothing new is submitted, but the trials already
    running are waited for and written: nothing computed is lost.
    """
    window = max(4, 4 * (getattr(pool, "_max_workers", 0) or 2))
    queue = iter(specs)
    running = {}
    failure = None

    def top_up():
        for spec in queue:
            running[pool.submit(run_trial, spec)] = spec
            if len(running) >= window:
                break

    top_up()
    try:
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                spec = running.pop(future)
                try:
                    record = future.result()
                except Exception as exc:
                    failure = failure or (spec, exc)
                    continue
                writer.write(record)
                bar.update(1)
            if failure is None:
                top_up()
    finally:
        for future in running:
            future.cancel()
    if failure is not None:
        spec, exc = failure
        raise TrialFailed(
            f"trial (width={spec['width']}, k={spec['k']}, trial={spec['trial']}) "
            f"failed: {type(exc).__name__}: {exc}; every finished trial is in "
            f"{out}, and rerunning resumes") from exc


class _NoBar:
    def update(self, n):
        pass

    def close(self):
        pass


def _progress(total, initial, enabled):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="trial", desc="experiment",
                dynamic_ncols=True)


@contextlib.contextmanager
def dask_executor(address="local", workers=None):
    """A ``concurrent.futures`` executor on a Dask distributed cluster.

    ``address="local"`` starts a :class:`distributed.LocalCluster` of
    ``workers`` single-threaded worker processes; otherwise it connects to the
    scheduler at ``address`` (e.g. ``tcp://10.0.0.5:8786``), whose workers
    must have exactrnn installed.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BackendError("running on Dask needs the 'distributed' package: "
                           "pip install 'exactrnn[dask]'") from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                   threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="10s")
    except (OSError, ValueError, TypeError) as exc:
        if cluster is not None:
            cluster.close()
        raise BackendError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        executor = client.get_executor(pure=False)
        executor._max_workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield executor
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
