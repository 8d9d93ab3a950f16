"""Constructions: every claim checked against independently built targets.

Targets come from their own definitions (closed-form vertices, the staircase
recursion, sums of triangle waves, t(1 − t) on a grid), and the networks are
also run through the simple Fraction reference, so neither the engine nor the
construction code vouches for itself.
"""

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import reference

from exactrnn import InvalidParameterError, PiecewiseLinear, Q
from exactrnn.cli import main
from exactrnn.constructions import CONSTRUCTIONS, build, triangle_wave, yarotsky
from exactrnn.constructions.limits import (
    NotEventuallyPeriodic,
    cantor,
    note_variant_limit,
    series_limit,
    staircase_limit,
)
from exactrnn.constructions.staircase import staircase_target
from exactrnn.constructions.yarotsky import series_pieces
from exactrnn.norms import inf_norm, min_diagonal_inf_norm, one_norm, spectral_norm, spectral_radius

TENT = PiecewiseLinear([(0, 0), ("1/2", 1), (1, 0)])


def F(x):
    return Fraction(int(x.numerator), int(x.denominator))


def g_power(s):
    """g^s by composing the tent with itself: a different route from the closed form."""
    f = PiecewiseLinear.affine(1, 0, domain=(0, 1))
    for _ in range(s):
        f = TENT(f)
    return f


VARIANTS = [
    ("triangle_wave", {}), ("sawtooth", {}), ("sawtooth", {"m": 2}), ("sawtooth", {"m": 5}),
    ("yarotsky", {}), ("yarotsky", {"ratio": "1/8", "scale": "2"}),
    ("yarotsky", {"ratio": "1/2", "scale": "3"}), ("note_variant", {}),
    ("note_variant", {"reading": "literal"}), ("staircase", {}),
    ("generalized_staircase", {"a": "1/5", "b": "3/7"}),
    ("generalized_staircase", {"a": "1/100", "b": "99/100"}),
]


@pytest.mark.parametrize("name, params", VARIANTS)
def test_every_construction_verifies_up_to_k8(name, params):
    c = build(name, **params)
    K = 8 if name != "sawtooth" or params.get("m", 3) <= 3 else 5
    checks = c.checks(K)
    assert [ch["k"] for ch in checks] == list(range(1, K + 1))
    assert all(ch["equal"] and ch["depth"] == ch["k"] + c.offset for ch in checks)


@pytest.mark.parametrize("name, params", VARIANTS)
def test_reference_implementation_agrees(name, params):
    # the W and line printed by the construction, run through the Fraction reference
    c = build(name, **params)
    to_f = lambda v: [F(x) for x in v]  # noqa: E731
    W = [to_f(row) for row in c.W]
    K = 4
    ref = reference(W, to_f(c.origin), to_f(c.direction), tuple(to_f(c.interval)), K + c.offset)
    for k in range(1, K + 1):
        pieces, _, bps = ref[k + c.offset - 1]
        target = c.target(k)
        assert pieces == target.pieces == c.expected_pieces(k)
        assert bps == [F(b) for b in target.breakpoints]


def test_triangle_wave_is_the_issue_example():
    c = triangle_wave()
    assert [[F(v) for v in row] for row in c.W] == [[2, -4, 0], [2, -4, Fraction(-1, 2)], [0, 0, 1]]
    assert [F(v) for v in c.origin] == [0, 0, 1]
    assert [F(v) for v in c.direction] == [Fraction(1, 2), 0, 0]
    assert c.offset == 1 and c.width == 3


def test_closed_forms_of_targets():
    for k in range(0, 7):
        assert staircase_target(k).pieces == 2 ** (k + 1) - 1
        assert build("triangle_wave").target(k).pieces == 2 ** k
        assert build("sawtooth", m=3).target(k).pieces == 3 ** k
    # the staircase recursion against the Cantor function's self-similarity
    C3 = staircase_target(3)
    assert F(C3("1/9")) == Fraction(1, 4) and F(C3("1/2")) == Fraction(1, 2)
    assert F(C3("7/9")) == Fraction(3, 4)


@pytest.mark.parametrize("k", range(1, 8))
def test_triangle_targets_equal_composed_tents(k):
    assert build("triangle_wave").target(k) == g_power(k)


@pytest.mark.parametrize("k", range(1, 8))
def test_yarotsky_is_the_interpolant_of_t_one_minus_t(k):
    target = build("yarotsky").target(k)
    n = 2 ** k
    interpolant = PiecewiseLinear([(Q(j, n), Q(j, n) * (1 - Q(j, n))) for j in range(n + 1)])
    assert target == interpolant


def test_note_variant_readings():
    geometric = build("note_variant").target(3)
    assert geometric == TENT * Q(1, 4) + g_power(2) * Q(1, 32) + g_power(3) * Q(1, 256)
    literal = build("note_variant", reading="literal").target(3)
    assert literal == TENT * Q(1, 4) + g_power(2) * Q(1, 32) + g_power(3) * Q(1, 128)
    assert build("note_variant", reading="literal").width == 6
    assert build("note_variant").width == 4


def test_series_pieces_by_hand():
    # ratio 1/2: at odd/2^j the jump is 2(-1 + (k - j)): zero when k - j = 1
    assert series_pieces([Q(1, 2) ** s for s in range(1, 4)]) == 1 + 1 + 0 + 4
    assert series_pieces([Q(1, 4) ** s for s in range(1, 6)]) == 32


@settings(max_examples=25, deadline=None)
@given(st.fractions(min_value=Fraction(1, 12), max_value=Fraction(11, 12), max_denominator=12),
       st.fractions(min_value=Fraction(1, 12), max_value=Fraction(11, 12), max_denominator=12),
       st.integers(1, 5))
def test_generalized_staircase_family(a, b, k):
    if a == b:
        return
    a, b = min(a, b), max(a, b)
    c = build("generalized_staircase", a=str(a), b=str(b))
    assert all(ch["equal"] for ch in c.checks(k))
    assert c.target(k).pieces == 2 ** (k + 1) - 1


@settings(max_examples=25, deadline=None)
@given(st.fractions(min_value=Fraction(1, 16), max_value=Fraction(3, 2), max_denominator=16),
       st.fractions(min_value=Fraction(1, 8), max_value=4, max_denominator=8),
       st.integers(1, 6))
def test_yarotsky_family(ratio, scale, k):
    c = yarotsky(str(ratio), str(scale))
    assert all(ch["equal"] for ch in c.checks(k))


@pytest.mark.parametrize("call", [
    lambda: build("nope"), lambda: build("yarotsky", ratio="0"),
    lambda: build("yarotsky", scale="-1"), lambda: build("sawtooth", m="1"),
    lambda: build("sawtooth", m="2.5"), lambda: build("sawtooth", m=1000),
    lambda: build("staircase", a="1/3"), lambda: build("note_variant", reading="x"),
    lambda: build("generalized_staircase", a="2/3", b="1/3"),
    lambda: build("generalized_staircase", a="0", b="1/2"),
])
def test_bad_parameters(call):
    with pytest.raises(InvalidParameterError):
        call()


# -- exact limits ------------------------------------------------------------------

def test_cantor_known_values():
    # 1/4 = 0.0202..._3 -> 0.0101..._2 = 1/3; 1/10 = 0.00220022..._3 -> 0.00110011..._2 = 1/5
    expected = {"0": 0, "1": 1, "1/4": Fraction(1, 3), "3/4": Fraction(2, 3),
                "1/3": Fraction(1, 2), "2/3": Fraction(1, 2), "1/10": Fraction(1, 5),
                "1/2": Fraction(1, 2), "2/9": Fraction(1, 4), "7/9": Fraction(3, 4)}
    for t, value in expected.items():
        assert F(cantor(t)) == value


@given(st.fractions(min_value=0, max_value=1, max_denominator=200))
def test_cantor_functional_equations(t):
    C = lambda x: F(cantor(str(x)))  # noqa: E731
    assert C(t / 3) == C(t) / 2
    assert C(Fraction(2, 3) + t / 3) == Fraction(1, 2) + C(t) / 2
    assert C(1 - t) == 1 - C(t)


@given(st.fractions(min_value=0, max_value=1, max_denominator=500))
def test_yarotsky_limit_is_t_one_minus_t(t):
    assert F(series_limit(str(t), "1/4")) == t * (1 - t)


@given(st.fractions(min_value=0, max_value=1, max_denominator=300),
       st.sampled_from(["1/8", "1/3", "3/5"]))
def test_series_limit_functional_equation(t, r):
    r = Fraction(r)
    g = 2 * t if t <= Fraction(1, 2) else 2 - 2 * t
    L = lambda x: F(series_limit(str(x), str(r), 2))  # noqa: E731
    assert L(t) == 2 * r * g + r * L(g)


@given(st.fractions(min_value=0, max_value=1, max_denominator=64))
def test_variant_limits_are_limits_of_the_targets(t):
    # at a dyadic t = j/2^n the tail Σ_{s>n+1} vanishes (g^s(t) = 0 for s > n + 1),
    # so a partial sum of enough terms is the limit exactly
    if t.denominator & (t.denominator - 1):
        return
    n = t.denominator.bit_length() + 1
    for reading in ("geometric", "literal"):
        target = build("note_variant", reading=reading).target(n)
        assert F(target(str(t))) == F(note_variant_limit(str(t), reading))


def test_staircase_limit_in_gaps_equals_iterates():
    # inside a removed middle interval of level <= k, C_k(t) = C(t)
    for t in ["1/2", "5/18", "13/18", "1/18", "25/54"]:
        assert staircase_target(6)(t) == cantor(t)


def test_step_budget_is_reported():
    # 1/4 -> 3/4 -> 1/4: the cycle is seen at step 3, past a budget of 2
    assert F(staircase_limit("1/4", max_steps=3)) == Fraction(1, 3)
    with pytest.raises(NotEventuallyPeriodic):
        staircase_limit("1/4", max_steps=2)


# -- norms -------------------------------------------------------------------------

def _R(name, **params):
    return build(name, **params).recurrent_block()


def test_norms_by_hand():
    # Yarotsky's recurrent block (p, h, c) with ratio r: [[2r, -4r, 0], [2r, -4r, -r/2], [0, 0, r]]
    for r, inf, one, rho, perron in [(Q(1, 4), Q(13, 8), Q(2), Q(1, 2), Q(3, 2)),
                                     (Q(1, 8), Q(13, 16), Q(1), Q(1, 4), Q(3, 4))]:
        R = _R("yarotsky", ratio=r)
        assert [[F(v) for v in row] for row in R] == \
            [[2 * r, -4 * r, 0], [2 * r, -4 * r, -r / 2], [0, 0, r]]
        assert inf_norm(R) == inf and one_norm(R) == one
        # eigenvalues: 0 and 2r - 4r = -2r from the rank-one block, and r
        assert spectral_radius(R) == (rho, rho)
        # |R|: the block [[2r, 4r], [2r, 4r]] has Perron root 6r
        assert min_diagonal_inf_norm(R)[0] == (perron, perron)


def test_spectral_norm_bracket_is_certified():
    import sympy

    R = _R("yarotsky")
    lo, hi = spectral_norm(R)
    M = sympy.Matrix([[sympy.Rational(str(v)) for v in row] for row in R])
    lam = sympy.Symbol("lam")
    p = (M.T * M).charpoly(lam).as_expr()
    # λ_max(RᵀR) lies in [lo², hi²]: p changes sign there and has no root above hi²
    val = lambda x: p.subs(lam, sympy.Rational(str(x)))  # noqa: E731
    assert val(lo * lo) * val(hi * hi) <= 0
    assert all(sympy.re(r) < sympy.Rational(str(hi * hi)) for r in sympy.Poly(p, lam).nroots())


def test_norm_remark_facts():
    yar, var = build("yarotsky").norms(6), build("note_variant").norms(6)
    assert yar["recurrent"]["inf"] == "13/8" and var["recurrent"]["inf"] == "13/16"
    # with the accumulator, y' = y + …: eigenvalue 1, so no norm of W is below 1
    assert yar["W"]["spectral_radius"] == ["1", "1"] == var["W"]["spectral_radius"]
    # near t = 0 every g^s has slope 2^s: Lipschitz constant σ Σ_{s<=k} (2r)^s
    for c, sigma, r in ((build("yarotsky"), 1, Fraction(1, 4)),
                        (build("note_variant"), 2, Fraction(1, 8))):
        expected = sigma * sum((2 * r) ** s for s in range(1, 9))
        assert c.norms(8)["function"]["lipschitz"] == str(expected)


# -- command line --------------------------------------------------------------------

def test_construct_json_contract(capsys):
    assert main(["construct", "staircase", "--k", "3", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"name", "width", "W", "origin", "direction", "interval", "offset",
                        "checks", "norms"}
    assert doc["interval"] == ["0", "1"] and doc["offset"] == 1 and doc["width"] == 6
    assert doc["checks"] == [
        {"k": k, "depth": k + 1, "pieces": 2 ** (k + 1) - 1,
         "expected_pieces": 2 ** (k + 1) - 1, "equal": True} for k in (1, 2, 3)]


def test_construct_params_list_latex(capsys):
    assert main(["construct", "yarotsky", "--param", "ratio=1/8", "--param", "scale=2",
                 "--json", "--k", "2"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["params"] == {"ratio": "1/8", "scale": "2"}
    assert main(["construct", "--list"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in CONSTRUCTIONS)
    assert main(["construct", "triangle_wave", "--latex"]) == 0
    assert capsys.readouterr().out.startswith("\\begin{bmatrix}")
    assert main(["construct", "staircase", "--k", "2"]) == 0
    assert "h[1/3]" in capsys.readouterr().out


@pytest.mark.parametrize("argv, fragment", [
    (["construct", "nope"], "unknown construction"),
    (["construct", "yarotsky", "--param", "ratio"], "NAME=VALUE"),
    (["construct", "yarotsky", "--param", "rate=1/2"], "no parameter rate"),
    (["construct", "yarotsky", "--param", "ratio=x"], "ratio='x'"),
])
def test_construct_errors(capsys, argv, fragment):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1
