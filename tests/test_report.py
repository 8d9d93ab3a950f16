"""The dossier: files, embedded figures, verified certificates, facts, and all-or-nothing writes."""

import base64
import html
import json
import os
import re
import subprocess
import sys

import pytest

from exactrnn import report as report_module
from exactrnn.report import ReportError, build_report
from exactrnn.report.render import _tex, html_page, latex_tables, markdown

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("dossier") / "report"
    proc = subprocess.run([sys.executable, "-m", "exactrnn", "report", "--quick", "--out",
                           str(out), "--no-progress"], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return out, proc.stdout


@pytest.mark.slow
def test_the_dossier_has_every_file(quick_report):
    out, stdout = quick_report
    for name in ("index.html", "report.md", "report.tex", "figures/growth.png",
                 "figures/loss_slice.png", "figures/experiment.png", "certificates/check.py",
                 "experiment/staircase.jsonl"):
        assert (out / name).is_file(), name
    assert "report written to" in stdout
    # no temporary folders left beside the report
    assert not [p for p in os.listdir(out.parent) if p.startswith(".exactrnn-")]


@pytest.mark.slow
def test_every_certificate_verifies_independently(quick_report):
    out, stdout = quick_report
    certs = sorted((out / "certificates").glob("*.json"))
    assert len(certs) == 6
    for cert in certs:
        # the checker shipped in the dossier, in a fresh isolated interpreter
        proc = subprocess.run([sys.executable, "-I", str(out / "certificates" / "check.py"),
                               str(cert)], capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0 and proc.stdout.startswith("ACCEPTED"), cert.name
        assert f"certificates/{cert.name}: ACCEPTED" in stdout


@pytest.mark.slow
def test_the_page_is_self_contained(quick_report):
    out, _ = quick_report
    page = (out / "index.html").read_text(encoding="utf-8")
    # nothing is fetched: no external src/href, no script
    assert not re.search(r'(src|href)="(https?:)?//', page) and "<script" not in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == len(os.listdir(out / "figures")) == 3
    assert all(base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n" for data in images)
    assert page.count("<svg") >= 1               # the formula, typeset in the page
    assert page.count("ACCEPTED") == 6 and "REJECTED" not in page


@pytest.mark.slow
def test_the_dossier_states_facts_worked_out_independently(quick_report):
    out, _ = quick_report
    md = (out / "report.md").read_text(encoding="utf-8")
    # staircase pieces 2^(k+1) − 1 for k = 1..6, and 2^11 − 1 at k = 10
    assert "| staircase | 6 | 1 |" in md and ", ".join(str(2 ** (k + 1) - 1)
                                                          for k in range(1, 7)) in md
    assert f"| staircase | 10 | {2 ** 11 - 1} |" in md
    # the tent map: 2^k pieces, and float64 happens to get them right
    assert f"| triangle_wave | 10 | {2 ** 10} | {2 ** 10} | agrees up to k = 10 |" in md
    # recurrent blocks r·[[2,−4,0],[2,−4,−1/2],[0,0,1]] have ∞-norm r·(2 + 4 + 1/2):
    # 13/8 for r = 1/4 (Yarotsky, and the note's series as written), 13/16 for r = 1/8
    assert "∞-norm 13/8 and" in md and "∞-norm 13/16" in md
    assert "the remark is false" in md
    # null directions: the inputs vanish on the three hinge units, which gives three
    # rescaling symmetries at every level; the split of dim null J adds up
    rows = re.findall(r"^\| ([234]) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", md, re.M)
    assert [r[0] for r in rows] == ["2", "3", "4"]
    for _, dim, unused, sym, other in rows:
        assert int(sym) == 3 and int(dim) == int(unused) + int(sym) + int(other)
    # every figure the Markdown references exists
    for name in re.findall(r"\(figures/([^)]+)\)", md):
        assert (out / "figures" / name).is_file()
    tex = (out / "report.tex").read_text(encoding="utf-8")
    tables = len(re.findall(r"^\|---\|", md, re.M))
    assert tables == 6 and tex.count(r"\begin{tabular}") == tables
    assert tex.isascii() and "?" not in tex and r"\usepackage{caption}" in tex
    records = [json.loads(x) for x in (out / "experiment/staircase.jsonl").read_text()
               .splitlines()]
    assert sorted((r["k"], r["trial"]) for r in records) == [
        (k, i) for k in (2, 3, 4, 5) for i in range(5)]


def _boom(ctx):
    raise ReportError("step failed on purpose")


def test_a_failing_step_leaves_no_report(tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "STEPS", [("intro", "What this is",
                                                  report_module.content.intro),
                                                 ("x", "Boom", _boom)])
    out = tmp_path / "r"
    with pytest.raises(ReportError, match="on purpose"):
        build_report(str(out), quick=True, progress=False)
    assert not out.exists() and os.listdir(tmp_path) == []


def test_a_failing_run_keeps_the_previous_report(tmp_path, monkeypatch):
    out = tmp_path / "r"
    monkeypatch.setattr(report_module, "STEPS", [("intro", "What this is",
                                                  report_module.content.intro)])
    build_report(str(out), quick=True, progress=False)
    before = (out / "index.html").read_text()
    monkeypatch.setattr(report_module, "STEPS", [("x", "Boom", _boom)])
    with pytest.raises(ReportError):
        build_report(str(out), quick=True, progress=False)
    assert (out / "index.html").read_text() == before
    assert sorted(os.listdir(tmp_path)) == ["r"]


def test_a_rejected_certificate_stops_the_report(tmp_path, monkeypatch):
    def rejected(ctx):
        ctx.verdicts["forged.json"] = (1, "REJECTED: pieces: 129 != 128")
        return []

    monkeypatch.setattr(report_module, "STEPS", [("c", "Certificates", rejected)])
    with pytest.raises(ReportError, match="did not accept forged.json"):
        build_report(str(tmp_path / "r"), quick=True, progress=False)
    assert os.listdir(tmp_path) == []


def test_refuses_to_replace_a_folder_that_is_not_a_report(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("precious")
    proc = subprocess.run([sys.executable, "-m", "exactrnn", "report", "--quick", "--out",
                           str(tmp_path / "mine")], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2 and "does not hold an exactrnn report" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert (tmp_path / "mine" / "thesis.tex").read_text() == "precious"


def test_renderers_escape_what_they_are_given(tmp_path):
    blocks = [("section", "s", "A & B"), ("p", "x < y and `a<b`"),
              ("table", "cap_1 50%", ["h"], [["<i>"]]),
              ("claim", "“quote” <b>", "finding & more")]
    page = html_page("T <1>", blocks, str(tmp_path))
    assert "&lt;i&gt;" in page and "<td><i>" not in page
    assert "x &lt; y" in page and "<code>a&lt;b</code>" in page and "A &amp; B" in page
    assert html.unescape("&lt;b&gt;") in html.unescape(page)
    assert _tex("50% a_b ≈ 1 − 2") == r"50\% a\_b $\approx$ 1 $-$ 2"
    tex = latex_tables("T", blocks)
    assert r"cap\_1 50\%" in tex and r"\begin{tabular}{l}" in tex
    assert markdown([("p", "a")], "Title").startswith("# Title")


def _intro_only(monkeypatch):
    monkeypatch.setattr(report_module, "STEPS", [("intro", "What this is",
                                                  report_module.content.intro)])


def test_only_a_folder_we_wrote_is_replaced(tmp_path, monkeypatch):
    _intro_only(monkeypatch)
    site = tmp_path / "website"              # has an index.html, but is not our report
    site.mkdir()
    (site / "index.html").write_text("my homepage")
    (site / "thesis.tex").write_text("precious")
    with pytest.raises(ReportError, match="does not hold an exactrnn report"):
        build_report(str(site), quick=True, progress=False)
    assert (site / "thesis.tex").read_text() == "precious"
    out = tmp_path / "r"
    build_report(str(out), quick=True, progress=False)
    (out / "notes.txt").write_text("mine")   # a user's file inside a report
    with pytest.raises(ReportError, match="not part of the report.*notes.txt"):
        build_report(str(out), quick=True, progress=False)
    assert (out / "notes.txt").read_text() == "mine"
    (out / "notes.txt").unlink()
    build_report(str(out), quick=True, progress=False)    # our own report: replaced


def test_links_files_and_unwritable_places_are_one_line_errors(tmp_path, monkeypatch):
    _intro_only(monkeypatch)
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "link")
    with pytest.raises(ReportError, match="symbolic link"):
        build_report(str(tmp_path / "link"), quick=True, progress=False)
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ReportError, match="cannot write"):
        build_report(str(tmp_path / "afile" / "sub" / "r"), quick=True, progress=False)
    assert sorted(os.listdir(tmp_path)) == ["afile", "link", "real"]


def test_one_report_at_a_time_per_folder(tmp_path, monkeypatch):
    import fcntl

    _intro_only(monkeypatch)
    with open(tmp_path / ".r.lock", "w") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        with pytest.raises(ReportError, match="another report is being written"):
            build_report(str(tmp_path / "r"), quick=True, progress=False)
        assert (tmp_path / ".r.lock").exists()      # the holder's lock file is left alone
    assert not (tmp_path / "r").exists()


def test_files_written_into_the_old_report_meanwhile_are_kept(tmp_path, monkeypatch):
    _intro_only(monkeypatch)
    out = tmp_path / "r"
    build_report(str(out), quick=True, progress=False)
    before = (out / "index.html").read_text()

    def meddle(ctx):                      # someone saves notes into the report mid-run
        (out / "my-notes.txt").write_text("mine")
        return []

    monkeypatch.setattr(report_module, "STEPS", [("x", "Meddle", meddle)])
    with pytest.raises(ReportError, match="changed while the report ran.*my-notes.txt"):
        build_report(str(out), quick=True, progress=False)
    assert (out / "my-notes.txt").read_text() == "mine"
    assert (out / "index.html").read_text() == before
    assert sorted(os.listdir(tmp_path)) == ["r"]


@pytest.mark.slow
def test_the_latex_compiles(quick_report, tmp_path):
    import shutil

    if shutil.which("pdflatex") is None:
        pytest.skip("no pdflatex here (the tables are still checked to be ASCII LaTeX)")
    out, _ = quick_report
    shutil.copy(out / "report.tex", tmp_path)
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                           "report.tex"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "Overfull" not in proc.stdout


def test_latex_by_products_do_not_block_a_new_report(tmp_path, monkeypatch):
    _intro_only(monkeypatch)
    out = tmp_path / "r"
    build_report(str(out), quick=True, progress=False)
    for name in ("report.pdf", "report.aux", "report.log"):
        (out / name).write_text("made by pdflatex")
    build_report(str(out), quick=True, progress=False)
    assert not (out / "report.pdf").exists()
