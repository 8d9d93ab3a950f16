"""Yarotsky's series and the note's variant: accumulated triangle waves.

``yarotsky(ratio=r, scale=σ)`` computes the partial sums
``σ Σ_{s=1}^{k} r^s g^s(t)`` (g the tent map; ``g^s`` is the note's ``t_{2^(s-1)}``,
the triangle wave with 2^(s-1) cycles). With r = 1/4, σ = 1 this is Yarotsky's
expansion ``t(1 − t) = Σ g^s(t) / 4^s``; the k-th partial sum is the linear
interpolation of t(1 − t) on the grid j / 2^k.

Derivation (see :mod:`._orbit`): the scale shrinks geometrically, ``c' = r·c``
(B = r), so the position ``p = c·u`` with ``u' = g(u)`` is ``r^s g^s``; the
accumulator adds ``σ·p'`` each step. Coordinates ``(y, p, h[1/2], c)``: width 4.
The input starts at ``u_0 = t/2`` with ``c_0 = 1/r`` (so ``c_1 = 1``, ``p_1 = t``)
and ``y_0 = −σ t`` (so ``y_1 = 0``): ``offset = 1``.

**The note's variant** ``(1/4) t_1 + (1/32) t_2 + (1/128) t_4 + …`` is ambiguous:
its ratios are 1/8 then 1/4. ``note_variant()`` reads it as the geometric series
with ratio 1/8 fixed by its first two terms, ``Σ 2·8^{-s} g^s`` (1/4, 1/32,
1/256, …): the note's point is a smaller ratio than Yarotsky's so that the
recurrent weights shrink ("functional norm < 1"), which only a changed ratio
can do — the other consistent pattern, ``2^{-(2s+1)}`` (1/8, 1/32, 1/128),
is Yarotsky's series halved, with the same recurrent block. The literal
coefficients, 1/4 then ``2^{-(2s+1)}`` for s ≥ 2, are ``note_variant("literal")``:
Yarotsky's block with σ = 1/2 plus a one-shot term ``g/8``, carried by two more
units (``e``, non-zero only in the input, and ``v = ReLU(e)``): width 6.
"""

from ..errors import InvalidParameterError
from ..pwl import PiecewiseLinear
from ..rational import Q
from ._orbit import assemble, hinge_name, orbit_rows
from .base import Construction
from .sawtooth import sawtooth_map, triangle_target

__all__ = ["yarotsky", "note_variant", "series_target", "series_pieces"]

HALF = Q(1, 2)


def series_target(coefficients):
    """``Σ_s coefficients[s-1] · g^s`` as a PiecewiseLinear on [0, 1] (PL arithmetic)."""
    total = PiecewiseLinear.affine(0, 0, domain=(0, 1))
    for s, a in enumerate(coefficients, start=1):
        total = total + triangle_target(s) * a
    return total


def series_pieces(coefficients):
    """Closed-form piece count of ``Σ_s a_s g^s`` on [0, 1].

    At ``x = odd / 2^j`` (1 <= j <= k), ``g^j`` has a peak (slope change
    ``−2^(j+1)``) and every ``g^s``, s > j, a valley (``+2^(s+1)``); coarser terms
    are smooth there. So x is a breakpoint iff
    ``−a_j 2^(j+1) + Σ_{s>j} a_s 2^(s+1) ≠ 0``, and there are 2^(j-1) such x.
    """
    a = [Q(v) for v in coefficients]
    k = len(a)
    pieces = 1
    for j in range(1, k + 1):
        jump = -a[j - 1] * 2 ** (j + 1) + sum(a[s - 1] * 2 ** (s + 1) for s in range(j + 1, k + 1))
        if jump != 0:
            pieces += 2 ** (j - 1)
    return pieces


def yarotsky(ratio="1/4", scale=1, *, name="yarotsky"):
    """Partial sums ``scale · Σ_{s=1}^{k} ratio^s g^s`` at depth k + 1 (ratio, scale > 0)."""
    r, sigma = Q(ratio, name="ratio"), Q(scale, name="scale")
    if not r > 0 or not sigma > 0:
        raise InvalidParameterError(f"ratio={ratio} and scale={scale} must be positive: the scale "
                         "c and the accumulated sum are carried through ReLUs")
    tent = sawtooth_map(2)
    B = PiecewiseLinear.affine(0, r, domain=(0, 1))
    rows = orbit_rows(B, tent * r, [HALF], accumulator="y", kappa_new=sigma, kappa_old=0)
    coordinates = ("y", "p", hinge_name(HALF), "c")
    W = assemble(coordinates, rows)
    # u_0 = t/2, c_0 = 1/r: p_0 = t/(2r); y_0 = -sigma t so that y_1 = 0
    origin = (Q(0), Q(0), Q(0), 1 / r)
    direction = (-sigma, 1 / (2 * r), Q(0), Q(0))
    coefficients = lambda k: [sigma * r ** s for s in range(1, k + 1)]  # noqa: E731
    return Construction(
        name=name, params={"ratio": r, "scale": sigma}, coordinates=coordinates, W=W,
        origin=origin, direction=direction, interval=(Q(0), Q(1)), offset=1,
        target=lambda k: series_target(coefficients(k)),
        expected_pieces=lambda k: series_pieces(coefficients(k)),
        recurrent=coordinates[1:],
        description=f"{sigma}·Σ ({r})^s g^s" if name == "yarotsky" else "")


def literal_coefficients(k):
    """The note's printed coefficients: 1/4, then 2^-(2s+1) for s >= 2."""
    return [Q(1, 4)] + [Q(1, 2 ** (2 * s + 1)) for s in range(2, k + 1)]


def note_variant(reading="geometric"):
    """The note's series (1/4) t_1 + (1/32) t_2 + (1/128) t_4 + …, at depth k + 1.

    ``reading="geometric"`` (default): ``Σ 2·8^{-s} g^s`` — see the module
    docstring for why; ``reading="literal"``: 1/4, then ``2^{-(2s+1)}``.
    """
    if reading == "geometric":
        c = yarotsky("1/8", 2, name="note_variant")
        return Construction(**{**c.__dict__, "params": {"reading": "geometric"},
                               "description": "note's variant read as Σ 2·8^-s g^s "
                               "(1/4, 1/32, 1/256, …)"})
    if reading != "literal":
        raise InvalidParameterError(f"reading={reading!r} must be 'geometric' or 'literal'")
    base = yarotsky("1/4", "1/2")
    rows = dict(_rows_of(base))
    rows["y"] = {**rows["y"], "v": Q(-1)}   # subtract the one-shot v once
    rows["e"] = {}                            # e: non-zero in the input only
    rows["v"] = {"e": Q(1)}                   # v_1 = ReLU(e_0), then 0
    coordinates = base.coordinates + ("e", "v")
    W = assemble(coordinates, rows)
    # y_1 = t/4 (instead of 0); e_0 = (t - 1/2)/2 so v_1 = ReLU(t - 1/2)/2;
    # y_2 = t/4 - ReLU(t - 1/2)/2 + g(t)/8 = g(t)/8 + g(t)/8.
    origin = base.origin + (Q(-1, 4), Q(0))
    direction = (base.direction[0] + Q(1, 4),) + base.direction[1:] + (HALF, Q(0))
    return Construction(
        name="note_variant", params={"reading": "literal"}, coordinates=coordinates, W=W,
        origin=origin, direction=direction, interval=(Q(0), Q(1)), offset=1,
        target=lambda k: series_target(literal_coefficients(k)),
        expected_pieces=lambda k: series_pieces(literal_coefficients(k)),
        recurrent=base.coordinates[1:],
        description="note's variant, literal coefficients 1/4, 1/32, 1/128, 1/512, …")


def _rows_of(construction):
    """Rows (as dicts) of a construction's W, by coordinate name."""
    names = construction.coordinates
    return {name: {names[j]: v for j, v in enumerate(row) if v != 0}
            for name, row in zip(names, construction.W)}
