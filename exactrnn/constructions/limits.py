"""Exact values of the limiting functions at rational points.

* :func:`cantor` — the Cantor function C(t) (and :func:`staircase_limit` for
  the generalized staircase): the ternary-like orbit of a rational t is
  eventually periodic (for the classical staircase), so C(t) is the sum of a
  finite prefix and a geometric tail, computed exactly.
* :func:`series_limit` — ``scale · Σ_{s≥1} ratio^s g^s(t)``: the tent-map orbit
  of a rational is eventually periodic (denominators never grow), so the
  series sums exactly; ratio 1/4, scale 1 gives t(1 − t).

>>> from exactrnn.constructions.limits import cantor, series_limit
>>> [str(cantor(t)) for t in ("1/4", "3/4", "1/3", "1/2", "1")]
['1/3', '2/3', '1/2', '1/2', '1']
>>> str(series_limit("1/3", "1/4")), str(series_limit("1/3", "1/8", 2))
('2/9', '4/21')
"""

from ..errors import DomainError, ExactRNNError, InvalidParameterError
from ..rational import Q

__all__ = ["cantor", "staircase_limit", "series_limit", "note_variant_limit",
           "NotEventuallyPeriodic"]

HALF = Q(1, 2)


class NotEventuallyPeriodic(ExactRNNError, ArithmeticError):
    """The orbit did not repeat within the step budget (the value may be irrational)."""


def _in_unit(t):
    t = Q(t, name="t")
    if not 0 <= t <= 1:
        raise DomainError(f"t={t} is outside [0, 1]")
    return t


def _sum_orbit(x0, step, weight, max_steps):
    """Σ_s weight(s, x_s) over an orbit ending in a stop or a cycle, exactly.

    ``step(x)`` returns ``(term, next_x)`` or ``(term, None)`` to stop; terms
    of step s are multiplied by ``weight**s``.
    """
    seen = {}
    total = Q(0)
    x, s = x0, 1
    w = Q(weight)
    partial = []
    while s <= max_steps:
        if x in seen:
            s0 = seen[x]
            period = s - s0
            cycle = sum(partial[s0 - 1:], Q(0))  # Σ_{s0 <= j < s} weight^j term_j
            return total - cycle + cycle / (1 - w ** period)
        seen[x] = s
        term, nxt = step(x)
        value = term * w ** s
        partial.append(value)
        total += value
        if nxt is None:
            return total
        x, s = nxt, s + 1
    raise NotEventuallyPeriodic(f"the orbit of {x0} did not repeat within {max_steps} steps")


def staircase_limit(t, a="1/3", b="2/3", *, max_steps=100_000):
    """The limit G(t) of the generalized staircase with removed middle [a, b]."""
    t = _in_unit(t)
    a, b = Q(a, name="a"), Q(b, name="b")
    if not 0 < a < b < 1:
        raise InvalidParameterError(f"[a, b] = [{a}, {b}] needs 0 < a < b < 1")

    def step(x):
        if x < a:
            return Q(0), x / a
        if x > b:
            return Q(1), (x - b) / (1 - b)
        return Q(1), None  # inside the removed middle: the value is fixed

    return _sum_orbit(t, step, HALF, max_steps)


def cantor(t):
    """The Cantor function C(t), exactly, at a rational t in [0, 1]."""
    return staircase_limit(t)


def series_limit(t, ratio="1/4", scale=1, *, max_steps=1_000_000):
    """``scale · Σ_{s≥1} ratio^s g^s(t)`` exactly (0 < ratio < 1)."""
    t = _in_unit(t)
    r, sigma = Q(ratio, name="ratio"), Q(scale, name="scale")
    if not 0 < r < 1:
        raise InvalidParameterError(f"ratio={r} must be in (0, 1) for the series to converge")

    def tent(x):
        return 2 * x if x <= HALF else 2 - 2 * x

    def step(x):
        y = tent(x)
        return y, y

    # the orbit of t; the term at step s is g^s(t) = x_s
    return sigma * _sum_orbit(t, lambda x: step(x), r, max_steps)


def note_variant_limit(t, reading="geometric"):
    """The limit of the note's variant series at a rational t, exactly.

    Geometric reading: ``Σ 2·8^{-s} g^s(t)``; literal reading (1/4, then
    ``2^{-(2s+1)}``): ``t(1 − t)/2 + g(t)/8``.

    >>> from exactrnn.constructions.limits import note_variant_limit
    >>> str(note_variant_limit("1/2")), str(note_variant_limit("1/2", "literal"))
    ('1/4', '1/4')
    """
    t = _in_unit(t)
    if reading == "geometric":
        return series_limit(t, Q(1, 8), 2)
    if reading == "literal":
        g = 2 * t if t <= HALF else 2 - 2 * t
        return series_limit(t, Q(1, 4), HALF) + g / 8
    raise InvalidParameterError(f"reading={reading!r} must be 'geometric' or 'literal'")
