"""``ReLURNN``: the note's network f_k(W, x), exactly, at points and along lines.

``f_k(W, x) = (ReLU ∘ W ∘ … ∘ ReLU ∘ W)(x)_1`` with k applications of W and
no biases. Along an input line ``x(t) = origin + t·direction`` the function
``t -> f_k(W, x(t))`` is continuous and piecewise linear; exactrnn counts

* **affine pieces**: maximal intervals on which ``f_k`` is affine, and
* **activation regions**: maximal intervals on which the activation pattern
  (which units have positive pre-activation) of every unit at every step
  ``1..k`` is constant.

Each activation region lies inside one affine piece's worth of formula, so
``pieces <= activation_regions``; they differ when neighbouring regions
happen to give the same slope of the readout (a unit switching that does not
reach the first coordinate, or two different formulas that agree). A unit
whose pre-activation only touches 0 without changing sign does not start a
new region; one that is identically 0 on an interval counts as inactive.

>>> from exactrnn import ReLURNN, InputLine
>>> net = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")          # the tent-map network
>>> line = InputLine("0,0,1", "1/2,0,0", interval=(0, 1))
>>> [(c.k, c.pieces, c.activation_regions) for c in net.count(line, 4, all_k=True)]
[(1, 1, 2), (2, 2, 4), (3, 4, 8), (4, 8, 16)]
>>> net.on_line(line, 3)
PiecewiseLinear([('0', '0'), ('1/4', '1'), ('1/2', '0'), ('3/4', '1'), ('1', '0')])
"""

import math
import sys
from dataclasses import dataclass

from . import _ground
from ._engine import levels as _levels
from ._engine.propagate import Network
from .errors import InvalidIntervalError, ShapeError
from .curve import PiecewiseLinearCurve
from .pwl import PiecewiseLinear
from .rational import Q, as_matrix, as_vector, format_rational

__all__ = ["ReLURNN", "InputLine", "PieceCount", "DEFAULT_MAX_PIECES"]

#: The default piece budget: about 2 GB of engine state at width 3.
DEFAULT_MAX_PIECES = 1 << 25


def _lcm_of_denominators(values):
    lcm = 1
    for v in values:
        lcm = math.lcm(lcm, _ground.numer_denom(v)[1])
    return lcm


def _primitive(values):
    """Scale rationals to the primitive integer vector with the same direction."""
    L = _lcm_of_denominators(values)
    ints = [int(v * L) for v in values]
    g = 0
    for v in ints:
        g = math.gcd(g, v)
    return [v // g for v in ints] if g > 1 else ints


class InputLine:
    """The input line ``x(t) = origin + t·direction`` on an interval of t.

    Parameters
    ----------
    origin, direction : sequence or ``"a, b, c"`` string of rationals
    interval : ``(a, b)``
        The range of t; ``None`` for an infinite end (``(None, None)`` is
        the whole line). Finite ends need ``a < b``.

    >>> from exactrnn import InputLine
    >>> line = InputLine("0,0,1", "1/2,0,0", interval=(0, 1))
    >>> [str(v) for v in line.point("1/2")]
    ['1/4', '0', '1']
    >>> InputLine("0", "1", interval=(1, 0))
    Traceback (most recent call last):
    ...
    exactrnn.errors.InvalidIntervalError: interval [1, 0] is empty or a single point; need a < b
    """

    __slots__ = ("origin", "direction", "lo", "hi")

    def __init__(self, origin, direction, interval):
        self.origin = as_vector(origin, "origin")
        self.direction = as_vector(direction, "direction")
        if len(self.origin) != len(self.direction):
            raise ShapeError(
                f"origin has {len(self.origin)} coordinates but direction has "
                f"{len(self.direction)}")
        if interval is None or isinstance(interval, str) or len(interval) != 2:
            raise InvalidIntervalError(
                f"interval={interval!r} must be a pair (a, b); use (None, None) "
                "or InputLine.whole_line(...) for all of R")
        lo, hi = interval
        self.lo = None if lo is None else Q(lo, name="interval[0]")
        self.hi = None if hi is None else Q(hi, name="interval[1]")
        if self.lo is not None and self.hi is not None and not self.lo < self.hi:
            raise InvalidIntervalError(
                f"interval [{format_rational(self.lo)}, {format_rational(self.hi)}] "
                "is empty or a single point; need a < b")

    @classmethod
    def whole_line(cls, origin, direction):
        """The line on all of R (t from -oo to oo)."""
        return cls(origin, direction, (None, None))

    @property
    def dimension(self):
        return len(self.origin)

    @property
    def domain(self):
        return (self.lo, self.hi)

    def point(self, t):
        """``origin + t·direction`` as exact rationals."""
        t = Q(t, name="t")
        return tuple(o + t * d for o, d in zip(self.origin, self.direction))

    def to_json(self):
        """Origin, direction and interval as exact strings (``None`` for an open end).

        >>> InputLine("0,0,1", "1/2,0,0", (0, 1)).to_json()
        {'origin': ['0', '0', '1'], 'direction': ['1/2', '0', '0'], 'interval': ['0', '1']}
        """
        return {"origin": [format_rational(v) for v in self.origin],
                "direction": [format_rational(v) for v in self.direction],
                "interval": [None if v is None else format_rational(v)
                             for v in (self.lo, self.hi)]}

    def domain_json(self):
        """The CLI's JSON description of the domain."""
        if self.lo is None and self.hi is None:
            return {"whole_line": True}
        return {"interval": [None if v is None else format_rational(v)
                             for v in (self.lo, self.hi)]}

    def _homogeneous_vertices(self):
        one, zero = _ground.qq(1), _ground.qq(0)
        verts = []
        if self.lo is None:
            verts.append(_primitive([zero, -one] + [-d for d in self.direction]))
        if self.lo is None and self.hi is None:
            verts.append(_primitive([one, zero] + list(self.origin)))
        for t in (self.lo, self.hi):
            if t is not None:
                verts.append(_primitive([one, t] + list(self.point(t))))
        if self.hi is None:
            verts.append(_primitive([zero, one] + list(self.direction)))
        return verts

    def __repr__(self):
        vec = lambda v: ", ".join(format_rational(x) for x in v)  # noqa: E731
        ends = tuple(None if v is None else format_rational(v) for v in (self.lo, self.hi))
        return f"InputLine({vec(self.origin)!r}, {vec(self.direction)!r}, interval={ends!r})"


@dataclass(frozen=True)
class PieceCount:
    """The exact counts for ``f_k`` along a line at one depth ``k``."""

    k: int
    pieces: int
    activation_regions: int
    breakpoints: tuple = None

    def to_json(self):
        out = {"k": self.k, "pieces": self.pieces,
               "activation_regions": self.activation_regions}
        if self.breakpoints is not None:
            out["breakpoints"] = [format_rational(b) for b in self.breakpoints]
        return out


class ReLURNN:
    """The network ``x -> ReLU(W x)`` applied k times, read out at coordinate 1.

    Parameters
    ----------
    W : square matrix of rationals
        Nested sequences, a ``"a,b; c,d"`` string, an integer numpy array or
        a SymPy Matrix (float arrays only with ``floats=True``).
    readout : vector, optional
        Read ``readout · h_k`` instead of the first coordinate.
    floats : bool
        Accept binary floats in ``W``, each taken at its exact dyadic value.

    >>> from exactrnn import ReLURNN
    >>> net = ReLURNN([[1, -1], [0, 1]])
    >>> net.width, str(net.f([3, 1], k=1)), [str(v) for v in net.hidden([1, 3], k=1)]
    (2, '2', ['0', '3'])
    >>> ReLURNN([[1, 2]])
    Traceback (most recent call last):
    ...
    exactrnn.errors.ShapeError: W is not square: row 0 has 2 entries, but there are 1 rows
    """

    __slots__ = ("_W", "_readout", "_net")

    def __init__(self, W, readout=None, *, floats=False):
        self._W = as_matrix(W, "W", floats=floats)
        w = len(self._W)
        if readout is None:
            readout = [1] + [0] * (w - 1)
        self._readout = as_vector(readout, "readout")
        if len(self._readout) != w:
            raise ShapeError(f"readout has {len(self._readout)} entries; W has width {w}")
        q = _lcm_of_denominators(v for row in self._W for v in row)
        D = [[int(v * q) for v in row] for row in self._W]
        L = _lcm_of_denominators(self._readout)
        self._net = Network(D, q, [int(c * L) for c in self._readout], L)

    @property
    def W(self):
        """The weight matrix, a tuple of rows of exact rationals."""
        return self._W

    @property
    def width(self):
        return len(self._W)

    @property
    def readout(self):
        return self._readout

    def __repr__(self):
        rows = "; ".join(", ".join(format_rational(v) for v in row) for row in self._W)
        return f"ReLURNN({rows!r})"

    def __eq__(self, other):
        if not isinstance(other, ReLURNN):
            return NotImplemented
        return (self._W, self._readout) == (other._W, other._readout)

    def __hash__(self):
        return hash((self._W, self._readout))

    # -- at a point ---------------------------------------------------------------

    def _check_k(self, k):
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise ValueError(f"k={k!r} must be an integer >= 1")

    def hidden(self, x, k):
        """``h_k = (ReLU ∘ W)^k (x)`` exactly, as a tuple."""
        self._check_k(k)
        h = as_vector(x, "x")
        if len(h) != self.width:
            raise ShapeError(f"x has {len(h)} coordinates; W has width {self.width}")
        zero = _ground.qq(0)
        for _ in range(k):
            h = tuple(max(zero, sum((wij * hj for wij, hj in zip(row, h)), zero))
                      for row in self._W)
        return h

    def f(self, x, k):
        """``f_k(W, x)``: the readout of ``h_k`` (first coordinate by default)."""
        h = self.hidden(x, k)
        return sum((c * v for c, v in zip(self._readout, h)), _ground.qq(0))

    # -- along a line -------------------------------------------------------------

    def _check_line(self, line):
        if not isinstance(line, InputLine):
            raise TypeError(f"line must be an InputLine, got {type(line).__name__}")
        if line.dimension != self.width:
            raise ShapeError(f"the line lives in Q^{line.dimension}; W has width {self.width}")

    def _start(self, line):
        L = _lcm_of_denominators(line.direction)
        direction_int = [int(d * L) for d in line.direction]
        return _levels.initial_chunk(line._homogeneous_vertices(), direction_int, L)

    def _levels(self, line, k, max_pieces, progress, completed=None, keep_last=True):
        self._check_line(line)
        self._check_k(k)
        if isinstance(max_pieces, bool) or not isinstance(max_pieces, int) or max_pieces < 1:
            raise ValueError(f"max_pieces={max_pieces!r} must be a positive integer")
        gen = _levels.levels(self._net, self._start(line), k, max_pieces, completed, keep_last)
        if progress is None:
            progress = sys.stderr.isatty() and k >= 12
        if not progress:
            return gen
        from tqdm import tqdm

        def with_bar():
            with tqdm(total=k, desc="f_k", unit="step", leave=False) as bar:
                for item in gen:
                    bar.set_postfix(regions=item[2])
                    bar.update()
                    yield item
        return with_bar()

    def iter_counts(self, line, k, *, breakpoints=False, max_pieces=DEFAULT_MAX_PIECES,
                    progress=None):
        """Yield a :class:`PieceCount` for each depth ``1..k`` as soon as it is known.

        One incremental pass: depth ``j + 1`` is computed from depth ``j``.
        The arguments are those of :meth:`count`.
        """
        return self._iter(line, k, lambda depth: breakpoints, max_pieces, progress)

    def _iter(self, line, k, want_breakpoints, max_pieces, progress):
        completed = []
        for depth, pieces, regions, chunks in self._levels(
                line, k, max_pieces, progress, completed, keep_last=want_breakpoints(k)):
            bps = None
            if want_breakpoints(depth):
                bps = tuple(_levels.breakpoints(self._net, chunks))
            result = PieceCount(depth, pieces, regions, bps)
            completed.append(result)
            yield result

    def count(self, line, k, *, all_k=False, breakpoints=False,
              max_pieces=DEFAULT_MAX_PIECES, progress=None):
        """Exact piece counts of ``f_k`` along ``line``, in one incremental pass.

        Returns a list of :class:`PieceCount`: one per depth ``1..k`` when
        ``all_k``, else just depth ``k``. ``breakpoints=True`` adds the
        breakpoints (points strictly inside the domain where the slope of
        ``f_k`` changes). Past ``max_pieces`` activation regions a
        :class:`~exactrnn.errors.PieceBudgetExceeded` is raised; its
        ``completed`` attribute holds every depth already finished.

        >>> from exactrnn import ReLURNN, InputLine
        >>> net = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
        >>> line = InputLine("0,0,1", "1/2,0,0", interval=(0, 1))
        >>> net.count(line, 3, breakpoints=True)[0].to_json()
        {'k': 3, 'pieces': 4, 'activation_regions': 8, 'breakpoints': ['1/4', '1/2', '3/4']}
        >>> net.count(line, 30, max_pieces=1000)
        Traceback (most recent call last):
        ...
        exactrnn.errors.PieceBudgetExceeded: piece budget exceeded at k=10: at least 1024 activation regions > max_pieces=1000 (raise --max-pieces / max_pieces= to go further)
        """
        results = self._iter(line, k, lambda depth: breakpoints and (all_k or depth == k),
                             max_pieces, progress)
        return [r for r in results if all_k or r.k == k]

    def hidden_on_line(self, line, k, *, max_pieces=DEFAULT_MAX_PIECES, progress=None):
        """``t -> h_k(origin + t·direction)`` as an exact :class:`PiecewiseLinearCurve`.

        >>> from exactrnn import ReLURNN, InputLine
        >>> net = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
        >>> h = net.hidden_on_line(InputLine("0,0,1", "1/2,0,0", (0, 1)), 2)
        >>> [str(b) for b in h.breakpoints], [str(v) for v in h("3/8")]
        (['1/4', '1/2', '3/4'], ['3/4', '1/4', '1'])
        """
        chunks = None
        for _, _, _, chunks in self._levels(line, k, max_pieces, progress):
            pass
        points, left, right = _levels.state_vertices(self._net, chunks)
        return PiecewiseLinearCurve.from_points(points, left_slope=left, right_slope=right)

    def on_line(self, line, k, *, max_pieces=DEFAULT_MAX_PIECES, progress=None):
        """``t -> f_k(W, origin + t·direction)`` as an exact :class:`PiecewiseLinear`."""
        f = None
        for f in self.iter_on_line(line, k, max_pieces=max_pieces, progress=progress):
            pass
        return f

    def iter_on_line(self, line, k, *, max_pieces=DEFAULT_MAX_PIECES, progress=None):
        """Yield f_1, ..., f_k along ``line`` as :class:`PiecewiseLinear`, in one pass.

        >>> from exactrnn import ReLURNN, InputLine
        >>> net = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
        >>> [f.pieces for f in net.iter_on_line(InputLine("0,0,1", "1/2,0,0", (0, 1)), 4)]
        [1, 2, 4, 8]
        """
        for _, _, _, chunks in self._levels(line, k, max_pieces, progress):
            yield self._readout_function(chunks)

    def _readout_function(self, chunks):
        net = self._net
        (kind0, end0), (kind1, end1) = _levels.end_data(net, chunks)
        inner = _levels.breakpoints(net, chunks, with_values=True)
        points = ([end0] if kind0 == "point" else []) + inner + \
                 ([end1] if kind1 == "point" else [])
        if not points:  # whole line, affine: any finite vertex will do
            points = [_levels._vertex(net, chunks[0], 1, True)]
        return PiecewiseLinear._from_vertices(
            [p[0] for p in points], [p[1] for p in points],
            end0 if kind0 == "slope" else None, end1 if kind1 == "slope" else None)
