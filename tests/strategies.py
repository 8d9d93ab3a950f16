"""Hypothesis strategies: small rationals full of ties, zeros and degeneracy."""

from fractions import Fraction

from hypothesis import strategies as st

# Small numerators and denominators make exact ties (two units crossing at
# the same t, zeros exactly at vertices, collinear pieces) common.
small_rationals = st.one_of(
    st.integers(-3, 3).map(Fraction),
    st.fractions(min_value=-3, max_value=3, max_denominator=4),
)


@st.composite
def networks(draw, min_width=1, max_width=4):
    w = draw(st.integers(min_width, max_width))
    W = [[draw(small_rationals) for _ in range(w)] for _ in range(w)]
    return W


@st.composite
def lines(draw, w):
    origin = [draw(small_rationals) for _ in range(w)]
    direction = [draw(small_rationals) for _ in range(w)]
    kind = draw(st.sampled_from(["interval", "interval", "whole", "left", "right"]))
    if kind == "interval":
        a = draw(small_rationals)
        b = a + draw(st.fractions(min_value=Fraction(1, 8), max_value=4, max_denominator=8))
        interval = (a, b)
    elif kind == "whole":
        interval = (None, None)
    elif kind == "left":
        interval = (None, draw(small_rationals))
    else:
        interval = (draw(small_rationals), None)
    return origin, direction, interval
