"""Deriving W from a state recurrence: homogeneous hinge expansions.

Every construction here follows one orbit ``u_0, u_1, …`` in [0, 1] under a
continuous piecewise-linear map, carried homogeneously with a scale ``c``:

    position   p = c·u,
    hinges     h_β = ReLU(p − β c) = c·ReLU(u − β)   for each hinge point β,
    scale      c' = c·B(u),
    position   p' = c·(B·T)(u)          (so u' = T(u) wherever c' > 0),

and optionally an accumulator ``acc' = acc + c·A(u) + κ_new·p' − κ_old·p``.
``B``, ``B·T`` and ``A`` are exact :class:`~exactrnn.PiecewiseLinear`
functions on [0, 1]. Any such function φ with breakpoints among the hinge
points satisfies ``φ(u) = φ(0) + φ'(0⁺)·u + Σ_β Δφ'(β)·ReLU(u − β)``, hence

    c·φ(u) = φ(0)·c + φ'(0⁺)·p + Σ_β Δφ'(β)·h_β,

a *linear* function of the state: this is the row of W that computes it (its
"hinge expansion"). Because ``B ≥ 0``, ``B·T ≥ 0`` and the accumulator stays
non-negative, the ReLU of each row is the row itself, except for the hinge
rows, where it is the hinge. So W is read off the PL functions, and changing
a parameter (a hinge point, a ratio) changes W accordingly.
"""

from ..errors import InvalidPiecewiseLinearError
from ..rational import Q, format_rational


def hinge_expansion(phi, hinges):
    """Coefficients of ``c·phi(u)`` on the coordinates ``c``, ``p`` and ``h_β``.

    >>> from exactrnn import PiecewiseLinear, format_rational
    >>> from exactrnn.constructions._orbit import hinge_expansion
    >>> tent = PiecewiseLinear([(0, 0), ("1/2", 1), (1, 0)])
    >>> {k: format_rational(v) for k, v in hinge_expansion(tent, ["1/2"]).items()}
    {'c': '0', 'p': '2', 'h[1/2]': '-4'}
    """
    hinges = [Q(b) for b in hinges]
    if phi.domain != (0, 1):
        raise InvalidPiecewiseLinearError("a state map must be defined on [0, 1]")
    extra = set(phi.breakpoints) - set(hinges)
    if extra:
        raise InvalidPiecewiseLinearError(
            f"breakpoints {sorted(format_rational(x) for x in extra)} are not hinge points")
    coeffs = {"c": phi(0), "p": phi.slopes[0]}
    for b in hinges:
        if b in phi.breakpoints:
            i = phi.breakpoints.index(b)
            coeffs[hinge_name(b)] = phi.slopes[i + 1] - phi.slopes[i]
        else:
            coeffs[hinge_name(b)] = Q(0)
    return coeffs


def hinge_name(b):
    return f"h[{format_rational(b)}]"


def add(*rows, scale=None):
    """Sum of coefficient dicts (optionally each scaled)."""
    out = {}
    for i, row in enumerate(rows):
        s = Q(1) if scale is None else Q(scale[i])
        for k, v in row.items():
            out[k] = out.get(k, Q(0)) + s * v
    return out


def assemble(coordinates, rows):
    """W from named rows: ``rows[name]`` is a dict coordinate -> coefficient."""
    index = {name: i for i, name in enumerate(coordinates)}
    W = []
    for name in coordinates:
        row = [Q(0)] * len(coordinates)
        for k, v in rows[name].items():
            if k not in index:
                raise KeyError(f"row {name!r} refers to an unknown coordinate {k!r}")
            row[index[k]] += Q(v)
        W.append(tuple(row))
    return tuple(W)


def orbit_rows(B, BT, hinges, A=None, accumulator=None, kappa_new=0, kappa_old=0):
    """The rows of the orbit recurrence (see the module docstring)."""
    b = hinge_expansion(B, hinges)
    bt = hinge_expansion(BT, hinges)
    rows = {"p": bt, "c": b}
    for beta in hinges:
        # h_β' = ReLU(p' − β c')
        rows[hinge_name(Q(beta))] = add(bt, b, scale=[1, -Q(beta)])
    if accumulator is not None:
        a = hinge_expansion(A, hinges) if A is not None else {}
        rows[accumulator] = add({accumulator: Q(1)}, a, bt, {"p": Q(1)},
                                scale=[1, 1, kappa_new, -Q(kappa_old)])
    return rows
