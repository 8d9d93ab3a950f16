"""exactrnn: exact rational analysis of ReLU recurrent networks.

The object is the note's ``f_k(W, x) = (ReLU ∘ W ∘ … ∘ ReLU ∘ W)(x)_1``;
exactrnn computes it, counts its affine pieces along input lines and builds
piecewise-linear functions with exact rational arithmetic only.

>>> from exactrnn import ReLURNN, InputLine
>>> net = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
>>> net.count(InputLine("0,0,1", "1/2,0,0", (0, 1)), 12)[0].pieces
2048
"""

from ._ground import GROUND_TYPES
from .errors import (
    BackendError,
    DatasetError,
    DomainError,
    ExactRNNError,
    InexactInputError,
    InvalidIntervalError,
    InvalidParameterError,
    InvalidPiecewiseLinearError,
    InvalidRationalError,
    NonFiniteError,
    PieceBudgetExceeded,
    ResultsFileError,
    ShapeError,
    WeightFileError,
)
from .curve import PiecewiseLinearCurve
from .pwl import PiecewiseLinear
from .rational import Q, as_matrix, as_vector, format_rational
from .rnn import DEFAULT_MAX_PIECES, InputLine, PieceCount, ReLURNN

__all__ = [
    "GROUND_TYPES",
    "Q",
    "format_rational",
    "as_matrix",
    "as_vector",
    "PiecewiseLinear",
    "PiecewiseLinearCurve",
    "ReLURNN",
    "InputLine",
    "PieceCount",
    "DEFAULT_MAX_PIECES",
    "ExactRNNError",
    "BackendError",
    "DatasetError",
    "DomainError",
    "InexactInputError",
    "InvalidIntervalError",
    "InvalidParameterError",
    "InvalidPiecewiseLinearError",
    "InvalidRationalError",
    "NonFiniteError",
    "PieceBudgetExceeded",
    "ResultsFileError",
    "ShapeError",
    "WeightFileError",
]

__version__ = "0.1.0"
