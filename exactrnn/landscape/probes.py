"""Probes of every hole in the note's proof attempt, exactly.

* :func:`certified_radius` — a rational ρ such that every data point keeps
  its activation pattern for all W with ``max |W − W*| <= ρ``: there, L is one
  polynomial (the note's "the loss is a polynomial near W*").
* :func:`point_probes` — per point: is ∇f_i ≠ 0 (its zero set is locally a
  hypersurface of dimension w² − 1)? is it curved (the Hessian of f_i on the
  tangent space ≠ 0)? and an exact witness that the single-point loss is
  not convex.
* :func:`zero_loss_dimension` — lower bound from exact symmetries
  (``W -> D W D⁻¹``, D positive diagonal, 1 on the readout and on every
  coordinate the data use), upper bound ``w² − rank J``.
* :func:`along` — the exact polynomial ``L(W + sV)`` on a certified interval
  ``0 <= s < s0``, with the pattern for small ``s > 0`` decided by the lowest
  non-zero coefficient of each pre-activation: this also gives one-sided
  derivatives at corners (:func:`one_sided_derivative`) and the limiting
  gradients met along chosen directions (:func:`limiting_gradients`).
"""

from ..linalg import inertia, nullspace, rank
from ..rational import Q
from .derivatives import ZERO, forward, point_derivatives

__all__ = ["certified_radius", "point_probes", "zero_loss_dimension", "symmetry_tangents",
           "along", "one_sided_derivative", "limiting_gradients", "loss_slice",
           "positive_definite_box"]


# -- the certified radius -------------------------------------------------------------

def _radius_ok(W, states, pre, rho):
    """Does every pre-activation keep its sign for all |ΔW| <= rho (entrywise)?

    Componentwise bounds along the fixed pattern: with E_j >= |Δh_j|,
    ``|Δz_j| <= |W| E_{j−1} + ρ·Σ(|h_{j−1}| + E_{j−1})`` and ``E_j = D_j |Δz_j|``
    (an inactive unit stays at 0 while its sign is kept).
    """
    w = len(W)
    absW = [[abs(v) for v in row] for row in W]
    E = [ZERO] * w
    for j, z in enumerate(pre):
        h = states[j]
        spread = rho * sum((abs(a) + b for a, b in zip(h, E)), ZERO)
        dz = [sum((a * b for a, b in zip(row, E)), ZERO) + spread for row in absW]
        # a unit exactly at 0 keeps its pattern only if nothing can move it
        if any(abs(v) <= d and not (v == 0 and d == 0) for v, d in zip(z, dz)):
            return False
        E = [d if v > 0 else ZERO for v, d in zip(z, dz)]
    return True


def certified_radius(W, xs, depth, bits=40):
    """A certified rational ρ such that no data point changes pattern for |W − W*| <= ρ.

    Componentwise bounds E_j >= |Δh_j| along each point's pattern (see
    ``_radius_ok``); a pattern is kept while ``|Δz_j| < |z_j|`` for every
    pre-activation (a unit exactly at 0 only if nothing can move it). ρ is
    found by halving and bisection to ``bits`` binary digits, or is 0 when a
    point sits on a corner.
    """
    runs = [forward(W, x, depth) for x in xs]

    def ok(rho):
        return all(_radius_ok(W, states, pre, rho) for states, pre in runs)

    hi = Q(1)
    while not ok(hi):
        hi /= 2
        if hi < Q(1, 2 ** bits):
            return Q(0)
    lo, hi = hi, 2 * hi
    for _ in range(bits):
        mid = (lo + hi) / 2
        if ok(mid):
            lo = mid
        else:
            hi = mid
    return lo


# -- per point ----------------------------------------------------------------------

def point_probes(W, data, depth, convexity_witness=True, within=None):
    """For each point: gradient ≠ 0, curvature on the tangent space, convexity witness.

    With ``within`` (e.g. the certified radius), a non-convexity witness W′
    must lie in the max-norm box of that radius around W, so the statement is
    local: L_i is not convex on that box.
    """
    out = []
    for p in data.points:
        f, g, H, boundary = point_derivatives(W, p.x, depth)
        grad_nonzero = any(v != 0 for v in g)
        curved = None
        witness = None
        if grad_nonzero:
            T = nullspace([g])  # tangent space of the zero set of f_i − y_i at W
            curved = any(sum(t[a] * H[a][b] * u[b] for a in range(len(g)) for b in range(len(g))
                             if H[a][b]) != 0 for t in T for u in T)
            if curved and convexity_witness and not boundary:
                witness = _nonconvexity_witness(W, p, depth, g, H, T, within)
        out.append({"t": p.t, "gradient_nonzero": grad_nonzero, "curved": curved,
                    "single_loss_nonconvex": witness is not None, "witness": witness,
                    "on_discontinuity": bool(boundary)})
    return out


def _quad(H, u, v):
    n = len(u)
    return sum(u[a] * H[a][b] * v[b] for a in range(n) if u[a] for b in range(n) if H[a][b])


def _nonconvexity_witness(W, p, depth, g, H, T, within=None):
    """A point W' and direction U with Uᵀ ∇²L_i(W') U < 0, verified exactly.

    Take a tangent V with κ = Vᵀ H V ≠ 0, step along ∓∇f so that the residual
    at W' has the sign opposite to κ, project V on the tangent space at W'.
    With ``within``, only steps with max|W' − W| <= within are tried.
    """
    w = len(W)
    V = next((t for t in T if _quad(H, t, t) != 0), None)
    if V is None:  # curvature only in mixed directions: use a sum
        V = next(([a + b for a, b in zip(t, u)] for t in T for u in T
                  if _quad(H, [a + b for a, b in zip(t, u)], [a + b for a, b in zip(t, u)]) != 0),
                 None)
        if V is None:
            return None
    kappa = _quad(H, V, V)
    sign = -1 if kappa > 0 else 1
    first = 1
    if within is not None:
        if within <= 0:
            return None
        size = max(abs(v) for v in g)
        while Q(1, 2 ** first) * size > within:
            first += 1
    for m in range(first, first + 40):
        eps = Q(sign, 2 ** m)
        W2 = [[W[a][b] + eps * g[a * w + b] for b in range(w)] for a in range(w)]
        f2, g2, H2, bd = point_derivatives(W2, p.x, depth)
        if bd:
            continue
        r = f2 - p.y
        gg = sum(v * v for v in g2)
        if gg == 0 or r == 0:
            continue
        U = [v - sum(a * b for a, b in zip(g2, V)) / gg * gv for v, gv in zip(V, g2)]
        # Uᵀ ∇²L_i U = 2 ((g·U)² + r Uᵀ H U) with g·U = 0
        q = 2 * r * _quad(H2, U, U)
        if q < 0:
            return {"W": W2, "direction": U, "second_derivative": q, "residual": r,
                    "distance": abs(eps) * max(abs(v) for v in g)}
    return None


# -- symmetries and the dimension of the zero-loss set -------------------------------------

def symmetry_tangents(W, xs, readout=0):
    """Tangents ``E_jj W − W E_jj`` of ``W -> D W D⁻¹`` for the free coordinates j.

    D must fix the readout coordinate and every input ``x_i`` (``D x_i = x_i``),
    so j ranges over the coordinates other than the readout where all data
    inputs vanish. Then ``f(D W D⁻¹, x_i) = f(W, x_i)`` for every positive D:
    a (#free)-parameter family of weights with exactly the same outputs.
    """
    w = len(W)
    free = [j for j in range(w) if j != readout and all(x[j] == 0 for x in xs)]
    tangents = []
    for j in free:
        T = [[ZERO] * w for _ in range(w)]
        for b in range(w):
            T[j][b] += W[j][b]
        for a in range(w):
            T[a][j] -= W[a][j]
        tangents.append([T[a][b] for a in range(w) for b in range(w)])
    return free, tangents


def _rescaled(W, j, d):
    w = len(W)
    return [[W[a][b] * (d if a == j else 1) / (d if b == j else 1) for b in range(w)]
            for a in range(w)]


def orbit_nonconvexity(W, data, depth, within):
    """An exact witness that L is not convex on the max-norm box of radius ``within``.

    At a zero of L with a rescaling symmetry (see :func:`symmetry_tangents`):
    A = W and B = D W D⁻¹ (unit j scaled by d = 1 + 2⁻ᵐ, m the least with
    max|B − A| <= within) both have L = 0, but L((A + B)/2) > 0: the orbit is
    a curved set of zeros. Returns ``{"unit", "d", "distance", "loss_A",
    "loss_B", "loss_mid"}`` (all exact) or None.

    >>> from exactrnn.constructions import build
    >>> from exactrnn.landscape import choose_points
    >>> c = build("staircase"); d = choose_points(c, 2, "gaps", n=12)
    >>> w = orbit_nonconvexity(c.W, d, d.depth, Q(1, 1000))
    >>> w["loss_A"] == w["loss_B"] == 0 < w["loss_mid"], w["distance"] <= Q(1, 1000)
    (True, True)
    """
    if within is None or within <= 0:
        return None
    free, _ = symmetry_tangents(W, data.xs)
    if _loss(W, data, depth) != 0:
        return None
    w = len(W)
    for j in free:
        for m in range(1, 200):
            d = 1 + Q(1, 2 ** m)
            B = _rescaled(W, j, d)
            distance = max(abs(B[a][b] - W[a][b]) for a in range(w) for b in range(w))
            if distance > within:
                continue
            mid = [[(W[a][b] + B[a][b]) / 2 for b in range(w)] for a in range(w)]
            lb, lm = _loss(B, data, depth), _loss(mid, data, depth)
            if lb == 0 and lm > 0:
                return {"unit": j, "d": d, "distance": distance, "loss_A": Q(0),
                        "loss_B": lb, "loss_mid": lm}
            break
    return None


def zero_loss_dimension(W, data, depth, J):
    """Bounds on the local dimension of {W : f(W, x_i) = y_i for all i} near W.

    Upper: ``w² − rank J`` (the tangent cone lies in the null space of J) —
    only when no data point sits on a corner (else ``None``: J is then the
    derivative of one piece only).
    Lower: the rank of the symmetry tangents, each checked by evaluating the
    outputs exactly at ``D W D⁻¹`` for d = 2 and d = 1/2.
    """
    w = len(W)
    free, tangents = symmetry_tangents(W, data.xs)
    verified = []
    for j in free:
        ok = True
        for d in (Q(2), Q(1, 2)):
            W2 = _rescaled(W, j, d)
            for x in data.xs:
                if forward(W2, x, depth)[0][-1][0] != forward(W, x, depth)[0][-1][0]:
                    ok = False
        verified.append(ok)
    good = [t for t, ok in zip(tangents, verified) if ok]
    lower = rank(good) if good else 0
    # w² − rank J bounds the tangent cone only where every f_i is differentiable
    corner = any(p.on_discontinuity for p in data.points) if hasattr(data, "points") else False
    upper = None if corner else (w * w - rank(J) if J else w * w)
    in_null = all(sum((a * b for a, b in zip(row, t)), ZERO) == 0 for row in J for t in good)
    return {"lower": lower, "upper": upper, "symmetry_coordinates": free,
            "symmetries_verified": verified, "symmetry_tangents_in_null_space": in_null}


# -- along a direction, and corners ----------------------------------------------------

def _padd(p, q):
    n = max(len(p), len(q))
    return [(p[i] if i < len(p) else ZERO) + (q[i] if i < len(q) else ZERO) for i in range(n)]


def _pmul(p, q):
    if not p or not q:
        return []
    out = [ZERO] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return out


def _trim(p):
    while p and p[-1] == 0:
        p = p[:-1]
    return p


def _root_free_radius(p):
    """A rational s0 > 0 with no root of p in (0, s0) (p(s) = s^m q(s), q(0) ≠ 0)."""
    p = _trim(p)
    m = next(i for i, v in enumerate(p) if v != 0)
    q = p[m:]
    a0 = abs(q[0])
    big = max((abs(v) for v in q[1:]), default=ZERO)
    return Q(1) if big == 0 else a0 / (a0 + big)


def along(W, V, data, depth):
    """``L(W + sV)`` as exact polynomial coefficients, valid for ``0 <= s < s0``.

    Returns ``{"coefficients", "s0", "lowest_order", "patterns"}``;
    ``lowest_order`` is the lowest k >= 1 with a non-zero coefficient of
    ``L(W + sV) − L(W)`` (None if the loss is constant there).
    """
    w = len(W)
    Wp = [[[W[a][b], V[a * w + b]] for b in range(w)] for a in range(w)]
    s0 = Q(1)
    loss = []
    patterns = []
    for x, y in zip(data.xs, data.ys):
        h = [[Q(v)] for v in x]
        pats = []
        for _ in range(depth):
            z = [_trim([v for v in _sum_poly(_pmul(Wp[a][b], h[b]) for b in range(w))])
                 for a in range(w)]
            act = []
            for poly in z:
                if not poly:
                    act.append(False)
                    continue
                low = next(v for v in poly if v != 0)
                act.append(low > 0)
                s0 = min(s0, _root_free_radius(poly))
            pats.append(act)
            h = [poly if a else [] for poly, a in zip(z, act)]
        r = _padd(h[0], [-Q(y)])
        loss = _padd(loss, _pmul(r, r))
        patterns.append(pats)
    loss = _trim(loss)
    lowest = next((i for i, v in enumerate(loss) if i >= 1 and v != 0), None)
    return {"coefficients": loss, "s0": s0, "lowest_order": lowest, "patterns": patterns}


def _sum_poly(polys):
    out = []
    for p in polys:
        out = _padd(out, p)
    return out


def one_sided_derivative(W, V, data, depth):
    """``lim_{s→0+} (L(W + sV) − L(W)) / s``, exactly (also at corners)."""
    c = along(W, V, data, depth)["coefficients"]
    return c[1] if len(c) > 1 else ZERO


def entry_directions(w):
    """The 2w² directions ±E_ab (each entry of a w×w matrix, both signs), flattened.

    >>> [[str(v) for v in V] for V in entry_directions(1)]
    [['1'], ['-1']]
    """
    n = w * w
    return [[Q(sign * int(i == p)) for i in range(n)] for p in range(n) for sign in (1, -1)]


def limiting_gradients(W, data, depth, directions, outputs=False):
    """The gradients of L on the smooth pieces entered along each direction.

    For each V, the pattern for small s > 0 fixes one polynomial piece of L;
    its gradient at W is a limiting gradient. Returns distinct gradients
    (as tuples) with the directions that witness them. With ``outputs=True``
    the key is instead the tuple of the outputs' gradients (the rows of J on
    that piece): at zero residuals ∇L is 0 on every piece, but the outputs
    themselves may still have several one-sided derivatives.
    """
    found = {}
    for V in directions:
        pats = along(W, V, data, depth)["patterns"]
        total, rows = None, []
        for (x, y), pat in zip(zip(data.xs, data.ys), pats):
            f, g, _, _ = point_derivatives(W, x, depth, hessian=False, patterns=pat)
            r = f - Q(y)
            rows.append(tuple(g))
            contrib = [2 * r * v for v in g]
            total = contrib if total is None else [a + b for a, b in zip(total, contrib)]
        key = tuple(rows) if outputs else tuple(total)
        found.setdefault(key, []).append(V)
    return found


def hessian_summary(H):
    """Inertia and the degenerate directions (null space) of a Hessian."""
    pos, zero, neg = inertia(H)
    return {"positive": pos, "zero": zero, "negative": neg}


def loss_slice(W, V1, V2, data, depth, s_values, t_values=None):
    """Exact L(W + s V1 + t V2) on a grid (a dict (s, t) -> rational).

    With ``t_values=None`` it is the 1-D line ``L(W + s V1)``.
    """
    w = len(W)
    t_values = [ZERO] if t_values is None else t_values
    out = {}
    for s in s_values:
        for t in t_values:
            W2 = [[W[a][b] + Q(s) * V1[a * w + b] + Q(t) * (V2[a * w + b] if V2 else 0)
                   for b in range(w)] for a in range(w)]
            out[(Q(s), Q(t))] = _loss(W2, data, depth)
    return out


def _loss(W, data, depth):
    """L(W) = Σ (f(W, x_i) − y_i)², by forward passes only (no derivatives)."""
    return sum(((forward(W, x, depth)[0][-1][0] - Q(y)) ** 2
                for x, y in zip(data.xs, data.ys)), ZERO)


class _Ball:
    """An exact rational ball ``val ± rad``: arithmetic that bounds a quantity on a box."""

    __slots__ = ("val", "rad")

    def __init__(self, val, rad=ZERO):
        self.val, self.rad = val, rad

    @staticmethod
    def of(x):
        return x if isinstance(x, _Ball) else _Ball(Q(x))

    def __add__(self, o):
        o = _Ball.of(o)
        return _Ball(self.val + o.val, self.rad + o.rad)

    __radd__ = __add__

    def __neg__(self):
        return _Ball(-self.val, self.rad)

    def __sub__(self, o):
        return self + (-_Ball.of(o))

    def __rsub__(self, o):
        return _Ball.of(o) - self

    def __mul__(self, o):
        o = _Ball.of(o)
        return _Ball(self.val * o.val,
                     abs(self.val) * o.rad + abs(o.val) * self.rad + self.rad * o.rad)

    __rmul__ = __mul__

    def __gt__(self, o):  # used only to read patterns, which are fixed on the box
        return self.val > _Ball.of(o).val

    def __bool__(self):
        return self.val != 0 or self.rad != 0


def positive_definite_box(W, data, depth, rho_max=None, halvings=40):
    """A certified max-norm radius on which the Hessian of L stays positive definite.

    Inside the pattern radius every data point keeps its pattern, so each entry
    of ∇²L is one polynomial in W; evaluating the product formulas in exact ball
    arithmetic (``W ± ρ``) bounds how far each entry can move. If the Frobenius
    norm of those bounds is below the certified λ_min(∇²L(W)), no eigenvalue
    crosses 0 on the box (Weyl). Returns ``ρ`` (0 when the Hessian is not
    positive definite at W).
    """
    from ..linalg import extreme_eigenvalues
    from .derivatives import loss_derivatives

    H = loss_derivatives(W, data.xs, data.ys, depth)["hessian"]
    if inertia(H)[1:] != (0, 0):
        return ZERO
    (lam_lo, _), _ = extreme_eigenvalues(H)
    if lam_lo <= 0:
        return ZERO
    rho = certified_radius(W, data.xs, depth)
    if rho_max is not None:  # never beyond the box where every pattern is fixed
        rho = min(rho, Q(rho_max))
    w = len(W)
    n = w * w
    pats = [[[v > 0 for v in z] for z in forward(W, x, depth)[1]] for x in data.xs]
    for _ in range(halvings):
        if rho == 0:
            return ZERO
        Wb = [[_Ball(W[a][b], rho) for b in range(w)] for a in range(w)]
        HB = [[_Ball(ZERO) for _ in range(n)] for _ in range(n)]
        for x, y, pat in zip(data.xs, data.ys, pats):
            f, g, Hf, _ = point_derivatives(Wb, x, depth, patterns=pat)
            r = f - Q(y)
            for p in range(n):
                for q in range(n):
                    HB[p][q] = HB[p][q] + 2 * (g[p] * g[q] + r * Hf[p][q])
        spread = sum((HB[p][q].rad ** 2 for p in range(n) for q in range(n)), ZERO)
        if spread < lam_lo * lam_lo:
            return rho
        rho /= 2
    return ZERO
