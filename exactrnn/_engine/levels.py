"""Level-by-level driver: advance every chunk, count across chunk junctions.

``levels`` yields, after each application of ReLU∘W, the exact number of
affine pieces of the readout and of activation regions on the whole domain,
together with the chunk list (the exact state) for callers that want
breakpoints or the function itself at that depth.
"""

from fractions import Fraction

import numpy as np

from .. import _ground
from ..errors import PieceBudgetExceeded
from .intarrays import to_object
from .propagate import Chunk, advance, readout_slopes, same_slope, split


def initial_chunk(vertices, direction_int, direction_den):
    """The depth-0 chunk from homogeneous integer vertices ``(S, T, x_1, ..., x_w)``."""
    V = np.array([[int(v) for v in vertex] for vertex in vertices], dtype=object).T.copy()
    n = V.shape[1]
    G = np.array([[int(d)] * (n - 1) for d in direction_int], dtype=object).reshape(-1, n - 1)
    small = max([abs(int(v)) for v in V.reshape(-1)] + [abs(int(d)) for d in direction_int])
    if small < (1 << 50):
        V, G = V.astype(np.int64), G.astype(np.int64)
    else:
        V, G = to_object(V), to_object(G)
    flag = np.zeros(n, dtype=bool)
    return Chunk(V, G, flag, 0, Fraction(1, direction_den))


def levels(net, chunk, K, max_pieces, completed=None, keep_last=True):
    """Yield ``(k, pieces, activation_regions, chunks)`` for k = 1..K.

    With ``keep_last=False`` the state of level K is dropped chunk by chunk
    as soon as it is counted (``chunks`` is then ``None``), which halves the
    peak memory of a counting run.
    """
    chunks = [chunk]
    done = [] if completed is None else completed
    for k in range(1, K + 1):
        new_chunks = []
        kinks = bounds = 0
        prev = None
        for i in range(len(chunks)):
            c = chunks[i]
            chunks[i] = None  # free the old level as we go
            c2, info = advance(c, net)
            kinks += info.kinks
            bounds += info.bounds
            if prev is not None:
                if np.any(prev.last_act != info.first_act):
                    c2.flag[0] = True
                bounds += bool(c2.flag[0])
                if not same_slope(prev.last_gy, prev.gscale, info.first_gy, info.gscale):
                    kinks += 1
            prev = info
            if bounds + 1 > max_pieces:  # regions found so far: a lower bound at level k
                raise PieceBudgetExceeded(k, bounds + 1, max_pieces, done)
            if k < K or keep_last:
                new_chunks.extend(split(c2))
            del c2
        chunks = new_chunks if (k < K or keep_last) else None
        yield k, kinks + 1, bounds + 1, chunks


def _to_q(num, den):
    return _ground.qq(int(num), int(den))


def breakpoints(net, chunks, with_values=False):
    """The kinks of the readout at this level: t (and y) as exact rationals."""
    out = []
    prev_gy = prev_scale = None
    for c in chunks:
        gy = readout_slopes(net, c.G)
        idx = list(np.flatnonzero(gy[:-1] != gy[1:]) + 1)
        if prev_gy is not None and not same_slope(prev_gy, prev_scale, int(gy[0]), c.gscale):
            idx.insert(0, 0)
        for i in idx:
            out.append(_vertex(net, c, i, with_values))
        prev_gy, prev_scale = int(gy[-1]), c.gscale
    return out


def _vertex(net, c, i, with_values):
    S, T = int(c.V[0, i]), int(c.V[1, i])
    t = _to_q(T, S)
    if not with_values:
        return t
    return t, _readout_value(net, c, i)


def _readout_value(net, c, i):
    S = int(c.V[0, i])
    y = sum(ci * int(c.V[2 + j, i]) for j, ci in enumerate(net.readout) if ci)
    return _to_q(y, S * net.q ** c.e * net.readout_scale)


def coordinate_value(net, c, i, j):
    """h_j at vertex i of chunk c, exactly (finite vertices only)."""
    S = int(c.V[0, i])
    return _to_q(int(c.V[2 + j, i]), S * net.q ** c.e)


def end_data(net, chunks):
    """Ends of the domain: ``(t, y)`` for a finite end, the slope for an infinite one."""
    first, last = chunks[0], chunks[-1]
    ends = []
    for c, i, piece in ((first, 0, 0), (last, last.size - 1, last.size - 2)):
        if int(c.V[0, i]) == 0:
            gy = int(readout_slopes(net, c.G[:, piece:piece + 1])[0])
            slope = Fraction(gy) * c.gscale / net.readout_scale
            ends.append(("slope", _to_q(slope.numerator, slope.denominator)))
        else:
            ends.append(("point", _vertex(net, c, i, True)))
    return ends


def state_vertices(net, chunks):
    """Every finite vertex ``(t, h)`` of the state, and end slope vectors (or None)."""
    points = []
    for ci, c in enumerate(chunks):
        S = c.V[0]
        for i in range(0 if ci == 0 else 1, c.size):  # a junction appears once
            s = int(S[i])
            if s:
                t = _to_q(int(c.V[1, i]), s)
                points.append((t, [coordinate_value(net, c, i, j) for j in range(net.width)]))
    slopes = []
    for c, i, piece in ((chunks[0], 0, 0), (chunks[-1], chunks[-1].size - 1,
                                            chunks[-1].size - 2)):
        if int(c.V[0, i]) == 0:
            slopes.append([_fraction_to_q(Fraction(int(g)) * c.gscale) for g in c.G[:, piece]])
        else:
            slopes.append(None)
    return points, slopes[0], slopes[1]


def _fraction_to_q(x):
    return _to_q(x.numerator, x.denominator)
