"""Exact derivatives of f(W, x) = e1ᵀ h_k(W, x) with respect to the entries of W.

For a fixed activation pattern (D_j = diag(z_j > 0)),
``f = cᵀ D_k W D_{k−1} W ⋯ D_1 W x`` is a polynomial of degree k in the w²
entries. With states ``h_j = D_j W h_{j−1}`` and back-propagated vectors
``u_j = D_j Wᵀ u_{j+1}`` (``u_k = D_k c``):

* gradient: ``∂f/∂W = Σ_j u_j h_{j−1}ᵀ``;
* Hessian: for positions i < j of W in the product, with
  ``M_{j,i} = D_{j−1} W D_{j−2} ⋯ W D_i``,
  ``∂²f / ∂W⁽ʲ⁾_ab ∂W⁽ⁱ⁾_cd = u_j[a] · M_{j,i}[b, c] · h_{i−1}[d]``, plus its
  transpose.

Everything is exact over Q. Entry ``(a, b)`` of W is parameter ``a·w + b``.
A point whose pre-activation is exactly 0 somewhere is *on a boundary*: there
f is not differentiable in general, and the formulas give the derivative of
the piece with that unit inactive (ReLU'(0) = 0); :mod:`.probes` examines
such corners with one-sided derivatives.
"""

from ..rational import Q

__all__ = ["forward", "point_derivatives", "loss_derivatives"]

ZERO = Q(0)


def _matvec(W, h):
    return [sum((a * b for a, b in zip(row, h)), ZERO) for row in W]


def forward(W, x, depth):
    """``(states h_0..h_k, pre-activations z_1..z_k)`` exactly."""
    h = [Q(v) for v in x]
    states, pre = [h], []
    for _ in range(depth):
        z = _matvec(W, h)
        pre.append(z)
        h = [v if v > 0 else ZERO for v in z]
        states.append(h)
    return states, pre


def on_boundary(pre):
    """The (step, unit) pairs whose pre-activation is exactly 0."""
    return [(j + 1, i) for j, z in enumerate(pre) for i, v in enumerate(z) if v == 0]


def point_derivatives(W, x, depth, readout=None, hessian=True, patterns=None):
    """``(f, gradient (w² list), Hessian (w²×w² rows or None), boundary list)``.

    ``patterns`` (a list of k lists of booleans) overrides the activation
    pattern read at W: the derivatives of that polynomial piece (used for
    one-sided derivatives at corners).
    """
    w = len(W)
    c = [Q(1)] + [ZERO] * (w - 1) if readout is None else [Q(v) for v in readout]
    states, pre = forward(W, x, depth)
    act = [[v > 0 for v in z] for z in pre] if patterns is None else patterns
    if patterns is not None:  # recompute the states along the given piece
        h = [Q(v) for v in x]
        states = [h]
        for j in range(depth):
            z = _matvec(W, h)
            h = [v if act[j][i] else ZERO for i, v in enumerate(z)]
            states.append(h)
    k = depth
    f = sum((ci * hi for ci, hi in zip(c, states[k])), ZERO)
    # u_j (j = 1..k): u_k = D_k c, u_j = D_j Wᵀ u_{j+1}
    u = [None] * (k + 1)
    u[k] = [ci if act[k - 1][i] else ZERO for i, ci in enumerate(c)]
    for j in range(k - 1, 0, -1):
        g = [sum((W[m][i] * u[j + 1][m] for m in range(w)), ZERO) for i in range(w)]
        u[j] = [g[i] if act[j - 1][i] else ZERO for i in range(w)]
    grad = [ZERO] * (w * w)
    for j in range(1, k + 1):
        h = states[j - 1]
        for a in range(w):
            ua = u[j][a]
            if ua:
                for b in range(w):
                    if h[b]:
                        grad[a * w + b] += ua * h[b]
    H = None
    if hessian:
        H = [[ZERO] * (w * w) for _ in range(w * w)]
        for j in range(2, k + 1):
            uj = u[j]
            if not any(uj):
                continue
            # M = M_{j,i}, starting at i = j-1 with D_{j-1}
            M = [[(ZERO if m != n or not act[j - 2][m] else Q(1)) for n in range(w)]
                 for m in range(w)]
            for i in range(j - 1, 0, -1):
                h = states[i - 1]
                for a in range(w):
                    if not uj[a]:
                        continue
                    for b in range(w):
                        Mb = M[b]
                        row = H[a * w + b]
                        for cc in range(w):
                            coeff = uj[a] * Mb[cc]
                            if coeff:
                                for d in range(w):
                                    if h[d]:
                                        row[cc * w + d] += coeff * h[d]
                if i > 1:  # M_{j,i-1} = M_{j,i} W D_{i-1}
                    M = [[sum((M[m][t] * W[t][n] for t in range(w)), ZERO)
                          if act[i - 2][n] else ZERO for n in range(w)] for m in range(w)]
        # the mixed terms above fill one triangle of (position j, position i); symmetrise
        n = w * w
        H = [[H[p][q] + H[q][p] for q in range(n)] for p in range(n)]
    return f, grad, H, on_boundary(pre)


def loss_derivatives(W, xs, ys, depth, hessian=True):
    """Residuals, L, ∇L, the Jacobian J (n × w²) and the Hessian of L (w² × w²).

    ``L(W) = Σ_i (f(W, x_i) − y_i)²``; ``∇L = 2 Jᵀ r``;
    ``∇²L = 2 (JᵀJ + Σ_i r_i ∇²f_i)`` — the second term only for r_i ≠ 0.
    """
    w = len(W)
    n = w * w
    residuals, J, point_H = [], [], []
    for x, y in zip(xs, ys):
        f, g, _, _ = point_derivatives(W, x, depth, hessian=False)
        r = f - Q(y)
        residuals.append(r)
        J.append(g)
        point_H.append(r)
    loss = sum((r * r for r in residuals), ZERO)
    grad = [2 * sum((r * row[p] for r, row in zip(residuals, J)), ZERO) for p in range(n)]
    HL = None
    if hessian:
        HL = [[ZERO] * n for _ in range(n)]
        for row in J:
            nz = [(p, v) for p, v in enumerate(row) if v]
            for p, vp in nz:
                Hp = HL[p]
                for q, vq in nz:
                    Hp[q] += 2 * vp * vq
        for (x, r) in zip(xs, residuals):
            if r != 0:
                _, _, Hf, _ = point_derivatives(W, x, depth)
                for p in range(n):
                    for q in range(n):
                        if Hf[p][q]:
                            HL[p][q] += 2 * r * Hf[p][q]
    return {"residuals": residuals, "loss": loss, "gradient": grad, "jacobian": J,
            "hessian": HL}


def output_polynomial(W, x, depth, symbols=None):
    """f(W, x) as a SymPy polynomial in the w² entries, for the pattern at W.

    For display (``sympy.latex``) and as a cross-check of the formulas; only
    sensible for small w and k (the expansion grows quickly).

    >>> import sympy
    >>> from exactrnn.landscape.derivatives import output_polynomial
    >>> f = output_polynomial([[1, 1], [0, 1]], [1, 2], 2)   # h_1 = W x, h_2 = W h_1
    >>> w00, w01, w10, w11 = sympy.symbols("w_0_0 w_0_1 w_1_0 w_1_1")
    >>> sympy.expand(f - (w00 * (w00 + 2 * w01) + w01 * (w10 + 2 * w11)))
    0
    """
    import sympy

    from .. import _ground

    w = len(W)
    S = symbols or [sympy.Symbol(f"w_{a}_{b}") for a in range(w) for b in range(w)]
    M = sympy.Matrix(w, w, S)
    at = {S[a * w + b]: sympy.Rational(*_ground.numer_denom(Q(W[a][b])))
          for a in range(w) for b in range(w)}
    h = sympy.Matrix([sympy.Rational(*_ground.numer_denom(Q(v))) for v in x])
    for _ in range(depth):
        z = M * h
        h = sympy.Matrix([sympy.expand(z[i]) if z[i].subs(at) > 0 else 0 for i in range(w)])
    return h[0]
