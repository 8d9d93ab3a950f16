"""Engine benchmark: exact piece counting against its baselines, as ratios.

Run ``python benchmarks/engine.py`` (about two minutes on 2 cores), or
``--quick`` for a smoke run. Everything is measured in this one process
(except the peak-memory run, which gets a fresh subprocess so that its peak
is its own), and printed as ratios against baselines run here too:

1. the tent-map network on [0, 1], all k up to 24 in one pass (2^23 pieces at
   k = 24): the exact engine against a float64 numpy implementation of the
   same propagation (``exactrnn/float64.py``, both its whole-array and its
   chunked form; the faster one is the baseline);
2. the same network at k = 14 against the simple ``Fraction`` reference of
   the test suite;
3. k = 24 wall time and peak memory in a fresh process;
4. time per piece along k (linear growth means a flat column);
5. a random width-4 rational W whose numbers grow past int64 (the big-integer
   path) against the Fraction reference;
6. naive SymPy composition (Max, then Piecewise) for the k it reaches within
   a minute.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests"))

from reference import reference  # noqa: E402

from exactrnn import GROUND_TYPES, InputLine, ReLURNN  # noqa: E402
from exactrnn.float64 import float_counts  # noqa: E402

TENT_W = "2,-4,0; 2,-4,-1/2; 0,0,1"
TENT_LINE = ("0,0,1", "1/2,0,0", (0, 1))
TENT_FLOAT = ([[2, -4, 0], [2, -4, -0.5], [0, 0, 1]], [0, 0, 1], [0.5, 0, 0], (0, 1))


def best_of(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def tent_exact(K):
    net = ReLURNN(TENT_W)
    return [r.pieces for r in net.count(InputLine(*TENT_LINE), K, all_k=True, progress=False)]


def section_float(K, repeat):
    print(f"\n[1] tent map on [0,1], all k = 1..{K} in one pass "
          f"({2 ** (K - 1)} pieces at k = {K})")
    t_exact, exact = best_of(lambda: tent_exact(K), repeat)
    t_whole, whole = best_of(lambda: float_counts(*TENT_FLOAT, K), repeat)
    t_chunk, chunk = best_of(lambda: float_counts(*TENT_FLOAT, K, chunk=1 << 14), repeat)
    assert exact == [2 ** (k - 1) for k in range(1, K + 1)]
    base = min(t_whole, t_chunk)
    print(f"    exact engine                 {t_exact:8.3f} s")
    print(f"    float64, whole arrays        {t_whole:8.3f} s   (agrees: {whole == exact})")
    print(f"    float64, chunked             {t_chunk:8.3f} s   (agrees: {chunk == exact})")
    print(f"    RATIO exact / best float64 = {t_exact / base:.2f}x   (target <= 2x)")
    return t_exact / base


def section_reference(K, repeat):
    print(f"\n[2] tent map, k = {K}: exact engine vs the simple Fraction reference")
    W = [[2, -4, 0], [2, -4, Fraction(-1, 2)], [0, 0, 1]]
    t_ref, ref = best_of(lambda: reference(W, [0, 0, 1], [Fraction(1, 2), 0, 0], (0, 1), K),
                         1)
    net, line = ReLURNN(TENT_W), InputLine(*TENT_LINE)
    t_exact, got = best_of(lambda: net.count(line, K, progress=False)[0], repeat)
    assert ref[-1][0] == got.pieces == 2 ** (K - 1)
    print(f"    Fraction reference           {t_ref:8.3f} s")
    print(f"    exact engine                 {t_exact:8.3f} s")
    print(f"    RATIO reference / engine = {t_ref / t_exact:.0f}x   (target >= 100x)")
    return t_ref / t_exact


# Peak memory of the child alone: VmHWM belongs to the address space, whereas
# ru_maxrss survives exec and would report the parent's peak at fork time.
_PEAK = """
import resource, time
from exactrnn import ReLURNN, InputLine
net = ReLURNN({W!r})
t = time.perf_counter()
r = net.count(InputLine(*{line!r}), {K}, all_k=True, progress=False)
dt = time.perf_counter() - t
try:
    with open("/proc/self/status") as fh:
        peak = [int(l.split()[1]) for l in fh if l.startswith("VmHWM:")][0]
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(r[-1].pieces, dt, peak)
"""


def section_peak(K):
    print(f"\n[3] tent map, all k up to {K}, in a fresh process")
    code = _PEAK.format(W=TENT_W, line=TENT_LINE, K=K)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    pieces, seconds, rss_kb = int(out[0]), float(out[1]), int(out[2])
    print(f"    pieces at k = {K}: {pieces}")
    print(f"    wall time {seconds:.2f} s (target < 20 s), "
          f"peak resident memory {rss_kb / 1024:.0f} MB (target < 2048 MB)")
    return seconds, rss_kb


def section_linear(K):
    print("\n[4] time per piece along k (tent map; flat = linear in pieces)")
    net, line = ReLURNN(TENT_W), InputLine(*TENT_LINE)
    t0 = time.perf_counter()
    last = t0
    print(f"    {'k':>3} {'pieces':>10} {'step s':>9} {'ns/piece':>9}")
    for r in net.iter_counts(line, K, progress=False):
        now = time.perf_counter()
        if r.k >= K - 7:
            print(f"    {r.k:>3} {r.pieces:>10} {now - last:9.4f} "
                  f"{1e9 * (now - last) / r.activation_regions:9.1f}")
        last = now


def random_growing_W(width, seed):
    rng = random.Random(seed)
    return [[Fraction(rng.randint(-9, 9), rng.randint(1, 9)) for _ in range(width)]
            for _ in range(width)]


def section_bigint(K, repeat):
    print(f"\n[5] big-integer path, k = {K}")
    cases = {
        "random width-4 rational W (seed 26)": (
            random_growing_W(4, seed=26),
            [Fraction(1, 3), Fraction(-2, 7), Fraction(5, 11), Fraction(1, 13)],
            [Fraction(3, 5), Fraction(1, 9), Fraction(-4, 7), Fraction(2, 3)], (-1, 1)),
        "asymmetric tent 3t | 3(1-t)/2 (2^(k-1) pieces)": (
            [[3, Fraction(-9, 2), 0], [3, Fraction(-9, 2), Fraction(-1, 3)], [0, 0, 1]],
            [0, 0, 1], [Fraction(1, 3), 0, 0], (0, 1)),
    }
    for name, (W, origin, direction, interval) in cases.items():
        net = ReLURNN(W)
        line = InputLine(origin, direction, interval)
        t_exact, got = best_of(lambda: net.count(line, K, all_k=True, progress=False),
                               repeat)
        t_ref, ref = best_of(lambda: reference(W, origin, direction, interval, K), 1)
        assert [(g.pieces, g.activation_regions) for g in got] == [r[:2] for r in ref]
        bp = net.count(line, K, breakpoints=True, progress=False)[0].breakpoints
        digits = max((len(str(b.denominator)) for b in bp), default=1)
        print(f"    {name}")
        print(f"      pieces by k: {[g.pieces for g in got]}")
        print(f"      largest breakpoint denominator at k = {K}: {digits} digits")
        print(f"      Fraction reference {t_ref:8.3f} s, exact engine {t_exact:8.3f} s, "
              f"RATIO {t_ref / t_exact:.1f}x")


def section_sympy(budget):
    import sympy

    print(f"\n[6] naive SymPy composition (Max -> Piecewise), tent map, {budget:.0f} s budget")
    t = sympy.Symbol("t", real=True)
    W = sympy.Matrix([[2, -4, 0], [2, -4, sympy.Rational(-1, 2)], [0, 0, 1]])
    h = sympy.Matrix([t / 2, 0, 1])
    start = time.perf_counter()
    reached = 0
    for k in range(1, 30):
        t0 = time.perf_counter()
        h = (W * h).applyfunc(lambda e: sympy.Max(0, e))
        pw = sympy.piecewise_fold(h[0].rewrite(sympy.Piecewise))
        n_args = len(pw.args) if isinstance(pw, sympy.Piecewise) else 1
        dt = time.perf_counter() - t0
        print(f"    k = {k:2d}: {dt:8.3f} s, Piecewise with {n_args} branches")
        reached = k
        if time.perf_counter() - start + 4 * dt > budget:
            break
    net, line = ReLURNN(TENT_W), InputLine(*TENT_LINE)
    t_exact, _ = best_of(lambda: net.count(line, reached, progress=False), 3)
    total = time.perf_counter() - start
    print(f"    SymPy reached k = {reached} in {total:.1f} s; the exact engine does k = "
          f"{reached} in {t_exact * 1e3:.2f} ms (RATIO {total / t_exact:.0f}x)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    args = parser.parse_args()
    print(f"exactrnn engine benchmark, ground types: {GROUND_TYPES}, "
          f"python {sys.version.split()[0]}")
    if args.quick:
        section_float(14, 1)
        section_reference(10, 1)
        section_peak(16)
        section_linear(14)
        section_bigint(8, 1)
        section_sympy(1)
    else:
        section_float(24, 2)
        section_reference(14, 3)
        section_peak(24)
        section_linear(24)
        section_bigint(14, 2)
        section_sympy(60)


if __name__ == "__main__":
    main()
