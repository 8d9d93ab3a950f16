"""Figures and tables of the dossier that are more than one call (matplotlib, Agg)."""

from ..plotting import _pyplot, _save

__all__ = ["plot_growth", "plot_slice", "summary_rows", "formula_svg"]


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
    ax.set_xlabel("k (iterate; depth k + 1)")
    ax.set_ylabel("affine pieces on [0, 1]")
    ax.set_title("Exact piece counts; float64 shown where it differs")
    ax.legend(fontsize=8)
    return _save(fig, path)


def plot_slice(values, radius, path, labels):
    """Exact loss values {(s, t): L} on a log colour scale, with the square |s|+|t| <= r."""
    import numpy as np
    from matplotlib.colors import LogNorm

    plt = _pyplot()
    ss = sorted({k[0] for k in values})
    ts = sorted({k[1] for k in values})
    Z = np.array([[float(values[(s, t)]) for s in ss] for t in ts])   # drawing only
    positive = Z[Z > 0]
    fig, ax = plt.subplots(figsize=(6, 4.6))
    if positive.size:
        Zm = np.ma.masked_where(Z <= 0, Z)
        cs = ax.pcolormesh([float(s) for s in ss], [float(t) for t in ts], Zm,
                           norm=LogNorm(vmin=positive.min(), vmax=positive.max()),
                           shading="nearest")
        fig.colorbar(cs, ax=ax, label="L (log scale; white: L = 0)")
    r = float(radius)
    ax.plot([r, 0, -r, 0, r], [0, r, 0, -r, 0], "w--", linewidth=1.2)
    ax.plot([0], [0], "r*", markersize=10, label="W*")
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.legend(loc="upper right", fontsize=8)
    ax.set_title("exact loss near W*")
    return _save(fig, path)


def summary_rows(summary):
    """The experiment summary as a table (header, rows) of strings."""
    header = ["w", "k", "trials", "mean pieces [95% CI]", "median", "at init: mean [95% CI]",
              "runs that moved", "counts past the piece budget"]
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
