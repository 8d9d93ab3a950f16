"""Backend parity: gmpy2 and pure Python give identical results.

Each backend is chosen once per process (``EXACTRNN_GROUND_TYPES``), so the
same script runs in one subprocess per backend and their outputs are compared
byte for byte. CI also runs the ``core`` tests under ``python``.
"""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.core

SCRIPT = r"""
import json, random
from fractions import Fraction
import exactrnn
from exactrnn import ReLURNN, InputLine, Q, format_rational, PiecewiseLinear

rng = random.Random(7)
def r():
    return Fraction(rng.randint(-4, 4), rng.randint(1, 4))

out = {"backend": exactrnn.GROUND_TYPES, "cases": []}
for trial in range(25):
    w = rng.randint(1, 5)
    W = [[r() for _ in range(w)] for _ in range(w)]
    o = [r() for _ in range(w)]
    d = [r() for _ in range(w)]
    interval = rng.choice([(Fraction(-1), Fraction(2)), (None, None), (Fraction(0), None)])
    net = ReLURNN(W)
    res = net.count(InputLine(o, d, interval), 6, all_k=True, breakpoints=True)
    f = net.on_line(InputLine(o, d, interval), 4)
    out["cases"].append([r.to_json() for r in res] + [repr(f)])
big = 10 ** 40
res = ReLURNN([[big, -2 * big], [Fraction(1, 3), 7]]).count(
    InputLine("1,-1", "1/7,2", (None, None)), 8, all_k=True, breakpoints=True)
out["cases"].append([r.to_json() for r in res])
out["parse"] = [format_rational(Q(s)) for s in ("0.1", "-6/4", "1e-5")] + \
    [format_rational(Q.from_float(0.1))]
print(json.dumps(out))
"""


def run_backend(name):
    env = dict(os.environ, EXACTRNN_GROUND_TYPES=name)
    proc = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout)


def test_gmpy2_and_python_agree():
    pytest.importorskip("gmpy2")
    fast, pure = run_backend("gmpy2"), run_backend("python")
    assert fast["backend"] == "gmpy2" and pure["backend"] == "python"
    assert fast["cases"] == pure["cases"]
    assert fast["parse"] == pure["parse"] == ["1/10", "-3/2", "1/100000",
                                              "3602879701896397/36028797018963968"]


def test_auto_prefers_gmpy2():
    pytest.importorskip("gmpy2")
    proc = subprocess.run([sys.executable, "-c", "import exactrnn; print(exactrnn.GROUND_TYPES)"],
                          env=dict(os.environ, EXACTRNN_GROUND_TYPES="auto"),
                          capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "gmpy2"
