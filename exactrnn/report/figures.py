"""Figures and tables of the dossier that are more than one call (matplotlib, Agg)."""

__all__ = ["plot_growth", "summary_rows", "formula_svg"]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_growth(series, path):
    """``series``: name -> (exact counts, float64 counts) for depths 1, 2, …"""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for i, (name, (exact, floats)) in enumerate(series.items()):
        ks = range(1, len(exact) + 1)
        color = f"C{i}"
        ax.semilogy(ks, exact, "o-", color=color, label=f"{name} (exact)", markersize=3)
        if floats != exact:
            ax.semilogy(ks, floats, "x--", color=color, label=f"{name} (float64)",
                        markersize=4)
    ax.set_xlabel("depth (applications of W)")
    ax.set_ylabel("affine pieces of f_k on [0, 1]")
    ax.set_title("Exact piece counts; float64 shown where it differs")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def summary_rows(summary):
    """The experiment summary as a table (header, rows) of strings."""
    header = ["w", "k", "trials", "mean pieces [95% CI]", "median", "at init: mean [95% CI]",
              "runs that moved", "over budget"]
    rows = []
    for g in summary["groups"]:
        t, i = g["trained"], g["init"]
        rows.append([str(g["width"]), str(g["k"]), str(g["trials"]),
                     f"{t['mean']:.3g} [{t['mean_ci'][0]:.3g}, {t['mean_ci'][1]:.3g}]"
                     if t else "–", f"{t['median']:.3g}" if t else "–",
                     f"{i['mean']:.3g} [{i['mean_ci'][0]:.3g}, {i['mean_ci'][1]:.3g}]"
                     if i else "–", f"{1 - g['never_moved']:.0%}", str(g["over_budget"])])
    return header, rows


def formula_svg(tex, fontsize=15):
    """A TeX formula typeset by matplotlib's mathtext, as inline SVG text (no network)."""
    import io

    plt = _pyplot()
    fig = plt.figure(figsize=(0.01, 0.01))
    fig.text(0, 0, f"${tex}$", fontsize=fontsize)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.04, transparent=True)
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]
