"""Triangle wave and multi-fold sawtooth: iterates of a folding map.

The m-fold sawtooth ``s_m`` maps [0, 1] onto [0, 1] in m laps of slope ±m
(``s_2 = g`` is the tent map ``g(u) = 1 − |2u − 1|``). Its iterate
``s_m^k`` has m^k pieces, with vertices ``(j / m^k, j mod 2)``.

Derivation (see :mod:`._orbit`): scale ``c`` constant (B = 1), position
``p = c·u`` with ``u' = s_m(u)``, one hinge per fold point ``j/m``. Width
m + 1. The input line starts the orbit at ``u_0 = t/m`` (first lap, all
hinges 0), so one application of W gives ``u_1 = t``: ``offset = 1`` and
``f_{k+1} = s_m^k`` on [0, 1].

>>> from exactrnn.constructions import triangle_wave
>>> c = triangle_wave()
>>> c.width, c.offset, [[str(v) for v in row] for row in c.W]
(3, 1, [['2', '-4', '0'], ['2', '-4', '-1/2'], ['0', '0', '1']])
"""

from ..errors import InvalidParameterError
from ..pwl import PiecewiseLinear
from ..rational import Q
from ._orbit import assemble, hinge_name, orbit_rows
from .base import Construction

__all__ = ["sawtooth", "triangle_wave", "sawtooth_target", "triangle_target"]


def sawtooth_map(m):
    """``s_m`` on [0, 1]: vertices ``(j/m, j mod 2)``."""
    return PiecewiseLinear([(Q(j, m), j % 2) for j in range(m + 1)])


def sawtooth_target(m, k):
    """``s_m^k`` from its closed form: vertices ``(j / m^k, j mod 2)`` (k = 0: identity)."""
    n = m ** k
    return PiecewiseLinear([(Q(j, n), j % 2) for j in range(n + 1)])


def triangle_target(k):
    """``g^k``, the triangle wave with 2^(k-1) cycles on [0, 1]."""
    return sawtooth_target(2, k)


def _check_m(m):
    if isinstance(m, bool) or int(m) != m or not 2 <= int(m) <= 64:
        raise InvalidParameterError(f"m={m!r} must be an integer from 2 to 64 (teeth per fold)")
    return int(m)


def sawtooth(m=3, *, name="sawtooth"):
    """The m-fold sawtooth network: ``f_{k+1} = s_m^k`` on [0, 1], m^k pieces."""
    m = _check_m(m)
    T = sawtooth_map(m)
    one = PiecewiseLinear.affine(1, 0, domain=(0, 1)) * 0 + 1
    hinges = [Q(j, m) for j in range(1, m)]
    rows = orbit_rows(one, T, hinges)
    coordinates = ("p", *(hinge_name(b) for b in hinges), "c")
    W = assemble(coordinates, rows)
    origin = tuple(Q(1) if x == "c" else Q(0) for x in coordinates)
    direction = tuple(Q(1, m) if x == "p" else Q(0) for x in coordinates)
    return Construction(
        name=name, params={} if name == "triangle_wave" else {"m": Q(m)},
        coordinates=coordinates, W=W, origin=origin, direction=direction,
        interval=(Q(0), Q(1)), offset=1,
        target=lambda k: sawtooth_target(m, k),
        expected_pieces=lambda k: m ** k,
        recurrent=coordinates,
        description=f"iterates of the {m}-fold sawtooth" if m != 2 else
        "triangle wave: iterates of the tent map g")


def triangle_wave():
    """The tent-map network: ``f_{k+1} = g^k`` on [0, 1], 2^k pieces."""
    return sawtooth(2, name="triangle_wave")
