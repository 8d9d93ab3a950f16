"""PiecewiseLinear: hand-worked values and Hypothesis against naive interpolation."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, example, given
from hypothesis import strategies as st

from exactrnn import (
    DomainError,
    InvalidIntervalError,
    InvalidPiecewiseLinearError,
    PiecewiseLinear,
    Q,
)

pytestmark = pytest.mark.core


def F(x):
    return Fraction(int(x.numerator), int(x.denominator))


TENT = PiecewiseLinear([(0, 0), ("1/2", 1), (1, 0)])


# -- a naive reference: linear interpolation through the defining points ------

def naive(points, left_slope, right_slope, x):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    if x <= xs[0]:
        if x < xs[0]:
            assert left_slope is not None
            return ys[0] + left_slope * (x - xs[0])
        return ys[0]
    if x >= xs[-1]:
        if x > xs[-1]:
            assert right_slope is not None
            return ys[-1] + right_slope * (x - xs[-1])
        return ys[-1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    raise AssertionError


small = st.fractions(min_value=-5, max_value=5, max_denominator=6)


@st.composite
def pwl_data(draw, min_points=1):
    xs = sorted(set(draw(st.lists(small, min_size=max(min_points, 1), max_size=7))))
    ys = [draw(small) for _ in xs]
    ends = draw(st.sampled_from(["finite", "whole", "left", "right"]))
    if len(xs) == 1 and ends == "finite":
        ends = "whole"
    ls = draw(small) if ends in ("whole", "left") else None
    rs = draw(small) if ends in ("whole", "right") else None
    return list(zip(xs, ys)), ls, rs


def build(data):
    points, ls, rs = data
    return PiecewiseLinear(points, left_slope=ls, right_slope=rs)


def probe_points(*fs):
    """Breakpoints, finite ends, midpoints and points beyond unbounded ends."""
    pts = set()
    for f in fs:
        pts.update(F(b) for b in f.breakpoints)
        pts.update(F(e) for e in f.domain if e is not None)
    pts = sorted(pts) or [Fraction(0)]
    mids = [(a + b) / 2 for a, b in zip(pts, pts[1:])]
    return sorted(set(pts + mids + [pts[0] - 3, pts[-1] + 3]))


def inside(f, x):
    lo, hi = f.domain
    return (lo is None or x >= F(lo)) and (hi is None or x <= F(hi))


# -- hand-worked ---------------------------------------------------------------

def test_tent_by_hand():
    assert TENT.pieces == 2
    assert [F(b) for b in TENT.breakpoints] == [Fraction(1, 2)]
    assert [F(s) for s in TENT.slopes] == [2, -2]
    assert [F(c) for c in TENT.intercepts] == [0, 2]
    assert F(TENT("1/4")) == Fraction(1, 2)
    assert F(TENT(1)) == 0


def test_tent_composed_with_itself_is_the_two_tooth_wave():
    g2 = TENT(TENT)
    assert [F(b) for b in g2.breakpoints] == [Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)]
    assert g2 == PiecewiseLinear([(0, 0), ("1/4", 1), ("1/2", 0), ("3/4", 1), (1, 0)])


def test_collinear_points_are_merged_so_equality_means_same_function():
    a = PiecewiseLinear([(0, 0), (1, 1), (2, 2), (3, 1)])
    b = PiecewiseLinear([(0, 0), (2, 2), ("5/2", "3/2"), (3, 1)])
    assert a == b and hash(a) == hash(b)
    assert a.pieces == 2
    assert a != a.restrict(0, 2)


def test_whole_line_relu_and_abs():
    relu = PiecewiseLinear([(0, 0)], left_slope=0, right_slope=1)
    absval = relu + relu.compose(PiecewiseLinear([(0, 0)], left_slope=-1, right_slope=-1))
    assert absval == PiecewiseLinear([(0, 0)], left_slope=-1, right_slope=1)
    assert F(absval(-7)) == 7
    assert relu.range() == (0, None)


def test_affine_on_the_whole_line_repr_roundtrip():
    f = PiecewiseLinear.affine("1/2", 3)
    assert f.pieces == 1 and f.breakpoints == ()
    g = eval(repr(f), {"PiecewiseLinear": PiecewiseLinear})
    assert g == f


def test_repr_is_evaluable():
    for f in (TENT, TENT.relu(), PiecewiseLinear([(0, 1)], left_slope=2, right_slope=-1)):
        assert eval(repr(f), {"PiecewiseLinear": PiecewiseLinear}) == f


def test_max_min_relu_by_hand():
    x = PiecewiseLinear.affine(1, 0, domain=(-1, 1))
    assert x.maximum(-x) == PiecewiseLinear([(-1, 1), (0, 0), (1, 1)])
    assert x.minimum(0) == PiecewiseLinear([(-1, -1), (0, 0), (1, 0)])
    assert (x - "1/2").relu().breakpoints == (Q("1/2"),)
    # a tie on a whole piece: max(f, f) = f, no spurious breakpoints
    assert TENT.maximum(TENT) == TENT


def test_arithmetic_by_hand():
    assert F((TENT * 3)("1/2")) == 3
    assert F((3 * TENT - 1)("1/2")) == 2
    assert F((TENT / 2)("1/2")) == Fraction(1, 2)
    assert (TENT - TENT) == PiecewiseLinear.affine(0, 0, domain=(0, 1))
    assert (TENT * 0).pieces == 1
    assert -(-TENT) == TENT
    with pytest.raises(ZeroDivisionError):
        TENT / 0
    assert TENT.__add__("not a number") is NotImplemented


def test_sympy_and_latex():
    x = sympy.Symbol("x")
    expr = TENT.to_sympy(x)
    assert expr.subs(x, sympy.Rational(1, 4)) == sympy.Rational(1, 2)
    assert expr.subs(x, sympy.Rational(3, 4)) == sympy.Rational(1, 2)
    assert "begin{cases}" in TENT.latex()
    assert TENT._repr_latex_().startswith("$")


@pytest.mark.parametrize("call, exc", [
    (lambda: PiecewiseLinear([(1, 0), (0, 1)]), InvalidPiecewiseLinearError),
    (lambda: PiecewiseLinear([(0, 0), (0, 1)]), InvalidPiecewiseLinearError),
    (lambda: PiecewiseLinear([]), InvalidPiecewiseLinearError),
    (lambda: PiecewiseLinear([(0, 0)]), InvalidPiecewiseLinearError),
    (lambda: TENT(2), DomainError),
    (lambda: TENT("-1/3"), DomainError),
    (lambda: TENT.compose(TENT * 2), DomainError),
    (lambda: TENT.restrict(0, 2), DomainError),
    (lambda: TENT.restrict(1, 0), InvalidIntervalError),
    (lambda: TENT + PiecewiseLinear([(2, 0), (3, 1)]), DomainError),
    (lambda: PiecewiseLinear.affine(1, 0, domain=(1, 1)), InvalidIntervalError),
    (lambda: TENT.compose(3), TypeError),
])
def test_errors(call, exc):
    with pytest.raises(exc):
        call()


# -- properties against the naive reference --------------------------------------

@given(pwl_data())
@example(([(Fraction(0), Fraction(0)), (Fraction(1), Fraction(1)), (Fraction(2), Fraction(2))],
          None, None))
@example(([(Fraction(0), Fraction(0))], Fraction(1), Fraction(1)))
def test_evaluation_matches_interpolation(data):
    f = build(data)
    points, ls, rs = data
    for x in probe_points(f) + [p[0] for p in points]:
        if inside(f, x):
            assert F(f(x)) == naive(points, ls, rs, x)


@given(pwl_data())
def test_canonical_form(data):
    f = build(data)
    bps = [F(b) for b in f.breakpoints]
    assert bps == sorted(set(bps))
    lo, hi = f.domain
    assert all((lo is None or b > F(lo)) and (hi is None or b < F(hi)) for b in bps)
    # every breakpoint is a real kink
    assert all(s0 != s1 for s0, s1 in zip(f.slopes, f.slopes[1:]))
    # adding collinear points changes nothing
    points, ls, rs = data
    extra = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in zip(points, points[1:])]
    g = PiecewiseLinear(sorted(points + extra), left_slope=ls, right_slope=rs)
    assert g == f and hash(g) == hash(f)


def _same_domain(f, g):
    return (f.domain[0] is None) == (g.domain[0] is None) and \
        (f.domain[1] is None) == (g.domain[1] is None)


@given(pwl_data(), pwl_data(), small)
def test_sum_difference_scale_max_min(d1, d2, c):
    f, g = build(d1), build(d2)
    try:
        s = f + g
    except DomainError:
        return  # the domains do not overlap in an interval
    for x in probe_points(f, g):
        if inside(s, x):
            fx, gx = F(f(x)), F(g(x))
            assert F(s(x)) == fx + gx
            assert F((f - g)(x)) == fx - gx
            assert F(f.maximum(g)(x)) == max(fx, gx)
            assert F(f.minimum(g)(x)) == min(fx, gx)
            assert F((c * f)(x)) == c * fx
            assert F(f.relu()(x)) == max(fx, 0)


@given(pwl_data(), pwl_data())
def test_composition(d1, d2):
    f, g = build(d1), build(d2)
    try:
        h = f(g)
    except DomainError:
        lo, hi = g.range()
        flo, fhi = f.domain
        assert (flo is not None and (lo is None or lo < flo)) or \
            (fhi is not None and (hi is None or hi > fhi))
        return
    for x in probe_points(g, h):
        if inside(h, x):
            assert F(h(x)) == F(f(g(x)))


@given(pwl_data(min_points=2), st.data())
def test_restrict(data, draw):
    f = build(data)
    xs = sorted(p[0] for p in data[0])
    assume(xs[0] < xs[-1])
    a = draw.draw(st.sampled_from(xs[:-1]))
    b = draw.draw(st.sampled_from([x for x in xs if x > a]))
    r = f.restrict(a, b)
    assert r.domain == (a, b)
    for x in probe_points(r):
        if a <= x <= b:
            assert F(r(x)) == F(f(x))


def test_maximum_with_a_float_says_why():
    from exactrnn import InexactInputError

    with pytest.raises(InexactInputError):
        TENT.maximum(0.5)
