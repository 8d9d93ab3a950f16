"""matplotlib figures (imported lazily, with the Agg backend: no display needed).

Floats leave the exact world here, for drawing only.
"""

__all__ = ["plot_dynamics", "plot_loss_slice"]


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from .errors import BackendError

        raise BackendError("plotting needs matplotlib: pip install matplotlib") from None
    return plt


def _save(fig, path, dpi=110):
    """Lay out, write and close a figure; return its path."""
    fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    _pyplot().close(fig)
    return path


def plot_dynamics(G, doc, path):
    """The transition graph and the growth curve (log regions vs k, with the bound)."""
    import networkx as nx

    plt = _pyplot()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
    pos = nx.circular_layout(G)
    colors = ["tab:orange" if G.nodes[n]["start"] else "tab:blue" for n in G.nodes]
    nx.draw_networkx(G, pos, ax=ax1, node_color=colors, node_size=500, font_size=7,
                     arrowsize=10, connectionstyle="arc3,rad=0.1")
    ax1.set_title("activation transition graph (orange: start patterns)")
    ax1.axis("off")
    ks = list(range(1, len(doc["walks"]) + 1))
    ax2.semilogy(ks, doc["walks"], "o-", label="bound B_k (walks)")
    if doc["measured"]:
        mk = [m["k"] for m in doc["measured"]]
        ax2.semilogy(mk, [m["activation_regions"] for m in doc["measured"]], "s-",
                     label="activation regions (exact)")
        ax2.semilogy(mk, [m["pieces"] for m in doc["measured"]], "^-",
                     label="affine pieces (exact)")
    hi = float(__import__("fractions").Fraction(doc["spectral_radius"][1]))
    if hi > 0:
        ax2.semilogy(ks, [doc["walks"][0] * hi ** (k - 1) for k in ks], ":",
                     label=f"B_1 · {hi:.4g}^(k-1) (certified rate)")
    ax2.set_xlabel("k")
    ax2.set_ylabel("count (log scale)")
    ax2.set_title("growth of pieces with k")
    ax2.legend(fontsize=8)
    return _save(fig, path)


def plot_loss_slice(values, path, title="loss near W*", labels=("s", "t")):
    """A 1-D curve or 2-D contour of exact loss values {(s, t): L} (floats for drawing only)."""
    plt = _pyplot()
    ss = sorted({k[0] for k in values})
    ts = sorted({k[1] for k in values})
    fig, ax = plt.subplots(figsize=(5.5, 4.2))
    if len(ts) == 1:
        ax.plot([float(s) for s in ss], [float(values[(s, ts[0])]) for s in ss], "o-")
        ax.set_xlabel(labels[0])
        ax.set_ylabel("L")
    else:
        Z = [[float(values[(s, t)]) for s in ss] for t in ts]
        cs = ax.contourf([float(s) for s in ss], [float(t) for t in ts], Z, levels=20)
        fig.colorbar(cs, ax=ax)
        ax.set_xlabel(labels[0])
        ax.set_ylabel(labels[1])
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.set_title(title)
    return _save(fig, path)
