# %% [markdown]
# # The conjecture's experiment, small
#
# Run: `python examples/experiment.py [OUTDIR]` (a jupytext percent script). Trains width-4
# networks from N(0, 1) on staircase data for k = 2..4 and counts the pieces of the trained
# networks exactly; then re-counts one stored trial from the results file alone.

# %%
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from exactrnn import InputLine, ReLURNN
from exactrnn.experiments import (experiment_config, format_summary, read_results,
                                  run_experiment, summarize)

scratch = tempfile.TemporaryDirectory(prefix="exactrnn-exp-")     # removed at exit
out = sys.argv[1] if len(sys.argv) > 1 else scratch.name
path = os.path.join(out, "staircase.jsonl")
config = experiment_config("staircase", points=16,
                           training={"method": "RK45", "T": 50.0, "max_evaluations": 1000})
with ThreadPoolExecutor(2) as pool:          # any concurrent.futures executor will do
    print(run_experiment(config, [4], [2, 3, 4], 6, path, executor=pool, progress=False))

# %%
records = read_results(path)
print(format_summary(summarize(records)))

# %% [markdown]
# Every line stores the trained W exactly, so any count can be re-done from the file alone.

# %%
r = records[0]
line = InputLine([0, 0, 0, 1], [1, 0, 0, 0], (0, 1))     # x(t) = t·e_1 + e_4, t in [0, 1]
again = ReLURNN(r["W"]).count(line, r["k"])[0]
assert (again.pieces, again.activation_regions) == (r["trained"]["pieces"],
                                                    r["trained"]["activation_regions"])
print(f"trial {r['trial']} at k = {r['k']}: {again.pieces} pieces, re-counted from the file")
