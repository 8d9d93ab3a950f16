"""``Construction``: a weight matrix W, its input line, and the function it claims.

A construction says: along ``x(t) = origin + t·direction``, ``t`` in
``interval``, the network of depth ``k + offset`` computes ``target(k)``
exactly. :meth:`Construction.checks` tests that claim by exact equality of
:class:`~exactrnn.PiecewiseLinear` values, and the piece count against the
closed form, for every k up to a bound.
"""

from dataclasses import dataclass, field

from ..errors import ExactRNNError
from ..rational import format_rational
from ..rnn import InputLine, ReLURNN

__all__ = ["Construction", "ConstructionMismatch"]


class ConstructionMismatch(ExactRNNError, AssertionError):
    """A construction's network does not compute its target (a bug, if ever seen)."""


@dataclass(frozen=True, eq=False)
class Construction:
    """A named construction (see :mod:`exactrnn.constructions`)."""

    name: str
    params: dict
    coordinates: tuple
    W: tuple
    origin: tuple
    direction: tuple
    interval: tuple
    offset: int
    target: object = field(repr=False)
    expected_pieces: object = field(repr=False)
    recurrent: tuple = ()
    description: str = ""

    @property
    def width(self):
        return len(self.W)

    def network(self):
        """The :class:`~exactrnn.ReLURNN` with this W (readout: coordinate 1)."""
        return ReLURNN(self.W)

    def line(self):
        """The input line on which the claim holds."""
        return InputLine(self.origin, self.direction, self.interval)

    def depth(self, k):
        """The number of applications of W that computes iterate ``k``."""
        return k + self.offset

    def functions(self, K):
        """Yield ``(k, f_{k+offset} along the line)`` for k = 1..K, in one pass."""
        net = self.network()
        for depth, f in enumerate(net.iter_on_line(self.line(), K + self.offset,
                                                    progress=False), start=1):
            k = depth - self.offset
            if k >= 1:
                yield k, f

    def checks(self, K):
        """For k = 1..K: pieces computed, pieces expected, and exact equality."""
        out = []
        for k, f in self.functions(K):
            expected = self.expected_pieces(k)
            out.append({"k": k, "depth": self.depth(k), "pieces": f.pieces,
                        "expected_pieces": expected,
                        "equal": f == self.target(k) and f.pieces == expected})
        return out

    def verify(self, K):
        """Raise :class:`ConstructionMismatch` unless every check up to K holds."""
        for check in self.checks(K):
            if not check["equal"]:
                raise ConstructionMismatch(
                    f"{self.name}: f_{check['depth']} is not the target at k={check['k']} "
                    f"({check['pieces']} pieces, expected {check['expected_pieces']})")
        return True

    def recurrent_block(self):
        """W restricted to the recurrent coordinates (without the accumulator)."""
        idx = [self.coordinates.index(x) for x in self.recurrent]
        return tuple(tuple(self.W[i][j] for j in idx) for i in idx)

    def norms(self, k):
        """Norms of W, of its recurrent block, and of the function at iterate k."""
        from ..norms import norm_table

        f = self.target(k)
        values = [abs(y) for _, y in f.vertices()]
        return {
            "W": norm_table(self.W),
            "recurrent": {"coordinates": list(self.recurrent),
                          **norm_table(self.recurrent_block())},
            "function": {"k": k, "lipschitz": format_rational(max(abs(m) for m in f.slopes)),
                         "sup": format_rational(max(values))},
        }

    def matrix_strings(self):
        return [[format_rational(v) for v in row] for row in self.W]

    def to_json(self, K=None, norms=None):
        doc = {
            "name": self.name,
            "params": {k: format_rational(v) if not isinstance(v, str) else v
                       for k, v in self.params.items()},
            "width": self.width,
            "coordinates": list(self.coordinates),
            "W": self.matrix_strings(),
            "origin": [format_rational(v) for v in self.origin],
            "direction": [format_rational(v) for v in self.direction],
            "interval": [format_rational(v) for v in self.interval],
            "offset": self.offset,
        }
        if K is not None:
            doc["checks"] = self.checks(K)
        if norms is not None:
            doc["norms"] = norms
        return doc

    def latex(self):
        r"""W as a LaTeX ``bmatrix``."""
        import sympy

        from .. import _ground

        M = sympy.Matrix([[sympy.Rational(*_ground.numer_denom(v)) for v in row]
                          for row in self.W])
        return sympy.latex(M, mat_str="bmatrix", mat_delim="")
