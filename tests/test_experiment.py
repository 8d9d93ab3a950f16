"""The conjecture's experiment: data sets, trials, the results file, executors, summary."""

import json
import os
import signal
import subprocess
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import reference

from exactrnn import InputLine
from exactrnn.errors import DatasetError, ResultsFileError, ShapeError, TrialFailed
from exactrnn.experiments import (ResultsWriter, TornLineWarning, experiment_config,
                                  make_dataset, read_dataset, read_results, run_experiment,
                                  run_trial, summarize, trial_spec)
from exactrnn.experiments import runner as runner_module
from exactrnn.experiments.summary import format_summary
from exactrnn.experiments.trials import count_pieces

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUICK = {"method": "RK45", "T": 2.0, "tol": 1e-6, "rtol": 1e-6, "atol": 1e-9,
         "max_evaluations": 400}


def strip(records):
    """Records without the wall-clock field, in key order."""
    out = [{k: v for k, v in r.items() if k != "seconds"} for r in records]
    return sorted(out, key=lambda r: (r["width"], r["k"], r["trial"]))


# ---------------------------------------------------------------- data sets

def test_staircase_targets_are_cantor_values_by_hand():
    # 1/8 = 0.0101…₃ and 3/8 = 0.1010…₃: the first ternary 1 stops the Cantor digits
    d = make_dataset("staircase", width=5, k=4, points=4)
    assert [F(str(y)) for y in d.targets] == [F(1, 4), F(1, 2), F(1, 2), F(3, 4)]
    assert [tuple(F(str(v)) for v in x) for x in d.inputs][0] == (F(1, 8), 0, 0, 0, 1)
    assert (F(str(d.line.lo)), F(str(d.line.hi))) == (0, 1)


def test_yarotsky_targets_are_t_times_one_minus_t():
    d = make_dataset("yarotsky", width=4, k=3, points=7)
    for x, y in zip(d.inputs, d.targets):
        t = F(str(x[0]))
        assert F(str(y)) == t * (1 - t)


def test_variant_and_triangle_targets_by_hand():
    # variant (geometric): Σ 2·8^{-s} g^s(t); at t = 1/4 the orbit is 1/2, 1, 0, 0, …
    d = make_dataset("variant", width=3, k=2, points=2)
    assert F(str(d.targets[0])) == 2 * (F(1, 2) / 8 + F(1, 64))
    # triangle at depth k: the tent map iterated k - 1 times
    # k = 3: g(g(t)) at t = 1/16, 3/16, …, 15/16 (g(t) = 2t on [0, 1/2], 2 − 2t after)
    d = make_dataset("triangle", width=3, k=3, points=8)
    q, h = F(1, 4), F(3, 4)
    assert [F(str(y)) for y in d.targets] == [q, h, h, q, q, h, h, q]
    with pytest.raises(DatasetError, match="4 affine pieces.*points >= 8"):
        make_dataset("triangle", width=3, k=3, points=4)   # midpoints of the pieces: all 1/2
    d = make_dataset("triangle", width=3, k=1, points=2)
    assert [F(str(y)) for y in d.targets] == [F(1, 4), F(3, 4)]


@pytest.mark.parametrize("args, message", [
    (("staircase", 1, 3), "width=1"), (("staircase", 4, 0), "k=0"),
    (("staircase", 4, 3, 0), "points=0"), (("spiral", 4, 3), "unknown data set"),
])
def test_bad_dataset_arguments(args, message):
    with pytest.raises(DatasetError, match=message):
        make_dataset(*args)


def test_user_json_and_csv(tmp_path):
    js = tmp_path / "d.json"
    js.write_text(json.dumps({"inputs": [[0, 1], ["1/2", 1], ["0.75", 1]],
                              "targets": ["1/3", 0, "0.1"]}))
    d = read_dataset(str(js))
    assert [F(str(y)) for y in d.targets] == [F(1, 3), 0, F(1, 10)]
    # the line through the data: origin x_0, direction x_1 - x_0, over the span t in [0, 3/2]
    assert [F(str(v)) for v in d.line.direction] == [F(1, 2), 0]
    assert (F(str(d.line.lo)), F(str(d.line.hi))) == (0, F(3, 2))
    assert d.name.startswith("file:d.json@")
    csv = tmp_path / "d.csv"
    csv.write_text("x1,x2,y\n# a comment\n0,1,1/3\n0.5,1,0\n0.75,1,0.1\n")
    c = read_dataset(str(csv))
    assert c.targets == d.targets and c.inputs == d.inputs


@pytest.mark.parametrize("name, text, error, message", [
    ("f.json", '{"inputs": [[0.1, 1]], "targets": [0]}', DatasetError, "as a string"),
    ("f.json", '{"inputs": [[0, 1], [1, 1]], "targets": [0]}', ShapeError, "2 inputs but 1"),
    ("f.json", '{"inputs": [[0, 0], [1, 0], [0, 1]], "targets": [0, 0, 0]}',
     DatasetError, "off the line"),
    ("f.json", '{"inputs": [[1, 1]], "targets": [0]}', DatasetError, "same point"),
    ("f.json", '[1, 2]', DatasetError, "keys 'inputs' and 'targets'"),
    ("f.json", '{"inputs": [[NaN, 1]], "targets": [0]}', DatasetError, "NaN"),
    ("f.csv", "0,1,0\n1,1,zz\n", DatasetError, "line 2"),
    ("f.csv", "0,1,0\n1,1\n", ShapeError, "line 2 has 2 fields"),
    ("f.csv", "x,y\n", DatasetError, "no data rows"),
])
def test_bad_user_files(tmp_path, name, text, error, message):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(error, match=message):
        read_dataset(str(path))


# ---------------------------------------------------------------- trials

def test_trial_is_reproducible_and_stores_its_weights_exactly():
    spec = trial_spec({"name": "staircase", "points": 8}, 4, 3, 2, 7, QUICK, 10_000)
    a, b = run_trial(spec), run_trial(spec)
    assert strip([a]) == strip([b])
    # the initial W is N(0,1) from SeedSequence([seed, width, k, trial]), stored exactly
    W0 = np.random.default_rng(np.random.SeedSequence([7, 4, 3, 2])).standard_normal((4, 4))
    assert [[F(v) for v in row] for row in a["W_init"]] == [[F(v) for v in row] for row in W0]
    assert a["seed_sequence"] == [7, 4, 3, 2] and a["dataset"] == {"name": "staircase",
                                                                   "points": 8}


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2 ** 32), st.integers(2, 5), st.integers(1, 6),
       st.sampled_from(["staircase", "yarotsky", "triangle"]))
def test_stored_weights_recount_to_the_stored_counts(seed, w, k, name):
    # re-count from the record alone, with the independent Fraction reference
    r = json.loads(json.dumps(run_trial(trial_spec({"name": name, "points": 64}, w, k, 0, seed,
                                                   QUICK, 10 ** 6))))
    origin, direction = [0] * (w - 1) + [1], [1] + [0] * (w - 1)
    for weights, field in ((r["W_init"], "init"), (r["W"], "trained")):
        W = [[F(v) for v in row] for row in weights]
        pieces, regions, _ = reference(W, origin, direction, (F(0), F(1)), k)[-1]
        assert r[field] == {"pieces": pieces, "activation_regions": regions}


def test_a_count_over_the_budget_is_recorded_not_dropped():
    # the width-3 tent network: f_5 = tent iterated 4 times, 16 pieces on [0, 1]
    tent = np.array([[2.0, -4.0, 0.0], [2.0, -4.0, -0.5], [0.0, 0.0, 1.0]])
    line = InputLine("0,0,1", "1/2,0,0", (0, 1))
    regions = reference(tent, [0, 0, 1], [F(1, 2), 0, 0], (F(0), F(1)), 5)[-1][1]
    assert count_pieces(tent, line, 5, 100) == {"pieces": 16, "activation_regions": regions}
    assert regions > 10
    over = count_pieces(tent, line, 5, 10)
    assert over["over_budget"] and over["max_pieces"] == 10 and over["regions_at_least"] > 10
    assert "pieces" not in over          # unknown: the budget counts regions, not pieces


def test_user_data_ship_with_the_trial(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"inputs": [["1/4", 0, 1], ["1/2", 0, 1], ["3/4", 0, 1]],
                                "targets": [0, 1, 0]}))
    config = experiment_config(str(path), training=QUICK)
    out = tmp_path / "runs.jsonl"
    with ThreadPoolExecutor(1) as pool:
        run_experiment(config, [3], [2], 2, str(out), executor=pool, progress=False)
    records = read_results(str(out))
    assert {r["dataset"]["name"] for r in records} == {read_dataset(str(path)).name}
    with pytest.raises(Exception, match="R\\^3"):
        run_experiment(config, [4], [2], 1, str(out), executor=pool, progress=False)


# ---------------------------------------------------------------- the results file

def test_torn_last_line_is_ignored_and_cut_off(tmp_path):
    path = str(tmp_path / "r.jsonl")
    with ResultsWriter(path) as out:
        out.write({"W": None, "width": 1, "k": 1, "trial": 0})
        out.write({"W": None, "width": 1, "k": 1, "trial": 1})
    with open(path, "ab") as fh:
        fh.write(b'{"W":[["1/2","-3/')        # records start with "W": keys are sorted
    with pytest.warns(TornLineWarning, match="torn last line"):
        assert [r["trial"] for r in read_results(path)] == [0, 1]
    with pytest.warns(TornLineWarning):
        with ResultsWriter(path) as out:
            out.write({"W": None, "width": 1, "k": 1, "trial": 2})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [r["trial"] for r in read_results(path)] == [0, 1, 2]


@pytest.mark.parametrize("content", [
    b'{"inputs": [["1/8", "1"]], "targets": ["0"]}',      # json.dump output: no newline
    b"\xff\xfe", b"x,y\n0,1"])
def test_a_file_that_is_not_a_results_file_is_never_cut(tmp_path, content):
    path = tmp_path / "data.json"
    path.write_bytes(content)
    with pytest.raises(ResultsFileError, match="not a trial record"):
        ResultsWriter(str(path))
    assert path.read_bytes() == content


def test_special_files_are_refused(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (str(fifo), str(tmp_path), "/dev/null"):
        with pytest.raises(ResultsFileError, match="not a regular file"):
            ResultsWriter(path)
    with pytest.raises(ResultsFileError, match="not a regular file"):
        read_results(str(fifo))
    with pytest.raises(DatasetError, match="not a regular file"):
        read_dataset(str(fifo))


def test_whole_last_line_without_newline_is_kept(tmp_path):
    path = str(tmp_path / "r.jsonl")
    with open(path, "w") as fh:
        fh.write('{"W": null, "width": 1, "k": 1, "trial": 0}')
    with ResultsWriter(path) as out:
        out.write({"W": None, "width": 1, "k": 1, "trial": 1})
    assert [r["trial"] for r in read_results(path)] == [0, 1]


def test_corruption_inside_the_file_is_an_error(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"width": 1, "k": 1, "trial": 0}\nnot json\n{"width": 1, "k": 1, '
                    '"trial": 1}\n')
    with pytest.raises(ResultsFileError, match="line 2"):
        read_results(str(path))


def test_two_writers_cannot_share_a_file(tmp_path):
    path = str(tmp_path / "r.jsonl")
    with ResultsWriter(path):
        with pytest.raises(ResultsFileError, match="another run"):
            ResultsWriter(path)


# ---------------------------------------------------------------- running

def test_resume_skips_finished_trials_and_refuses_another_experiment(tmp_path):
    path = str(tmp_path / "r.jsonl")
    config = experiment_config("triangle", points=16, training=QUICK)
    with ThreadPoolExecutor(2) as pool:
        assert run_experiment(config, [3], [2, 3], 2, path, executor=pool,
                              progress=False)["finished"] == 4
        done = run_experiment(config, [3], [2, 3, 4], 3, path, executor=pool, progress=False)
        assert done == {"finished": 5, "skipped": 4, "total": 9}
        keys = [(r["width"], r["k"], r["trial"]) for r in read_results(path)]
        assert sorted(keys) == [(3, k, i) for k in (2, 3, 4) for i in range(3)]
        other = experiment_config("triangle", points=17, training=QUICK)
        with pytest.raises(ResultsFileError, match="different experiment"):
            run_experiment(other, [3], [2], 1, path, executor=pool, progress=False)


def test_a_failing_trial_stops_the_run_and_keeps_the_finished(tmp_path, monkeypatch):
    path = str(tmp_path / "r.jsonl")
    real = runner_module.run_trial

    def flaky(spec):
        if spec["trial"] == 2:
            raise RuntimeError("boom")
        return real(spec)

    monkeypatch.setattr(runner_module, "run_trial", flaky)
    config = experiment_config("triangle", points=8, training=QUICK)
    with ThreadPoolExecutor(1) as pool:
        with pytest.raises(TrialFailed, match="trial=2.*boom.*rerunning resumes"):
            run_experiment(config, [3], [2], 4, path, executor=pool, progress=False)
    assert {r["trial"] for r in read_results(path)} == {0, 1, 3}   # the rest still written
    monkeypatch.setattr(runner_module, "run_trial", real)
    with ThreadPoolExecutor(1) as pool:
        run_experiment(config, [3], [2], 4, path, executor=pool, progress=False)
    assert sorted(r["trial"] for r in read_results(path)) == [0, 1, 2, 3]


def test_results_do_not_depend_on_the_executor(tmp_path):
    config = experiment_config("staircase", points=6, training=QUICK)
    runs = []
    for name, pool in (("threads1", ThreadPoolExecutor(1)),
                       ("procs2", ProcessPoolExecutor(2))):
        path = str(tmp_path / f"{name}.jsonl")
        with pool:
            run_experiment(config, [3, 4], [2, 3], 3, path, executor=pool, progress=False)
        runs.append(strip(read_results(path)))
    assert runs[0] == runs[1] and len(runs[0]) == 12


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_results(tmp_path):
    pytest.importorskip("distributed")
    from exactrnn.experiments import dask_executor

    config = experiment_config("staircase", points=6, training=QUICK)
    with dask_executor("local", 2) as executor:
        run_experiment(config, [4], [2, 3], 3, str(tmp_path / "dask.jsonl"),
                       executor=executor, progress=False)
    with ThreadPoolExecutor(1) as pool:
        run_experiment(config, [4], [2, 3], 3, str(tmp_path / "local.jsonl"),
                       executor=pool, progress=False)
    assert (strip(read_results(str(tmp_path / "dask.jsonl")))
            == strip(read_results(str(tmp_path / "local.jsonl"))))


@pytest.mark.slow
def test_sigkill_loses_only_trials_in_flight(tmp_path):
    path = tmp_path / "killed.jsonl"
    command = [sys.executable, "-m", "exactrnn", "experiment", "run", "--dataset", "staircase",
               "--points", "16", "--width", "5", "--k", "2..6", "--trials", "6",
               "--max-evaluations", "3000", "--workers", "2", "--no-progress",
               "--out", str(path)]
    proc = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = path.read_bytes().count(b"\n")
    assert 5 <= before < 30, "the run finished before it could be killed"
    with open(path, "ab") as fh:       # and a torn line, as if killed mid-write
        fh.write(b'{"W": [["1/2", "-3')
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert "torn last line" in rerun.stderr
    records = read_results(str(path))
    keys = [(r["width"], r["k"], r["trial"]) for r in records]
    assert sorted(keys) == [(5, k, i) for k in range(2, 7) for i in range(6)]  # each once
    clean = tmp_path / "clean.jsonl"
    subprocess.run(command[:-1] + [str(clean)], cwd=ROOT, check=True, timeout=600,
                   capture_output=True)
    assert strip(records) == strip(read_results(str(clean)))


@pytest.mark.slow
def test_pool_workers_do_not_outlive_a_killed_run(tmp_path):
    path = tmp_path / "orphans.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "exactrnn", "experiment", "run",
                             "--points", "16", "--k", "2..6", "--trials", "20", "--workers", "2",
                             "--no-progress", "--out", str(path)], cwd=ROOT,
                            start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and not (path.exists() and path.read_bytes().count(b"\n")):
        time.sleep(0.01)
    with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as fh:
        workers = [int(p) for p in fh.read().split()]
    assert workers
    os.kill(proc.pid, signal.SIGKILL)        # the parent only, not its group
    proc.wait()
    deadline = time.time() + 15
    alive = workers
    while alive and time.time() < deadline:
        alive = [p for p in workers if os.path.exists(f"/proc/{p}")
                 and not open(f"/proc/{p}/stat").read().split()[2] == "Z"]
        time.sleep(0.2)
    try:
        assert not alive, "pool workers outlived the killed run"
    finally:
        for p in alive:
            os.kill(p, signal.SIGKILL)


# ---------------------------------------------------------------- summary

def _record(k, i, pieces, init=1, stop="time", converged=False, moved=True, **extra):
    return {"width": 3, "k": k, "trial": i, "stop": stop, "converged": converged,
            "moved": moved, "init": {"pieces": init}, "trained": pieces, **extra}


def test_summary_statistics_by_hand():
    recs = [_record(k, i, {"pieces": 3 ** k}) for k in (1, 2, 3, 4) for i in range(5)]
    recs.append(_record(2, 5, {"pieces": 4}, stop="stationary", converged=True, moved=False,
                        gradient_norm_initial=0.0))
    s = summarize(recs)
    g2 = next(g for g in s["groups"] if g["k"] == 2)
    assert g2["trials"] == 6 and g2["trained"]["mean"] == (5 * 9 + 4) / 6
    assert g2["trained"]["median"] == 9 and g2["converged"] == 1 / 6
    assert g2["never_moved"] == 1 / 6 and g2["dead_at_init"] == 1
    lo, hi = g2["trained"]["mean_ci"]
    assert 4 <= lo <= g2["trained"]["mean"] <= hi <= 9
    fit = s["fits"][0]
    assert 2.5 < fit["trained"]["factor"] < 3.1 and fit["init"]["factor"] == 1.0
    assert "grows with k" in s["statement"] and "Training raises" in s["statement"]
    assert "gradient at initialization is exactly 0" in s["statement"]
    assert "exact piece counts" in format_summary(s)


def test_summary_does_not_depend_on_record_order_and_drops_duplicates():
    rng = np.random.default_rng(5)
    recs = [_record(k, i, {"pieces": int(rng.integers(1, 20))}) for k in (2, 3, 4)
            for i in range(6)]
    shuffled = [recs[j] for j in rng.permutation(len(recs))]
    assert summarize(shuffled) == summarize(recs)
    doubled = summarize(recs + recs[:4])
    assert doubled["duplicates"] == 4 and doubled["groups"] == summarize(recs)["groups"]
    assert "4 duplicate records were ignored" in doubled["statement"]


def test_summary_refuses_mixed_experiments_and_foreign_records():
    a = _record(2, 0, {"pieces": 1}, seed=0)
    b = _record(2, 1, {"pieces": 1}, seed=1)
    with pytest.raises(ResultsFileError, match="different experiments.*seed"):
        summarize([a, b])
    with pytest.raises(ResultsFileError, match="not a trial record"):
        summarize([{"width": 1, "k": 1, "trial": 0}])


def test_over_budget_counts_are_left_out_not_taken_as_bounds():
    recs = [_record(k, i, {"pieces": 2}) for k in (2, 3, 4) for i in range(5)]
    recs.append(_record(4, 5, {"over_budget": True, "regions_at_least": 9, "max_pieces": 4}))
    s = summarize(recs)
    g4 = s["groups"][-1]
    assert g4["trials"] == 6 and g4["trained"]["n"] == 5 and g4["trained"]["mean"] == 2
    assert g4["over_budget"] == 1 and "passed the piece budget" in s["statement"]
    assert s["fits"][0]["trained"]["factor_ci"] == [1.0, 1.0]
    assert "no detectable trend" in s["statement"]
    assert summarize([])["statement"].startswith("The file holds no finished trials")


@pytest.mark.parametrize("field", [None, [], {}, {"pieces": "3"}, {"pieces": 0}])
def test_summary_refuses_malformed_counts(field):
    with pytest.raises(ResultsFileError, match="not a piece count"):
        summarize([_record(2, 0, field)])


def test_stop_tallies_count_only_runs_that_moved():
    # one run moved and ended stationary; one never moved and ended at the budget
    recs = [_record(2, 0, {"pieces": 1}, stop="stationary", moved=True, flow_time=3.0),
            _record(2, 1, {"pieces": 1}, stop="budget", moved=False, flow_time=0.0)]
    st = summarize(recs)["statement"]
    assert "Of the 1 runs that moved, 1 ended at stationary; their median flow time is 3" in st
    assert "where the integration stopped" not in st
    none_moved = summarize([_record(2, 0, {"pieces": 1}, stop="budget", moved=False)])
    assert "runs that moved" not in none_moved["statement"]


def test_too_few_trials_give_no_verdict():
    # one trial per k: any pattern at all would get a zero-width "interval"
    s = summarize([_record(k, 0, {"pieces": 2 ** k}) for k in (2, 3, 4)])
    assert "no trend is claimed" in s["statement"]
    assert "grows" not in s["statement"] and "95% CI" not in s["statement"]


def test_huge_gradient_descent_steps_diverge_cleanly(tmp_path):
    path = str(tmp_path / "gd.jsonl")
    config = experiment_config("triangle", points=8,
                               training={"method": "gradient descent", "step": 1e308,
                                         "iterations": 50, "tol": 1e-8})
    with ThreadPoolExecutor(2) as pool:
        run_experiment(config, [3], [2, 3], 4, path, executor=pool, progress=False)
    records = read_results(path)
    assert len(records) == 8
    for r in records:
        assert r["stop"] in ("diverged", "stationary", "iterations")
        if r["W"] is None:          # no finite W: recorded as diverged, counts marked
            assert r["stop"] == "diverged" and r["trained"] == {"not_finite": True}
    assert "gradient descent" in summarize(records)["statement"]


def test_results_are_not_written_over_the_data(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"inputs": [["1/4", 1], ["3/4", 1]], "targets": [0, 1]}))
    before = path.read_bytes()
    config = experiment_config(str(path), training=QUICK)
    with pytest.raises(Exception, match="is the data file"):
        run_experiment(config, [2], [2], 1, str(path), workers=1, progress=False)
    assert path.read_bytes() == before


def test_bad_data_fails_before_any_trial(tmp_path):
    out = tmp_path / "r.jsonl"
    with pytest.raises(DatasetError, match="two points per piece"):
        run_experiment(experiment_config("triangle", points=8), [3], [2, 6], 1, str(out),
                       workers=1, progress=False)
    with pytest.raises(DatasetError, match="width=1"):
        run_experiment(experiment_config("staircase"), [1], [2], 1, str(out), workers=1,
                       progress=False)
    assert not out.exists() or out.read_bytes() == b""


def test_stored_line_recounts_user_data(tmp_path):
    from exactrnn.experiments import recount

    path = tmp_path / "d.csv"
    path.write_text("0,0,1,0\n1/3,0,1,1\n2/3,0,1,0\n1,0,1,1\n")
    out = tmp_path / "r.jsonl"
    with ThreadPoolExecutor(1) as pool:
        run_experiment(experiment_config(str(path), training=QUICK), [3], [3], 2, str(out),
                       executor=pool, progress=False)
    for r in read_results(str(out)):
        assert recount(r) == r["trained"]
        # the line through the data: x_0 + t (x_1 - x_0), so t runs over [0, 3]
        assert r["line"]["direction"] == ["1/3", "0", "0"] and r["line"]["interval"] == ["0", "3"]


# ---------------------------------------------------------------- command line

def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "exactrnn", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_cli_run_and_summarize(tmp_path):
    out = tmp_path / "r.jsonl"
    p = run_cli("experiment", "run", "--dataset", "yarotsky", "--points", "8", "--width", "3",
                "--k", "2..3", "--trials", "2", "--max-evaluations", "300", "--workers", "1",
                "--no-progress", "--out", str(out))
    assert p.returncode == 0, p.stderr
    assert "4 trials run, 0 already" in p.stdout
    plot = tmp_path / "p.png"
    p = run_cli("experiment", "summarize", str(out), "--plot", str(plot))
    assert p.returncode == 0 and plot.read_bytes()[:4] == b"\x89PNG"
    p = run_cli("experiment", "summarize", str(out), "--json")
    assert len(json.loads(p.stdout)["groups"]) == 2


@pytest.mark.parametrize("args, message", [
    (["run", "--k", "5..2", "--out", "x"], "empty range"),
    (["run", "--k", "two", "--out", "x"], "not a number"),
    (["run", "--dataset", "nope.csv", "--out", "x"], "cannot read"),
    (["run", "--seed", "-1", "--out", "x"], "non-negative"),
    (["summarize", "missing.jsonl"], "no such results file"),
    (["run", "--dask-workers", "2", "--out", "x"], "goes with --dask local"),
    (["run", "--dask", "bogus", "--k", "2", "--trials", "1", "--out", "bog.jsonl"],
     "cannot reach the Dask scheduler"),
    (["run", "--out", "/dev/null"], "not a regular file"),
    (["run", "--dataset", "triangle", "--out", "x"], "two points per piece"),
])
def test_cli_errors_are_one_line(args, message, tmp_path):
    p = run_cli("experiment", *args, cwd=tmp_path)
    assert p.returncode == 2 and message in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr
