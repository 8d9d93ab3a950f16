"""Render the dossier's blocks as one self-contained HTML page, Markdown and LaTeX tables.

The HTML page needs nothing but itself: figures are embedded as base64 PNG,
formulas are typeset to inline SVG by matplotlib's mathtext, and the style
sheet is inline. No script, font or file is fetched.

>>> print(markdown([("section", "a", "Title"), ("p", "Some `code`."),
...                 ("table", "A table.", ["x", "y"], [["1", "2"]])]).strip())
## Title
<BLANKLINE>
Some `code`.
<BLANKLINE>
| x | y |
|---|---|
| 1 | 2 |
<BLANKLINE>
*A table.*
"""

import base64
import html
import os
import re

from .figures import formula_svg

__all__ = ["html_page", "markdown", "latex_tables"]

CSS = """
body{font-family:Georgia,'DejaVu Serif',serif;max-width:980px;margin:2em auto;padding:0 1em;
color:#1d1d1f;line-height:1.5}
h1{font-size:1.9em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;
margin-top:2em}
nav ol{columns:2}table{border-collapse:collapse;margin:1em 0;font-size:.86em;width:100%}
th,td{border:1px solid #c8c8c8;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f0f0f3}caption{caption-side:bottom;font-style:italic;text-align:left;
padding-top:.3em}
figure{margin:1.2em 0;text-align:center}figure img{max-width:100%;border:1px solid #ddd}
figcaption{font-style:italic;font-size:.9em}
.math{text-align:center;margin:1em 0}.math svg{max-width:100%;height:auto}
.claim{border-left:4px solid #6a5acd;background:#f7f6fd;padding:.5em 1em;margin:1em 0}
.claim .note{font-style:italic}.claim .finding{margin-top:.4em}
.cert{border:1px solid #ccc;border-radius:4px;padding:.5em 1em;margin:1em 0}
.ok{color:#0a6b2d;font-weight:bold}.bad{color:#a40000;font-weight:bold}
code{background:#f3f3f3;padding:0 .2em;font-size:.92em}
.m svg{vertical-align:middle;height:auto;max-height:2.2em}
footer{margin-top:3em;color:#666;font-size:.85em}
"""


_SVG_CACHE = {}


def _inline_math(tex):
    """Inline SVG for ``$tex$`` (typeset once per distinct formula)."""
    if tex not in _SVG_CACHE:
        svg = formula_svg(tex, fontsize=11)
        _SVG_CACHE[tex] = svg.replace("<svg ", '<svg class="im" ', 1)
    return f'<span class="m" title="{html.escape(tex)}">{_SVG_CACHE[tex]}</span>'


def _inline_html(text):
    """Backticks give code, ``$…$`` inline math; the rest is escaped."""
    out = []
    for i, part in enumerate(text.split("`")):
        if i % 2:
            out.append(f"<code>{html.escape(part)}</code>")
            continue
        for j, piece in enumerate(part.split("$")):
            out.append(_inline_math(piece) if j % 2 else html.escape(piece))
    return "".join(out)


def html_page(title, blocks, figures_dir):
    """The whole page as one string."""
    toc = [f'<li><a href="#{b[1]}">{html.escape(b[2])}</a></li>' for b in blocks
           if b[0] == "section"]
    body = []
    for block in blocks:
        kind = block[0]
        if kind == "section":
            body.append(f'<h2 id="{block[1]}">{html.escape(block[2])}</h2>')
        elif kind == "p":
            body.append(f"<p>{_inline_html(block[1])}</p>")
        elif kind == "math":
            body.append(f'<div class="math" title="{html.escape(block[1])}">'
                        f"{formula_svg(block[1])}</div>")
        elif kind == "table":
            _, caption, header, rows = block
            head = "".join(f"<th>{_inline_html(h)}</th>" for h in header)
            cells = "".join("<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in row)
                            + "</tr>" for row in rows)
            body.append(f"<table><caption>{_inline_html(caption)}</caption>"
                        f"<thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>")
        elif kind == "figure":
            with open(os.path.join(figures_dir, block[1]), "rb") as fh:
                data = base64.b64encode(fh.read()).decode("ascii")
            body.append(f'<figure><img alt="{html.escape(block[2])}" '
                        f'src="data:image/png;base64,{data}">'
                        f"<figcaption>{html.escape(block[2])}</figcaption></figure>")
        elif kind == "claim":
            body.append(f'<div class="claim"><div class="note">The note: '
                        f"{_inline_html(block[1])}</div><div class=\"finding\"><b>exactrnn "
                        f"finds:</b> {_inline_html(block[2])}</div></div>")
        elif kind == "certificate":
            _, name, verdict, statements = block
            cls = "ok" if verdict == "ACCEPTED" else "bad"
            items = "".join(f"<li>{html.escape(s)}</li>" for s in statements)
            body.append(f'<div class="cert"><code>certificates/{html.escape(name)}</code>: '
                        f'independent checker says <span class="{cls}">'
                        f"{html.escape(verdict)}</span><ul>{items}</ul></div>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><nav><ol>{''.join(toc)}</ol></nav>"
            + "\n".join(body)
            + "<footer>Written by exactrnn. Every number was computed in this run; figures "
              "are drawn from exact values converted to floats for plotting only.</footer>"
              "</body></html>\n")


def markdown(blocks, title=None):
    out = [f"# {title}\n"] if title else []
    for block in blocks:
        kind = block[0]
        if kind == "section":
            out.append(f"## {block[2]}\n")
        elif kind == "p":
            out.append(block[1] + "\n")
        elif kind == "math":
            out.append(f"$$ {block[1]} $$\n")
        elif kind == "table":
            _, caption, header, rows = block
            lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"
                      for row in rows]
            out.append("\n".join(lines) + f"\n\n*{caption}*\n")
        elif kind == "figure":
            out.append(f"![{block[2]}](figures/{block[1]})\n\n*{block[2]}*\n")
        elif kind == "claim":
            out.append(f"> **The note:** {block[1]}\n>\n> **exactrnn finds:** {block[2]}\n")
        elif kind == "certificate":
            _, name, verdict, statements = block
            out.append(f"- `certificates/{name}`: independent checker says **{verdict}**\n"
                       + "".join(f"  - {s}\n" for s in statements))
    return "\n".join(out)


_TEX = {"≈": r"$\approx$", "−": "$-$", "≤": r"$\le$", "≥": r"$\ge$", "∞": r"$\infty$",
        "‖": r"$\|$", "ρ": r"$\rho$", "…": r"\dots{}", "∈": r"$\in$", "→": r"$\to$",
        "Σ": r"$\Sigma$", "·": r"$\cdot$", "²": r"$^2$", "α": r"$\alpha$", "–": "--",
        "—": "---", "∇": r"$\nabla$", "ᵀ": r"$^{T}$", "↦": r"$\mapsto$", "⁻¹": r"$^{-1}$",
        "⁻": r"$^{-}$", "¹": r"$^1$", "×": r"$\times$", "≠": r"$\ne$", "±": r"$\pm$",
        "≫": r"$\gg$", "≪": r"$\ll$", "′": r"$'$", "“": "``", "”": "''", "’": "'",
        "‘": "`", "₁": r"$_1$", "₂": r"$_2$", "%": r"\%", "&": r"\&", "_": r"\_",
        "#": r"\#", "^": r"\^{}", "$": r"\$", "{": r"\{", "}": r"\}", "~": r"\~{}",
        "\\": r"\textbackslash{}", "*": r"$^*$", "<": r"$<$", ">": r"$>$", "|": r"$|$"}


def _tex_text(text):
    """Escape text for LaTeX; every character left outside ASCII becomes ``?``."""
    out = re.sub("|".join(re.escape(k) for k in sorted(_TEX, key=len, reverse=True)),
                 lambda m: _TEX[m.group(0)], text)
    return "".join(c if ord(c) < 128 else "?" for c in out)


def _tex(text):
    """Text to LaTeX: ``$…$`` stays math, everything else is escaped."""
    return "".join(f"${p}$" if i % 2 else _tex_text(p) for i, p in enumerate(text.split("$")))


def latex_tables(title, blocks):
    """A standalone LaTeX document holding every table (booktabs)."""
    out = [r"\documentclass{article}", r"\usepackage{booktabs}", r"\usepackage{caption}",
           r"\usepackage{graphicx}", r"\usepackage[margin=2cm,landscape]{geometry}",
           # shrink a table to the line width only when it is wider
           r"\newcommand{\fit}[1]{\resizebox{\ifdim\width>\linewidth\linewidth"
           r"\else\width\fi}{!}{#1}}",
           r"\begin{document}", rf"\section*{{{_tex(title)}}}"]
    section = None
    for block in blocks:
        if block[0] == "section":
            section = block[2]
        if block[0] != "table":
            continue
        _, caption, header, rows = block
        out += [rf"\subsection*{{{_tex(section or '')}}}", r"\begin{table}[h]\centering\small",
                r"\fit{\begin{tabular}{" + "l" * len(header) + "}", r"\toprule",
                " & ".join(_tex(h) for h in header) + r" \\", r"\midrule"]
        out += [" & ".join(_tex(c) for c in row) + r" \\" for row in rows]
        out += [r"\bottomrule", r"\end{tabular}}", rf"\caption*{{{_tex(caption)}}}",
                r"\end{table}"]
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"
