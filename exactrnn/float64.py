"""Float64 piece counting: NOT exact, kept to show where floating point fails.

Same algorithm as ``exactrnn._engine`` (vertices of the curve t -> h_j(t),
crossings of each unit inserted between them, per-piece slopes carried), but
with float64 coordinates instead of exact homogeneous integers. This is the
usual way to count pieces ("float breakpoint propagation"). It is the speed
baseline of ``benchmarks/engine.py`` and the float64 column of the
constructions' comparison; it misses or invents crossings when a zero falls
on or near a vertex, and its slopes compare unequal after rounding.

Floats enter here explicitly (``float(v)``) and nothing here feeds the exact
code.

>>> from exactrnn.float64 import float_counts
>>> float_counts([[2, -4, 0], [2, -4, -0.5], [0, 0, 1]], [0, 0, 1], [0.5, 0, 0], (0, 1), 5)
[1, 2, 4, 8, 16]

``chunk=None`` processes each level as whole arrays; an integer processes it
in runs of that many vertices (as the exact engine does), which is kinder to
the cache.
"""

import numpy as np


def _step(W, t, H, G):
    n = t.shape[0]
    Z = W @ H
    pos = Z > 0
    neg = Z < 0
    cross = (pos[:, :-1] & neg[:, 1:]) | (neg[:, :-1] & pos[:, 1:])
    segs, units = np.nonzero(cross.T)
    zl = Z[units, segs]
    lam = zl / (zl - Z[units, segs + 1])
    cnt = np.bincount(segs, minlength=n - 1)
    if np.any(cnt > 1):
        order = np.lexsort((lam, segs))
        segs, units, lam = segs[order], units[order], lam[order]
    m = len(segs)
    tx = t[segs] + lam * (t[segs + 1] - t[segs])
    Zx = Z[:, segs] + lam * (Z[:, segs + 1] - Z[:, segs])
    Zx[units, np.arange(m)] = 0.0
    cum = np.zeros(n, dtype=np.int64)
    np.cumsum(cnt, out=cum[1:])
    pos_old = np.arange(n) + cum
    pos_new = segs + 1 + np.arange(m)
    n2 = n + m
    t2 = np.empty(n2)
    t2[pos_old] = t
    t2[pos_new] = tx
    Z2 = np.empty((Z.shape[0], n2))
    Z2[:, pos_old] = Z
    Z2[:, pos_new] = Zx
    P2 = Z2 > 0
    np.maximum(Z2, 0, out=Z2)
    act = P2[:, :-1] | P2[:, 1:]
    parent = np.repeat(np.arange(n - 1), cnt + 1)
    G2 = (W @ G)[:, parent]
    G2 *= act
    return t2, Z2, G2


def float_counts(W, origin, direction, interval, K, chunk=None):
    """Float64 piece counts of f_1..f_K along the line on a finite interval."""
    W = np.array([[float(v) for v in row] for row in W])
    o = np.array([float(v) for v in origin])
    d = np.array([float(v) for v in direction])
    lo, hi = float(interval[0]), float(interval[1])
    states = [(np.array([lo, hi]), np.stack([o + lo * d, o + hi * d], axis=1),
               d.reshape(-1, 1).copy())]
    counts = []
    for _ in range(K):
        new = []
        kinks = 0
        prev_last = None
        for i in range(len(states)):
            t, H, G = states[i]
            states[i] = None
            t, H, G = _step(W, t, H, G)
            gy = G[0]
            kinks += int(np.count_nonzero(gy[:-1] != gy[1:]))
            if prev_last is not None and prev_last != gy[0]:
                kinks += 1
            prev_last = gy[-1]
            if chunk is not None and t.shape[0] > 2 * chunk:
                for a in range(0, t.shape[0] - 1, chunk):
                    b = min(a + chunk, t.shape[0] - 1)
                    new.append((t[a:b + 1].copy(), H[:, a:b + 1].copy(), G[:, a:b].copy()))
            else:
                new.append((t, H, G))
        states = new
        counts.append(kinks + 1)
    return counts


def float_breakpoints(W, origin, direction, interval, K):
    """Float64 breakpoints of f_K along the line (the slope changes), as floats."""
    W = np.array([[float(v) for v in row] for row in W])
    o = np.array([float(v) for v in origin])
    d = np.array([float(v) for v in direction])
    lo, hi = float(interval[0]), float(interval[1])
    t = np.array([lo, hi])
    H = np.stack([o + lo * d, o + hi * d], axis=1)
    G = d.reshape(-1, 1).copy()
    for _ in range(K):
        t, H, G = _step(W, t, H, G)
    gy = G[0]
    return t[1:-1][gy[:-1] != gy[1:]]
