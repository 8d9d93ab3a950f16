"""``PiecewiseLinear``: an exact, canonical, continuous piecewise-linear function.

A :class:`PiecewiseLinear` lives on a closed interval ``[a, b]``, on a
half-line or on all of R. It is stored in canonical form: rational
breakpoints strictly increasing and strictly inside the domain, one
``(slope, intercept)`` pair per affine piece, and no two neighbouring pieces
with the same slope (collinear neighbours are merged). Hence ``==`` and
``hash`` mean "the same function on the same domain", like ``Fraction``.

Conventions (as SciPy's ``PPoly`` states its own): piece ``i`` is the closed
interval ``[breakpoints[i-1], breakpoints[i]]``; the function is continuous,
so neighbouring pieces agree at their common breakpoint. A kink exactly at a
domain end is not a breakpoint.

>>> from exactrnn import PiecewiseLinear
>>> tent = PiecewiseLinear([(0, 0), ("1/2", 1), (1, 0)])
>>> tent
PiecewiseLinear([('0', '0'), ('1/2', '1'), ('1', '0')])
>>> tent.pieces, [str(b) for b in tent.breakpoints]
(2, ['1/2'])
>>> str(tent("1/4")), str(tent(tent)("1/4"))
('1/2', '1')
>>> tent(tent).pieces
4
>>> PiecewiseLinear([(0, 0), (1, 1), (2, 2)]) == PiecewiseLinear([(0, 0), (2, 2)])
True
"""

from bisect import bisect_left, bisect_right

from . import _ground
from .errors import DomainError, InvalidPiecewiseLinearError
from .rational import Q, format_rational

__all__ = ["PiecewiseLinear"]


def _fmt(x):
    return "None" if x is None else repr(format_rational(x))


class PiecewiseLinear:
    """A continuous piecewise-linear function with exact rational data.

    Parameters
    ----------
    points : sequence of (x, y)
        Vertices with strictly increasing ``x``. Without end slopes the
        domain is ``[points[0].x, points[-1].x]`` (at least two points).
    left_slope, right_slope : rational, optional
        When given, the function extends to ``-oo`` (``+oo``) with this
        slope beyond the first (last) point.

    Examples
    --------
    >>> from exactrnn import PiecewiseLinear
    >>> relu = PiecewiseLinear([(0, 0)], left_slope=0, right_slope=1)
    >>> relu.domain, str(relu(-5)), str(relu("7/2"))
    ((None, None), '0', '7/2')
    >>> PiecewiseLinear([(1, 0), (0, 1)])
    Traceback (most recent call last):
    ...
    exactrnn.errors.InvalidPiecewiseLinearError: points[1].x=0 is not greater than points[0].x=1
    """

    __slots__ = ("_lo", "_hi", "_breakpoints", "_slopes", "_intercepts", "_hash")

    def __new__(cls, points, *, left_slope=None, right_slope=None):
        pts = [(Q(x, name=f"points[{i}].x"), Q(y, name=f"points[{i}].y"))
               for i, (x, y) in enumerate(points)]
        if not pts:
            raise InvalidPiecewiseLinearError("points is empty")
        for i in range(1, len(pts)):
            if not pts[i][0] > pts[i - 1][0]:
                raise InvalidPiecewiseLinearError(
                    f"points[{i}].x={format_rational(pts[i][0])} is not greater than "
                    f"points[{i - 1}].x={format_rational(pts[i - 1][0])}"
                )
        ls = None if left_slope is None else Q(left_slope, name="left_slope")
        rs = None if right_slope is None else Q(right_slope, name="right_slope")
        if len(pts) == 1 and ls is None and rs is None:
            raise InvalidPiecewiseLinearError(
                "a single point defines a function only with an end slope "
                "(left_slope and/or right_slope: a half-line or all of R)"
            )
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return cls._from_vertices(xs, ys, ls, rs)

    # -- private constructors -------------------------------------------------

    @classmethod
    def _from_canonical(cls, lo, hi, breakpoints, slopes, intercepts):
        self = object.__new__(cls)
        self._lo = lo
        self._hi = hi
        self._breakpoints = tuple(breakpoints)
        self._slopes = tuple(slopes)
        self._intercepts = tuple(intercepts)
        self._hash = None
        return self

    @classmethod
    def _from_vertices(cls, xs, ys, left_slope=None, right_slope=None):
        """From vertices (strictly increasing xs) and optional end slopes.

        ``xs[0]``/``xs[-1]`` are the domain ends unless the matching end
        slope is given, in which case that end is infinite.
        """
        slopes, intercepts, knots = [], [], []

        def push(m, x0, y0, knot):
            c = y0 - m * x0
            if slopes and slopes[-1] == m:
                return
            if slopes:
                knots.append(knot)
            slopes.append(m)
            intercepts.append(c)

        if left_slope is not None:
            push(left_slope, xs[0], ys[0], None)
        for i in range(len(xs) - 1):
            m = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i])
            push(m, xs[i], ys[i], xs[i])
        if right_slope is not None:
            push(right_slope, xs[-1], ys[-1], xs[-1])
        lo = None if left_slope is not None else xs[0]
        hi = None if right_slope is not None else xs[-1]
        return cls._from_canonical(lo, hi, knots, slopes, intercepts)

    @classmethod
    def affine(cls, slope, intercept, domain=(None, None)):
        """The function ``slope*x + intercept`` on ``domain`` (``None`` = infinite end).

        >>> from exactrnn import PiecewiseLinear
        >>> f = PiecewiseLinear.affine("1/2", 1, domain=(0, 2))
        >>> f.pieces, str(f(2))
        (1, '2')
        """
        lo, hi = _check_domain(domain)
        return cls._from_canonical(lo, hi, (), (Q(slope, name="slope"),),
                                   (Q(intercept, name="intercept"),))

    @classmethod
    def from_function(cls, evaluate, domain, candidates):
        """Build the PL function equal to ``evaluate`` on ``domain``.

        ``evaluate`` must be an exact, continuous function that is affine
        between consecutive ``candidates`` (a finite superset of its
        breakpoints). Candidates outside the open domain are ignored.
        """
        lo, hi = _check_domain(domain)
        inside = sorted({c for c in candidates
                         if (lo is None or c > lo) and (hi is None or c < hi)})
        xs = ([lo] if lo is not None else []) + inside + ([hi] if hi is not None else [])
        one = _ground.qq(1)
        if not xs:
            xs = [_ground.qq(0)]
        left = right = None
        if lo is None:
            left = evaluate(xs[0]) - evaluate(xs[0] - one)
        if hi is None:
            right = evaluate(xs[-1] + one) - evaluate(xs[-1])
        return cls._from_vertices(xs, [evaluate(x) for x in xs], left, right)

    # -- the data ---------------------------------------------------------------

    @property
    def domain(self):
        """``(a, b)``; an infinite end is ``None``."""
        return (self._lo, self._hi)

    @property
    def breakpoints(self):
        """The points strictly inside the domain where the slope changes."""
        return self._breakpoints

    @property
    def pieces(self):
        """The number of affine pieces: ``len(breakpoints) + 1``."""
        return len(self._slopes)

    @property
    def slopes(self):
        """The slope of each affine piece, left to right."""
        return self._slopes

    @property
    def intercepts(self):
        """The intercept of each affine piece (its value at ``x = 0``)."""
        return self._intercepts

    def vertices(self):
        """``[(x, f(x))]`` at the finite domain ends and at every breakpoint."""
        xs = ([self._lo] if self._lo is not None else []) + list(self._breakpoints) \
            + ([self._hi] if self._hi is not None else [])
        return [(x, self(x)) for x in xs]

    # -- evaluation -------------------------------------------------------------

    def _piece_at(self, x):
        return bisect_left(self._breakpoints, x)

    def __call__(self, x):
        """``f(x)`` for a rational ``x``; ``f(g)`` composes with a PL function ``g``."""
        if isinstance(x, PiecewiseLinear):
            return self.compose(x)
        x = Q(x, name="x")
        self._check_inside(x)
        i = self._piece_at(x)
        return self._slopes[i] * x + self._intercepts[i]

    def _check_inside(self, x):
        if (self._lo is not None and x < self._lo) or (self._hi is not None and x > self._hi):
            raise DomainError(f"x={format_rational(x)} is outside the domain "
                              f"[{_end(self._lo, '-oo')}, {_end(self._hi, 'oo')}]")

    # -- arithmetic -------------------------------------------------------------

    def _binary(self, other, op, extra=()):
        lo, hi = _intersect(self.domain, other.domain)
        candidates = set(self._breakpoints) | set(other._breakpoints) | set(extra)
        return PiecewiseLinear.from_function(
            lambda x: op(self._unchecked(x), other._unchecked(x)), (lo, hi), candidates)

    def _unchecked(self, x):
        i = self._piece_at(x)
        return self._slopes[i] * x + self._intercepts[i]

    def _coerce(self, other):
        if isinstance(other, PiecewiseLinear):
            return other
        try:
            c = Q(other, name="operand")
        except (TypeError, ValueError):
            return NotImplemented
        return PiecewiseLinear._from_canonical(self._lo, self._hi, (), (_ground.qq(0),), (c,))

    def _coerce_or_raise(self, other):
        if isinstance(other, PiecewiseLinear):
            return other
        Q(other, name="other")  # raises the precise error for a non-rational
        return self._coerce(other)

    def __add__(self, other):
        other = self._coerce(other)
        if other is NotImplemented:
            return NotImplemented
        return self._binary(other, lambda a, b: a + b)

    __radd__ = __add__

    def __sub__(self, other):
        other = self._coerce(other)
        if other is NotImplemented:
            return NotImplemented
        return self._binary(other, lambda a, b: a - b)

    def __rsub__(self, other):
        other = self._coerce(other)
        if other is NotImplemented:
            return NotImplemented
        return other._binary(self, lambda a, b: a - b)

    def __neg__(self):
        return self * -1

    def __mul__(self, scalar):
        if isinstance(scalar, PiecewiseLinear):
            return NotImplemented
        try:
            c = Q(scalar, name="scalar")
        except (TypeError, ValueError):
            return NotImplemented
        if c == 0:
            return PiecewiseLinear._from_canonical(self._lo, self._hi, (), (c,), (c,))
        return PiecewiseLinear._from_canonical(
            self._lo, self._hi, self._breakpoints,
            [c * m for m in self._slopes], [c * b for b in self._intercepts])

    __rmul__ = __mul__

    def __truediv__(self, scalar):
        c = Q(scalar, name="divisor")
        if c == 0:
            raise ZeroDivisionError("PiecewiseLinear divided by zero")
        return self * (1 / c)

    def _crossings(self, other):
        """Points where ``self - other`` changes sign inside a common piece."""
        diff = self - other
        out = []
        for i, (m, c) in enumerate(zip(diff._slopes, diff._intercepts)):
            if m != 0:
                out.append(-c / m)
        return out

    def maximum(self, other):
        """The pointwise maximum ``max(self, other)`` (``other`` may be a constant).

        >>> from exactrnn import PiecewiseLinear
        >>> x = PiecewiseLinear.affine(1, 0, domain=(-1, 1))
        >>> x.maximum(-x)
        PiecewiseLinear([('-1', '1'), ('0', '0'), ('1', '1')])
        """
        other = self._coerce_or_raise(other)
        return self._binary(other, max, self._crossings(other))

    def minimum(self, other):
        """The pointwise minimum ``min(self, other)``."""
        other = self._coerce_or_raise(other)
        return self._binary(other, min, self._crossings(other))

    def relu(self):
        """``max(self, 0)``.

        >>> from exactrnn import PiecewiseLinear
        >>> PiecewiseLinear([(-1, -1), (1, 1)]).relu().breakpoints == (0,)
        True
        """
        return self.maximum(0)

    def compose(self, inner):
        """``self ∘ inner``: requires ``inner``'s range inside ``self``'s domain.

        >>> from exactrnn import PiecewiseLinear
        >>> tent = PiecewiseLinear([(0, 0), ("1/2", 1), (1, 0)])
        >>> [str(b) for b in tent.compose(tent).breakpoints]
        ['1/4', '1/2', '3/4']
        """
        if not isinstance(inner, PiecewiseLinear):
            raise TypeError(f"compose expects a PiecewiseLinear, got {type(inner).__name__}")
        lo, hi = inner.range()
        if (self._lo is not None and (lo is None or lo < self._lo)) or \
                (self._hi is not None and (hi is None or hi > self._hi)):
            raise DomainError(
                f"the range [{_end(lo, '-oo')}, {_end(hi, 'oo')}] of the inner function "
                f"is not inside the domain [{_end(self._lo, '-oo')}, {_end(self._hi, 'oo')}]")
        candidates = set(inner._breakpoints)
        for m, c in zip(inner._slopes, inner._intercepts):
            if m != 0:
                candidates.update((b - c) / m for b in self._breakpoints)
        return PiecewiseLinear.from_function(
            lambda x: self._unchecked(inner._unchecked(x)), inner.domain, candidates)

    def range(self):
        """``(min, max)`` of the function; ``None`` for an unbounded side."""
        values = [y for _, y in self.vertices()]
        low = min(values) if values else None
        high = max(values) if values else None
        ends = [(self._lo, self._slopes[0], -1), (self._hi, self._slopes[-1], 1)]
        for end, slope, direction in ends:
            if end is None and slope != 0:
                if slope * direction > 0:
                    high = None
                else:
                    low = None
        if not values:  # affine on all of R
            c = self._intercepts[0]
            return (c, c) if self._slopes[0] == 0 else (None, None)
        return low, high

    def restrict(self, a, b):
        """The restriction to ``[a, b]`` (``None`` for an infinite end).

        >>> from exactrnn import PiecewiseLinear
        >>> tent = PiecewiseLinear([(0, 0), ("1/2", 1), (1, 0)])
        >>> tent.restrict(0, "1/2").pieces
        1
        """
        a = None if a is None else Q(a, name="a")
        b = None if b is None else Q(b, name="b")
        _check_domain((a, b))
        lo, hi = _intersect(self.domain, (a, b))
        if (lo, hi) != (a, b):
            raise DomainError(f"[{_end(a, '-oo')}, {_end(b, 'oo')}] is not inside the domain "
                              f"[{_end(self._lo, '-oo')}, {_end(self._hi, 'oo')}]")
        return PiecewiseLinear.from_function(self._unchecked, (lo, hi), self._breakpoints)

    # -- value semantics --------------------------------------------------------

    def _key(self):
        return (self._lo, self._hi, self._breakpoints, self._slopes, self._intercepts)

    def __eq__(self, other):
        if not isinstance(other, PiecewiseLinear):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(self._key())
        return self._hash

    def __repr__(self):
        pts = ", ".join(f"({_fmt(x)}, {_fmt(y)})" for x, y in self.vertices())
        args = [f"[{pts}]"]
        if self._lo is None:
            args.append(f"left_slope={_fmt(self._slopes[0])}")
        if self._hi is None:
            args.append(f"right_slope={_fmt(self._slopes[-1])}")
        if not self.vertices():
            zero = _ground.qq(0)
            args[0] = f"[({_fmt(zero)}, {_fmt(self._intercepts[0])})]"
        return f"PiecewiseLinear({', '.join(args)})"

    # -- SymPy and LaTeX ----------------------------------------------------------

    def to_sympy(self, x=None):
        """A SymPy ``Piecewise`` in the symbol ``x`` (default ``Symbol('x')``).

        >>> from exactrnn import PiecewiseLinear
        >>> PiecewiseLinear([(0, 0), ("1/2", 1), (1, 0)]).to_sympy()
        Piecewise((2*x, (x >= 0) & (x <= 1/2)), (2 - 2*x, (x >= 1/2) & (x <= 1)))
        """
        import sympy

        x = sympy.Symbol("x") if x is None else x
        rat = lambda v: sympy.Rational(*_ground.numer_denom(v))  # noqa: E731
        lows = [self._lo] + list(self._breakpoints)
        highs = list(self._breakpoints) + [self._hi]
        args = []
        for m, c, a, b in zip(self._slopes, self._intercepts, lows, highs):
            cond = sympy.true
            if a is not None:
                cond = cond & (x >= rat(a))
            if b is not None:
                cond = cond & (x <= rat(b))
            args.append((rat(m) * x + rat(c), cond))
        return sympy.Piecewise(*args)

    def latex(self):
        r"""LaTeX for the function, via SymPy (``\begin{cases}``)."""
        import sympy

        return sympy.latex(self.to_sympy())

    def _repr_latex_(self):
        return f"${self.latex()}$"


def _end(x, inf):
    return inf if x is None else format_rational(x)


def _check_domain(domain):
    from .errors import InvalidIntervalError

    lo, hi = domain
    lo = None if lo is None else Q(lo, name="domain[0]")
    hi = None if hi is None else Q(hi, name="domain[1]")
    if lo is not None and hi is not None and not lo < hi:
        raise InvalidIntervalError(
            f"interval [{format_rational(lo)}, {format_rational(hi)}] is empty or "
            "a single point; need a < b")
    return lo, hi


def _intersect(d1, d2):
    lo = d1[0] if d2[0] is None else d2[0] if d1[0] is None else max(d1[0], d2[0])
    hi = d1[1] if d2[1] is None else d2[1] if d1[1] is None else min(d1[1], d2[1])
    if lo is not None and hi is not None and not lo < hi:
        raise DomainError("the domains do not overlap in an interval")
    return lo, hi


# bisect_right is re-exported for the curve module's piece lookup.
_bisect_right = bisect_right
