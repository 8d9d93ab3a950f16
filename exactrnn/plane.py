"""Linear regions of f_k on a plane through the origin, counted exactly.

f_k is positively homogeneous, so its linear regions in a plane
``span(u, v)`` are cones from the origin, and each cone meets the boundary
of the square ``{a u + b v : max(|a|, |b|) = 1}`` in one arc. exactrnn walks
the four edges of that square with the engine and glues the pieces at the
corners: on a cone ``f(x) = g·x``, and a piece of an edge ``p + t d`` with
slope m and intercept c gives ``g·d = m`` and ``g·p = c``, hence the
gradient ``(g·u, g·v)`` on the plane exactly. Linear regions are the cyclic
runs of equal gradients; activation regions the cyclic runs of equal pattern
sequences. With ``w = 2`` and ``(u, v) = (e1, e2)`` this is the number of
linear regions of f_k on all of R².

>>> from exactrnn.plane import plane_regions
>>> [(r.k, r.linear_regions) for r in plane_regions("1,-1; -1,1", "1,0", "0,1", 2, all_k=True)]
[(1, 2), (2, 2)]
"""

from dataclasses import dataclass

from .errors import ShapeError
from .rational import as_vector
from .rnn import InputLine, ReLURNN

__all__ = ["plane_regions", "PlaneCount"]


@dataclass(frozen=True)
class PlaneCount:
    k: int
    linear_regions: int
    activation_regions: int

    def to_json(self):
        return {"k": self.k, "linear_regions": self.linear_regions,
                "activation_regions": self.activation_regions}


def _edges(u, v):
    neg = lambda x: tuple(-a for a in x)  # noqa: E731
    # (origin p, direction d, how (g·u, g·v) follows from (c = g·p, m = g·d))
    return [(u, v, lambda c, m: (c, m)),
            (v, neg(u), lambda c, m: (-m, c)),
            (neg(u), neg(v), lambda c, m: (-c, -m)),
            (neg(v), u, lambda c, m: (m, -c))]


def _cyclic_runs(items_per_edge, same):
    """Runs of a cyclic sequence made of per-edge lists (inner neighbours differ)."""
    n = sum(len(items) for items in items_per_edge)
    merges = 0
    for e, items in enumerate(items_per_edge):
        nxt = items_per_edge[(e + 1) % len(items_per_edge)]
        if same(items[-1], nxt[0]):
            merges += 1
    return n - merges if merges < n else 1


def plane_regions(W, u, v, k, *, all_k=False):
    """Exact linear and activation region counts of f_k on ``span(u, v)``."""
    from ._engine import levels as _levels
    from .dynamics import _pattern_sequence

    net = W if isinstance(W, ReLURNN) else ReLURNN(W)
    u, v = as_vector(u, "u"), as_vector(v, "v")
    if len(u) != net.width or len(v) != net.width:
        raise ShapeError(f"u and v must have {net.width} coordinates")
    if all(a * v[j] == b * v[i] for i, a in enumerate(u) for j, b in enumerate(u)):
        raise ShapeError("u and v are linearly dependent: they do not span a plane")
    per_edge = []  # per edge: list over depths of (gradients, first/last patterns, regions)
    for p, d, to_plane in _edges(u, v):
        line = InputLine(p, d, (-1, 1))
        depths = []
        for depth, (_, _, regions, chunks) in enumerate(net._levels(line, k, 1 << 40, False),
                                                        start=1):
            f = net._readout_function(chunks)
            grads = [to_plane(c, m) for m, c in zip(f.slopes, f.intercepts)]
            points, _, _ = _levels.state_vertices(net._net, chunks)
            ts = [t for t, _ in points]
            first, last = (ts[0] + ts[1]) / 2, (ts[-2] + ts[-1]) / 2
            pats = (_pattern_sequence(net.W, line.point(first), depth),
                    _pattern_sequence(net.W, line.point(last), depth))
            depths.append((grads, pats, regions))
        per_edge.append(depths)
    out = []
    for depth in range(1, k + 1):
        if not all_k and depth != k:
            continue
        grads = [edge[depth - 1][0] for edge in per_edge]
        linear = _cyclic_runs(grads, lambda a, b: a == b)
        # activation regions: stand-ins for each edge's regions, with the
        # first and last carrying their pattern sequences
        regs = []
        for edge in per_edge:
            _, (pf, pl), n = edge[depth - 1]
            regs.append([pf] + [None] * (n - 2) + [pl] if n > 1 else [(pf, pl)])
        act = _cyclic_runs(regs, _same_pattern)
        out.append(PlaneCount(depth, linear, act))
    return out


def _same_pattern(a, b):
    if a is None or b is None:
        return False
    a = a[1] if isinstance(a, tuple) else a
    b = b[0] if isinstance(b, tuple) else b
    return a == b
