"""A deliberately simple reference for f_k along a line, in plain Fractions.

A different algorithm from the engine: each piece is an interval of t
(``None`` for an infinite end) with the affine formula ``h(t) = A + B t``.
Per step every piece is cut at the roots of each pre-activation that fall
strictly inside it, and the activation pattern of each sub-piece is read at
an interior point. Slow, short, obviously right.
"""

from fractions import Fraction as F


def _interior(a, b):
    if a is None and b is None:
        return F(0)
    if a is None:
        return b - 1
    if b is None:
        return a + 1
    return (a + b) / 2


def _inside(t, a, b):
    return (a is None or t > a) and (b is None or t < b)


def reference(W, origin, direction, interval, k, readout=None):
    """Per depth 1..k: ``(pieces, activation_regions, breakpoints)``."""
    W = [[F(x) for x in row] for row in W]
    w = len(W)
    c = [F(1)] + [F(0)] * (w - 1) if readout is None else [F(x) for x in readout]
    lo, hi = interval
    pieces = [(lo, hi, [F(x) for x in origin], [F(x) for x in direction], ())]
    out = []
    for _ in range(k):
        new = []
        for a, b, A, B, pattern in pieces:
            zA = [sum(wij * x for wij, x in zip(row, A)) for row in W]
            zB = [sum(wij * x for wij, x in zip(row, B)) for row in W]
            roots = sorted({-zA[j] / zB[j] for j in range(w)
                            if zB[j] != 0 and _inside(-zA[j] / zB[j], a, b)})
            cuts = [a] + roots + [b]
            for c0, c1 in zip(cuts[:-1], cuts[1:]):
                tm = _interior(c0, c1)
                act = tuple(zA[j] + zB[j] * tm > 0 for j in range(w))
                A2 = [zA[j] if act[j] else F(0) for j in range(w)]
                B2 = [zB[j] if act[j] else F(0) for j in range(w)]
                new.append((c0, c1, A2, B2, pattern + (act,)))
        pieces = new
        slopes = [sum(ci * x for ci, x in zip(c, B)) for _, _, _, B, _ in pieces]
        bps = [pieces[i][1] for i in range(len(pieces) - 1) if slopes[i] != slopes[i + 1]]
        regions = 1 + sum(pieces[i][4] != pieces[i + 1][4] for i in range(len(pieces) - 1))
        out.append((len(bps) + 1, regions, bps))
    return out


def f_at(W, x, k, readout=None):
    """f_k(W, x) by plain matrix products."""
    W = [[F(v) for v in row] for row in W]
    h = [F(v) for v in x]
    for _ in range(k):
        h = [max(F(0), sum(wij * hj for wij, hj in zip(row, h))) for row in W]
    c = [F(1)] + [F(0)] * (len(W) - 1) if readout is None else [F(v) for v in readout]
    return sum(ci * hi for ci, hi in zip(c, h))
