"""``PiecewiseLinearCurve``: a continuous piecewise-linear curve t -> h(t) in Q^w.

The vector-valued counterpart of :class:`~exactrnn.pwl.PiecewiseLinear`, and
the engine's state: along an input line, ``h_k(t) = (ReLU ∘ W)^k (x(t))``. It
is a tuple of canonical scalar components on one common domain, so ``==`` and
``hash`` again mean "the same curve". Its breakpoints are the points where
some component's slope changes.

>>> from exactrnn import PiecewiseLinear, PiecewiseLinearCurve
>>> x = PiecewiseLinearCurve.from_points([(0, (0, 1)), (1, (1, -1))])
>>> h = x.step("0,1; 1,0")           # t -> ReLU(W x(t)) = (ReLU(1 - 2t), t)
>>> h
PiecewiseLinearCurve.from_points([('0', ('1', '0')), ('1/2', ('0', '1/2')), ('1', ('0', '1'))])
>>> [str(v) for v in h("1/4")]
['1/2', '1/4']
"""

from . import _ground
from .errors import InvalidPiecewiseLinearError, ShapeError
from .pwl import PiecewiseLinear
from .rational import as_matrix, as_vector, format_rational

__all__ = ["PiecewiseLinearCurve"]


class PiecewiseLinearCurve:
    """A curve in Q^w whose coordinates are continuous piecewise-linear functions.

    Parameters
    ----------
    components : sequence of PiecewiseLinear
        One function per coordinate, all on the same domain.
    """

    __slots__ = ("_components",)

    def __init__(self, components):
        comps = tuple(components)
        if not comps:
            raise InvalidPiecewiseLinearError("a curve needs at least one component")
        for i, c in enumerate(comps):
            if not isinstance(c, PiecewiseLinear):
                raise TypeError(f"components[{i}] is a {type(c).__name__}, "
                                "not a PiecewiseLinear")
            if c.domain != comps[0].domain:
                raise InvalidPiecewiseLinearError(
                    f"components[{i}] has domain {_dom(c.domain)}, "
                    f"components[0] has {_dom(comps[0].domain)}")
        self._components = comps

    @classmethod
    def from_points(cls, points, *, left_slope=None, right_slope=None):
        """From vertices ``(t, vector)`` and, for infinite ends, slope vectors."""
        pts = [(t, as_vector(v, f"points[{i}] value")) for i, (t, v) in enumerate(points)]
        if not pts:
            raise InvalidPiecewiseLinearError("points is empty")
        w = len(pts[0][1])
        for i, (_, v) in enumerate(pts):
            if len(v) != w:
                raise ShapeError(f"points[{i}] has {len(v)} coordinates; points[0] has {w}")
        ls = None if left_slope is None else as_vector(left_slope, "left_slope")
        rs = None if right_slope is None else as_vector(right_slope, "right_slope")
        for name, s in (("left_slope", ls), ("right_slope", rs)):
            if s is not None and len(s) != w:
                raise ShapeError(f"{name} has {len(s)} coordinates; the points have {w}")
        return cls(PiecewiseLinear([(t, v[j]) for t, v in pts],
                                   left_slope=None if ls is None else ls[j],
                                   right_slope=None if rs is None else rs[j])
                   for j in range(w))

    @property
    def components(self):
        return self._components

    @property
    def dimension(self):
        return len(self._components)

    @property
    def domain(self):
        return self._components[0].domain

    @property
    def breakpoints(self):
        """Points strictly inside the domain where some coordinate's slope changes."""
        return tuple(sorted(set().union(*(c.breakpoints for c in self._components))))

    @property
    def pieces(self):
        """Maximal intervals on which the whole curve is affine."""
        return len(self.breakpoints) + 1

    def __getitem__(self, j):
        return self._components[j]

    def __len__(self):
        return len(self._components)

    def __call__(self, t):
        return tuple(c(t) for c in self._components)

    def step(self, W):
        """``t -> ReLU(W h(t))``: one application of the note's map, by PL arithmetic.

        Slow and simple (it is built from ``+``, scalar ``*`` and ``relu`` of
        :class:`PiecewiseLinear`); the engine does the same thing fast.
        """
        W = as_matrix(W)
        if len(W) != self.dimension:
            raise ShapeError(f"W has width {len(W)}; the curve lives in Q^{self.dimension}")
        zero = self._components[0] * 0
        rows = []
        for row in W:
            z = zero
            for wij, c in zip(row, self._components):
                if wij != 0:
                    z = z + c * wij
            rows.append(z.relu())
        return PiecewiseLinearCurve(rows)

    def __eq__(self, other):
        if not isinstance(other, PiecewiseLinearCurve):
            return NotImplemented
        return self._components == other._components

    def __hash__(self):
        return hash(self._components)

    def __repr__(self):
        lo, hi = self.domain
        ts = ([lo] if lo is not None else []) + list(self.breakpoints) + \
            ([hi] if hi is not None else [])
        if not ts:
            ts = [_ground.qq(0)]
        fmt = lambda v: repr(tuple(format_rational(x) for x in v))  # noqa: E731
        pts = ", ".join(f"({format_rational(t)!r}, {fmt(self(t))})" for t in ts)
        args = [f"[{pts}]"]
        if lo is None:
            args.append(f"left_slope={fmt(c.slopes[0] for c in self._components)}")
        if hi is None:
            args.append(f"right_slope={fmt(c.slopes[-1] for c in self._components)}")
        return f"PiecewiseLinearCurve.from_points({', '.join(args)})"


def _dom(domain):
    lo, hi = domain
    return f"[{'-oo' if lo is None else format_rational(lo)}, " \
        f"{'oo' if hi is None else format_rational(hi)}]"
