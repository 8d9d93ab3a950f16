"""Data sets for the experiment: exact inputs, exact targets, and the line to count on.

A :class:`Dataset` holds its inputs and targets as exact rationals (training
converts them to float64 explicitly, with :meth:`Dataset.arrays`) and the
input line on which the trained network's pieces are counted.

Built-in data sets live on the line ``x(t) = t·e_1 + e_w`` in ``R^w``
(coordinate w is a constant 1, which plays the part of a bias), at the
``points`` midpoints ``t_i = (2i − 1)/(2n)`` of [0, 1]; pieces are counted on
t in [0, 1]:

* ``staircase``: the Cantor function C(t), the limit of the note's devil's
  staircase, exactly;
* ``yarotsky``: ``t(1 − t) = Σ_s 4^{−s} g^s(t)``, Yarotsky's expansion;
* ``variant``: the limit of the note's variant series (geometric reading);
* ``triangle``: the tent map iterated ``k − 1`` times, which a width-3
  network computes exactly at depth k (so this target depends on k); it has
  ``2^(k−1)`` pieces and needs ``points >= 2^k``.

User files (:func:`read_dataset`): JSON ``{"inputs": [[...], ...],
"targets": [...], "line": {"origin": [...], "direction": [...], "interval":
[a, b]}}`` with integers or rational strings (``"1/3"``, ``"0.1"`` = 1/10),
or CSV rows ``x_1, ..., x_w, y`` (decimals are read as exact decimals; a
header row and ``#`` comments are skipped). Without a ``line`` the inputs
must lie on one line, and pieces are counted over the span of the data.

>>> from exactrnn.experiments.datasets import make_dataset
>>> d = make_dataset("yarotsky", width=3, k=2, points=2)
>>> [[str(v) for v in x] for x in d.inputs], [str(y) for y in d.targets]
([['1/4', '0', '1'], ['3/4', '0', '1']], ['3/16', '3/16'])
"""

import csv
import hashlib
import io
import json
import os
import stat
from dataclasses import dataclass, replace

import numpy as np

from ..constructions.limits import cantor, note_variant_limit, series_limit
from ..errors import DatasetError, ExactRNNError, ShapeError
from ..rational import Q, as_vector, format_rational
from ..rnn import InputLine
from ..weights import _JSONFloat

__all__ = ["Dataset", "DATASETS", "make_dataset", "read_dataset"]

MAX_POINTS = 100_000
_MAX_BYTES = 64 * 1024 * 1024


def _tent_iterate(t, n):
    for _ in range(n):
        t = 2 * t if 2 * t <= 1 else 2 - 2 * t
    return t


#: name -> (target(t, k), description)
DATASETS = {
    "staircase": (lambda t, k: cantor(t), "the Cantor function (the devil's staircase limit)"),
    "yarotsky": (lambda t, k: series_limit(t), "t(1 - t), Yarotsky's series limit"),
    "variant": (lambda t, k: note_variant_limit(t), "the note's variant series limit"),
    "triangle": (lambda t, k: _tent_iterate(t, k - 1), "the tent map iterated k - 1 times"),
}


@dataclass(frozen=True, eq=False)
class Dataset:
    """Exact data ``(x_i, y_i)`` and the input line on which pieces are counted."""

    name: str
    inputs: tuple
    targets: tuple
    line: InputLine
    description: str = ""
    source: str = None     #: the file a user data set was read from

    @property
    def width(self):
        return len(self.inputs[0])

    def arrays(self):
        """``(X, y)`` as float64 arrays for training (an explicit conversion)."""
        X = np.array([[float(v) for v in x] for x in self.inputs], dtype=float)
        return X, np.array([float(v) for v in self.targets], dtype=float)

    def to_json(self):
        """Everything needed to rebuild this data set exactly (see :func:`from_json`)."""
        return {"name": self.name, "description": self.description,
                "inputs": [[format_rational(v) for v in x] for x in self.inputs],
                "targets": [format_rational(v) for v in self.targets],
                "line": self.line.to_json()}

    @classmethod
    def from_json(cls, doc):
        try:
            return _from_parts(doc["name"], doc["inputs"], doc["targets"], doc.get("line"),
                               doc.get("description", ""))
        except (KeyError, TypeError) as exc:
            raise DatasetError(f"malformed data set: {exc!r}") from None


def make_dataset(name, width, k, points=32):
    """The built-in data set ``name`` in ``R^width`` for depth ``k``.

    >>> d = make_dataset("staircase", width=4, k=3, points=4)
    >>> [str(y) for y in d.targets]          # C(1/8), C(3/8), C(5/8), C(7/8)
    ['1/4', '1/2', '1/2', '3/4']
    >>> make_dataset("spiral", 4, 3)
    Traceback (most recent call last):
    ...
    exactrnn.errors.DatasetError: unknown data set 'spiral'; choose one of staircase, yarotsky, variant, triangle, or give a .json/.csv file
    """
    if name not in DATASETS:
        raise DatasetError(f"unknown data set {name!r}; choose one of "
                           f"{', '.join(DATASETS)}, or give a .json/.csv file")
    for value, label, least in ((width, "width", 2), (k, "k", 1), (points, "points", 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise DatasetError(f"{label}={value!r} must be an integer >= {least}")
    if points > MAX_POINTS:
        raise DatasetError(f"points={points} is more than {MAX_POINTS}")
    if name == "triangle" and points < 2 ** k:
        raise DatasetError(
            f"the triangle target at k={k} (the tent map iterated {k - 1} times) has "
            f"{2 ** (k - 1)} affine pieces; use at least two points per piece, "
            f"points >= {2 ** k} (--points), or a smaller k")
    target, description = DATASETS[name]
    ts = [Q(2 * i - 1, 2 * points) for i in range(1, points + 1)]
    zero, one = Q(0), Q(1)
    inputs = tuple((t,) + (zero,) * (width - 2) + (one,) for t in ts)
    targets = tuple(target(t, k) for t in ts)
    if name == "triangle" and len(set(targets)) == 1:    # pragma: no cover - guarded above
        raise DatasetError(f"the triangle targets at k={k} are all {targets[0]} at these "
                           f"points; use more points")
    origin = (zero,) * (width - 1) + (one,)
    direction = (one,) + (zero,) * (width - 1)
    return Dataset(name, inputs, targets, InputLine(origin, direction, (0, 1)),
                   f"{description}, at {points} midpoints of [0, 1] on x(t) = t e_1 + e_{width}")


def read_dataset(path):
    """Read a user data set from a ``.json`` or ``.csv`` file (see the module docs).

    The data set's name is ``file:<name>@<sha256 prefix>`` so results record
    which file they came from.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise DatasetError(f"{path}: not a regular file")
        size = info.st_size
        if size > _MAX_BYTES:
            raise DatasetError(f"{path}: {size} bytes is more than {_MAX_BYTES}")
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DatasetError(f"{path}: not UTF-8 text") from None
    digest = hashlib.sha256(raw).hexdigest()[:12]
    name = f"file:{os.path.basename(path)}@{digest}"
    if path.lower().endswith(".json"):
        inputs, targets, line = _parse_json(path, text)
    else:
        inputs, targets, line = _parse_csv(path, text), None, None
        inputs, targets = [row[:-1] for row in inputs], [row[-1] for row in inputs]
    try:
        data = _from_parts(name, inputs, targets, line, f"data from {path}")
    except DatasetError as exc:
        raise DatasetError(f"{path}: {exc}") from None
    return replace(data, source=path)


def _parse_json(path, text):
    def refuse(name):
        raise DatasetError(f"{path}: JSON constant {name} is not a finite number")

    try:
        doc = json.loads(text, parse_float=_JSONFloat, parse_constant=refuse)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except ValueError as exc:   # e.g. an integer past Python's digit limit
        raise DatasetError(f"{path}: unreadable JSON ({exc})") from None
    if not isinstance(doc, dict) or "inputs" not in doc or "targets" not in doc:
        raise DatasetError(f"{path}: expected an object with keys 'inputs' and 'targets'")

    def check(value, where):
        if isinstance(value, _JSONFloat):
            raise DatasetError(
                f"{path}: {where} is the JSON number {value}, which programs usually write "
                f"from a binary double; write it as a string (\"{value}\" is exactly that "
                f"decimal) so its exact value is not a guess")
        if isinstance(value, list):
            for i, v in enumerate(value):
                check(v, f"{where}[{i}]")
        elif isinstance(value, dict):
            for key, v in value.items():
                check(v, f"{where}.{key}")

    for key in ("inputs", "targets", "line"):
        if key in doc:
            check(doc[key], key)
    return doc["inputs"], doc["targets"], doc.get("line")


def _parse_csv(path, text):
    rows, first = [], True
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if first and not any(_numeric(c) for c in cells):
            first = False
            continue  # a header row: no cell is a number
        first = False
        try:
            rows.append([Q(c, name=f"line {number}") for c in cells])
        except ExactRNNError as exc:
            raise DatasetError(f"{path}: {exc}") from None
        if len(rows[-1]) != len(rows[0]):
            raise ShapeError(f"{path}: line {number} has {len(rows[-1])} fields, "
                             f"the first data row {len(rows[0])}")
        if len(rows) > MAX_POINTS:
            raise DatasetError(f"{path}: more than {MAX_POINTS} data points")
    if not rows:
        raise DatasetError(f"{path}: no data rows")
    if len(rows[0]) < 2:
        raise DatasetError(f"{path}: each row needs the inputs and then the target")
    return rows


def _numeric(cell):
    try:
        Q(cell)
        return True
    except ExactRNNError:
        return False


def _from_parts(name, inputs, targets, line, description):
    if not isinstance(inputs, list) or not inputs or not isinstance(targets, list):
        raise DatasetError("'inputs' must be a non-empty list of vectors and 'targets' a list")
    if len(inputs) > MAX_POINTS:
        raise DatasetError(f"more than {MAX_POINTS} data points")
    if len(inputs) != len(targets):
        raise ShapeError(f"{len(inputs)} inputs but {len(targets)} targets")
    xs = tuple(as_vector(x, f"inputs[{i}]") for i, x in enumerate(inputs))
    ys = tuple(Q(y, name=f"targets[{i}]") for i, y in enumerate(targets))
    if any(len(x) != len(xs[0]) for x in xs):
        raise ShapeError("the inputs do not all have the same length")
    if line is None:
        line = _line_through(xs)
    elif isinstance(line, dict):
        if not {"origin", "direction", "interval"} <= line.keys():
            raise DatasetError("'line' needs the keys origin, direction and interval")
        interval = line["interval"]
        if not isinstance(interval, list) or len(interval) != 2:
            raise DatasetError("'line.interval' must be a list [a, b]")
        line = InputLine(line["origin"], line["direction"], tuple(interval))
    elif not isinstance(line, InputLine):
        raise DatasetError("'line' must be an object with origin, direction and interval")
    if line.dimension != len(xs[0]):
        raise ShapeError(f"the line lies in R^{line.dimension} but the inputs in R^{len(xs[0])}")
    if all(d == 0 for d in line.direction):
        raise DatasetError("the line's direction is zero")
    if line.lo is None or line.hi is None:
        raise DatasetError("the line's interval must be finite to count pieces on it")
    for i, (x, y) in enumerate(zip(xs, ys)):
        try:
            [float(v) for v in x] + [float(y)]
        except OverflowError:
            raise DatasetError(f"data point {i} is too large for float64 training") from None
    return Dataset(name, xs, ys, line, description)


def _line_through(xs):
    """The line through collinear inputs, over the span of the data."""
    origin = xs[0]
    direction = next((tuple(b - a for a, b in zip(origin, x)) for x in xs if x != origin), None)
    if direction is None:
        raise DatasetError("all inputs are the same point; give a 'line' to count pieces on")
    j = next(i for i, d in enumerate(direction) if d != 0)
    ts = []
    for i, x in enumerate(xs):
        t = (x[j] - origin[j]) / direction[j]
        if any(o + t * d != v for o, d, v in zip(origin, direction, x)):
            raise DatasetError(f"inputs[{i}] is off the line through the first inputs; "
                               f"give a 'line' (JSON) to count pieces on")
        ts.append(t)
    return InputLine(origin, direction, (min(ts), max(ts)))
