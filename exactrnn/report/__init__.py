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

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field

from ..errors import ExactRNNError
from .content import SETTINGS, STEPS
from .render import html_page, latex_tables, markdown

__all__ = ["build_report", "ReportError"]

TITLE = "exactrnn dossier: A Problem about RNNs, answered exactly"


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


def _check_target(out):
    if os.path.exists(out):
        if not os.path.isdir(out):
            raise ReportError(f"{out} exists and is not a folder")
        if os.listdir(out) and not os.path.exists(os.path.join(out, "index.html")):
            raise ReportError(f"{out} is a folder that does not hold an exactrnn report; "
                              f"choose another --out")


def build_report(out="exactrnn-report", quick=False, progress=True, workers=None):
    """Write the dossier to ``out``; return ``{"out", "seconds", "verdicts"}``."""
    out = os.path.abspath(out)
    _check_target(out)
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".exactrnn-report-", dir=parent)
    os.chmod(tmp, 0o755)  # mkdtemp's 0700 would carry over to the report folder
    start = time.perf_counter()
    try:
        ctx = _Context(tmp, os.path.join(tmp, "figures"), SETTINGS["quick" if quick else "full"],
                       quick, workers)
        os.makedirs(ctx.figures)
        blocks = []
        bar = _bar(len(STEPS), progress)
        try:
            for anchor, title, step in STEPS:
                bar.set_description(title)
                blocks.append(("section", anchor, title))
                blocks += step(ctx)
                bar.update(1)
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
        _move_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {"out": out, "seconds": time.perf_counter() - start,
            "verdicts": {k: v[1] for k, v in ctx.verdicts.items()}}


def _move_into_place(tmp, out):
    if not os.path.exists(out):
        os.replace(tmp, out)
        return
    old = tempfile.mkdtemp(prefix=".exactrnn-old-", dir=os.path.dirname(out))
    os.rmdir(old)
    os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


class _NoBar:
    def set_description(self, text):
        pass

    def update(self, n):
        pass

    def close(self):
        pass


def _bar(total, enabled):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="step", bar_format="{desc:<45} {bar} {n}/{total} "
                "[{elapsed}]", dynamic_ncols=True)
