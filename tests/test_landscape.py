"""Landscape: derivatives against SymPy and difference quotients; probes against brute force."""

import json
import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrnn import InvalidParameterError, Q
from exactrnn.cli import main
from exactrnn.constructions import build
from exactrnn.landscape import (
    along,
    analyze,
    certified_radius,
    choose_points,
    forward,
    limiting_gradients,
    loss_derivatives,
    one_sided_derivative,
    point_derivatives,
    symmetry_tangents,
)

small = st.fractions(min_value=-2, max_value=2, max_denominator=3)


def F(x):
    return Fraction(int(x.numerator), int(x.denominator))


def sympy_polynomial(W, x, k):
    """f as a SymPy polynomial in the entries, for the pattern at W (a reference)."""
    w = len(W)
    S = sympy.symbols(f"w0:{w * w}")
    Wsym = sympy.Matrix(w, w, S)
    subs = {S[i]: sympy.Rational(str(W[i // w][i % w])) for i in range(w * w)}
    h = sympy.Matrix([sympy.Rational(str(v)) for v in x])
    for _ in range(k):
        z = Wsym * h
        zv = z.subs(subs)
        h = sympy.Matrix([z[i] if zv[i] > 0 else 0 for i in range(w)])
    return sympy.expand(h[0]), S, subs


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3).flatmap(lambda w: st.tuples(
    st.lists(st.lists(small, min_size=w, max_size=w), min_size=w, max_size=w),
    st.lists(small, min_size=w, max_size=w))), st.integers(1, 4))
def test_derivatives_equal_sympy_differentiation(Wx, k):
    W, x = Wx
    W = [[Q(v) for v in row] for row in W]
    f, g, H, _ = point_derivatives(W, x, k)
    poly, S, subs = sympy_polynomial(W, x, k)
    assert sympy.Rational(str(f)) == poly.subs(subs)
    assert [sympy.Rational(str(v)) for v in g] == [sympy.diff(poly, s).subs(subs) for s in S]
    n = len(S)
    assert [[sympy.Rational(str(H[p][q])) for q in range(n)] for p in range(n)] == \
        [[sympy.diff(poly, S[p], S[q]).subs(subs) for q in range(n)] for p in range(n)]


def test_derivatives_equal_exact_difference_quotients():
    # f is a polynomial in each entry for a fixed pattern: along a small step
    # inside the certified radius, the exact Taylor expansion closes.
    c = build("staircase")
    data = choose_points(c, 2, "gaps", n=6)
    rho = certified_radius(c.W, data.xs, data.depth)
    rng = random.Random(1)
    w = c.width
    for x in data.xs:
        f, g, H, _ = point_derivatives(c.W, x, data.depth)
        V = [Q(rng.randint(-3, 3)) for _ in range(w * w)]
        s = rho / 4
        W2 = [[c.W[a][b] + s * V[a * w + b] for b in range(w)] for a in range(w)]
        f2 = forward(W2, x, data.depth)[0][-1][0]
        # f(W + sV) = f + s g·V + s²/2 VᵀHV + O(s³): the error is below s³·C
        lin = f + s * sum(a * b for a, b in zip(g, V))
        quad = lin + s * s / 2 * sum(V[p] * H[p][q] * V[q] for p in range(w * w)
                                     for q in range(w * w))
        assert abs(f2 - quad) <= abs(f2 - lin) or f2 == lin


def test_loss_derivatives_by_hand():
    # w = 1, W = [a], x = 1, k = 2: f = a² (a > 0); L = (a² − y)²
    D = loss_derivatives([[Q(3)]], [[1]], [Q(4)], 2)
    assert D["residuals"] == [5] and D["loss"] == 25
    assert D["jacobian"] == [[6]]                 # d(a²)/da = 2a
    assert D["gradient"] == [60]                  # 2 r f' = 2·5·6
    assert D["hessian"] == [[2 * 36 + 2 * 5 * 2]]  # 2 (f'² + r f'')


def test_data_strategies_and_flags():
    c = build("staircase")
    gaps = choose_points(c, 3, "gaps", n=30)
    assert not any(p.on_discontinuity for p in gaps.points)
    # in the gaps the iterate equals the limit: residuals are 0
    assert all(F(c.target(3)(p.t)) == F(p.y) for p in gaps.points)
    corners = choose_points(c, 3, "corners")
    assert all(p.on_discontinuity for p in corners.points)
    # step 1 computes h[β] = ReLU(t − β) (u_1 = t): t = 1/3 is exactly on unit 3,
    # h[1/3]; t = 1/4 (orbit 1/4, 3/4, 1/4, …) never touches a hinge
    user = choose_points(c, 2, points=[("1/4", "1/3"), ("1/3", "1/2")])
    assert user.strategy == "user"
    assert user.points[1].boundary == ((1, 3),) and not user.points[0].on_discontinuity
    with pytest.raises(InvalidParameterError):
        choose_points(c, 2, "nowhere")
    with pytest.raises(InvalidParameterError):
        choose_points(build("yarotsky"), 2, "gaps")


def test_radius_is_certified_by_random_perturbations():
    c = build("staircase")
    data = choose_points(c, 2, "gaps", n=12)
    rho = certified_radius(c.W, data.xs, data.depth)
    assert rho > 0
    rng = random.Random(7)
    w = c.width
    base = [[[v > 0 for v in z] for z in forward(c.W, x, data.depth)[1]] for x in data.xs]
    for _ in range(30):  # corners of the box are the worst case for the bound
        W2 = [[c.W[a][b] + rho * rng.choice([-1, 1]) for b in range(w)] for a in range(w)]
        pats = [[[v > 0 for v in z] for z in forward(W2, x, data.depth)[1]] for x in data.xs]
        assert pats == base


def test_symmetries_fix_every_output():
    c = build("staircase")
    data = choose_points(c, 3, "gaps", n=10)
    free, tangents = symmetry_tangents(c.W, data.xs)
    assert free == [3, 4, 5]  # the hinge units: zero in every input
    w = c.width
    D = [Q(1), Q(1), Q(1), Q(3), Q(1, 2), Q(5)]
    W2 = [[D[a] * c.W[a][b] / D[b] for b in range(w)] for a in range(w)]
    for x in data.xs:
        assert forward(W2, x, data.depth)[0][-1][0] == forward(c.W, x, data.depth)[0][-1][0]


def test_along_matches_direct_evaluation():
    c = build("staircase")
    data = choose_points(c, 2, "gaps", n=8)
    w = c.width
    rng = random.Random(3)
    V = [Q(rng.randint(-2, 2)) for _ in range(w * w)]
    res = along(c.W, V, data, data.depth)
    for s in (res["s0"] / 2, res["s0"] / 7):
        W2 = [[c.W[a][b] + s * V[a * w + b] for b in range(w)] for a in range(w)]
        direct = sum((forward(W2, x, data.depth)[0][-1][0] - y) ** 2
                     for x, y in zip(data.xs, data.ys))
        poly = sum(coef * s ** i for i, coef in enumerate(res["coefficients"]))
        assert direct == poly


def test_corner_one_sided_derivatives():
    # w = 1, W = [0], x = 1, k = 1: f = ReLU(a), y = 0: L = ReLU(a)²... use y = -1:
    # L = (ReLU(a) + 1)²: derivative 2 from the right, 0 from the left.
    from exactrnn.landscape.data import Dataset, DataPoint

    ds = Dataset(build("triangle_wave"), 1, "user", [DataPoint(Q(0), (Q(1),), Q(-1))])
    ds.construction = type("C", (), {"depth": lambda self, k: 1})()
    assert one_sided_derivative([[Q(0)]], [Q(1)], ds, 1) == 2
    assert one_sided_derivative([[Q(0)]], [Q(-1)], ds, 1) == 0
    grads = limiting_gradients([[Q(0)]], ds, 1, [[Q(1)], [Q(-1)]])
    assert set(grads) == {(Q(2),), (Q(0),)}


def test_staircase_findings():
    r = analyze(build("staircase"), 3, "gaps", n=40)
    s = r.summary
    assert r.derivatives["loss"] == 0 and s["critical"]
    assert s["hessian_inertia"]["negative"] == 0           # 2 JᵀJ at zero residuals
    assert s["hessian_inertia"]["positive"] == s["jacobian_rank"]
    assert s["zero_loss_dimension"]["lower"] == 3
    assert s["zero_loss_dimension"]["symmetry_tangents_in_null_space"]
    assert all(p["gradient_nonzero"] and p["curved"] and p["single_loss_nonconvex"]
               for p in r.points)
    # each non-convexity witness checks out exactly
    w = 6
    for p in r.points[:3]:
        wit = p["witness"]
        f, g, H, _ = point_derivatives(wit["W"], next(d.x for d in r.data.points
                                                      if d.t == p["t"]), r.data.depth)
        U = wit["direction"]
        assert sum(a * b for a, b in zip(g, U)) == 0
        quad = sum(U[i] * H[i][j] * U[j] for i in range(w * w) for j in range(w * w))
        assert 2 * wit["residual"] * quad == wit["second_derivative"] < 0


def test_anywhere_data_make_w_star_non_critical():
    r = analyze(build("staircase"), 2, "anywhere", n=15, point_probes=False)
    assert r.derivatives["loss"] > 0 and not r.summary["critical"]


def test_landscape_cli(capsys):
    assert main(["landscape", "--level", "2", "--n", "12", "--json", "--along", "entry:0,1",
                 "--no-point-probes"]) == 0
    doc = json.loads(capsys.readouterr().out)
    for key in ("W", "origin", "direction", "depth", "points", "residuals", "params",
                "jacobian_rank", "zero_columns", "null_space", "hessian_inertia", "critical",
                "radius", "zero_loss_dimension"):
        assert key in doc
    assert doc["params"] == 36 and doc["depth"] == 3
    assert len(doc["null_space"]) == 36 - doc["jacobian_rank"]
    assert doc["along"][0]["lowest_order"] == 2
    assert main(["landscape", "--level", "2", "--n", "6", "--no-point-probes"]) == 0
    assert "Jacobian rank" in capsys.readouterr().out
    assert main(["landscape", "--data", "nowhere"]) == 2
    assert main(["landscape", "--level", "2", "--data", "corners", "--no-point-probes",
                 "--limiting-gradients", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["limiting_output_jacobians"] > 1        # the outputs have corners at W*
    assert all(v == "0" for v in doc["limiting_gradients"][0]["gradient"])  # zero residuals


def test_rank_does_not_grow_with_more_points():
    ranks = {n: analyze(build("staircase"), 3, "gaps", n=n, point_probes=False)
             .summary["jacobian_rank"] for n in (30, 120)}
    assert ranks[30] == ranks[120] == 14


def test_alpha_family_is_a_curve_of_exact_minima():
    from exactrnn.landscape.report import _in_orbit

    c = build("staircase")
    ev = analyze(c, 2, "gaps", n=10, point_probes=False).summary["zero_loss_dimension"]
    assert ev["alpha_family"]["zero_loss"] and ev["alpha_family"]["outside_rescaling_orbit"]
    # the orbit test itself: D W D^-1 is in the orbit, a changed entry is not
    w = c.width
    D = [Q(1), Q(1), Q(1), Q(2), Q(3), Q(5)]
    W2 = [[D[a] * c.W[a][b] / D[b] for b in range(w)] for a in range(w)]
    assert _in_orbit(c.W, W2)
    W3 = [row[:] for row in W2]
    W3[1][1] += 1
    assert not _in_orbit(c.W, W3)


def test_loss_slice_agrees_with_along():
    from exactrnn.landscape import loss_slice

    c = build("staircase")
    data = choose_points(c, 2, "gaps", n=6)
    V = [Q(int(i % 5 == 0)) for i in range(36)]
    res = along(c.W, V, data, data.depth)
    s = res["s0"] / 3
    vals = loss_slice(c.W, V, None, data, data.depth, [s])
    assert vals[(s, Q(0))] == sum(coef * s ** i for i, coef in enumerate(res["coefficients"]))


def test_positive_definite_box_by_hand_and_at_box_corners():
    from exactrnn.landscape import positive_definite_box
    from exactrnn.landscape.data import DataPoint, Dataset
    # w = 1, depth 2, x = 1, y = 1: f = a², L'' = 2((2a)² + 2(a² − 1)) = 12a² − 4,
    # positive iff a² > 1/3; around a = 2 the certified box must stay inside that
    ds = Dataset(None, 1, "user", [DataPoint(Q(0), (Q(1),), Q(1))])
    rho = positive_definite_box([[Q(2)]], ds, 2)
    assert 0 < rho and (2 - rho) ** 2 > Fraction(1, 3)
    # depth 3, two points: L'' is a polynomial in a; it must stay positive on the
    # whole certified interval — checked on a fine exact grid of it
    ds = Dataset(None, 1, "user", [DataPoint(Q(0), (Q(1),), Q(2)),
                                   DataPoint(Q(0), (Q(2),), Q(-1))])
    a0 = Q(3, 2)
    rho = positive_definite_box([[a0]], ds, 3)
    assert rho > 0
    for i in range(-20, 21):
        a = a0 + rho * Q(i, 20)
        H = loss_derivatives([[a]], ds.xs, ds.ys, 3)["hessian"]
        assert H[0][0] > 0


def _loss_by_reference(W, data, depth):
    """Σ (f(W, x_i) − y_i)² by plain Fraction matrix products (tests/reference.py)."""
    from reference import f_at

    W = [[Fraction(str(v)) for v in row] for row in W]
    return sum((f_at(W, [Fraction(str(v)) for v in p.x], depth) - Fraction(str(p.y))) ** 2
               for p in data.points)


def test_loss_is_not_convex_on_the_certified_box():
    from exactrnn.landscape import orbit_nonconvexity

    c = build("staircase")
    d = choose_points(c, 2, "gaps", n=12)
    radius = certified_radius(c.W, d.xs, d.depth)
    w = orbit_nonconvexity(c.W, d, d.depth, radius)
    j, dd = w["unit"], Fraction(str(w["d"]))
    # B = D W D⁻¹ with D = diag(1, …, d at j, …): row j times d, column j divided by d
    W = [[Fraction(str(v)) for v in row] for row in c.W]
    B = [[W[a][b] * (dd if a == j else 1) / (dd if b == j else 1) for b in range(6)]
         for a in range(6)]
    mid = [[(W[a][b] + B[a][b]) / 2 for b in range(6)] for a in range(6)]
    assert max(abs(B[a][b] - W[a][b]) for a in range(6) for b in range(6)) <= radius
    assert _loss_by_reference(W, d, d.depth) == 0 == _loss_by_reference(B, d, d.depth)
    assert _loss_by_reference(mid, d, d.depth) == Fraction(str(w["loss_mid"])) > 0


def test_single_point_witnesses_lie_inside_the_certified_box():
    r = analyze(build("staircase"), 2, "gaps", n=12)
    radius = r.summary["radius"]
    for p in r.points:
        wit = p["witness"]
        assert wit is not None
        W2 = wit["W"]
        assert max(abs(W2[a][b] - r.construction.W[a][b]) for a in range(6)
                   for b in range(6)) <= radius
