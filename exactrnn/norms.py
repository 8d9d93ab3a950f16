"""Exact and certified norms of a weight matrix, for the note's norm remark.

Norms that are rational are returned exactly. Those that are algebraic
(spectral norm, spectral radius, the Perron root) come as certified rational
brackets ``(lo, hi)`` with ``lo <= value <= hi``, from exact real-root
isolation of a characteristic polynomial (SymPy), never from floating point.

>>> from exactrnn.norms import inf_norm, one_norm, spectral_norm, perron_root
>>> from exactrnn import Q, format_rational
>>> W = [[1, -2], [0, 1]]
>>> format_rational(inf_norm(W)), format_rational(one_norm(W))
('3', '3')
>>> lo, hi = spectral_norm(W)             # exactly 1 + sqrt(2)
>>> format_rational(lo), format_rational(hi)
('2414213562373/1000000000000', '1207106781187/500000000000')
>>> (lo - 1) ** 2 < 2 < (hi - 1) ** 2     # so 1 + √2 lies in [lo, hi]
True
"""

import math

from . import _ground
from .rational import Q, as_matrix, format_rational

__all__ = ["inf_norm", "one_norm", "frobenius_squared", "frobenius", "spectral_norm",
           "spectral_radius", "perron_root", "min_diagonal_inf_norm", "norm_table"]

EPS = Q(1, 10 ** 12)


def _M(W):
    return as_matrix(W)


def inf_norm(W):
    """max_i Σ_j |W_ij| (the operator norm induced by the max-norm)."""
    return max(sum(abs(v) for v in row) for row in _M(W))


def one_norm(W):
    """max_j Σ_i |W_ij| (the operator norm induced by the 1-norm)."""
    M = _M(W)
    return max(sum(abs(M[i][j]) for i in range(len(M))) for j in range(len(M)))


def frobenius_squared(W):
    """Σ W_ij², exact."""
    return sum(v * v for row in _M(W) for v in row)


def _sqrt_bracket(lo, hi, eps=EPS):
    """Rational (l, h) with l <= sqrt(lo) and sqrt(hi) <= h, h − l small."""
    scale = int(1 / eps)

    def floor_sqrt(x):
        p, q = _ground.numer_denom(x)
        return Q(math.isqrt(p * q * scale * scale), q * scale)

    def ceil_sqrt(x):
        p, q = _ground.numer_denom(x)
        r = math.isqrt(p * q * scale * scale)
        if r * r < p * q * scale * scale:
            r += 1
        return Q(r, q * scale)

    low, high = floor_sqrt(max(lo, Q(0))), ceil_sqrt(max(hi, Q(0)))
    if low * low == lo and high * high == hi:
        return low, high  # exact square roots
    return _outward(low, high, eps)


def frobenius(W, eps=EPS):
    """A certified bracket of the Frobenius norm sqrt(Σ W_ij²)."""
    f2 = frobenius_squared(W)
    return _sqrt_bracket(f2, f2, eps)


def _sympy_matrix(M):
    import sympy

    return sympy.Matrix([[sympy.Rational(*_ground.numer_denom(v)) for v in row] for row in M])


def _outward(lo, hi, eps):
    """Round a bracket outward to multiples of eps (readable, still certified)."""
    scale = int(1 / eps)
    p, q = _ground.numer_denom(lo * scale)
    lo2 = Q(p // q, scale)
    p, q = _ground.numer_denom(hi * scale)
    hi2 = Q(-((-p) // q), scale)
    return lo2, hi2


def _largest_real_root(poly_matrix, eps):
    """Certified bracket of the largest real eigenvalue of a square SymPy matrix."""
    import sympy

    lam = sympy.Symbol("lam")
    poly = sympy.Poly(poly_matrix.charpoly(lam).as_expr(), lam)
    intervals = poly.intervals(eps=sympy.Rational(*_ground.numer_denom(eps)) / 4)
    lo, hi = max((iv for iv, _ in intervals), key=lambda iv: iv[1])
    lo, hi = _q(lo), _q(hi)
    return (lo, hi) if lo == hi else _outward(lo, hi, eps)


def spectral_norm(W, eps=EPS):
    """Certified bracket of the largest singular value sqrt(λ_max(WᵀW))."""
    M = _sympy_matrix(_M(W))
    lo, hi = _largest_real_root(M.T * M, eps * eps)
    return _sqrt_bracket(lo, hi, eps)


def spectral_radius(W, eps=EPS):
    """Certified bracket of max |λ| over the (complex) eigenvalues of W."""
    import sympy

    M = _sympy_matrix(_M(W))
    lam = sympy.Symbol("lam")
    poly = sympy.Poly(M.charpoly(lam).as_expr(), lam).sqf_part()
    e = sympy.Rational(*_ground.numer_denom(eps)) / 4
    best_lo, best_hi = Q(0), Q(0)
    for (a, b), _ in poly.intervals(all=True, eps=e)[0]:  # real roots
        lo = Q(0) if a <= 0 <= b else min(abs(_q(a)), abs(_q(b)))
        hi = max(abs(_q(a)), abs(_q(b)))
        best_lo, best_hi = max(best_lo, lo), max(best_hi, hi)
    for ((x0, y0), (x1, y1)), _ in poly.intervals(all=True, eps=e)[1]:  # complex roots
        xs, ys = (_q(x0), _q(x1)), (_q(y0), _q(y1))
        near = [Q(0) if xs[0] <= 0 <= xs[1] else min(abs(x) for x in xs),
                Q(0) if ys[0] <= 0 <= ys[1] else min(abs(y) for y in ys)]
        far = [max(abs(x) for x in xs), max(abs(y) for y in ys)]
        lo2, hi2 = near[0] ** 2 + near[1] ** 2, far[0] ** 2 + far[1] ** 2
        lo, hi = _sqrt_bracket(lo2, hi2, eps)
        best_lo, best_hi = max(best_lo, lo), max(best_hi, hi)
    return (best_lo, best_hi) if best_lo == best_hi else _outward(best_lo, best_hi, eps)


def _q(x):
    return Q(int(x.p), int(x.q))


def perron_root(W, eps=EPS):
    """Certified bracket of the spectral radius of |W| (its Perron root)."""
    A = [[abs(v) for v in row] for row in _M(W)]
    if all(v == 0 for row in A for v in row):
        return Q(0), Q(0)
    return _largest_real_root(_sympy_matrix(A), eps)


def min_diagonal_inf_norm(W, eps=EPS):
    """inf over positive diagonal D of ||D W D⁻¹||_∞, and whether it is attained.

    For a square matrix this infimum equals the Perron root ρ(|W|)
    (|W| the entrywise absolute value); it is attained exactly when |W|
    is irreducible (its support graph strongly connected).
    """
    import networkx as nx

    M = _M(W)
    G = nx.DiGraph()
    G.add_nodes_from(range(len(M)))
    G.add_edges_from((i, j) for i, row in enumerate(M) for j, v in enumerate(row) if v != 0)
    return perron_root(M, eps), nx.is_strongly_connected(G)


def norm_table(W, eps=EPS):
    """All of the above as a JSON-ready dict of ``"p/q"`` strings."""
    fmt = format_rational
    pair = lambda b: [fmt(b[0]), fmt(b[1])]  # noqa: E731
    perron, attained = min_diagonal_inf_norm(W, eps)
    return {
        "inf": fmt(inf_norm(W)),
        "one": fmt(one_norm(W)),
        "frobenius_squared": fmt(frobenius_squared(W)),
        "frobenius": pair(frobenius(W, eps)),
        "spectral": pair(spectral_norm(W, eps)),
        "spectral_radius": pair(spectral_radius(W, eps)),
        "min_diagonal_scaled_inf": pair(perron),
        "min_diagonal_scaled_inf_attained": attained,
    }
