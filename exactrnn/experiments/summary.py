"""An honest summary of an experiment's results file.

Per ``(width, k)``: mean and median pieces of the trained networks with
bootstrap 95% intervals (2 000 resamples of the trials, seeded, so the
summary is reproducible), the same for the networks at initialization, how
each run stopped, and the fraction that reached a stationary point. Per
width: the fit of ``log(mean pieces)`` against k (a growth factor per step,
with a bootstrap interval from resampling trials within each k) beside the
fit against ``log k`` (a polynomial degree), and a plain statement of what
the data do and do not show.

A trial over the piece budget enters with its lower bound ``at_least``, and
the statistics of its group are then marked as lower bounds.

>>> rec = lambda k, i, p: {"width": 2, "k": k, "trial": i, "stop": "time", "converged": False,
...                        "flow_time": 1.0, "init": {"pieces": 1}, "trained": {"pieces": p}}
>>> s = summarize([rec(k, i, 2 ** k) for k in (1, 2, 3) for i in range(3)])
>>> g = s["groups"][0]
>>> (g["k"], g["trained"]["mean"], g["trained"]["mean_ci"])
(1, 2.0, [2.0, 2.0])
>>> round(s["fits"][0]["trained"]["factor"], 6)     # pieces = 2^k exactly
2.0
"""

import math

import numpy as np

__all__ = ["summarize", "format_summary", "plot_summary"]

BOOTSTRAP = 2000


def _pieces(field):
    if field.get("over_budget"):
        return field["at_least"], True
    if field.get("not_finite"):
        return None, False
    return field["pieces"], False


def _stats(values, rng):
    a = np.asarray(values, dtype=float)
    if a.size == 0:
        return None
    idx = rng.integers(0, a.size, size=(BOOTSTRAP, a.size))
    sample = a[idx]
    means, medians = sample.mean(axis=1), np.median(sample, axis=1)
    return {"n": int(a.size), "mean": float(a.mean()), "median": float(np.median(a)),
            "mean_ci": [float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))],
            "median_ci": [float(np.percentile(medians, 2.5)),
                          float(np.percentile(medians, 97.5))]}


def _slope(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    xc = x - x.mean()
    return float((xc * (y - y.mean())).sum() / (xc * xc).sum())


def _r2(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    b = _slope(x, y)
    resid = y - y.mean() - b * (x - x.mean())
    total = ((y - y.mean()) ** 2).sum()
    return 1.0 if total == 0 else float(1 - (resid ** 2).sum() / total)


def _fit(ks, samples, rng):
    """log(mean) ~ k and ~ log k, with a bootstrap interval for the per-step factor."""
    means = [float(np.mean(s)) for s in samples]
    if len(ks) < 2 or min(means) <= 0:
        return None
    logs = [math.log(m) for m in means]
    slope = _slope(ks, logs)
    boots = []
    for _ in range(BOOTSTRAP):
        resampled = [math.log(max(np.mean(rng.choice(s, size=len(s))), 1e-300))
                     for s in samples]
        boots.append(_slope(ks, resampled))
    lo, hi = np.percentile(boots, [2.5, 97.5])
    logk = [math.log(k) for k in ks]
    return {"factor": math.exp(slope), "factor_ci": [math.exp(lo), math.exp(hi)],
            "r2_exponential": _r2(ks, logs),
            "degree": _slope(logk, logs) if len(set(ks)) > 1 and min(ks) > 0 else None,
            "r2_polynomial": _r2(logk, logs)}


def summarize(records):
    """The summary as a JSON-ready dict: ``groups``, ``fits`` and ``statement``."""
    rng = np.random.default_rng(0)
    groups = {}
    for r in records:
        groups.setdefault((r["width"], r["k"]), []).append(r)
    out = []
    for (w, k), rs in sorted(groups.items()):
        trained = [_pieces(r["trained"]) for r in rs]
        init = [_pieces(r["init"]) for r in rs]
        stops = {}
        for r in rs:
            stops[r["stop"]] = stops.get(r["stop"], 0) + 1
        out.append({
            "width": w, "k": k, "trials": len(rs),
            "trained": _stats([p for p, _ in trained if p is not None], rng),
            "trained_lower_bound": any(b for _, b in trained),
            "init": _stats([p for p, _ in init if p is not None], rng),
            "init_lower_bound": any(b for _, b in init),
            "diverged": sum(p is None for p, _ in trained),
            "converged": sum(bool(r["converged"]) for r in rs) / len(rs),
            "never_moved": sum(r["stop"] == "stationary" and r["flow_time"] == 0
                               for r in rs) / len(rs),
            "stops": stops,
        })
    fits = []
    for w in sorted({g["width"] for g in out}):
        rows = [(k, rs) for (ww, k), rs in sorted(groups.items()) if ww == w]
        ks = [k for k, _ in rows]
        fit = {"width": w, "ks": ks}
        for field in ("trained", "init"):
            samples = [np.array([p for p, _ in (_pieces(r[field]) for r in rs) if p is not None],
                                dtype=float) for _, rs in rows]
            keep = [(k, s) for k, s in zip(ks, samples) if s.size]
            fit[field] = _fit([k for k, _ in keep], [s for _, s in keep], rng)
        fits.append(fit)
    return {"groups": out, "fits": fits, "statement": _statement(out, fits)}


def _interval(ci):
    return f"{ci[0]:.3g}–{ci[1]:.3g}"


def _statement(groups, fits):
    if not groups:
        return "The file holds no finished trials yet."
    lines = []
    for fit in fits:
        w, ks = fit["width"], fit["ks"]
        gs = [g for g in groups if g["width"] == w]
        n = sum(g["trials"] for g in gs)
        first, last = gs[0], gs[-1]
        lines.append(f"Width {w}, k = {ks[0]}..{ks[-1]}, {n} trials.")
        if first["trained"] and last["trained"]:
            lines.append(f"The trained networks have on average {first['trained']['mean']:.3g} "
                         f"affine pieces at k = {first['k']} and {last['trained']['mean']:.3g} "
                         f"at k = {last['k']} (at initialization: "
                         f"{first['init']['mean']:.3g} and {last['init']['mean']:.3g}).")
        t, i = fit["trained"], fit["init"]
        if t is not None:
            verdict = ("grows with k" if t["factor_ci"][0] > 1 else
                       "shrinks with k" if t["factor_ci"][1] < 1 else
                       "shows no detectable trend in k")
            lines.append(f"Fitted per step, the mean count {verdict}: factor {t['factor']:.3g} "
                         f"(95% CI {_interval(t['factor_ci'])})"
                         + (f", against {i['factor']:.3g} ({_interval(i['factor_ci'])}) at "
                            f"initialization." if i is not None else "."))
            if t["degree"] is not None:
                better = ("fits better" if t["r2_polynomial"] > t["r2_exponential"] else
                          "fits no better")
                lines.append(f"A polynomial k^{t['degree']:.2g} {better} than the exponential "
                             f"(R² {t['r2_polynomial']:.3f} against {t['r2_exponential']:.3f}).")
            if i is not None and not (t["factor_ci"][0] > i["factor_ci"][1]):
                lines.append("Training does not detectably raise the growth rate above "
                             "that of the random initialization.")
        dead = round(sum(g["never_moved"] * g["trials"] for g in gs))
        stops = {}
        for g in gs:
            for reason, count in g["stops"].items():
                stops[reason] = stops.get(reason, 0) + count
        stops["stationary"] = stops.get("stationary", 0) - dead
        ended = ", ".join(f"{count} at {reason}" for reason, count in sorted(stops.items())
                          if count)
        lines.append(f"{dead} of the {n} runs never moved (a dead readout at initialization "
                     f"gives a zero gradient)" + (f"; of the others, {ended}." if ended else "."))
        if any(g["trained_lower_bound"] for g in gs):
            lines.append("Some trials passed the piece budget; their groups' statistics "
                         "are lower bounds.")
    lines.append(
        "What this shows: exact piece counts of these trained weights on the data interval, "
        "and how their average changes over this range of k. What it does not show: "
        "anything beyond the k measured (a finite range cannot tell exponential from "
        "polynomial growth), nor the exact gradient flow, which is integrated in float64 "
        "and stopped at time T, a stationary point or the evaluation budget.")
    return " ".join(lines)


def format_summary(summary):
    """A plain-text table and the statement."""
    head = (f"{'w':>3} {'k':>3} {'n':>5}  {'mean pieces [95% CI]':>26} {'median':>7}  "
            f"{'init mean [95% CI]':>24}  {'conv':>5} {'dead':>5}")
    lines = [head, "-" * len(head)]
    for g in summary["groups"]:
        t, i = g["trained"], g["init"]
        mark = "≥" if g["trained_lower_bound"] else ""
        tm = (f"{mark}{t['mean']:.3g} [{t['mean_ci'][0]:.3g}, {t['mean_ci'][1]:.3g}]"
              if t else "-")
        im = f"{i['mean']:.3g} [{i['mean_ci'][0]:.3g}, {i['mean_ci'][1]:.3g}]" if i else "-"
        med = f"{t['median']:.3g}" if t else "-"
        lines.append(f"{g['width']:>3} {g['k']:>3} {g['trials']:>5}  {tm:>26} {med:>7}  "
                     f"{im:>24}  {g['converged']:>5.0%} {g['never_moved']:>5.0%}")
    for fit in summary["fits"]:
        for field in ("trained", "init"):
            f = fit[field]
            if f is not None:
                lines.append(f"width {fit['width']} {field}: growth factor per step "
                             f"{f['factor']:.4g} (95% CI {_interval(f['factor_ci'])})")
    lines += ["", summary["statement"]]
    return "\n".join(lines)


def plot_summary(summary, path):
    """Mean pieces against k (log scale) with 95% intervals, trained and at init."""
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for w in sorted({g["width"] for g in summary["groups"]}):
        for field, style in (("trained", "o-"), ("init", "s--")):
            gs = [g for g in summary["groups"] if g["width"] == w and g[field]]
            if not gs:
                continue
            ks = [g["k"] for g in gs]
            m = np.array([g[field]["mean"] for g in gs])
            lo = np.array([g[field]["mean_ci"][0] for g in gs])
            hi = np.array([g[field]["mean_ci"][1] for g in gs])
            shift = 0.08 if field == "init" else 0.0     # side by side, not on top
            ax.errorbar(np.array(ks) + shift, m, yerr=[m - lo, hi - m], fmt=style, capsize=3,
                        label=f"w={w}, {'trained' if field == 'trained' else 'at init'}")
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(matplotlib.ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xlabel("k (applications of W)")
    ax.set_ylabel("mean affine pieces (exact count)")
    ax.set_title("Pieces of f_k after gradient flow (95% bootstrap CI)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
