"""PiecewiseLinearCurve, and the engine's state against PL arithmetic."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import f_at
from strategies import lines, networks

from exactrnn import (
    InputLine,
    InvalidPiecewiseLinearError,
    PiecewiseLinear,
    PiecewiseLinearCurve,
    ReLURNN,
    ShapeError,
)

pytestmark = pytest.mark.core


def F(x):
    return Fraction(int(x.numerator), int(x.denominator))


def test_by_hand():
    # x(t) = (t, 1 - 2t) on [0, 1]; W = [[0, 1], [1, 0]] swaps: h = (ReLU(1 - 2t), t)
    x = PiecewiseLinearCurve.from_points([(0, (0, 1)), (1, (1, -1))])
    h = x.step("0,1; 1,0")
    assert [F(b) for b in h.breakpoints] == [Fraction(1, 2)]
    assert h.pieces == 2 and h.dimension == 2 and len(h) == 2
    assert h[0] == PiecewiseLinear([(0, 1), ("1/2", 0), (1, 0)])
    assert h[1] == PiecewiseLinear([(0, 0), (1, 1)])
    assert eval(repr(h), {"PiecewiseLinearCurve": PiecewiseLinearCurve}) == h


def test_whole_line_curve_and_repr():
    c = PiecewiseLinearCurve.from_points([(0, (0, 0))], left_slope=(1, 0), right_slope=(0, 1))
    assert c.domain == (None, None)
    assert [F(v) for v in c(-2)] == [-2, 0] and [F(v) for v in c(3)] == [0, 3]
    assert eval(repr(c), {"PiecewiseLinearCurve": PiecewiseLinearCurve}) == c
    assert hash(c) == hash(PiecewiseLinearCurve(c.components))


@pytest.mark.parametrize("call, exc", [
    (lambda: PiecewiseLinearCurve([]), InvalidPiecewiseLinearError),
    (lambda: PiecewiseLinearCurve([PiecewiseLinear([(0, 0), (1, 1)]),
                                   PiecewiseLinear([(0, 0), (2, 1)])]),
     InvalidPiecewiseLinearError),
    (lambda: PiecewiseLinearCurve(["f"]), TypeError),
    (lambda: PiecewiseLinearCurve.from_points([(0, (1, 2)), (1, (1,))]), ShapeError),
    (lambda: PiecewiseLinearCurve.from_points([(0, (1,)), (1, (1,))]).step("1,0;0,1"),
     ShapeError),
])
def test_errors(call, exc):
    with pytest.raises(exc):
        call()


@settings(max_examples=80)
@given(networks(max_width=3), st.data())
def test_engine_state_equals_repeated_pl_steps(W, data):
    """h_k along the line from the engine equals k steps of PL arithmetic."""
    origin, direction, interval = data.draw(lines(len(W)))
    k = data.draw(st.integers(1, 4))
    line = InputLine(origin, direction, interval)
    fast = ReLURNN(W).hidden_on_line(line, k)
    lo, hi = interval
    x = PiecewiseLinearCurve.from_points(
        [(t, line.point(t)) for t in (lo, hi) if t is not None] or [(0, line.point(0))],
        left_slope=direction if lo is None else None,
        right_slope=direction if hi is None else None)
    for _ in range(k):
        x = x.step(W)
    assert fast == x
    # and the readout is f_k
    t = Fraction(1, 3) if lo is None else lo + Fraction(1, 3)
    if hi is None or t <= hi:
        assert F(fast(t)[0]) == f_at(W, [o + t * d for o, d in zip(origin, direction)], k)
