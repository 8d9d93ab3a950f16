"""Exact input: every accepted form, and a clear error for everything else."""

import decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy

from exactrnn import (
    InexactInputError,
    InvalidRationalError,
    NonFiniteError,
    Q,
    ShapeError,
    format_rational,
)
from exactrnn.rational import as_matrix, as_vector, parse_matrix_text

pytestmark = pytest.mark.core


def F(x):
    return Fraction(int(x.numerator), int(x.denominator))


@pytest.mark.parametrize("value, expected", [
    (3, Fraction(3)),
    (-7, Fraction(-7)),
    (np.int64(5), Fraction(5)),
    ("2/6", Fraction(1, 3)),
    (" -3 / 4 ", Fraction(-3, 4)),
    ("0.1", Fraction(1, 10)),
    ("-.5", Fraction(-1, 2)),
    ("1e-3", Fraction(1, 1000)),
    ("1.5E+2", Fraction(150)),
    ("+12", Fraction(12)),
    ("007", Fraction(7)),
    (Fraction(22, 7), Fraction(22, 7)),
    (decimal.Decimal("0.125"), Fraction(1, 8)),
    (sympy.Rational(5, 3), Fraction(5, 3)),
    (sympy.Integer(4), Fraction(4)),
])
def test_exact_forms(value, expected):
    assert F(Q(value)) == expected


def test_gmpy2_mpq_accepted_on_every_backend():
    gmpy2 = pytest.importorskip("gmpy2")
    assert F(Q(gmpy2.mpq(3, 9))) == Fraction(1, 3)
    assert F(Q.from_float(gmpy2.mpq(3, 9))) == Fraction(1, 3)  # already exact: unchanged
    assert F(Q.from_float(Fraction(1, 3))) == Fraction(1, 3)
    assert F(Q.from_float(sympy.Rational(1, 3))) == Fraction(1, 3)


def test_two_argument_form():
    assert F(Q(6, -4)) == Fraction(-3, 2)
    assert F(Q("1/2", "1/3")) == Fraction(3, 2)
    with pytest.raises(InvalidRationalError, match="zero denominator"):
        Q(1, 0)


@pytest.mark.parametrize("value, exc", [
    ("x", InvalidRationalError),
    ("", InvalidRationalError),
    ("1/0", InvalidRationalError),
    ("1.5/2", InvalidRationalError),
    ("1//2", InvalidRationalError),
    ("0x10", InvalidRationalError),
    ("1e100000", InvalidRationalError),
    ("nan", NonFiniteError),
    ("-inf", NonFiniteError),
    (0.1, InexactInputError),
    (np.float64(2.0), InexactInputError),
    (np.float32(0.5), InexactInputError),
    (float("nan"), NonFiniteError),
    (float("inf"), NonFiniteError),
    (decimal.Decimal("NaN"), NonFiniteError),
    (sympy.Float(0.5), InexactInputError),
    (sympy.oo, NonFiniteError),
    (sympy.sqrt(2), InvalidRationalError),
    (True, InvalidRationalError),
    (None, InvalidRationalError),
    (1 + 2j, InvalidRationalError),
    ([1], InvalidRationalError),
])
def test_bad_values(value, exc):
    with pytest.raises(exc):
        Q(value)


def test_float_message_offers_both_readings():
    with pytest.raises(InexactInputError) as info:
        Q(0.1)
    assert "'0.1'" in str(info.value) and "1/10" in str(info.value)
    assert "Q.from_float(0.1)" in str(info.value)


def test_errors_refine_builtins():
    with pytest.raises(ValueError):
        Q("x")
    with pytest.raises(TypeError):
        Q(0.5)


@pytest.mark.parametrize("x", [0.1, -2.5, 1e-300, 2.0**-1074, 1.7976931348623157e308, -0.0])
def test_from_float_is_the_exact_dyadic_value(x):
    # Fraction(float) is exact by construction: an independent reference.
    assert F(Q.from_float(x)) == Fraction(x)
    assert F(Q.from_float(np.float32(x) if abs(x) < 1e30 else 1.0)) == \
        Fraction(float(np.float32(x) if abs(x) < 1e30 else 1.0))


@pytest.mark.parametrize("x", [float("nan"), float("inf"), -float("inf")])
def test_from_float_rejects_non_finite(x):
    with pytest.raises(NonFiniteError):
        Q.from_float(x)


def test_format_rational():
    assert format_rational(Q(-4, 6)) == "-2/3"
    assert format_rational(Q(10)) == "10"
    assert format_rational(Q(0)) == "0"


def test_vectors_and_matrices():
    assert [F(v) for v in as_vector("1, 1/2 ,0.25")] == [1, Fraction(1, 2), Fraction(1, 4)]
    with pytest.raises(InvalidRationalError, match="empty entry"):
        as_vector("1,,2")
    M = parse_matrix_text("2,-4,0; 2,-4,-1/2; 0,0,1")
    assert [[F(v) for v in row] for row in M] == \
        [[2, -4, 0], [2, -4, Fraction(-1, 2)], [0, 0, 1]]
    assert as_matrix(np.array([[1, 2], [3, 4]])) == as_matrix("1 2\n3 4")
    assert as_matrix(sympy.Matrix([[1, sympy.Rational(1, 2)], [0, 1]])) == as_matrix("1,1/2;0,1")
    with pytest.raises(InexactInputError, match="floats=True"):
        as_matrix(np.array([[0.5]]))
    assert [[F(v) for v in r] for r in as_matrix(np.array([[0.5]]), floats=True)] == \
        [[Fraction(1, 2)]]
    with pytest.raises(ShapeError, match="row 1 has 1 entries"):
        as_matrix("1,2;3")
    with pytest.raises(ShapeError, match="empty"):
        as_matrix([])
    with pytest.raises(ShapeError, match="two-dimensional"):
        as_matrix(np.zeros((2, 2, 2), dtype=int))


def test_long_exact_numbers_parse_and_print():
    assert format_rational(Q("1" * 5000)) == "1" * 5000
    assert F(Q("0." + "0" * 5000 + "1")) == Fraction(1, 10 ** 5001)
    with pytest.raises(InvalidRationalError, match="digits"):
        Q("1" * 200_000)


def test_only_ascii_digits_and_no_empty_matrix_entries():
    with pytest.raises(InvalidRationalError):
        Q("١٢")
    with pytest.raises(InvalidRationalError, match="empty entry"):
        parse_matrix_text("1,,0; 0,1")
