"""Append-only JSONL results: one line per finished trial, flushed and fsynced.

A line is written whole with one ``write`` and then ``fsync``-ed, so a run
killed at any moment (even with SIGKILL) leaves every finished trial on disk
and at most one torn last line. :func:`read_results` ignores a torn last line
with a :class:`TornLineWarning`; :class:`ResultsWriter` cuts it off before
appending, so the file stays one record per line. A bad line anywhere else is
corruption, and :class:`~exactrnn.errors.ResultsFileError` says where.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "runs.jsonl")
>>> with ResultsWriter(path) as out:
...     out.write({"W": None, "width": 2, "k": 3, "trial": 0})
>>> with open(path, "a") as fh:
...     _ = fh.write('{"W":[["1/2","-3/')          # a run killed mid-write
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     read_results(path), str(caught[0].message)
([{'W': None, 'k': 3, 'trial': 0, 'width': 2}], 'runs.jsonl: ignoring a torn last line (17 bytes, a trial cut off mid-write; it will be run again)')
"""

import json
import os
import stat
import warnings

from ..errors import ResultsFileError

__all__ = ["ResultsWriter", "read_results", "TornLineWarning", "trial_key"]


class TornLineWarning(UserWarning):
    """The last line of a results file was cut off mid-write and is ignored."""


#: Every record starts with this (keys are written sorted, and "W" sorts first), so a
#: torn last line is told apart from a file that was never a results file.
_HEAD = b'{"W":'


def trial_key(record):
    """``(width, k, trial)``: what identifies a trial within one experiment."""
    return record["width"], record["k"], record["trial"]


def _split(path):
    """``(records, end of the last whole line, torn byte count)``."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ResultsFileError(f"{path}: not a regular file")
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        return [], 0, 0
    except OSError as exc:
        raise ResultsFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    records, pos, number = [], 0, 0
    while pos < len(raw):
        number += 1
        end = raw.find(b"\n", pos)
        last = end < 0
        line = raw[pos:] if last else raw[pos:end]
        try:
            record = json.loads(line.decode("utf-8"))
            if not isinstance(record, dict) or not {"width", "k", "trial"} <= record.keys():
                raise ValueError("not a trial record")
        except (ValueError, UnicodeDecodeError):
            if last and (line.startswith(_HEAD) or _HEAD.startswith(line)):
                return records, pos, len(raw) - pos   # a record cut off mid-write
            if not line.strip():
                pos = end + 1
                continue
            raise ResultsFileError(f"{path}: line {number} is not a trial record; the file is "
                                   f"corrupt or not an exactrnn results file") from None
        records.append(record)
        pos = len(raw) if last else end + 1
    return records, pos, 0


def read_results(path):
    """The trial records in ``path`` (none if it does not exist)."""
    records, _, torn = _split(path)
    if torn:
        warnings.warn(f"{os.path.basename(path)}: ignoring a torn last line ({torn} bytes, "
                      f"a trial cut off mid-write; it will be run again)", TornLineWarning,
                      stacklevel=2)
    return records


class ResultsWriter:
    """Append records to a JSONL file, one durable line each (a context manager).

    Holds an exclusive lock on the file while open, so two runs cannot
    interleave their lines.
    """

    def __init__(self, path):
        self.path = path
        try:
            if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
                raise ResultsFileError(f"{path}: not a regular file")
            directory = os.path.dirname(os.path.abspath(path))
            os.makedirs(directory, exist_ok=True)
            self._fh = open(path, "ab")
        except OSError as exc:
            raise ResultsFileError(f"{path}: cannot write ({exc.strerror or exc})") from None
        try:
            self._lock()
            records, end, torn = _split(path)
            if torn:
                warnings.warn(f"{os.path.basename(path)}: cutting off a torn last line "
                              f"({torn} bytes, a trial cut off mid-write; it will be run "
                              f"again)", TornLineWarning, stacklevel=2)
                self._fh.truncate(end)
            elif end and not self._ends_with_newline():
                self._fh.write(b"\n")
            self._sync()
        except OSError as exc:
            self._fh.close()
            raise ResultsFileError(f"{path}: cannot write ({exc.strerror or exc})") from None
        except BaseException:
            self._fh.close()
            raise
        self.records = records

    def _lock(self):
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return
        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ResultsFileError(f"{self.path}: another run is writing this file") from None

    def _ends_with_newline(self):
        with open(self.path, "rb") as fh:
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) == b"\n"

    def _sync(self):
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def write(self, record):
        line = json.dumps(record, sort_keys=True, allow_nan=False, separators=(",", ":"))
        try:
            self._fh.write(line.encode("utf-8") + b"\n")
            self._sync()
        except OSError as exc:
            raise ResultsFileError(f"{self.path}: cannot write ({exc.strerror or exc}); "
                                   f"the trials written before are kept") from None

    def close(self):
        try:
            self._fh.close()
        except OSError:
            pass  # a failed flush was already reported by write()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
