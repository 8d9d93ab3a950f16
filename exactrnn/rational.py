"""Exact input: rationals, vectors and matrices from what users type.

Everything that enters exactrnn passes through :data:`Q`, which turns ints,
``"p/q"`` strings, exact decimal strings (``"0.1"`` is 1/10, ``"1e-3"`` is
1/1000), :class:`~fractions.Fraction`, gmpy2 ``mpq``, :class:`decimal.Decimal`
and SymPy ``Rational`` into the backend's rational type. Binary floats are
refused unless converted explicitly with :meth:`Q.from_float`, which keeps the
float's exact dyadic value (every finite float is ``m / 2**e``).

>>> from exactrnn import Q, format_rational
>>> format_rational(Q("0.1")), format_rational(Q("-6/4")), format_rational(Q(3))
('1/10', '-3/2', '3')
>>> format_rational(Q.from_float(0.1))
'3602879701896397/36028797018963968'
>>> Q(0.1)
Traceback (most recent call last):
...
exactrnn.errors.InexactInputError: 0.1 is a binary float, not an exact rational: pass the string '0.1' for 1/10, or Q.from_float(0.1) for its exact dyadic value
"""

import decimal
import math
import numbers
import re
from fractions import Fraction

from . import _ground
from .errors import (
    InexactInputError,
    InvalidRationalError,
    NonFiniteError,
    ShapeError,
)

__all__ = ["Q", "format_rational", "as_vector", "as_matrix", "parse_matrix_text"]

_RATIONAL_RE = re.compile(
    r"""\A\s*
    (?P<sign>[-+]?)
    (?=[0-9]|\.[0-9])               # a digit must come first
    (?P<int>[0-9]*)
    (?:\.(?P<frac>[0-9]*))?
    (?:[eE](?P<exp>[-+]?[0-9]+))?
    (?:\s*/\s*(?P<den>[0-9]+))?
    \s*\Z""",
    re.VERBOSE | re.ASCII,
)
_NONFINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity",
              "+infinity", "-infinity"}
_MAX_EXPONENT = 10_000  # "1e999999999" would be a denial of service, not a number
_MAX_DIGITS = 100_000  # per number: beyond this, parsing itself becomes the attack


_int_from_digits = _ground.int_from_digits
_digits_of = _ground.int_to_digits


def _from_string(text, name):
    m = _RATIONAL_RE.match(text)
    if m is None:
        if text.strip().lower() in _NONFINITE:
            raise NonFiniteError(f"{name}={text!r} is not finite")
        raise InvalidRationalError(
            f"{name}={text!r} is not a rational number "
            "(write an integer, 'p/q' or an exact decimal such as '0.25')"
        )
    digits = (m["int"] or "") + (m["frac"] or "")
    if len(digits) + len(m["den"] or "") > _MAX_DIGITS:
        raise InvalidRationalError(f"{name}: more than {_MAX_DIGITS} digits")
    numerator = _int_from_digits(digits or "0")
    exponent = int(m["exp"] or 0) - len(m["frac"] or "")
    if abs(exponent) > _MAX_EXPONENT:
        raise InvalidRationalError(
            f"{name}={text!r} has an exponent beyond ±{_MAX_EXPONENT}"
        )
    denominator = _int_from_digits(m["den"]) if m["den"] is not None else 1
    if denominator == 0:
        raise InvalidRationalError(f"{name}={text!r} has a zero denominator")
    if m["den"] is not None and (m["frac"] is not None or m["exp"] is not None):
        raise InvalidRationalError(
            f"{name}={text!r}: write either 'p/q' with integers or a decimal, not both"
        )
    if exponent >= 0:
        numerator *= 10**exponent
    else:
        denominator *= 10**-exponent
    if m["sign"] == "-":
        numerator = -numerator
    return _ground.qq(numerator, denominator)


def _from_float(x, name):
    if not math.isfinite(x):
        raise NonFiniteError(f"{name}={x!r} is not finite")
    p, q = float(x).as_integer_ratio()
    return _ground.qq(p, q)


class _RationalField:
    """The exact rationals, as the backend represents them.

    ``Q(x)`` converts one exact value; ``Q(p, q)`` builds ``p/q``;
    ``Q.from_float(x)`` converts a binary float to its exact dyadic value.

    >>> from exactrnn import Q, format_rational
    >>> format_rational(Q(6, -4)), format_rational(Q(" 1.5e-2 "))
    ('-3/2', '3/200')
    """

    def __call__(self, value, denominator=None, *, name="value"):
        if denominator is not None:
            p, q = self(value, name=name), self(denominator, name=name)
            if q == 0:
                raise InvalidRationalError(f"{name}: zero denominator in Q({value!r}, 0)")
            return p / q
        return self._convert(value, name)

    @staticmethod
    def _convert(value, name):
        if isinstance(value, bool):
            raise InvalidRationalError(f"{name}={value!r} is a bool, not a number")
        if _ground.is_rational(value):
            return value if type(value) is _ground.QQ else _ground.qq(
                int(value.numerator), int(value.denominator))
        if isinstance(value, numbers.Integral):
            return _ground.qq(int(value))
        if isinstance(value, str):
            return _from_string(value, name)
        if isinstance(value, Fraction):
            return _ground.qq(value.numerator, value.denominator)
        if isinstance(value, decimal.Decimal):
            if not value.is_finite():
                raise NonFiniteError(f"{name}={value!r} is not finite")
            return _ground.qq(*value.as_integer_ratio())
        # SymPy numbers: Rational/Integer are exact, Float is not.
        if getattr(value, "is_Rational", False) and hasattr(value, "p"):
            return _ground.qq(int(value.p), int(value.q))
        if getattr(value, "is_Number", False) and getattr(value, "is_infinite", False):
            raise NonFiniteError(f"{name}={value!r} is not finite")
        if getattr(value, "is_Float", False):
            raise InexactInputError(
                f"{name}={value!r} is a SymPy Float (binary), not an exact rational; "
                "use sympy.Rational or a string"
            )
        if isinstance(value, numbers.Rational):  # e.g. gmpy2 mpq on the python backend
            return _ground.qq(int(value.numerator), int(value.denominator))
        if isinstance(value, numbers.Real):  # float, numpy floating, mpfr
            if not math.isfinite(value):
                raise NonFiniteError(f"{name}={value!r} is not finite")
            shown = repr(float(value))
            raise InexactInputError(
                f"{shown} is a binary float, not an exact rational: pass the "
                f"string '{shown}' for {format_rational(_from_string(shown, name))}, "
                f"or Q.from_float({shown}) for its exact dyadic value"
            )
        if hasattr(value, "numerator") and hasattr(value, "denominator"):
            try:
                return _ground.qq(int(value.numerator), int(value.denominator))
            except (TypeError, ValueError, ZeroDivisionError):
                pass
        raise InvalidRationalError(
            f"{name}={value!r} (of type {type(value).__name__}) is not an exact rational"
        )

    def from_float(self, value, *, name="value"):
        """The exact rational value of a binary float (NaN/inf refused).

        >>> from exactrnn import Q, format_rational
        >>> format_rational(Q.from_float(0.5)), format_rational(Q.from_float(-3.0))
        ('1/2', '-3')
        >>> Q.from_float(float("nan"))
        Traceback (most recent call last):
        ...
        exactrnn.errors.NonFiniteError: value=nan is not finite
        """
        if isinstance(value, bool):
            raise InvalidRationalError(f"{name}={value!r} is a bool, not a number")
        if isinstance(value, numbers.Rational) or getattr(value, "is_Rational", False):
            return self._convert(value, name)
        if isinstance(value, numbers.Real) and not getattr(value, "is_Number", False):
            return _from_float(float(value), name)
        return self._convert(value, name)

    def __repr__(self):
        return f"Q  # exact rationals ({_ground.GROUND_TYPES} backend)"


Q = _RationalField()


def format_rational(x):
    """``"p/q"`` or ``"p"``: how exactrnn writes a rational everywhere.

    >>> from exactrnn import Q, format_rational
    >>> format_rational(Q(-4, 6)), format_rational(Q(0))
    ('-2/3', '0')
    """
    p, q = _ground.numer_denom(x)
    return _digits_of(p) if q == 1 else f"{_digits_of(p)}/{_digits_of(q)}"


def as_vector(values, name="vector", *, floats=False):
    """A tuple of rationals from a sequence or a ``"a, b, c"`` string.

    >>> from exactrnn.rational import as_vector
    >>> [str(v) for v in as_vector("0, 1/2, 0.25")]
    ['0', '1/2', '1/4']
    """
    convert = Q.from_float if floats else Q
    if isinstance(values, str):
        parts = [p for p in values.replace(";", ",").split(",")]
        if any(not p.strip() for p in parts):
            raise InvalidRationalError(f"{name}={values!r} has an empty entry")
        values = parts
    try:
        items = list(values)
    except TypeError:
        raise ShapeError(f"{name}={values!r} is not a sequence of numbers") from None
    if getattr(values, "ndim", 1) != 1:
        raise ShapeError(f"{name} must be one-dimensional, got shape {values.shape}")
    return tuple(convert(v, name=f"{name}[{i}]") for i, v in enumerate(items))


def parse_matrix_text(text, name="W"):
    """Rows separated by ``;`` (or newlines), entries by ``,`` or spaces.

    >>> from exactrnn.rational import parse_matrix_text
    >>> [[str(x) for x in row] for row in parse_matrix_text("2,-4; 1/2, 0.5")]
    [['2', '-4'], ['1/2', '1/2']]
    """
    rows = [r for r in re.split(r"[;\n]", text) if r.strip()]
    if not rows:
        raise ShapeError(f"{name}={text!r} is empty")
    matrix = []
    for i, row in enumerate(rows):
        entries = re.split(r"\s*,\s*|\s+", row.strip())
        if any(e == "" for e in entries):
            raise InvalidRationalError(f"{name} row {i} ({row.strip()!r}) has an empty entry")
        matrix.append(tuple(Q(e, name=f"{name}[{i}][{j}]") for j, e in enumerate(entries)))
    return _check_square(matrix, name)


def _check_square(matrix, name):
    w = len(matrix)
    if w == 0:
        raise ShapeError(f"{name} is empty; a width w >= 1 is needed")
    for i, row in enumerate(matrix):
        if len(row) != w:
            raise ShapeError(
                f"{name} is not square: row {i} has {len(row)} entries, "
                f"but there are {w} rows"
            )
    return tuple(matrix)


def as_matrix(values, name="W", *, floats=False):
    """A square matrix of rationals, as a tuple of row tuples.

    Accepts nested sequences, a ``"a,b; c,d"`` string, a numpy array of
    integers (float arrays only with ``floats=True``, converted exactly) or a
    SymPy Matrix.

    >>> from exactrnn.rational import as_matrix
    >>> as_matrix([[1, 2], [3]])
    Traceback (most recent call last):
    ...
    exactrnn.errors.ShapeError: W is not square: row 1 has 1 entries, but there are 2 rows
    """
    if isinstance(values, str):
        return parse_matrix_text(values, name)
    convert = Q.from_float if floats else Q
    shape = getattr(values, "shape", None)
    if shape is not None and len(shape) != 2:
        raise ShapeError(f"{name} must be two-dimensional, got shape {tuple(shape)}")
    if hasattr(values, "tolist") and not isinstance(values, (list, tuple)):
        dtype = getattr(values, "dtype", None)
        if dtype is not None and getattr(dtype, "kind", "") == "f" and not floats:
            raise InexactInputError(
                f"{name} is a float array; pass floats=True (CLI: --float-weights) "
                "to take each entry's exact dyadic value"
            )
        values = values.tolist()
    try:
        rows = [list(r) if not isinstance(r, str) else [r] for r in values]
    except TypeError:
        raise ShapeError(f"{name}={values!r} is not a matrix (a sequence of rows)") from None
    matrix = [
        tuple(convert(v, name=f"{name}[{i}][{j}]") for j, v in enumerate(row))
        for i, row in enumerate(rows)
    ]
    return _check_square(matrix, name)
