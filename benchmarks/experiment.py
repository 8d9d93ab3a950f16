"""Experiment benchmark: trials per second at w = 5, k = 2..8, and 1 vs 2 workers.

Run ``python benchmarks/experiment.py`` (``--quick`` for a smoke run). The
same trials (staircase data, 32 points, default flow settings) run on a
process pool of 1 worker and then of 2 workers, each writing a fresh results
file; the script prints trials per second for each, the speed-up ratio, the
share of each trial spent in training vs exact counting, and checks that both
runs wrote identical records (the executor must not change results).
"""

import argparse
import os
import tempfile
import time

from exactrnn.experiments import experiment_config, read_results, run_experiment
from exactrnn.experiments.trials import count_pieces, initial_weights
from exactrnn.experiments.datasets import make_dataset


def timed_run(config, ks, trials, workers, directory):
    path = os.path.join(directory, f"w{workers}.jsonl")
    t = time.perf_counter()
    run_experiment(config, [5], ks, trials, path, workers=workers, progress=False)
    dt = time.perf_counter() - t
    records = read_results(path)
    return dt, records


def counting_share(records):
    """Time of the exact counts alone, re-done in this process, against the trials' time."""
    t = time.perf_counter()
    for r in records:
        data = make_dataset("staircase", r["width"], r["k"], r["dataset"]["points"])
        count_pieces(initial_weights(*r["seed_sequence"]), data.line, r["k"], r["max_pieces"])
        if r["W"] is not None:
            count_pieces(r["W"], data.line, r["k"], r["max_pieces"])
    return time.perf_counter() - t, sum(r["seconds"] for r in records)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--trials", type=int, default=None)
    args = parser.parse_args()
    ks = [2, 3] if args.quick else list(range(2, 9))
    trials = args.trials or (2 if args.quick else 20)
    config = experiment_config("staircase", points=32)
    n = len(ks) * trials
    print(f"[1] {n} trials: width 5, k = {ks[0]}..{ks[-1]}, {trials} per depth, "
          f"staircase data (32 points), RK45 flow, budget "
          f"{config['training']['max_evaluations']} evaluations")
    with tempfile.TemporaryDirectory() as directory:
        t1, r1 = timed_run(config, ks, trials, 1, directory)
        t2, r2 = timed_run(config, ks, trials, 2, directory)
    strip = lambda rs: sorted(({k: v for k, v in r.items() if k != "seconds"} for r in rs),
                              key=lambda r: (r["k"], r["trial"]))
    same = strip(r1) == strip(r2)
    print(f"    1 worker : {t1:7.2f} s   {n / t1:7.2f} trials/s")
    print(f"    2 workers: {t2:7.2f} s   {n / t2:7.2f} trials/s")
    print(f"    identical records from both runs: {same}")
    print(f"RATIO 2-worker speed-up over 1 worker: {t1 / t2:.2f}x (ideal 2 on 2 cores)")
    counting, total = counting_share(r1)
    print(f"RATIO exact counting / whole trial time: {counting / total:.3f} "
          f"({counting:.2f} s of {total:.2f} s; the rest is float64 training)")
    if not same:
        raise SystemExit("records differ between executors")


if __name__ == "__main__":
    main()
