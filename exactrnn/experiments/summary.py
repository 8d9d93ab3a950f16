"""An honest summary of an experiment's results file.

Per ``(width, k)``: mean and median pieces of the trained networks with
bootstrap 95% intervals (2 000 resamples of the trials, seeded, and taken in
trial order, so the summary is reproducible and does not depend on the order
in which trials finished), the same for the networks at initialization, how
each run stopped, and how many never moved. Per width: the fit of
``log(mean pieces)`` against k (a growth factor per step, with a bootstrap
interval from resampling trials within each k) beside the fit against
``log k`` (a polynomial degree), and a plain statement of what the data do
and do not show. A grows/shrinks verdict needs at least
:data:`MIN_TRIALS_FOR_VERDICT` trials at every k.

A count over the piece budget has an unknown number of pieces (the budget
counts activation regions): such trials are left out of the piece
statistics, counted in ``over_budget``, and named in the statement.

>>> rec = lambda k, i, p: {"width": 2, "k": k, "trial": i, "stop": "time", "converged": False,
...                        "moved": True, "init": {"pieces": 1}, "trained": {"pieces": p}}
>>> s = summarize([rec(k, i, 2 ** k) for k in (1, 2, 3) for i in range(5)])
>>> g = s["groups"][0]
>>> (g["k"], g["trained"]["mean"], g["trained"]["mean_ci"])
(1, 2.0, [2.0, 2.0])
>>> round(s["fits"][0]["trained"]["factor"], 6)     # pieces = 2^k exactly
2.0
"""

import math

import numpy as np

from ..errors import ResultsFileError

__all__ = ["summarize", "format_summary", "plot_summary", "MIN_TRIALS_FOR_VERDICT"]

BOOTSTRAP = 2000
MIN_TRIALS_FOR_VERDICT = 5
_REQUIRED = ("width", "k", "trial", "stop", "converged", "init", "trained")
_IDENTITY = ("dataset", "training", "seed", "max_pieces")


def _pieces(field):
    """The piece count, or None when unknown (over budget, or no finite W)."""
    if not isinstance(field, dict) or field.get("over_budget") or field.get("not_finite"):
        return None
    return field["pieces"]


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
    return {"ks": list(ks), "min_trials": min(len(s) for s in samples),
            "factor": math.exp(slope), "factor_ci": [math.exp(lo), math.exp(hi)],
            "r2_exponential": _r2(ks, logs),
            "degree": _slope(logk, logs), "r2_polynomial": _r2(logk, logs)}


def _validated(records):
    """Records sorted by (width, k, trial), duplicates dropped, one experiment only."""
    by_key, duplicates, identity = {}, 0, None
    for n, r in enumerate(records):
        missing = [f for f in _REQUIRED if f not in r]
        if missing:
            raise ResultsFileError(f"record {n + 1} is not a trial record of this exactrnn "
                                   f"(no {', '.join(missing)})")
        key = (r["width"], r["k"], r["trial"])
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in key):
            raise ResultsFileError(f"record {n + 1}: width, k and trial must be integers")
        for field in ("init", "trained"):
            c = r[field]
            ok = isinstance(c, dict) and (
                c.get("over_budget") is True or c.get("not_finite") is True
                or isinstance(c.get("pieces"), int) and not isinstance(c.get("pieces"), bool)
                and c["pieces"] >= 1)
            if not ok:
                raise ResultsFileError(f"record {n + 1}: '{field}' is not a piece count")
        this = {f: r.get(f) for f in _IDENTITY}
        if identity is None:
            identity = this
        elif this != identity:
            field = next(f for f in _IDENTITY if this[f] != identity[f])
            raise ResultsFileError(f"the records come from different experiments ({field} "
                                   f"differs at record {n + 1}); summarize one at a time")
        if key in by_key:
            duplicates += 1
            continue
        by_key[key] = r
    return [by_key[key] for key in sorted(by_key)], duplicates


def summarize(records):
    """The summary as a JSON-ready dict: ``groups``, ``fits`` and ``statement``."""
    records, duplicates = _validated(records)
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
            reason = str(r["stop"]).split(":")[0]
            stops[reason] = stops.get(reason, 0) + 1
        moved = [r.get("moved", r.get("W") != r.get("W_init")) for r in rs]
        stops_moved = {}
        for r, m in zip(rs, moved):
            if m:
                reason = str(r["stop"]).split(":")[0]
                stops_moved[reason] = stops_moved.get(reason, 0) + 1
        out.append({
            "width": w, "k": k, "trials": len(rs),
            "trained": _stats([p for p in trained if p is not None], rng),
            "init": _stats([p for p in init if p is not None], rng),
            "over_budget": sum(bool(r["trained"].get("over_budget")) for r in rs),
            "init_over_budget": sum(bool(r["init"].get("over_budget")) for r in rs),
            "diverged": sum(bool(r["trained"].get("not_finite")) for r in rs),
            "converged": sum(bool(r["converged"]) for r in rs) / len(rs),
            "never_moved": sum(not m for m in moved) / len(rs),
            "dead_at_init": sum(r.get("gradient_norm_initial") == 0 for r in rs),
            "stops": stops,
            "stops_moved": stops_moved,
            "flow_times_moved": [r.get("flow_time") for r, m in zip(rs, moved)
                                 if m and isinstance(r.get("flow_time"), (int, float))],
            "method": (rs[0].get("training") or {}).get("method"),
            "training": rs[0].get("training"),
        })
    fits = []
    for w in sorted({g["width"] for g in out}):
        rows = [(k, rs) for (ww, k), rs in sorted(groups.items()) if ww == w]
        fit = {"width": w, "ks": [k for k, _ in rows]}
        for field in ("trained", "init"):
            samples = [np.array([p for p in (_pieces(r[field]) for r in rs) if p is not None],
                                dtype=float) for _, rs in rows]
            keep = [(k, s) for (k, _), s in zip(rows, samples) if s.size]
            fit[field] = _fit([k for k, _ in keep], [s for _, s in keep], rng)
        fits.append(fit)
    return {"groups": out, "fits": fits, "duplicates": duplicates,
            "statement": _statement(out, fits, duplicates)}


def _interval(ci):
    return f"{ci[0]:.3g}–{ci[1]:.3g}"


def _ks(ks):
    if ks == list(range(ks[0], ks[-1] + 1)):
        return f"k = {ks[0]}..{ks[-1]}"
    return "k in {" + ", ".join(map(str, ks)) + "}"


def _verdict(fit):
    lo, hi = fit["factor_ci"]
    if fit["min_trials"] < MIN_TRIALS_FOR_VERDICT:
        return None
    return "grows with k" if lo > 1 else "shrinks with k" if hi < 1 else \
        "shows no detectable trend in k"


def _statement(groups, fits, duplicates=0):
    if not groups:
        return "The file holds no finished trials yet."
    lines = []
    for fit in fits:
        w, ks = fit["width"], fit["ks"]
        gs = [g for g in groups if g["width"] == w]
        n = sum(g["trials"] for g in gs)
        first, last = gs[0], gs[-1]
        lines.append(f"Width {w}, {_ks(ks)}, {n} trials.")
        if first["trained"] and last["trained"] and first["init"] and last["init"]:
            lines.append(f"The trained networks have on average {first['trained']['mean']:.3g} "
                         f"affine pieces at k = {first['k']} and {last['trained']['mean']:.3g} "
                         f"at k = {last['k']} (at initialization: "
                         f"{first['init']['mean']:.3g} and {last['init']['mean']:.3g}).")
        t, i = fit["trained"], fit["init"]
        if t is not None:
            verdict = _verdict(t)
            where = "" if t["ks"] == ks else f" (over {_ks(t['ks'])}, where counts exist)"
            if verdict is None:
                lines.append(f"Fitted per step, the mean count changes by a factor "
                             f"{t['factor']:.3g}{where}, but with {t['min_trials']} trial(s) "
                             f"at some k (fewer than {MIN_TRIALS_FOR_VERDICT}) no trend is "
                             f"claimed either way.")
            else:
                lines.append(f"Fitted per step, the mean count {verdict}{where}: factor "
                             f"{t['factor']:.3g} (95% CI {_interval(t['factor_ci'])})"
                             + (f", against {i['factor']:.3g} ({_interval(i['factor_ci'])}) "
                                f"at initialization." if i is not None else "."))
                if t["r2_polynomial"] > t["r2_exponential"]:
                    lines.append(f"A polynomial k^{t['degree']:.2g} fits better than the "
                                 f"exponential (R² {t['r2_polynomial']:.3f} against "
                                 f"{t['r2_exponential']:.3f}).")
                else:
                    lines.append(f"A polynomial k^{t['degree']:.2g} fits no better than the "
                                 f"exponential (R² {t['r2_polynomial']:.3f} against "
                                 f"{t['r2_exponential']:.3f}).")
                if i is not None and _verdict(i) is not None:
                    if t["factor_ci"][0] > i["factor_ci"][1]:
                        lines.append("Training raises the growth rate above that of the "
                                     "random initialization (the intervals do not overlap).")
                    elif t["factor_ci"][1] < i["factor_ci"][0]:
                        lines.append("Training lowers the growth rate below that of the "
                                     "random initialization (the intervals do not overlap).")
                    else:
                        lines.append("Training does not detectably change the growth rate "
                                     "from that of the random initialization.")
        still = round(sum(g["never_moved"] * g["trials"] for g in gs))
        dead = sum(g["dead_at_init"] for g in gs)
        stops = {}
        for g in gs:
            for reason, count in g["stops"].items():
                stops[reason] = stops.get(reason, 0) + count
        ended = ", ".join(f"{count} at {reason}" for reason, count in sorted(stops.items()))
        lines.append(f"The runs ended: {ended}. {still} of the {n} never moved"
                     + (f"; at {dead} of them the gradient at initialization is exactly 0 "
                        f"(no data point reaches the readout through an active path)"
                        if dead else "") + ".")
        moving = {}
        for g in gs:
            for reason, count in g["stops_moved"].items():
                moving[reason] = moving.get(reason, 0) + count
        times = [t for g in gs for t in g["flow_times_moved"]]
        if moving:
            T = (gs[0].get("training") or {}).get("T")
            lines.append(f"Of the {sum(moving.values())} runs that moved, "
                         + ", ".join(f"{c} ended at {r}" for r, c in sorted(moving.items()))
                         + (f"; their median flow time is {float(np.median(times)):.3g}"
                            + (f" of T = {T:g}" if isinstance(T, (int, float)) else "")
                            if times else "") + ".")
            if set(moving) == {"budget"}:
                lines.append("So every trained W here is where the integration stopped, "
                             "not a limit of the flow.")
        over = sum(g["over_budget"] for g in gs)
        init_over = sum(g["init_over_budget"] for g in gs)
        if over or init_over:
            lines.append(f"{over} trained and {init_over} initial networks passed the piece "
                         f"budget; their piece counts are unknown and left out, so the means "
                         f"may understate.")
        diverged = sum(g["diverged"] for g in gs)
        if diverged:
            lines.append(f"{diverged} runs ended with no finite W and are left out.")
    if duplicates:
        lines.append(f"{duplicates} duplicate records were ignored.")
    methods = {g["method"] for g in groups}
    how = ("plain gradient descent in float64, stopped at its iteration count, a stationary "
           "point or divergence" if methods == {"gradient descent"} else
           "the gradient flow, integrated in float64 and stopped at time T, a stationary "
           "point or the evaluation budget")
    lines.append(
        "What this shows: exact piece counts of these trained weights on the data interval, "
        "and how their average changes over this range of k. What it does not show: "
        "anything beyond the k measured (a finite range cannot tell exponential from "
        f"polynomial growth), nor the exact limit of training: {how}.")
    return " ".join(lines)


def format_summary(summary):
    """A plain-text table and the statement."""
    head = (f"{'w':>3} {'k':>3} {'n':>5}  {'mean pieces [95% CI]':>26} {'median':>7}  "
            f"{'init mean [95% CI]':>24}  {'moved':>5} {'conv':>5} {'over':>4}")
    lines = [head, "-" * len(head)]
    for g in summary["groups"]:
        t, i = g["trained"], g["init"]
        tm = f"{t['mean']:.3g} [{t['mean_ci'][0]:.3g}, {t['mean_ci'][1]:.3g}]" if t else "-"
        im = f"{i['mean']:.3g} [{i['mean_ci'][0]:.3g}, {i['mean_ci'][1]:.3g}]" if i else "-"
        med = f"{t['median']:.3g}" if t else "-"
        lines.append(f"{g['width']:>3} {g['k']:>3} {g['trials']:>5}  {tm:>26} {med:>7}  "
                     f"{im:>24}  {1 - g['never_moved']:>5.0%} {g['converged']:>5.0%} "
                     f"{g['over_budget']:>4}")
    for fit in summary["fits"]:
        for field in ("trained", "init"):
            f = fit[field]
            if f is not None:
                lines.append(f"width {fit['width']} {field}: growth factor per step "
                             f"{f['factor']:.4g} (95% CI {_interval(f['factor_ci'])})")
    lines += ["", "moved: share of runs whose W changed; conv: share that ended at a stationary "
              "point (|grad L| < tol), moved or not; over: trained counts past the piece "
              "budget (left out)", "", summary["statement"]]
    return "\n".join(lines)


def plot_summary(summary, path):
    """Mean pieces against k (log scale) with 95% intervals, trained and at init."""
    import matplotlib.ticker

    from ..plotting import _pyplot, _save

    plt = _pyplot()

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
    return _save(fig, path, dpi=120)
