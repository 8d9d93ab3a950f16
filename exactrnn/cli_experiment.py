"""``exactrnn experiment run|summarize``: the conjecture's experiment from the shell."""

import argparse
import contextlib
import json
import os
import re
import sys
import warnings

from .errors import InvalidParameterError
from .experiments import (DATASETS, TRAINING_DEFAULTS, dask_executor, experiment_config,
                          format_summary, plot_summary, read_results, run_experiment,
                          summarize)
from .experiments.flow import SOLVERS

__all__ = ["add_experiment_parser", "parse_range"]


def parse_range(text):
    """``"2..8"``, ``"2,4,8"`` or ``"3"`` (or a mix) as a sorted list of positive integers.

    >>> parse_range("2..5,8")
    [2, 3, 4, 5, 8]
    >>> parse_range("5..2")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '5..2' is an empty range
    """
    values = set()
    for part in text.split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d+)(?:\.\.(\d+))?", part)
        if not m:
            raise argparse.ArgumentTypeError(f"{part!r} is not a number or a range a..b")
        lo, hi = int(m[1]), int(m[2] or m[1])
        if hi < lo:
            raise argparse.ArgumentTypeError(f"{part!r} is an empty range")
        if lo < 1 or hi - lo > 10_000:
            raise argparse.ArgumentTypeError(f"{part!r} must be positive and at most 10000 long")
        values.update(range(lo, hi + 1))
    return sorted(values)


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {kind.__name__}") from None
        if not value > 0 or value != value or value == float("inf"):
            raise argparse.ArgumentTypeError(f"{text} must be positive and finite")
        return value
    return parse


def add_experiment_parser(sub, parser_class):
    exp = sub.add_parser("experiment", help="the conjecture's experiment: train from N(0,1), "
                         "count pieces exactly")
    esub = exp.add_subparsers(dest="action", parser_class=parser_class, required=True)
    run = esub.add_parser(
        "run", help="run (or resume) trials, appending to a JSONL file",
        description="Draw W ~ N(0,1), run gradient flow on the squared loss, and count the "
        "affine pieces of f_k of the trained (and the initial) W exactly. Each finished "
        "trial is one fsynced line of --out; rerunning the same command resumes.")
    run.add_argument("--dataset", default="staircase", metavar="NAME|FILE",
                     help=f"{', '.join(DATASETS)}, or a .json/.csv file (default: staircase)")
    run.add_argument("--points", type=_positive(int), default=32,
                     help="data points of a built-in data set (default: 32)")
    run.add_argument("--width", type=parse_range, default=[5], metavar="RANGE",
                     help="widths, e.g. 5 or 3..6 (default: 5)")
    run.add_argument("--k", type=parse_range, default=list(range(2, 9)), metavar="RANGE",
                     help="depths, e.g. 2..8 or 2,4,8 (default: 2..8)")
    run.add_argument("--trials", type=_positive(int), default=20,
                     help="trials per (width, k) (default: 20)")
    run.add_argument("--seed", type=int, default=0, help="base seed (default: 0)")
    run.add_argument("--out", required=True, metavar="FILE", help="the JSONL results file")
    where = run.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_positive(int), default=None,
                       help="local worker processes (default: one per core)")
    where.add_argument("--dask", metavar="ADDRESS",
                       help="run on a Dask cluster: a scheduler address, or 'local' "
                       "for a LocalCluster (with --dask-workers)")
    run.add_argument("--dask-workers", type=_positive(int), default=None,
                     help="workers of --dask local (default: one per core)")
    d = TRAINING_DEFAULTS
    run.add_argument("--method", choices=SOLVERS, default=d["method"],
                     help=f"solve_ivp solver (default: {d['method']})")
    run.add_argument("--T", type=_positive(float), default=d["T"],
                     help=f"flow time (default: {d['T']:g})")
    run.add_argument("--tol", type=_positive(float), default=d["tol"],
                     help=f"stop when |grad L| < tol (default: {d['tol']:g})")
    run.add_argument("--rtol", type=_positive(float), default=d["rtol"])
    run.add_argument("--atol", type=_positive(float), default=d["atol"])
    run.add_argument("--max-evaluations", type=_positive(int), default=d["max_evaluations"],
                     help=f"gradient evaluations per trial (default: {d['max_evaluations']})")
    run.add_argument("--gradient-descent", type=_positive(float), metavar="STEP",
                     help="plain gradient descent with this step size instead of the flow")
    run.add_argument("--iterations", type=_positive(int), default=10_000,
                     help="iterations of --gradient-descent (default: 10000)")
    run.add_argument("--max-pieces", type=_positive(int), default=2 ** 20,
                     help="piece budget per count (default: 2^20); a trial past it is "
                     "recorded as over budget")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.set_defaults(run=_run)

    summ = esub.add_parser("summarize", help="statistics, growth fits and a plain statement")
    summ.add_argument("file", metavar="FILE")
    summ.add_argument("--plot", metavar="OUT.png", help="also plot mean pieces against k")
    summ.add_argument("--json", action="store_true", help="print the summary as JSON")
    summ.set_defaults(run=_summarize)


@contextlib.contextmanager
def _one_line_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        old = warnings.showwarning
        warnings.showwarning = (lambda message, *a, **k:
                                print(f"exactrnn: warning: {message}", file=sys.stderr))
        try:
            yield
        finally:
            warnings.showwarning = old


def _check_plot(path):
    if path is None:
        return
    if os.path.splitext(path)[1].lower() not in (".png", ".pdf", ".svg"):
        raise InvalidParameterError(f"--plot {path}: name a .png, .pdf or .svg file")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InvalidParameterError(f"--plot {path}: the folder {folder} does not exist")


def _run(args):
    if args.seed < 0:
        raise InvalidParameterError(f"--seed {args.seed} must be non-negative")
    if args.dask_workers is not None and args.dask != "local":
        raise InvalidParameterError("--dask-workers goes with --dask local")
    if args.gradient_descent is not None:
        training = {"method": "gradient descent", "step": args.gradient_descent,
                    "iterations": args.iterations, "tol": args.tol}
    else:
        training = {"method": args.method, "T": args.T, "tol": args.tol, "rtol": args.rtol,
                    "atol": args.atol, "max_evaluations": args.max_evaluations}
    config = experiment_config(args.dataset, points=args.points, training=training,
                               seed=args.seed, max_pieces=args.max_pieces)
    with _one_line_warnings():
        if args.dask:
            with dask_executor(args.dask, args.dask_workers) as executor:
                done = run_experiment(config, args.width, args.k, args.trials, args.out,
                                      executor=executor, progress=not args.no_progress)
        else:
            done = run_experiment(config, args.width, args.k, args.trials, args.out,
                                  workers=args.workers, progress=not args.no_progress)
        print(f"{done['finished']} trials run, {done['skipped']} already in {args.out} "
              f"({done['total']} in all)")
        print(format_summary(summarize(read_results(args.out))))
    return 0


def _summarize(args):
    if not os.path.exists(args.file):
        raise InvalidParameterError(f"{args.file}: no such results file")
    _check_plot(args.plot)
    with _one_line_warnings():
        summary = summarize(read_results(args.file))
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(format_summary(summary))
    if args.plot:
        plot_summary(summary, args.plot)
        print(f"plot written to {args.plot}")
    return 0
