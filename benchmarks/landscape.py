"""Landscape benchmark: exact Jacobian and Hessian at the staircase W*, as ratios.

Run ``python benchmarks/landscape.py`` (``--quick`` for a smoke run). Measures

1. J (n × 36) and the Hessian of L (36 × 36) at the staircase W*, level 6
   (depth 7), n = 200 points, for gap data (zero residuals) and for evenly
   spaced data (non-zero residuals: the per-point Hessians are needed);
2. the same derivatives by SymPy symbolic differentiation of the same
   polynomials (built for each point's activation pattern), per point, at the
   levels SymPy manages within its budget, against the exact formulas on the
   same points: the ratio.
"""

import argparse
import time

import sympy

from exactrnn.constructions import build
from exactrnn.landscape import (
    choose_points,
    loss_derivatives,
    output_polynomial,
    point_derivatives,
)


def exact_timing(level, n, strategy):
    c = build("staircase")
    d = choose_points(c, level, strategy, n=n)
    t = time.perf_counter()
    D = loss_derivatives(c.W, d.xs, d.ys, d.depth)
    dt = time.perf_counter() - t
    return dt, sum(r != 0 for r in D["residuals"])


def sympy_per_point(W, x, depth):
    """Gradient and Hessian of f_i by SymPy: expand the polynomial, differentiate, evaluate."""
    f = output_polynomial(W, x, depth)
    w = len(W)
    S = [sympy.Symbol(f"w_{a}_{b}") for a in range(w) for b in range(w)]
    at = {s: sympy.Rational(str(W[i // w][i % w])) for i, s in enumerate(S)}
    grad = [sympy.diff(f, s) for s in S]
    hess = [[sympy.diff(g, s) for s in S] for g in grad]
    return [g.subs(at) for g in grad], [[e.subs(at) for e in row] for row in hess]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    level, n = (3, 40) if args.quick else (6, 200)
    print(f"[1] staircase W*, level {level} (depth {level + 1}), n = {n}, "
          "Jacobian and Hessian of L")
    for strategy in ("gaps", "anywhere"):
        dt, nonzero = exact_timing(level, n, strategy)
        print(f"    {strategy:<9} {dt:7.3f} s  ({nonzero} non-zero residuals)   "
              f"target < 2 s")
    print("\n[2] SymPy symbolic differentiation vs the exact formulas, per point "
          "(gradient + Hessian of f_i)")
    c = build("staircase")
    budget = 10 if args.quick else 60
    start = time.perf_counter()
    for lv in range(1, 7):
        d = choose_points(c, lv, "gaps", n=3)
        t = time.perf_counter()
        for x in d.xs:
            point_derivatives(c.W, x, d.depth)
        ours = (time.perf_counter() - t) / len(d.xs)
        t = time.perf_counter()
        sympy_per_point(c.W, d.xs[0], d.depth)
        theirs = time.perf_counter() - t
        print(f"    level {lv}: SymPy {theirs:8.3f} s/point, exact formulas "
              f"{ours * 1e3:7.2f} ms/point, RATIO {theirs / ours:8.0f}x")
        if time.perf_counter() - start + 6 * theirs > budget:
            print(f"    (SymPy stops here: the next level would pass the {budget} s budget)")
            break


if __name__ == "__main__":
    main()
