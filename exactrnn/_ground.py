"""The arithmetic backend, chosen once.

This is the only module that imports gmpy2 (and, later, python-flint).
Everything else imports the chosen names from here:

``QQ``
    the rational type (``gmpy2.mpq`` or ``fractions.Fraction``);
``ZZ``
    the big-integer type used in object arrays (``gmpy2.mpz`` or ``int``);
``GROUND_TYPES``
    ``"gmpy2"`` or ``"python"``, the backend actually in use.

The choice comes from the environment variable ``EXACTRNN_GROUND_TYPES``:
``auto`` (default: gmpy2 when importable, else pure Python), ``gmpy2``
(required; a clear error if missing) or ``python``. Results are identical on
every backend; only speed differs.

``flint`` is accepted as a synonym for ``auto`` for the scalar types:
python-flint is used where it helps (exact linear algebra), not for scalars.
"""

import math
import os
from fractions import Fraction

from .errors import BackendError

_VALID = ("auto", "gmpy2", "python", "flint")


def _choose(requested):
    requested = (requested or "auto").strip().lower()
    if requested not in _VALID:
        raise BackendError(
            f"EXACTRNN_GROUND_TYPES={requested!r} is not one of {', '.join(_VALID)}"
        )
    if requested == "python":
        return "python"
    try:
        import gmpy2  # noqa: F401
    except ImportError:
        if requested == "gmpy2":
            raise BackendError(
                "EXACTRNN_GROUND_TYPES=gmpy2 but gmpy2 is not installed "
                "(pip install gmpy2)"
            ) from None
        return "python"
    return "gmpy2"


GROUND_TYPES = _choose(os.environ.get("EXACTRNN_GROUND_TYPES"))

if GROUND_TYPES == "gmpy2":
    import gmpy2

    QQ = gmpy2.mpq
    ZZ = gmpy2.mpz
    gcd = gmpy2.gcd

    def is_rational(x):
        return isinstance(x, (gmpy2.mpq, Fraction))

else:
    QQ = Fraction
    ZZ = int
    gcd = math.gcd

    def is_rational(x):
        return isinstance(x, Fraction)


def numer_denom(x):
    """Return ``(p, q)`` as Python ints for a rational of the ground type."""
    return int(x.numerator), int(x.denominator)


def qq(p, q=1):
    """The ground rational ``p/q`` from Python ints (no validation)."""
    return QQ(p, q)


def flint_module():
    """The python-flint module when installed (exact linear algebra), else None."""
    try:
        import flint
    except ImportError:
        return None
    return flint


def flint_available():
    """True when python-flint can be imported (used by exact linear algebra)."""
    return flint_module() is not None


def int_from_digits(digits):
    """int(digits) for any length: Python refuses over 4300 digits; gmpy2 does not."""
    if len(digits) <= 4000:
        return int(digits)
    try:
        import gmpy2

        return int(gmpy2.mpz(digits))
    except ImportError:  # pragma: no cover - gmpy2 is a dependency
        value = 0
        for i in range(0, len(digits), 4000):
            chunk = digits[i:i + 4000]
            value = value * 10 ** len(chunk) + int(chunk)
        return value


def int_to_digits(n):
    """str(n) for a Python int of any size."""
    try:
        return str(n)
    except ValueError:  # over sys.get_int_max_str_digits()
        import gmpy2

        return gmpy2.mpz(n).digits()
