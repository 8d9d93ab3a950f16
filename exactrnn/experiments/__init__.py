"""The conjecture's experiment: gradient flow from N(0, 1) weights, exact piece counts.

* :mod:`.datasets`: exact data (staircase, Yarotsky, the note's variant,
  the triangle wave, user files) and the line to count pieces on;
* :mod:`.flow`: float64 gradient flow with a solver budget (training is
  numerical);
* :mod:`.trials`: one seeded trial, its trained W stored exactly and counted
  exactly (``Q.from_float``: every double is a dyadic rational);
* :mod:`.store`: the append-only, fsynced JSONL results file;
* :mod:`.runner`: trials on any ``concurrent.futures`` executor (process
  pool, Dask), resumable;
* :mod:`.summary`: bootstrap intervals, growth fits and a plain statement.
"""

from .datasets import DATASETS, Dataset, make_dataset, read_dataset
from .flow import gradient_descent, gradient_flow, loss_and_gradient
from .runner import dask_executor, experiment_config, run_experiment
from .store import ResultsWriter, TornLineWarning, read_results
from .summary import format_summary, plot_summary, summarize
from .trials import TRAINING_DEFAULTS, initial_weights, recount, run_trial, trial_spec

__all__ = ["loss_and_gradient", "gradient_flow", "gradient_descent", "DATASETS", "Dataset",
           "make_dataset", "read_dataset", "trial_spec", "run_trial", "initial_weights",
           "recount", "TRAINING_DEFAULTS", "ResultsWriter", "read_results", "TornLineWarning",
           "experiment_config", "run_experiment", "dask_executor", "summarize",
           "format_summary", "plot_summary"]
