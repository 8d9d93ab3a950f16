"""``exactrnn report``: the researcher's dossier, every result in one folder.

:func:`build_report` runs every step of :data:`~.content.STEPS` (the
constructions and the norm remark, piece growth exact against float64, the
landscape at the staircase W*, growth-rate bounds, a small experiment,
certificates checked by the independent checker) and writes::

    DIR/index.html       one self-contained page (figures and formulas embedded)
    DIR/report.md        the same in Markdown
    DIR/report.tex       every table, as a LaTeX document
    DIR/figures/*.png
    DIR/certificates/*.json and check.py (the checker, to re-verify)
    DIR/experiment/staircase.jsonl

Everything is written to a temporary folder beside DIR and moved into place
only when the whole report succeeded, so a failed run leaves no partial
report (and an earlier report in DIR stays as it was).
"""

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field

from .. import __version__
from ..errors import ExactRNNError
from .content import SETTINGS, STEPS
from .render import html_page, latex_tables, markdown

__all__ = ["build_report", "ReportError"]

TITLE = "exactrnn dossier: A Problem about RNNs, answered exactly"
MARKER = ".exactrnn-report.json"
#: Files made from the report (LaTeX by-products of report.tex): replaced with it.
_DERIVED = ("report.pdf", "report.aux", "report.log", "report.out", "report.synctex",
            "report.fls", "report.fdb_latexmk")


class ReportError(ExactRNNError, RuntimeError):
    """The report could not be written (nothing partial is left behind)."""


@dataclass
class _Context:
    root: str
    figures: str
    settings: dict
    quick: bool
    workers: int = None
    facts: dict = field(default_factory=dict)
    verdicts: dict = field(default_factory=dict)
    tick: object = lambda text: None


def _files(folder):
    return sorted(os.path.relpath(os.path.join(d, f), folder)
                  for d, _, fs in os.walk(folder) for f in fs)


def _extra_files(folder):
    """Files in ``folder`` that its report manifest does not list (None: no manifest)."""
    try:
        with open(os.path.join(folder, MARKER), encoding="utf-8") as fh:
            listed = set(json.load(fh)["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return [f for f in _files(folder) if f not in listed and f != MARKER
            and not f.startswith(_DERIVED)]


def _check_target(out):
    """An existing ``out`` may be replaced only if it is exactly a report we wrote."""
    if os.path.islink(out):
        raise ReportError(f"{out} is a symbolic link; give the folder itself")
    if not os.path.exists(out):
        return
    if not os.path.isdir(out):
        raise ReportError(f"{out} exists and is not a folder")
    if not os.listdir(out):
        return
    extra = _extra_files(out)
    if extra is None:
        raise ReportError(f"{out} is a folder that does not hold an exactrnn report; "
                          f"choose another --out")
    if extra:
        shown = ", ".join(extra[:3]) + (", …" if len(extra) > 3 else "")
        raise ReportError(f"{out} holds files that are not part of the report ({shown}); "
                          f"move them or choose another --out")


@contextlib.contextmanager
def _locked(out):
    """One report at a time per folder: an flock on a lock file beside it.

    The lock file is removed on release; a run that locked a file which was
    removed meanwhile sees another inode at the path and tries again, so two
    runs never both hold the lock.
    """
    lock = os.path.join(os.path.dirname(out), f".{os.path.basename(out)}.lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    for _ in range(100):
        try:
            fh = open(lock, "a")
        except OSError as exc:
            raise ReportError(f"cannot write beside {out}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()      # the holder's lock file stays where it is
            raise ReportError(f"another report is being written to {out}") from None
        try:
            same = os.stat(lock).st_ino == os.fstat(fh.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        fh.close()          # we locked a file that was removed meanwhile: again
    else:  # pragma: no cover - only under a storm of concurrent runs
        raise ReportError(f"could not lock {lock}")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.remove(lock)
        fh.close()


def build_report(out="exactrnn-report", quick=False, progress=True, workers=None):
    """Write the dossier to ``out``; return ``{"out", "seconds", "verdicts"}``."""
    out = os.path.abspath(out)
    parent = os.path.dirname(out)
    made = []
    try:
        head = parent
        while not os.path.exists(head):
            made.append(head)
            head = os.path.dirname(head)
        os.makedirs(parent, exist_ok=True)
        with _locked(out):
            _check_target(out)
            return _build(out, parent, quick, progress, workers)
    except BaseException as exc:
        for folder in made:             # folders this run created, deepest first
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        if isinstance(exc, OSError):
            raise ReportError(f"cannot write the report to {out}: "
                              f"{exc.strerror or exc}") from None
        raise


def _build(out, parent, quick, progress, workers):
    tmp = tempfile.mkdtemp(prefix=".exactrnn-report-", dir=parent)
    os.chmod(tmp, 0o755)  # mkdtemp's 0700 would carry over to the report folder
    start = time.perf_counter()
    try:
        settings = SETTINGS["quick" if quick else "full"]
        if workers is not None:
            e = settings["experiment"]
            workers = min(workers, len(e["widths"]) * len(e["ks"]) * e["trials"])
        ctx = _Context(tmp, os.path.join(tmp, "figures"), settings, quick, workers)
        os.makedirs(ctx.figures)
        blocks = []
        bar = _Progress(len(STEPS), progress)
        ctx.tick = bar.tick
        try:
            for anchor, title, step in STEPS:
                bar.step(title)
                blocks.append(("section", anchor, title))
                blocks += step(ctx)
        finally:
            bar.close()
        rejected = [name for name, (code, _) in ctx.verdicts.items() if code != 0]
        if rejected:
            raise ReportError(f"the independent checker did not accept {', '.join(rejected)}; "
                              f"no report written")
        with open(os.path.join(tmp, "index.html"), "w", encoding="utf-8") as fh:
            fh.write(html_page(TITLE, blocks, ctx.figures))
        with open(os.path.join(tmp, "report.md"), "w", encoding="utf-8") as fh:
            fh.write(markdown(blocks, TITLE))
        with open(os.path.join(tmp, "report.tex"), "w", encoding="utf-8") as fh:
            fh.write(latex_tables(TITLE, blocks))
        with open(os.path.join(tmp, MARKER), "w", encoding="utf-8") as fh:
            json.dump({"exactrnn": __version__, "files": _files(tmp)}, fh, indent=1)
        _move_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {"out": out, "seconds": time.perf_counter() - start,
            "verdicts": {k: v[1] for k, v in ctx.verdicts.items()}}


def _move_into_place(tmp, out):
    """Swap the new report in; refuse (and put the old one back) if files appeared in it."""
    if not os.path.exists(out):
        os.replace(tmp, out)
        return
    old = tempfile.mkdtemp(prefix=".exactrnn-old-", dir=os.path.dirname(out))
    os.rmdir(old)
    os.replace(out, old)
    extra = _extra_files(old)
    if extra is None or extra:      # written into it while this report ran: keep it all
        os.replace(old, out)
        raise ReportError(f"{out} changed while the report ran (new files: "
                          f"{', '.join((extra or ['its manifest'])[:3])}); it is left as it "
                          f"is and no report was written")
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


class _Progress:
    """A tqdm bar over the steps, with a note per sub-step; plain lines when not a TTY."""

    def __init__(self, total, enabled):
        self.total, self.n, self.bar = total, 0, None
        self.enabled = enabled
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="step", dynamic_ncols=True,
                            bar_format="{desc:<40} {bar} {n}/{total} [{elapsed}] {postfix}")

    def step(self, title):
        if self.n and self.bar is not None:
            self.bar.update(1)
        self.n += 1
        if self.bar is not None:
            self.bar.set_description(title)
            self.bar.set_postfix_str("")
        elif self.enabled:
            print(f"[{self.n}/{self.total}] {title}", file=sys.stderr, flush=True)

    def tick(self, text):
        if self.bar is not None:
            self.bar.set_postfix_str(text)

    def close(self):
        if self.bar is not None:
            self.bar.update(self.total - self.bar.n)
            self.bar.close()
