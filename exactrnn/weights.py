"""Weight files: exact square matrices from JSON, ``.npy`` or text.

* **JSON**: a list of rows (or ``{"W": [...]}``) whose entries are integers
  or strings (``"1/3"``, ``"0.1"``). A non-integer JSON number such as
  ``0.1`` is refused unless ``float_weights=True`` (CLI ``--float-weights``):
  most programs write JSON numbers from binary doubles, so ``0.1`` in a file
  usually *means* the double nearest 1/10, and exactrnn will not guess which
  one you meant. With the flag each is taken at that double's exact value.
* **.npy**: integer arrays are exact; float arrays are binary by nature and
  are converted exactly (each entry's dyadic value); NaN/inf are refused.
* **anything else**: text, rows on lines (or separated by ``;``), entries by
  commas or spaces, each an exact rational string.

>>> import json, tempfile, os
>>> from exactrnn.weights import load_weights
>>> path = os.path.join(tempfile.mkdtemp(), "W.json")
>>> with open(path, "w") as fh:
...     json.dump([[2, "-4"], ["1/2", 0]], fh)
>>> [[str(v) for v in row] for row in load_weights(path)]
[['2', '-4'], ['1/2', '0']]
"""

import json
import os

from .errors import ExactRNNError, WeightFileError
from .rational import Q, as_matrix, parse_matrix_text

__all__ = ["load_weights", "parse_weights_text"]

_MAX_BYTES = 64 * 1024 * 1024


class _JSONFloat(str):
    """The literal text of a non-integer JSON number, kept exactly."""


def _reject_constant(name):
    raise WeightFileError(f"JSON constant {name} is not a finite number")


def _load_json(path, float_weights):
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh, parse_float=_JSONFloat, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise WeightFileError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict):
        if "W" not in data:
            raise WeightFileError(f"{path}: a JSON object needs a key 'W' holding the matrix")
        data = data["W"]
    if not isinstance(data, list) or not all(isinstance(r, list) for r in data):
        raise WeightFileError(f"{path}: expected a list of rows (a list of lists)")
    rows = []
    for i, row in enumerate(data):
        out = []
        for j, v in enumerate(row):
            if isinstance(v, _JSONFloat):
                if not float_weights:
                    raise WeightFileError(
                        f"{path}: W[{i}][{j}] = {v} is a non-integer JSON number; JSON "
                        "numbers are usually written from binary doubles, so its exact "
                        f"value is ambiguous. Write it as a string (\"{v}\" means exactly "
                        "that decimal) or pass --float-weights to take the exact value of "
                        "the double")
                out.append(Q.from_float(float(v), name=f"W[{i}][{j}]"))
            elif isinstance(v, (int, str)) and not isinstance(v, bool):
                out.append(Q(v, name=f"W[{i}][{j}]"))
            else:
                raise WeightFileError(f"{path}: W[{i}][{j}] = {v!r} is not a number")
        rows.append(out)
    return as_matrix(rows)


def _load_npy(path):
    import numpy as np

    try:
        arr = np.load(path, allow_pickle=False)
    except (ValueError, OSError) as exc:
        raise WeightFileError(f"{path}: not a readable .npy array ({exc})") from None
    if arr.dtype.kind not in "iuf":
        raise WeightFileError(f"{path}: dtype {arr.dtype} is not an integer or float array")
    if arr.ndim != 2:
        raise WeightFileError(f"{path}: expected a 2-D array, got shape {arr.shape}")
    return as_matrix(arr, floats=arr.dtype.kind == "f")


def load_weights(path, *, float_weights=False):
    """Read a square weight matrix from ``path`` exactly (see the module doc)."""
    path = os.fspath(path)
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise WeightFileError(f"{path}: cannot read ({exc.strerror})") from None
    if size > _MAX_BYTES:
        raise WeightFileError(f"{path}: {size} bytes is over the {_MAX_BYTES}-byte limit")
    try:
        if path.endswith(".json"):
            return _load_json(path, float_weights)
        if path.endswith(".npy"):
            return _load_npy(path)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except UnicodeDecodeError:
        raise WeightFileError(f"{path}: not a UTF-8 text file") from None
    except ExactRNNError as exc:
        if isinstance(exc, WeightFileError):
            raise
        raise type(exc)(f"{path}: {exc}") from None
    try:
        return parse_weights_text(text, float_weights=float_weights)
    except ExactRNNError as exc:
        raise type(exc)(f"{path}: {exc}") from None


def parse_weights_text(text, *, float_weights=False):
    """``"a,b; c,d"`` text; with ``float_weights`` each decimal is read as a double.

    >>> from exactrnn.weights import parse_weights_text
    >>> str(parse_weights_text("0.1")[0][0]), str(parse_weights_text("0.5", float_weights=True)[0][0])
    ('1/10', '1/2')
    """
    return _float_text(text) if float_weights else parse_matrix_text(text)


def _float_text(text):
    """Text whose decimals are binary doubles: each taken at its exact value."""
    import re

    rows = [r for r in re.split(r"[;\n]", text) if r.strip()]
    matrix = []
    for i, row in enumerate(rows):
        matrix.append([_float_entry(e, f"W[{i}][{j}]")
                       for j, e in enumerate(x for x in re.split(r"[,\s]+", row.strip()) if x)])
    return as_matrix(matrix)


def _float_entry(text, name):
    if "/" in text:
        return Q(text, name=name)
    try:
        value = float(text)
    except ValueError:
        return Q(text, name=name)  # raises the precise parse error
    return Q.from_float(value, name=name)
