"""The command line: its JSON contract, its table output, and one-line errors."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from exactrnn.cli import main

pytestmark = pytest.mark.core

TENT = ["--W", "2,-4,0; 2,-4,-1/2; 0,0,1", "--origin", "0,0,1", "--direction", "1/2,0,0"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_contract_json(capsys):
    code, out, err = run(capsys, "count", *TENT, "--interval", "0", "1", "--k", "12", "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc == {"width": 3, "domain": {"interval": ["0", "1"]},
                   "results": [{"k": 12, "pieces": 2048, "activation_regions": 4096}]}


def test_contract_all_k_breakpoints_whole_line(capsys):
    code, out, _ = run(capsys, "count", *TENT, "--whole-line", "--k", "3", "--all-k",
                       "--breakpoints", "--json")
    doc = json.loads(out)
    assert doc["domain"] == {"whole_line": True}
    # the tent map on R (see test_rnn): f_1 = ReLU(t), f_k = g^(k-1) on [0,1], 0 outside
    assert doc["results"] == [
        {"k": 1, "pieces": 2, "activation_regions": 3, "breakpoints": ["0"]},
        {"k": 2, "pieces": 4, "activation_regions": 6, "breakpoints": ["0", "1/2", "1"]},
        {"k": 3, "pieces": 6, "activation_regions": 10,
         "breakpoints": ["0", "1/4", "1/2", "3/4", "1"]},
    ]
    for r in doc["results"]:
        assert r["pieces"] == len(r["breakpoints"]) + 1


def test_default_runs_the_builtin_example(capsys):
    code, out, _ = run(capsys, "count")
    assert code == 0
    assert "2048" in out and "pieces" in out


def test_table_output_with_breakpoints(capsys):
    code, out, _ = run(capsys, "count", *TENT, "--k", "2", "--breakpoints")
    assert code == 0
    assert "breakpoints: 1/2" in out


def test_weights_files(tmp_path, capsys):
    js = tmp_path / "W.json"
    js.write_text(json.dumps([[2, -4, 0], [2, -4, "-1/2"], [0, 0, 1]]))
    npy = tmp_path / "W.npy"
    np.save(npy, np.array([[2, -4, 0], [2, -4, -0.5], [0, 0, 1]]))
    txt = tmp_path / "W.txt"
    txt.write_text("2 -4 0\n2 -4 -0.5\n0 0 1\n")
    floats = tmp_path / "Wf.json"
    floats.write_text("[[2, -4, 0], [2, -4, -0.5], [0, 0, 1]]")
    line = ["--origin", "0,0,1", "--direction", "1/2,0,0", "--k", "5", "--json"]
    for args in ([str(js)], [str(npy)], [str(txt)], [str(floats), "--float-weights"]):
        code, out, err = run(capsys, "count", "--weights", *args, *line)
        assert code == 0, err
        assert json.loads(out)["results"][0]["pieces"] == 16


def test_float_weights_flag_on_the_command_line(capsys):
    # z_1 = a t - 1 with a = "0.1" switches at t = 1/a: exactly 10 when "0.1"
    # is the decimal 1/10, and 2^55 / 3602879701896397 when --float-weights
    # makes it the double nearest 1/10 (0.1 = 3602879701896397 / 2^55).
    args = ["count", "--W", "0.1, -1; 0, 1", "--origin", "0,1", "--direction", "1,0",
            "--interval", "0", "20", "--k", "1", "--breakpoints", "--json"]
    _, out, _ = run(capsys, *args)
    assert json.loads(out)["results"][0]["breakpoints"] == ["10"]
    _, out, _ = run(capsys, *args, "--float-weights")
    assert json.loads(out)["results"][0]["breakpoints"] == [f"{2 ** 55}/3602879701896397"]


def test_budget_exit_keeps_finished_depths(capsys):
    code, out, err = run(capsys, "count", *TENT, "--k", "20", "--all-k", "--max-pieces",
                         "100", "--json")
    assert code == 3
    doc = json.loads(out)
    assert [r["k"] for r in doc["results"]] == [1, 2, 3, 4, 5, 6]
    assert doc["stopped"] == {"k": 7, "reason": "max_pieces", "max_pieces": 100}
    assert err.count("\n") == 1 and "k=7" in err


def _write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, np.ndarray):
        np.save(path, content)
    else:
        path.write_text(content)
    return str(path)


BAD = [
    # (argv after "count", fragment of the one-line message)
    (["--W", "1,2; 3", "--origin", "0,0", "--direction", "1,1"], "not square"),
    (["--W", "", "--origin", "0", "--direction", "1"], "empty"),
    (["--W", "1,x; 0,1", "--origin", "0,0", "--direction", "1,1"], "W[0][1]='x'"),
    (["--W", "1/0", "--origin", "0", "--direction", "1"], "zero denominator"),
    (["--W", "nan", "--origin", "0", "--direction", "1"], "not finite"),
    (["--W", "inf", "--origin", "0", "--direction", "1"], "not finite"),
    (["--W", "1", "--origin", "0,1", "--direction", "1"], "coordinates"),
    (["--W", "1,0;0,1", "--origin", "0,1", "--direction", "1,1,1"], "coordinates"),
    (["--W", "1", "--origin", "0", "--direction", "1", "--interval", "1", "0"], "need a < b"),
    (["--W", "1", "--origin", "0", "--direction", "1", "--interval", "1/2", "0.5"],
     "need a < b"),
    (["--W", "1", "--origin", "0", "--direction", "1", "--interval", "a", "1"],
     "interval[0]='a'"),
    (["--W", "1", "--origin", "0", "--direction", "1", "--k", "0"], "at least 1"),
    (["--W", "1", "--origin", "0", "--direction", "1", "--k", "two"], "not an integer"),
    (["--W", "1", "--direction", "1"], "--origin"),
    (["--W", "1", "--weights", "x.json", "--origin", "0", "--direction", "1"],
     "not allowed with"),
    (["--W", "1,0;0,1", "--origin", "0,0", "--direction", "1,1", "--readout", "1"],
     "readout has 1"),
    (["--W", "1", "--origin", "0", "--direction", "1", "--max-pieces", "-5"], "at least 1"),
    (["--W", "1e999999", "--origin", "0", "--direction", "1"], "exponent"),
    (["--W", "1", "--origin", "0", "--direction", "1", "--interval", "0"], "expected 2"),
]


def _call_main(capsys, argv):
    try:
        return run(capsys, *argv)
    except SystemExit as exc:  # argparse errors exit through SystemExit
        out, err = capsys.readouterr()
        return exc.code, out, err


@pytest.mark.parametrize("argv, fragment", BAD)
def test_bad_input_exit(capsys, argv, fragment):
    code, out, err = _call_main(capsys, ["count", *argv])
    assert code == 2
    assert err.startswith("exactrnn: error:") and err.count("\n") == 1
    assert fragment in err and "Traceback" not in err


BAD_FILES = [
    ("W.json", "[[0.5, 1], [0, 1]]", "--float-weights"),
    ("W.json", "[[NaN, 1], [0, 1]]", "NaN"),
    ("W.json", "{\"V\": [[1]]}", "key 'W'"),
    ("W.json", "[[1, 2], [3]]", "not square"),
    ("W.json", "[1, 2]", "list of rows"),
    ("W.json", "[[1, true], [0, 1]]", "not a number"),
    ("W.json", "[[1, 2", "not valid JSON"),
    ("W.npy", np.array([[np.nan, 1.0], [0.0, 1.0]]), "not finite"),
    ("W.npy", np.zeros((2, 2, 2)), "2-D"),
    ("W.npy", np.array([[1 + 1j]]), "complex"),
    ("W.txt", "1 2\n3 zz\n", "'zz'"),
]


@pytest.mark.parametrize("name, content, fragment", BAD_FILES)
def test_bad_weight_files(tmp_path, capsys, name, content, fragment):
    path = _write(tmp_path, name, content)
    code, out, err = _call_main(capsys, ["count", "--weights", path, "--origin", "0,0",
                                         "--direction", "1,1"])
    assert code == 2 and fragment in err and err.count("\n") == 1, err


def test_missing_weight_file(capsys, tmp_path):
    code, _, err = _call_main(capsys, ["count", "--weights", str(tmp_path / "nope.json"),
                                       "--origin", "0", "--direction", "1"])
    assert code == 2 and "cannot read" in err


def test_module_entry_point_and_unknown_backend(tmp_path):
    env = dict(os.environ, EXACTRNN_GROUND_TYPES="quaternions")
    proc = subprocess.run([sys.executable, "-m", "exactrnn", "count"], env=env,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "EXACTRNN_GROUND_TYPES='quaternions'" in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "exactrnn", "count", "--k", "3", "--json"],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and json.loads(ok.stdout)["results"][0]["pieces"] == 4
