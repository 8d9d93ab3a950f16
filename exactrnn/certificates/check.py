"""The independent checker of exactrnn certificates (Python standard library only).

Usage: ``python check.py CERT.json`` (or ``python -m exactrnn.certificates.check``,
or ``exactrnn verify``). Exit 0: accepted; 1: rejected (the first failing check
is named); 2: unreadable, wrong format or version, or over the size limits.

This file imports nothing but the standard library (``json``, ``fractions``,
``hashlib``, ``sys``); it trusts nothing in the certificate except what it
re-derives. The ``digest`` (SHA-256 of the claims) only detects edits made
after emission; it is not part of any proof: a claim that survives the
mathematical checks is proved whatever its digest. The format is described
in docs/certificates.md. Claims:

pieces        f_k(W, origin + t·direction) on a domain: its breakpoints, the
              number of affine pieces and of activation regions. Witness: the
              region cuts and each region's activation pattern at every step.
construction  f_{k+offset} along the line equals a named target on [a, b];
              the target is rebuilt here from its own definition.
rank          the Jacobian J of the outputs at W (re-derived here) has rank r:
              a non-singular r×r minor, and w²−r independent null vectors.
inertia       the Hessian of L at W (re-derived here) has inertia (p, z, n):
              an exact congruence P H Pᵀ = L D Lᵀ, multiplied out here.
radius        no data point changes activation pattern for max|W' − W| <= ρ:
              the componentwise bounds are recomputed here.
"""

import hashlib
import json
import sys
from fractions import Fraction

FORMAT, VERSION = "exactrnn-certificate", 1
MAX_BYTES = 512 * 1024 * 1024
MAX_DIGITS = 20000
MAX_REGIONS = 5_000_000
MAX_WIDTH = 64
MAX_DEPTH = 64
MAX_POINTS = 100_000


class Rejected(Exception):
    """The certificate is readable but a check fails."""


class Unreadable(Exception):
    """The certificate cannot be read as this format (exit 2)."""


def require(cond, message):
    if not cond:
        raise Rejected(message)


def q(text, where):
    """A rational from its "p/q" string (limits protect against hostile input)."""
    if not isinstance(text, str) or not text.isascii():
        raise Unreadable(f"{where}: expected an ASCII rational string, got {str(text)[:40]!r}")
    p, slash, d = text.partition("/")
    body = p[1:] if p[:1] == "-" else p
    if not body.isdigit() or (slash and not d.isdigit()):
        raise Unreadable(f"{where}: {text[:40]!r} is not 'p' or 'p/q'")
    if len(body) > MAX_DIGITS or len(d) > MAX_DIGITS:
        raise Unreadable(f"{where}: more than {MAX_DIGITS} digits")
    if slash and int(d) == 0:
        raise Unreadable(f"{where}: zero denominator")
    return Fraction(int(p), int(d) if slash else 1)


def count(value, where, lo=0, hi=None):
    """A JSON integer (not a bool) in [lo, hi]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Unreadable(f"{where}: expected an integer, got {value!r}")
    if value < lo or (hi is not None and value > hi):
        raise Unreadable(f"{where}: {value} is outside [{lo}, {hi}]")
    return value


def qvec(v, where):
    if not isinstance(v, list):
        raise Unreadable(f"{where}: expected a list")
    return [q(x, f"{where}[{i}]") for i, x in enumerate(v)]


def qmat(M, where):
    if not isinstance(M, list) or not M:
        raise Unreadable(f"{where}: expected a non-empty list of rows")
    rows = [qvec(r, f"{where}[{i}]") for i, r in enumerate(M)]
    if any(len(r) != len(rows[0]) for r in rows):
        raise Unreadable(f"{where}: rows of different lengths")
    return rows


def matvec(W, h):
    return [sum((a * b for a, b in zip(row, h)), Fraction(0)) for row in W]


def network(c):
    W = qmat(c["W"], "W")
    if len(W) != len(W[0]) or len(W) > MAX_WIDTH:
        raise Unreadable("W must be square, width at most 64")
    return W


# -- pieces -----------------------------------------------------------------------------

def _sign_ok(active, alpha, beta, a, b):
    """Is z(t) = alpha + beta t > 0 (active) or <= 0 (inactive) on the open (a, b)?

    An affine function's sign on an interval follows from its ends; an
    infinite end (None) is read from the slope.
    """
    if a is None and b is None:
        return beta == 0 and (alpha > 0 if active else alpha <= 0)
    if a is None:  # (-oo, b]
        zb = alpha + beta * b
        return (beta <= 0 and zb >= 0 and not (beta == 0 and zb == 0)) if active \
            else (beta >= 0 and zb <= 0)
    if b is None:  # [a, oo)
        za = alpha + beta * a
        return (beta >= 0 and za >= 0 and not (beta == 0 and za == 0)) if active \
            else (beta <= 0 and za <= 0)
    za, zb = alpha + beta * a, alpha + beta * b
    return (za >= 0 and zb >= 0 and not (za == 0 and zb == 0)) if active \
        else (za <= 0 and zb <= 0)


def check_pieces(c, need_function=False):
    """Verify a pieces claim; return [(lo, hi, value_at_lo, slope)] per region if asked."""
    W = network(c)
    w = len(W)
    o, d = qvec(c["origin"], "origin"), qvec(c["direction"], "direction")
    require(len(o) == w and len(d) == w, "origin/direction: length differs from the width")
    k = count(c["k"], "k", 1, MAX_DEPTH)
    readout = qvec(c["readout"], "readout") if "readout" in c else [Fraction(1)] + [0] * (w - 1)
    require(len(readout) == w, f"readout: {len(readout)} entries for width {w}")
    dom = c["domain"]
    if dom.get("whole_line"):
        lo, hi = None, None
    else:  # null marks an infinite end of a half-line
        lo, hi = (None if v is None else q(v, "interval") for v in dom["interval"])
    cuts = qvec(c["cuts"], "cuts")
    pats = c["patterns"]
    if not isinstance(pats, list) or len(pats) > MAX_REGIONS:
        raise Unreadable("patterns: missing or over the region limit")
    require(len(pats) == len(cuts) + 1, f"patterns: {len(pats)} regions but {len(cuts)} cuts")
    ends = [lo] + cuts + [hi]
    for i in range(len(ends) - 1):
        a, b = ends[i], ends[i + 1]
        require(a is None or b is None or a < b, f"cuts: region {i} [{a}, {b}] is empty or "
                "out of order (the regions must tile the domain)")
    seqs = []
    for i, p in enumerate(pats):
        steps = p.split("|") if isinstance(p, str) else []
        require(len(steps) == k and all(len(s) == w and set(s) <= {"0", "1"} for s in steps),
                f"patterns[{i}]: expected {k} steps of {w} bits")
        seqs.append(steps)
    for i in range(len(seqs) - 1):
        require(seqs[i] != seqs[i + 1], f"regions {i} and {i + 1} have the same pattern "
                "sequence: they are one activation region")
    # walk the trie of pattern prefixes: regions sharing a prefix must be contiguous, and
    # the affine map of that prefix is checked once on the union of their intervals
    slopes = [None] * len(seqs)
    values = [None] * len(seqs)
    stack = [(0, len(seqs), 0, o, d)]  # (first region, end, step, A, B)
    while stack:
        r0, r1, j, A, B = stack.pop()
        if j == k:
            y0 = sum((ci * a for ci, a in zip(readout, A)), Fraction(0))
            m = sum((ci * b for ci, b in zip(readout, B)), Fraction(0))
            for r in range(r0, r1):
                slopes[r], values[r] = m, y0
            continue
        zA, zB = matvec(W, A), matvec(W, B)
        r = r0
        seen = set()
        while r < r1:
            pat = seqs[r][j]
            require(pat not in seen, f"patterns: the regions with step-{j + 1} pattern "
                    f"{pat} after region {r0} are not contiguous")
            seen.add(pat)
            s = r
            while s < r1 and seqs[s][j] == pat:
                s += 1
            a, b = ends[r], ends[s]
            for u in range(w):
                require(_sign_ok(pat[u] == "1", zA[u], zB[u], a, b),
                        f"regions {r}..{s - 1}, step {j + 1}, unit {u + 1}: the pre-activation "
                        f"is not {'positive' if pat[u] == '1' else 'non-positive'} there")
            act = [ch == "1" for ch in pat]
            stack.append((r, s, j + 1, [v if on else Fraction(0) for v, on in zip(zA, act)],
                          [v if on else Fraction(0) for v, on in zip(zB, act)]))
            r = s
    bps = [ends[i + 1] for i in range(len(seqs) - 1) if slopes[i] != slopes[i + 1]]
    require(qvec(c["breakpoints"], "breakpoints") == bps,
            "breakpoints: not the points where the slope of f_k changes")
    require(c["pieces"] == len(bps) + 1, f"pieces: {c['pieces']} != {len(bps) + 1}")
    require(c["activation_regions"] == len(seqs),
            f"activation_regions: {c['activation_regions']} != {len(seqs)}")
    if need_function:
        return [(ends[i], ends[i + 1], values[i], slopes[i]) for i in range(len(seqs))]
    return None


# -- construction -----------------------------------------------------------------------

def tent_iterate_vertices(m, k):
    n = m ** k
    return [(Fraction(j, n), Fraction(j % 2)) for j in range(n + 1)]


def staircase_vertices(a, b, k):
    v = [(Fraction(0), Fraction(0)), (Fraction(1), Fraction(1))]
    for _ in range(k):
        v = [(a * x, y / 2) for x, y in v] + [(b + (1 - b) * x, Fraction(1, 2) + y / 2)
                                             for x, y in v]
    return v


def series_value(coefficients, t):
    """Σ_s a_s g^s(t), g the tent map."""
    total, x = Fraction(0), t
    for a in coefficients:
        x = 2 * x if x <= Fraction(1, 2) else 2 - 2 * x
        total += a * x
    return total


def target_function(name, params, k):
    """(evaluate, candidate breakpoints) for a named target, from its definition."""
    def interp(vertices):
        def f(t):
            for (x0, y0), (x1, y1) in zip(vertices, vertices[1:]):
                if x0 <= t <= x1:
                    return y0 + (y1 - y0) * (t - x0) / (x1 - x0)
            raise Rejected(f"t={t} outside the target's domain")
        return f, [x for x, _ in vertices]

    def size_ok(n):
        if n > MAX_REGIONS:
            raise Unreadable(f"the target of iterate k = {k} has {n} vertices, over the limit")
    if name in ("triangle_wave", "sawtooth"):
        m = 2 if name == "triangle_wave" else q(params.get("m", "3"), "params.m")
        require(m.denominator == 1 and 2 <= m <= 64, "params.m: an integer from 2 to 64")
        size_ok(int(m) ** k)
        return interp(tent_iterate_vertices(int(m), k))
    if name in ("staircase", "generalized_staircase"):
        a, b = q(params.get("a", "1/3"), "params.a"), q(params.get("b", "2/3"), "params.b")
        require(0 < a < b < 1, "params: need 0 < a < b < 1")
        size_ok(2 ** (k + 1))
        return interp(staircase_vertices(a, b, k))
    if name in ("yarotsky", "note_variant"):
        size_ok(2 ** k)
        if name == "yarotsky":
            r, s = q(params.get("ratio", "1/4"), "ratio"), q(params.get("scale", "1"), "scale")
            require(r > 0 and s > 0, "params: ratio and scale must be positive")
            coeffs = [s * r ** i for i in range(1, k + 1)]
        elif params.get("reading", "geometric") == "geometric":
            coeffs = [2 * Fraction(1, 8) ** i for i in range(1, k + 1)]
        elif params.get("reading") == "literal":
            coeffs = [Fraction(1, 4)] + [Fraction(1, 2 ** (2 * i + 1)) for i in range(2, k + 1)]
        else:
            raise Rejected(f"params.reading: {params.get('reading')!r}")
        grid = [Fraction(j, 2 ** k) for j in range(2 ** k + 1)]
        return (lambda t: series_value(coeffs, t)), grid
    raise Rejected(f"name: unknown construction {name!r}")


def check_construction(c):
    k = count(c["k"], "k", 1, MAX_DEPTH)
    offset = count(c["offset"], "offset", 0, MAX_DEPTH)
    require("readout" not in c, "readout: a construction claim is about the first coordinate")
    params = c.get("params", {})
    if not isinstance(params, dict):
        raise Unreadable("params: expected an object")
    pieces = dict(c, k=k + offset)
    regions = check_pieces(pieces, need_function=True)
    f, candidates = target_function(c["name"], params, k)
    lo, hi = qvec(c["domain"]["interval"], "interval")
    points = sorted({lo, hi} | {x for x in candidates if lo <= x <= hi} |
                    {r[0] for r in regions if r[0] is not None})
    for t in points:
        reg = next(r for r in regions if r[0] <= t <= r[1])
        value = reg[2] + reg[3] * t
        require(value == f(t), f"f_{pieces['k']}({t}) = {value} but the target gives {f(t)}")


# -- landscape: J, H, rank, inertia, radius ---------------------------------------------

def forward(W, x, depth):
    h, states, pre = list(x), [list(x)], []
    for _ in range(depth):
        z = matvec(W, h)
        pre.append(z)
        h = [v if v > 0 else Fraction(0) for v in z]
        states.append(h)
    return states, pre


def derivatives(W, x, depth, want_hessian):
    """f, ∇f (w² list) and ∇²f (pattern at W) by the product formulas."""
    w = len(W)
    states, pre = forward(W, x, depth)
    act = [[v > 0 for v in z] for z in pre]
    u = {depth: [Fraction(int(i == 0 and act[-1][0])) for i in range(w)]}
    for j in range(depth - 1, 0, -1):
        g = [sum((W[m][i] * u[j + 1][m] for m in range(w)), Fraction(0)) for i in range(w)]
        u[j] = [g[i] if act[j - 1][i] else Fraction(0) for i in range(w)]
    grad = [sum((u[j][a] * states[j - 1][b] for j in range(1, depth + 1)), Fraction(0))
            for a in range(w) for b in range(w)]
    H = None
    if want_hessian:
        n = w * w
        H = [[Fraction(0)] * n for _ in range(n)]
        for j in range(2, depth + 1):
            M = [[Fraction(int(a == b and act[j - 2][a])) for b in range(w)] for a in range(w)]
            for i in range(j - 1, 0, -1):
                h = states[i - 1]
                for a in range(w):
                    for b in range(w):
                        for cc in range(w):
                            coeff = u[j][a] * M[b][cc]
                            if coeff:
                                for dd in range(w):
                                    H[a * w + b][cc * w + dd] += coeff * h[dd]
                M = [[sum((M[r][t] * W[t][s] for t in range(w)), Fraction(0))
                      if i > 1 and act[i - 2][s] else Fraction(0) for s in range(w)]
                     for r in range(w)]
        H = [[H[p][r] + H[r][p] for r in range(n)] for p in range(n)]
    return states[-1][0], grad, H


def landscape_data(c):
    """W, the inputs, targets and depth; every point must be off the corners at W."""
    W = network(c)
    o, d = qvec(c["origin"], "origin"), qvec(c["direction"], "direction")
    require(len(o) == len(W) and len(d) == len(W), "origin/direction: length differs from W")
    depth = count(c["depth"], "depth", 1, MAX_DEPTH)
    if not isinstance(c["points"], list) or not 1 <= len(c["points"]) <= MAX_POINTS:
        raise Unreadable("points: expected 1 to 100000 points")
    pts = [(q(p["t"], "t"), q(p["y"], "y")) for p in c["points"]]
    xs = [[a + t * b for a, b in zip(o, d)] for t, _ in pts]
    for i, x in enumerate(xs):
        states, pre = forward(W, x, depth)
        for j, z in enumerate(pre):
            # a unit exactly at 0 with a non-zero input can switch: no derivative there
            require(not (any(v == 0 for v in z) and any(states[j])),
                    f"points[{i}] sits on a corner at step {j + 1}: f is not differentiable "
                    "there")
    return W, xs, [y for _, y in pts], depth


def det(M):
    M = [row[:] for row in M]
    n, result = len(M), Fraction(1)
    for i in range(n):
        p = next((r for r in range(i, n) if M[r][i] != 0), None)
        if p is None:
            return Fraction(0)
        if p != i:
            M[i], M[p] = M[p], M[i]
            result = -result
        result *= M[i][i]
        for r in range(i + 1, n):
            f = M[r][i] / M[i][i]
            M[r] = [a - f * b for a, b in zip(M[r], M[i])]
    return result


def check_rank(c):
    W, xs, ys, depth = landscape_data(c)
    J = [derivatives(W, x, depth, False)[1] for x in xs]
    n, r = len(W) ** 2, c["jacobian_rank"]
    rows, cols = c["minor"]["rows"], c["minor"]["cols"]
    require(len(rows) == len(cols) == r, "minor: not r×r")
    require(det([[J[i][j] for j in cols] for i in rows]) != 0, "minor: its determinant is 0")
    N = [qvec(v, f"null_space[{i}]") for i, v in enumerate(c["null_space"])]
    require(len(N) == n - r, f"null_space: {len(N)} vectors, need w² − r = {n - r}")
    for i, v in enumerate(N):
        require(len(v) == n, f"null_space[{i}]: length {len(v)} != {n}")
        for p, row in enumerate(J):
            require(sum(a * b for a, b in zip(row, v)) == 0, f"null_space[{i}]: J row {p} · v ≠ 0")
    nrows = c["null_minor"]
    require(len(nrows) == n - r and det([[v[j] for j in nrows] for v in N]) != 0 if N else True,
            "null_minor: the null vectors are not shown independent")


def hessian_of_loss(W, xs, ys, depth):
    """∇²L = 2 Σ (∇f ∇fᵀ + r ∇²f); the second term only where the residual r ≠ 0."""
    n = len(W) ** 2
    HL = [[Fraction(0)] * n for _ in range(n)]
    for x, y in zip(xs, ys):
        f, g, _ = derivatives(W, x, depth, False)
        r = f - y
        H = derivatives(W, x, depth, True)[2] if r != 0 else None
        nz = [p for p in range(n) if g[p]]
        for p in nz:
            for s in nz:
                HL[p][s] += 2 * g[p] * g[s]
        if H is not None:
            for p in range(n):
                for s in range(n):
                    if H[p][s]:
                        HL[p][s] += 2 * r * H[p][s]
    return HL


def check_inertia(c):
    W, xs, ys, depth = landscape_data(c)
    H = hessian_of_loss(W, xs, ys, depth)
    n = len(H)
    perm = c["ldl"]["perm"]
    require(sorted(perm) == list(range(n)), "ldl.perm: not a permutation")
    L, D = qmat(c["ldl"]["L"], "ldl.L"), qmat(c["ldl"]["D"], "ldl.D")
    for i in range(n):
        require(L[i][i] == 1 and all(L[i][j] == 0 for j in range(i + 1, n)),
                f"ldl.L: row {i} is not unit lower triangular")
    counts, i = [0, 0, 0], 0
    while i < n:
        if i + 1 < n and D[i][i + 1] != 0:
            require(D[i + 1][i] == D[i][i + 1], f"ldl.D: block at {i} not symmetric")
            a, b, cc = D[i][i], D[i][i + 1], D[i + 1][i + 1]
            dt = a * cc - b * b
            pos = 1 if dt < 0 else (2 if a + cc > 0 else 0) if dt > 0 else int(a + cc > 0)
            neg = 1 if dt < 0 else (0 if a + cc > 0 else 2) if dt > 0 else int(a + cc < 0)
            block = [(i, i + 1)]
            i += 2
        else:
            pos, neg = int(D[i][i] > 0), int(D[i][i] < 0)
            block = [(i, i)]
            i += 1
        counts[0] += pos
        counts[2] += neg
        lo, hi = block[0]
        for r in range(n):
            for s in range(lo, hi + 1):
                if not (lo <= r <= hi):
                    require(D[r][s] == 0 and D[s][r] == 0, f"ldl.D: not block diagonal at {r},{s}")
    counts[1] = n - counts[0] - counts[2]
    Dnz = [[(t, D[t][s]) for t in range(n) if D[t][s]] for s in range(n)]
    for r in range(n):
        LD = [sum((L[r][t] * v for t, v in Dnz[s]), Fraction(0)) for s in range(n)]
        nz = [t for t in range(n) if LD[t]]
        for s in range(n):
            val = sum((LD[t] * L[s][t] for t in nz), Fraction(0))
            require(val == H[perm[r]][perm[s]], f"ldl: (L D Lᵀ)[{r}][{s}] != (P H Pᵀ)[{r}][{s}]")
    claim = c["hessian_inertia"]
    require([claim["positive"], claim["zero"], claim["negative"]] == counts,
            f"hessian_inertia: the factorization gives {tuple(counts)}")


def check_radius(c):
    W, xs, _, depth = landscape_data(c)
    rho = q(c["radius"], "radius")
    require(rho > 0, "radius: must be positive")
    w = len(W)
    absW = [[abs(v) for v in row] for row in W]
    for p, x in enumerate(xs):
        states, pre = forward(W, x, depth)
        E = [Fraction(0)] * w
        for j, z in enumerate(pre):
            spread = rho * sum((abs(a) + b for a, b in zip(states[j], E)), Fraction(0))
            dz = [sum((a * b for a, b in zip(row, E)), Fraction(0)) + spread for row in absW]
            for u in range(w):
                require(abs(z[u]) > dz[u] or (z[u] == 0 and dz[u] == 0),
                        f"points[{p}], step {j + 1}, unit {u + 1}: |z| = {abs(z[u])} is not "
                        f"above the perturbation bound {dz[u]}")
            E = [b if v > 0 else Fraction(0) for v, b in zip(z, dz)]


CHECKS = {"pieces": check_pieces, "construction": check_construction, "rank": check_rank,
          "inertia": check_inertia, "radius": check_radius}


def _frac(text, tex):
    if not tex or "/" not in text:
        return text
    p, d = text.split("/")
    return ("-" if p.startswith("-") else "") + "\\tfrac{" + p.lstrip("-") + "}{" + d + "}"


def explain(claim, tex=False):
    """What a verified claim proves, in words (LaTeX with tex=True)."""
    m = (lambda x: "$" + x + "$") if tex else (lambda x: x)  # noqa: E731
    vec = lambda v: "(" + ", ".join(_frac(x, tex) for x in v) + ")"  # noqa: E731
    t = claim["type"]
    if t in ("pieces", "construction"):
        depth = claim["k"] + claim.get("offset", 0)
        f = m(f"f_{{{depth}}}" if tex else f"f_{depth}")
        ends = claim["domain"].get("interval", [None, None])
        inf = "\\infty" if tex else "oo"
        dom = m("t \\in \\mathbb{R}" if tex else "t in R") if claim["domain"].get("whole_line") \
            else m(("t \\in " if tex else "t in ") + "[" +
                   ("-" + inf if ends[0] is None else _frac(ends[0], tex)) + ", " +
                   (inf if ends[1] is None else _frac(ends[1], tex)) + "]")
        line = m(("x(t) = " + vec(claim["origin"]) + (" + t\\cdot " if tex else " + t·")
                  + vec(claim["direction"])))
        if t == "pieces":
            read = "" if "readout" not in claim else \
                f" read out as {vec(claim['readout'])}·h (not the first coordinate)"
            return (f"Along {line}, {dom}, {f}(W, x(t)){read} has exactly {claim['pieces']} "
                    f"affine pieces and {claim['activation_regions']} activation regions.")
        params = ", ".join(f"{key} = {val}" for key, val in sorted(claim.get("params", {}).items()))
        return (f"Along {line}, {dom}, {f} equals the {claim['name']} target"
                f"{' (' + params + ')' if params else ''} of iterate k = {claim['k']}.")
    at = (f"At W, with {len(claim['points'])} data points on the line and depth "
          f"{claim['depth']} (every point off the corners),")
    if t == "rank":
        return (f"{at} the Jacobian of the outputs in the entries of W has rank "
                f"{claim['jacobian_rank']}.")
    if t == "inertia":
        h = claim["hessian_inertia"]
        return (f"{at} the Hessian of the loss has {h['positive']} positive, {h['zero']} zero "
                f"and {h['negative']} negative eigenvalues.")
    bound = m(("\\max |W' - W| \\le " if tex else "max|W' - W| <= ") + _frac(claim["radius"], tex))
    return (f"{at} no data point changes its activation pattern for {bound}: the loss is one "
            "polynomial on that box.")


def digest(claims):
    """SHA-256 of the claims in canonical JSON (sorted keys, no spaces)."""
    text = json.dumps(claims, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def verify(doc):
    """Check a parsed certificate; raise Rejected or Unreadable."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    if limit and limit < MAX_DIGITS + 10:
        sys.set_int_max_str_digits(MAX_DIGITS + 10)
    try:
        return _verify(doc)
    finally:
        if limit and limit < MAX_DIGITS + 10:
            sys.set_int_max_str_digits(limit)


def _verify(doc):
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise Unreadable(f"not an {FORMAT} document")
    if isinstance(doc.get("version"), bool) or doc.get("version") != VERSION:
        raise Unreadable(f"version {doc.get('version')!r} is not {VERSION}")
    claims = doc.get("claims")
    if not isinstance(claims, list) or not claims:
        raise Unreadable("claims: expected a non-empty list")
    for i, claim in enumerate(claims):
        kind = claim.get("type") if isinstance(claim, dict) else None
        if kind not in CHECKS:
            raise Unreadable(f"claims[{i}]: unknown type {kind!r}")
        try:
            CHECKS[kind](claim)
        except Rejected as exc:
            raise Rejected(f"claims[{i}] ({kind}): {exc}") from None
        except Unreadable as exc:
            raise Unreadable(f"claims[{i}] ({kind}): {exc}") from None
        except (KeyError, TypeError, IndexError, ValueError, AttributeError,
                ArithmeticError) as exc:
            raise Unreadable(f"claims[{i}] ({kind}): malformed field ({exc!r})") from None
    if doc.get("digest") != digest(claims):  # last: the mathematical verdict comes first
        raise Rejected("digest: the claims were edited after the certificate was written")
    return [explain(c) for c in claims]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print("usage: check.py [--explain] [--latex] CERT.json", file=sys.stderr)
        return 2
    try:
        with open(args[0], "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise Unreadable(f"file over {MAX_BYTES} bytes")
        doc = json.loads(raw.decode("utf-8"), parse_float=str, parse_int=int)
        statements = verify(doc)
        if "--latex" in argv:
            statements = [explain(c, tex=True) for c in doc["claims"]]
    except (OSError, UnicodeDecodeError, ValueError, Unreadable, RecursionError) as exc:
        print(f"unreadable: {exc}", file=sys.stderr)
        return 2
    except Rejected as exc:
        print(f"REJECTED: {exc}")
        return 1
    print("ACCEPTED")
    if "--explain" in argv or "--latex" in argv:
        for s in statements:
            print(s if "--latex" in argv else "proved: " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
