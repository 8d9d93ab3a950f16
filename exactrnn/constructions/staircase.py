"""The devil's staircase W*: Cantor-function iterates, and the generalized family.

For a removed middle interval ``[a, b]`` (0 < a < b < 1; the classical Cantor
function has a = 1/3, b = 2/3):

    G_0(t) = t,
    G_k(t) = G_{k-1}(t/a)/2                       on [0, a],
           = 1/2                                  on [a, b],
           = 1/2 + G_{k-1}((t − b)/(1 − b))/2     on [b, 1],

with 2^(k+1) − 1 affine pieces for every (a, b).

**Derivation.** Write ``G_k(t) = A(t) + B(t)·G_{k−1}(T(t))``. Outside the
middle, ``B = 1/2`` and T is the affine blow-up of the third. In the middle
the value is constant, and ``B·G_{k−1}(T)`` must stay continuous for every k:
split the middle at its midpoint α; on ``[a, α]`` keep ``T = 1`` (where every
``G_{k−1}`` is 1) and let B fall from 1/2 to 0 while A rises to 1/2; on
``[α, b]`` put ``T = 0`` (where every ``G_{k−1}`` is 0) and let B rise back.
Then B, ``B·T`` and A are piecewise *linear* (on each piece one of B, T is
constant), with breakpoints a, α, b: three hinges. With the scale c (``c' =
c·B(u)``), the position ``p = c·u`` and the accumulator ``Y = y + p`` (so the
readout is the iterate itself), the orbit recurrence of :mod:`._orbit` gives
W; width 6: ``(Y, p, c, h[a], h[α], h[b])``. The middle parameter α changes W
but not the function: a direction in weight space that only moves internal
state, the kind the note's proof attempt worries about.

The input starts the orbit at ``u_0 = a t`` (first part, all hinges 0) with
``c_0 = 2`` and ``Y_0 = p_0``, so one application gives ``Y_1 = p_1 = t``:
``offset = 1``, ``f_{k+1} = G_k`` on [0, 1].

>>> from exactrnn.constructions import staircase
>>> W_star = staircase()
>>> W_star.width, W_star.offset, W_star.coordinates
(6, 1, ('Y', 'p', 'c', 'h[1/3]', 'h[1/2]', 'h[2/3]'))
"""

from ..errors import InvalidParameterError
from ..pwl import PiecewiseLinear
from ..rational import Q
from ._orbit import assemble, hinge_name, orbit_rows
from .base import Construction

__all__ = ["staircase", "generalized_staircase", "staircase_target"]

HALF = Q(1, 2)


def _check_gap(a, b):
    a, b = Q(a, name="a"), Q(b, name="b")
    if not (0 < a < b < 1):
        raise InvalidParameterError(f"the removed interval [a, b] = [{a}, {b}] needs 0 < a < b < 1")
    return a, b


def staircase_target(k, a="1/3", b="2/3"):
    """``G_k`` from its recursion, built from vertices (independent of any network)."""
    a, b = _check_gap(a, b)
    vertices = [(Q(0), Q(0)), (Q(1), Q(1))]
    for _ in range(k):
        left = [(a * x, y / 2) for x, y in vertices]
        right = [(b + (1 - b) * x, HALF + y / 2) for x, y in vertices]
        vertices = left + right
    return PiecewiseLinear(vertices)


def generalized_staircase(a="1/3", b="2/3", alpha=None, *, name="generalized_staircase"):
    """The staircase with removed middle [a, b]: ``f_{k+1} = G_k`` on [0, 1].

    ``alpha`` (default the midpoint) is where the removed interval is split:
    it changes W, never the function.
    """
    a, b = _check_gap(a, b)
    alpha = (a + b) / 2 if alpha is None else Q(alpha, name="alpha")
    if not a < alpha < b:
        raise InvalidParameterError(f"alpha={alpha} must lie strictly between a={a} and b={b}")
    B = PiecewiseLinear([(0, HALF), (a, HALF), (alpha, 0), (b, HALF), (1, HALF)])
    BT = PiecewiseLinear([(0, 0), (a, HALF), (alpha, 0), (b, 0), (1, HALF)])
    A = PiecewiseLinear([(0, 0), (a, 0), (alpha, HALF), (1, HALF)])
    hinges = [a, alpha, b]
    rows = orbit_rows(B, BT, hinges, A=A, accumulator="Y", kappa_new=1, kappa_old=1)
    coordinates = ("Y", "p", "c", *(hinge_name(x) for x in hinges))
    W = assemble(coordinates, rows)
    # u_0 = a t, c_0 = 2: p_0 = 2 a t = Y_0
    origin = tuple(Q(2) if x == "c" else Q(0) for x in coordinates)
    direction = tuple(2 * a if x in ("Y", "p") else Q(0) for x in coordinates)
    return Construction(
        name=name, params=({} if name == "staircase" else {"a": a, "b": b}) |
        ({"alpha": alpha} if alpha != (a + b) / 2 else {}),
        coordinates=coordinates, W=W, origin=origin, direction=direction,
        interval=(Q(0), Q(1)), offset=1,
        target=lambda k: staircase_target(k, a, b),
        expected_pieces=lambda k: 2 ** (k + 1) - 1,
        recurrent=coordinates[1:],
        description="devil's staircase (Cantor function iterates)" if name == "staircase"
        else f"staircase with removed middle [{a}, {b}]")


def staircase():
    """The note's W*: ``f_{k+1}`` is the k-th Cantor-function iterate on [0, 1]."""
    return generalized_staircase("1/3", "2/3", name="staircase")
