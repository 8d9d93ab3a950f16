"""The whole exception hierarchy of exactrnn.

Every error is an :class:`ExactRNNError` and also subclasses the built-in
exception it refines, so ``except ValueError`` keeps working. Messages name
the argument and the offending value. The command line prints
``exactrnn: error: <message>`` on one line and exits with a non-zero status.
"""

__all__ = [
    "ExactRNNError",
    "BackendError",
    "InvalidRationalError",
    "InexactInputError",
    "NonFiniteError",
    "ShapeError",
    "InvalidIntervalError",
    "InvalidPiecewiseLinearError",
    "DomainError",
    "WeightFileError",
    "PieceBudgetExceeded",
    "InvalidParameterError",
    "DatasetError",
    "ResultsFileError",
    "TrialFailed",
]


class ExactRNNError(Exception):
    """Base class of every error raised by exactrnn."""


class BackendError(ExactRNNError, ImportError):
    """The requested arithmetic backend is unknown or not installed."""


class InvalidRationalError(ExactRNNError, ValueError):
    """A string or object that does not denote an exact rational number."""


class InexactInputError(ExactRNNError, TypeError):
    """A binary float was given where an exact rational is required.

    Floats are accepted only through an explicit conversion
    (:meth:`exactrnn.Q.from_float`, ``--float-weights``), which keeps the
    float's exact dyadic value.
    """


class NonFiniteError(ExactRNNError, ValueError):
    """NaN or an infinity where a finite number is required."""


class ShapeError(ExactRNNError, ValueError):
    """A matrix that is not square, or vectors whose lengths do not match."""


class InvalidIntervalError(ExactRNNError, ValueError):
    """An interval ``[a, b]`` with ``a >= b``, or otherwise impossible."""


class InvalidPiecewiseLinearError(ExactRNNError, ValueError):
    """Data that do not describe a continuous piecewise-linear function."""


class DomainError(ExactRNNError, ValueError):
    """A point or a range outside the domain of a function."""


class WeightFileError(ExactRNNError, ValueError):
    """A weight file that cannot be read as an exact square matrix."""


class InvalidParameterError(ExactRNNError, ValueError):
    """A construction or computation parameter outside its allowed range."""


class DatasetError(ExactRNNError, ValueError):
    """A data set that cannot be built or read exactly (experiment inputs/targets)."""


class ResultsFileError(ExactRNNError, ValueError):
    """An experiment results file that is corrupt or holds a different experiment."""


class TrialFailed(ExactRNNError, RuntimeError):
    """An experiment trial raised an unexpected error (finished trials are kept)."""


class PieceBudgetExceeded(ExactRNNError, RuntimeError):
    """The number of activation regions passed the piece budget.

    Attributes
    ----------
    k : int
        The depth at which the budget was exceeded.
    count : int
        The number of activation regions found at depth ``k`` (a lower
        bound when the step was abandoned part way).
    max_pieces : int
        The budget.
    completed : list
        The results for every depth finished before ``k`` (nothing
        computed is lost).
    """

    def __init__(self, k, count, max_pieces, completed=()):
        self.k = k
        self.count = count
        self.max_pieces = max_pieces
        self.completed = list(completed)
        super().__init__(
            f"piece budget exceeded at k={k}: at least {count} activation "
            f"regions > max_pieces={max_pieces} (raise --max-pieces / "
            f"max_pieces= to go further)"
        )
