"""Exact linear algebra: both backends agree; LDLᵀ multiplies out; inertia is right."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrnn.linalg import extreme_eigenvalues, inertia, ldlt, nullspace, rank, zero_columns

pytestmark = pytest.mark.core

small = st.fractions(min_value=-3, max_value=3, max_denominator=3)


def F(x):
    return Fraction(int(x.numerator), int(x.denominator))


def matrices(max_n=5):
    return st.integers(1, max_n).flatmap(lambda m: st.integers(1, max_n).flatmap(
        lambda n: st.lists(st.lists(small, min_size=n, max_size=n), min_size=m, max_size=m)))


def symmetric(max_n=6):
    @st.composite
    def build(draw):
        n = draw(st.integers(1, max_n))
        # low rank and zero diagonals are the interesting cases
        k = draw(st.integers(0, n))
        B = [[draw(small) for _ in range(k)] for _ in range(n)]
        signs = [draw(st.sampled_from([-1, 1])) for _ in range(k)]
        S = [[sum(signs[t] * B[i][t] * B[j][t] for t in range(k)) for j in range(n)]
             for i in range(n)]
        if draw(st.booleans()):  # zero the diagonal sometimes
            S = [[S[i][j] if i != j else Fraction(0) for j in range(n)] for i in range(n)]
        return S
    return build()


@settings(max_examples=80)
@given(matrices())
def test_rank_nullspace_backends_agree_with_sympy(M):
    pytest.importorskip("flint")
    r_sym = sympy.Matrix(M).rank()
    assert rank(M, "flint") == rank(M, "sympy") == r_sym
    basis = nullspace(M, "flint")
    assert [[F(v) for v in b] for b in basis] == [[F(v) for v in b] for b in nullspace(M, "sympy")]
    assert len(basis) == len(M[0]) - r_sym
    for b in basis:
        assert all(sum(a * F(v) for a, v in zip(row, b)) == 0 for row in M)


@settings(max_examples=120)
@given(symmetric())
def test_ldlt_multiplies_out_and_inertia_matches_eigenvalues(S):
    perm, L, D = ldlt(S)
    n = len(S)
    LDLt = [[sum(F(L[i][a]) * F(D[a][b]) * F(L[j][b]) for a in range(n) for b in range(n))
             for j in range(n)] for i in range(n)]
    assert LDLt == [[S[perm[i]][perm[j]] for j in range(n)] for i in range(n)]
    # independent inertia: signs of the (real) eigenvalues from SymPy
    eig = sympy.Matrix(S).eigenvals()
    pos = sum(m for v, m in eig.items() if sympy.re(sympy.N(v, 50)) > 1e-30)
    neg = sum(m for v, m in eig.items() if sympy.re(sympy.N(v, 50)) < -1e-30)
    assert inertia(S) == (pos, n - pos - neg, neg)


def test_inertia_by_hand():
    assert inertia([[0, 1], [1, 0]]) == (1, 0, 1)           # eigenvalues ±1
    assert inertia([[1, 1], [1, 1]]) == (1, 1, 0)           # 2, 0
    assert inertia([[0, 0], [0, 0]]) == (0, 2, 0)
    assert inertia([[-2, 0, 0], [0, 0, 3], [0, 3, 0]]) == (1, 0, 2)
    with pytest.raises(ValueError, match="not symmetric"):
        inertia([[1, 2], [3, 4]])


def test_zero_columns_and_eigen_brackets():
    assert zero_columns([[1, 0, 2], [3, 0, 0]]) == [1]
    (lo1, hi1), (lo2, hi2) = extreme_eigenvalues([[2, 1], [1, 2]])  # eigenvalues 1, 3
    assert lo1 <= 1 <= hi1 and lo2 <= 3 <= hi2 and hi2 - lo2 < Fraction(1, 10 ** 10)
