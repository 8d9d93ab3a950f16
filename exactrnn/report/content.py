"""The dossier's sections: each step computes its results and returns document blocks.

Blocks are plain tuples that every renderer understands:

* ``("section", anchor, title)``, ``("p", text)``, ``("math", tex)``;
* ``("table", caption, header, rows)``;
* ``("figure", file name under figures/, caption)``;
* ``("claim", what the note says, what exactrnn finds)``;
* ``("certificate", file name, verdict, statements)``.

Text may hold inline math between ``$…$`` (matplotlib mathtext) and code
between backticks. Every number in a block is computed in the run; nothing
is pasted. Words: "certified" is kept for what a certificate in this dossier
proves; other results are "exact" (rational arithmetic) or "rigorous" (exact
bounds, shown rounded outward).
"""

import math
import os
import platform
import subprocess
import sys
from fractions import Fraction

from .. import GROUND_TYPES, __version__
from ..constructions import build
from ..rational import Q, format_rational

__all__ = ["SETTINGS", "STEPS"]

#: Sizes of the full and the quick report.
SETTINGS = {
    "full": {"verify_k": 10, "growth_k": 13, "levels": (2, 3, 4), "rank_levels": (5, 6),
             "memory": (1, 2, 3),
             "experiment": {"widths": [5], "ks": list(range(2, 9)), "trials": 20},
             "tent_k": 12, "construction_k": 6},
    "quick": {"verify_k": 6, "growth_k": 10, "levels": (2, 3, 4), "rank_levels": (5,),
              "memory": (1, 2),
              "experiment": {"widths": [5], "ks": [2, 3, 4, 5], "trials": 5},
              "tent_k": 8, "construction_k": 4},
}

# (construction, parameters): closed form of the pieces of iterate k (checked in the run
# against the count and the construction's own formula), and what f_(k+1) computes.
CONSTRUCTIONS = [
    ("triangle_wave", {}, "$2^k$", lambda k: 2 ** k, "$g^k$, $g$ the tent map"),
    ("sawtooth", {}, "$3^k$", lambda k: 3 ** k, "$s^k$, $s$ the 3-fold sawtooth"),
    ("yarotsky", {}, "$2^k$", lambda k: 2 ** k,
     r"$\sum_{s\leq k} 4^{-s} g^s \to t(1-t)$"),
    ("note_variant", {"reading": "literal"}, "$2^k$", lambda k: 2 ** k,
     r"the note's series as written: $\frac{1}{4}g + \frac{1}{32}g^2 + \frac{1}{128}g^3"
     r" + \cdots$"),
    ("note_variant", {}, "$2^k$", lambda k: 2 ** k,
     r"geometric reading: $\sum_{s\leq k} 2\cdot 8^{-s} g^s$"),
    ("staircase", {}, "$2^{k+1}-1$", lambda k: 2 ** (k + 1) - 1,
     "$C_k$, the Cantor function's iterate"),
]


def _round(x, digits, up):
    """A rational as a decimal string with ``digits`` significant digits, rounded outward."""
    x = Fraction(str(x))
    if x == 0:
        return "0"
    exponent = math.floor(math.log10(abs(x)))
    scale = Fraction(10) ** (digits - 1 - exponent)
    n = x * scale
    n = math.ceil(n) if up else math.floor(n)
    value = Fraction(n) / scale
    return f"{float(value):.{digits}g}"


def _up(x, digits=5):
    return _round(x, digits, True)


def _down(x, digits=5):
    return _round(x, digits, False)


def _bracket(pair):
    """A rigorous bracket [lo, hi] of rationals: the exact value when lo = hi, else rounded
    outward."""
    lo, hi = Q(pair[0]), Q(pair[1])
    if lo == hi:
        return format_rational(lo)
    return f"[{_down(lo, 6)}, {_up(hi, 6)}]"


def _dec(x, digits=4):
    """A rational shown as a decimal (display only, for values that are not bounds)."""
    return f"{float(Fraction(str(x))):.{digits}g}"


def intro(ctx):
    s = ctx.settings
    return [
        ("p", "This dossier answers the research note “A Problem about RNNs” with exact "
              "computation. Every count, rank, inertia and equality below is computed in "
              "rational arithmetic; bounds are rigorous and shown rounded outward; and the "
              "results called certified come with a certificate that the independent "
              "checker re-verified during this run (last section)."),
        ("math", r"f_k(W,x) = (\mathrm{ReLU}\circ W\circ\cdots\circ\mathrm{ReLU}\circ W)(x)_1"),
        ("p", f"exactrnn {__version__}, Python {platform.python_version()}, rationals on the "
              f"{GROUND_TYPES} backend, {'quick' if ctx.quick else 'full'} settings "
              f"(constructions checked for $k \\leq {s['verify_k']}$, growth to "
              f"$k = {s['growth_k']}$, landscape levels "
              f"{', '.join(map(str, s['levels']))})."),
        ("p", "Indexing: every construction spends one application of W setting up its "
              "hinges, so $f_{k+1}$ computes iterate $k$ on $t \\in [0, 1]$ (offset 1). "
              "Tables below use the iterate $k$."),
    ]


def constructions(ctx):
    K = ctx.settings["verify_k"]
    rows = []
    for name, params, text, form, meaning in CONSTRUCTIONS:
        c = build(name, **params)
        checks = c.checks(K)
        ctx.tick(f"{name} {params.get('reading', '')}")
        ok = all(ch["equal"] for ch in checks)
        form_ok = all(form(ch["k"]) == ch["expected_pieces"] == ch["pieces"] for ch in checks)
        rec, W = c.norms(1)["recurrent"], c.norms(1)["W"]
        label = name + (f" ({params['reading']})" if params else
                        " (geometric)" if name == "note_variant" else "")
        rows.append([label, str(c.width), str(c.offset), meaning,
                     ", ".join(str(ch["pieces"]) for ch in checks[:6]) + ", …",
                     text + ("" if form_ok else " (does not match the count!)"),
                     "yes" if ok else "NO",
                     format_rational(Q(rec["inf"])), _bracket(rec["spectral"]),
                     _bracket(W["spectral_radius"])])
        ctx.facts.setdefault("norms", {})[label] = (rec, W)
    norms = ctx.facts["norms"]
    y, lit, geo = (norms["yarotsky"][0], norms["note_variant (literal)"][0],
                   norms["note_variant (geometric)"][0])
    return [
        ("table", f"The note's constructions, derived from their recurrences and checked by "
                  f"exact equality with their targets for k = 1..{K}, and the piece count "
                  f"against the closed form. R is the recurrent block (W without the "
                  f"accumulator); spectral values are rigorous brackets from exact root "
                  f"isolation, shown exactly when they are rational.",
         ["construction", "width", "offset", "$f_{k+1}$ on [0, 1]", "pieces, k = 1, 2, …",
          "closed form", f"exact for k ≤ {K}", r"$\|R\|_\infty$", r"$\|R\|_2$",
          r"$\rho(W)$"], rows),
        ("claim", "“[The series ¼ t₁ + 1/32 t₂ + 1/128 t₄ + …] would admit a W with "
                  "functional norm < 1.”",
         f"For the series as written (1/4, 1/32, 1/128, …: ratio 1/8, then 1/4), the "
         f"recurrent block has ∞-norm {format_rational(Q(lit['inf']))} and spectral norm "
         f"{_bracket(lit['spectral'])}, exactly Yarotsky's "
         f"({format_rational(Q(y['inf']))} and {_bracket(y['spectral'])}): after its first "
         f"term it is Yarotsky's series halved, carried by the same weights. So, as written, "
         f"the remark is false. It is true for the geometric reading with ratio 1/8 "
         f"(1/4, 1/32, 1/256, …): ∞-norm {format_rational(Q(geo['inf']))}, spectral norm "
         f"{_bracket(geo['spectral'])}. It is false for the 1-norm "
         f"({format_rational(Q(geo['one']))}), and false for the whole W under any reading: "
         f"the accumulator row puts an eigenvalue 1 in W. And it cannot be otherwise: for "
         f"a monotone norm (∞, 1, 2), $|\\mathrm{{ReLU}}(z)| \\leq |z|$ gives "
         f"$|f_k(W, x)| \\leq \\|h_k\\| \\leq \\|W\\|^k \\|x\\|$: with a W of norm < 1, "
         f"$f_k \\to 0$ as $k \\to \\infty$, and no such W computes these limits."),
    ]


GROWTH = [("triangle_wave", {}), ("sawtooth", {}), ("yarotsky", {}),
          ("note_variant", {"reading": "literal"}), ("staircase", {})]


def growth(ctx):
    from ..float64 import float_counts
    from .figures import plot_growth

    K = ctx.settings["growth_k"]
    series, rows = {}, []
    for name, params in GROWTH:
        c = build(name, **params)
        k_max = min(K, 10) if name == "sawtooth" else K     # 3^k pieces: keep it quick
        depth = k_max + c.offset
        exact = [r.pieces for r in c.network().count(c.line(), depth, all_k=True)][c.offset:]
        floats = float_counts(c.W, c.origin, c.direction, c.interval, depth)[c.offset:]
        ctx.tick(name)
        label = name + (f" ({params['reading']})" if params else "")
        series[label] = (exact, floats)
        wrong = [k for k, (a, b) in enumerate(zip(exact, floats), start=1) if a != b]
        rows.append([label, str(k_max), str(exact[-1]), str(floats[-1]),
                     f"k = {wrong[0]}" if wrong else f"agrees up to k = {k_max}"])
    plot_growth(series, os.path.join(ctx.figures, "growth.png"))
    return [
        ("p", "Affine pieces of iterate k along each construction's input line, counted "
              "exactly and by the float64 version of the same propagation. Float64 is "
              "wrong wherever a quantity that is exactly 0 (a flat slope, a pre-activation "
              "vanishing at a vertex, two hinges meeting) comes out as ±1e−16: then "
              "spurious pieces appear. That happens with hinges at 1/3 (staircase, "
              "sawtooth) and also with dyadic hinges (the note's series as written); "
              "where float64 agrees, it agrees on these inputs only."),
        ("figure", "growth.png", "Pieces of iterate k: exact (solid) and float64 (dashed, "
                                 "drawn only where it differs). The triangle wave, "
                                 "Yarotsky's series and the note's series have the same "
                                 "exact counts, so their solid lines coincide."),
        ("table", "Pieces at the largest k, exact and float64, and the first k at which "
                  "float64 is wrong.",
         ["construction", "k", "exact pieces", "float64 pieces", "float64 first wrong at"],
         rows),
    ]


def landscape(ctx):
    from ..landscape import analyze, entry_directions, limiting_gradients, symmetry_tangents

    W_star = build("staircase")
    rows, reports = [], {}
    for level in ctx.settings["levels"]:
        r = analyze(W_star, level, "gaps")
        ctx.tick(f"level {level}")
        reports[level] = r
        s = r.summary
        zl = s["zero_loss_dimension"]
        inert = s["hessian_inertia"]
        convex = "L not convex on the box" if s.get("nonconvexity") else "undecided"
        rows.append([str(level), str(r.data.depth), str(len(r.data.points)),
                     f"{s['jacobian_rank']} / 36", str(len(s["zero_columns"])),
                     f"({inert['positive']}, {inert['zero']}, {inert['negative']})",
                     f"{zl['lower']} … {zl['upper']}", _down(s["radius"], 3),
                     "global minimum (L = 0 ≤ L)" if r.derivatives["loss"] == 0
                     else s["minimum"], convex])
    levels = list(reports)
    mid = reports[levels[1]]
    L3 = mid.data.level
    s, pp = mid.summary, mid.points
    zl = s["zero_loss_dimension"]
    nc = s.get("nonconvexity")
    orders = {d["lowest_order"] for d in s["degenerate_directions"]}
    few = analyze(W_star, L3, "gaps", n=30, point_probes=False).summary["jacobian_rank"]
    many = analyze(W_star, L3, "gaps", n=200, point_probes=False).summary["jacobian_rank"]
    deep = {L: analyze(W_star, L, "gaps", point_probes=False).summary["jacobian_rank"]
            for L in ctx.settings["rank_levels"]}
    ctx.tick("rank against n and depth")
    anywhere = analyze(W_star, L3, "anywhere", point_probes=False)
    corners = analyze(W_star, 2, "corners", point_probes=False)
    dirs = entry_directions(W_star.width)
    jac = limiting_gradients(W_star.W, corners.data, corners.data.depth, dirs, outputs=True)
    grads = limiting_gradients(W_star.W, corners.data, corners.data.depth, dirs)
    grad_zero = all(v == 0 for g in grads for v in g)
    free, _ = symmetry_tangents(W_star.W, mid.data.xs)
    names = ", ".join(W_star.coordinates[j] for j in free)
    ctx.tick("corners")
    ctx.facts["landscape"] = reports
    ranks = ", ".join(str(reports[L].summary["jacobian_rank"]) for L in levels)
    alpha = zl.get("alpha_family")
    blocks = [
        ("p", f"Data on the staircase's input line with exact targets from the Cantor "
              f"function C, inside the removed middle intervals of levels ≤ L (“gap” data, "
              f"where $C_L = C$): {len(mid.data.points)} points, three times $w^2 = 36$. "
              f"Derivatives, ranks and inertia are exact; the radius is a max-norm radius "
              f"around W* within which no data point changes its activation pattern, so L "
              f"is one polynomial on that box (certified: certificates/landscape_level*.json)."),
        ("table", "The loss landscape at the staircase W* (width 6, 36 parameters), gap "
                  "data. The radius is shown rounded down.",
         ["level L", "depth", "n", "rank J", "entries affecting no point",
          "Hessian inertia (+, 0, −)", "zero-loss dimension", "radius", "minimum",
          "convexity"], rows),
        ("claim", "“The landscape is smooth here … the loss is a polynomial in the elements "
                  "of W, and the loss has a minimum at W*.”",
         f"True for gap data: L(W*) = 0 and every activation pattern is fixed on the box "
         f"of radius {_down(s['radius'], 3)} at level {L3}, so L is one polynomial there "
         f"and W* is a global minimum. With evenly spaced data it is false: "
         f"L(W*) = {_dec(anywhere.derivatives['loss'], 4)} > 0, and W* is "
         f"{'a critical point' if anywhere.summary['critical'] else 'not even a critical point'}."),
        ("claim", "“The losses associated with each of these data points mean all but a rank "
                  "w² − 1 subspace … has nonzero loss”, and these sets are “presumably "
                  "curved”, so “these individual point losses are not convex”.",
         ("True. " if all(p["gradient_nonzero"] and p["curved"] for p in pp) else "")
         + f"At level {L3}, $\\nabla f_i \\neq 0$ at "
         f"{sum(p['gradient_nonzero'] for p in pp)} of {len(pp)} points, so each zero set "
         f"is a hypersurface of dimension 35 near W*; it is curved at "
         f"{sum(bool(p['curved']) for p in pp)} of {len(pp)}; and each single-point loss "
         f"$L_i$ is not convex on the certified box at "
         f"{sum(p['single_loss_nonconvex'] for p in pp)} of {len(pp)} points: an exact "
         f"witness W′ inside the box and a direction U with $U^T \\nabla^2 L_i(W') U < 0$."),
        ("claim", "“I don't know if or how to show their sum is convex.”",
         (f"It is not. At level {L3}, A = W* and B = DW*D⁻¹ (the hinge unit "
          f"{W_star.coordinates[nc['unit']]} scaled by "
          f"$d = 1 + 2^{{-{Fraction(str(nc['d'] - 1)).denominator.bit_length() - 1}}}$) "
          f"both lie in "
          f"the box and have L = 0 exactly, but at their midpoint "
          f"L = {_dec(nc['loss_mid'], 3)} > 0: the zero set contains the curved rescaling "
          f"orbit, so L is not convex on any neighbourhood of W*. " if nc else "")
         + f"The Hessian at W* has inertia ({s['hessian_inertia']['positive']}, "
           f"{s['hessian_inertia']['zero']}, {s['hessian_inertia']['negative']}): positive "
           f"semi-definite and degenerate. Along its first null directions, L(W* + sV) "
           + ("grows at order 4 along some and is exactly 0 on an interval along others."
              if 4 in orders and None in orders else
              f"has lowest order {', '.join(str(o) for o in orders if o)}."
              if None not in orders else "is exactly 0 on an interval.")),
        ("claim", "“We make sure … the intersection of all of these subspaces is rank 0 on a "
                  "sufficiently small neighborhood of W*.”",
         f"False. rank J is {ranks} at levels {', '.join(map(str, levels))}, below 36; it "
         + ("does not grow with n" if few == many else "changes with n")
         + f" (level {L3}: {few} with n = 30, {many} with n = 200)"
         + "".join(f", and it is {v} at level {L}" for L, v in deep.items())
         + f". The zero-loss set near W* has dimension between {zl['lower']} and "
           f"{zl['upper']} at level {L3}. The lower bound {zl['lower']} comes from the exact "
           f"symmetries: the inputs vanish on the {len(free)} hinge units ({names}), and "
           f"rescaling them, "
           f"W ↦ DWD⁻¹, fixes every output on the line."
         + (f" Beyond the symmetries, moving the construction's split point α to "
            f"{alpha['alpha_moved_to']} gives a W that fits every data point exactly and "
            f"lies off the rescaling orbit: evidence of a fourth dimension, not counted in "
            f"the bound." if alpha and alpha["zero_loss"] and
            alpha["outside_rescaling_orbit"] else "")),
        ("claim", "“Some of the parameters may not affect the loss on any datapoint … they may "
                  "only control the widths of the steps rather than their height or slope.”",
         "; ".join(f"level {L}: {len(reports[L].summary['zero_columns'])} entries of W affect "
                   f"no data point" for L in levels)
         + ". The table below splits the null directions of J. The split point α is a "
           "related phenomenon one level up: it changes W and the construction's internal "
           "state, but neither the widths nor the heights of the steps."),
        ("claim", "“Trying to move the datapoints to the corners … opens up a host of new "
                  "problems, such as pathological behavior in the loss gradient.”",
         f"At the corners of $C_2$, {sum(p.on_discontinuity for p in corners.data.points)} "
         f"of {len(corners.data.points)} points have a pre-activation exactly 0, the "
         f"radius is {format_rational(corners.summary['radius'])}, and L is not one "
         f"polynomial on any box around W*. Along ± each entry of W the outputs have "
         f"{len(jac)} distinct one-sided Jacobians. "
         + ("$\\nabla L$ itself is 0 from every one of these sides, only because the "
            "residuals vanish." if grad_zero else
            f"$\\nabla L$ has {len(grads)} distinct one-sided values.")),
        ("table", "The null directions of J (also the Hessian's, since L = 0 at W* and "
                  "∇²L = 2JᵀJ there): unit directions of entries that affect no data point; "
                  "beyond them, the exact rescaling symmetries W ↦ DWD⁻¹; and the "
                  "directions neither explains, along which the data are still fit to first "
                  "order.",
         ["level L", "dim null J", "entries affecting no point",
          "rescaling symmetries beyond those", "other directions"],
         [_null_directions(reports[L]) for L in levels]),
    ]
    blocks += _slice_figure(ctx, mid)
    return blocks


def _null_directions(report):
    """Split dim null(J) into unused entries, rescaling symmetries and the rest."""
    from ..landscape import symmetry_tangents
    from ..linalg import rank

    s = report.summary
    n = report.construction.width ** 2
    unit = [[Q(int(i == p)) for i in range(n)] for p in s["zero_columns"]]
    _, tangents = symmetry_tangents(report.construction.W, report.data.xs)
    with_sym = rank(unit + tangents) if unit or tangents else 0
    dim = n - s["jacobian_rank"]
    return [str(report.data.level), str(dim), str(len(unit)), str(with_sym - len(unit)),
            str(dim - with_sym)]


def _slice_figure(ctx, report):
    from ..landscape import loss_slice, symmetry_tangents
    from .figures import plot_slice

    d = report.data
    W = report.construction.W
    free, tangents = symmetry_tangents(W, d.xs)
    null = report.summary["null_space"][0]
    V1 = [v / max(abs(x) for x in tangents[0]) for v in tangents[0]]   # max-norm 1
    V2 = [v / max(abs(x) for x in null) for v in null]
    r = report.summary["radius"]
    grid = [r * Q(i, 4) for i in range(-12, 13)]
    values = loss_slice(W, V1, V2, d, d.depth, grid, grid)
    unit = report.construction.coordinates[free[0]]
    plot_slice(values, r, os.path.join(ctx.figures, "loss_slice.png"),
               (f"s (rescaling of {unit})", "t (null direction 0 of J)"))
    return [("figure", "loss_slice.png",
             f"The exact loss on the plane W* + sV₁ + tV₂ at level {d.level} (V₁ the straight "
             f"line in the rescaling direction of {unit}, V₂ the first null "
             f"direction of J, both of max-norm 1), on a log colour scale. The dashed "
             f"square |s| + |t| ≤ r lies inside the box of radius r where L is one "
             f"polynomial. L is 0 at W* and grows at order 4 or more: far flatter than a "
             f"strict quadratic minimum.")]


def dynamics(ctx):
    from ..dynamics import growth_rate, transition_graph

    rows = []
    for name in ("triangle_wave", "sawtooth", "yarotsky", "staircase"):
        c = build(name)
        net, line = c.network(), c.line()
        counts = [r.activation_regions for r in net.count(line, 10, all_k=True)]
        row = [name]
        for m in ctx.settings["memory"]:
            _, hi = growth_rate(transition_graph(c.W, memory=m))
            row.append(f"≤ {_up(hi, 5)}")
            ctx.tick(f"{name}, memory {m}")
        row.append(f"{counts[-1] / counts[-2]:.4g}")     # a measurement, not a bound
        rows.append(row)
    return [
        ("p", "The activation patterns along a run form walks in the transition graph of "
              "patterns (an edge when one pattern can follow another; feasibility decided "
              "exactly by a rational simplex). The number of activation regions at depth k "
              "is at most the number of walks of length k, so the spectral radius of the "
              "graph bounds the exponential growth rate of the regions. Remembering m "
              "patterns refines the graph and the bound."),
        ("table", "Rigorous upper bounds on the growth rate of activation regions (rounded "
                  "up), against the measured ratio of regions at depth 10 and 9.",
         ["construction"] + [f"bound, memory {m}" for m in ctx.settings["memory"]]
         + ["measured"], rows),
    ]


def experiment(ctx):
    from ..experiments import experiment_config, read_results, run_experiment, summarize
    from ..experiments.summary import plot_summary
    from .figures import summary_rows

    e = ctx.settings["experiment"]
    path = os.path.join(ctx.root, "experiment", "staircase.jsonl")
    config = experiment_config("staircase", points=32)
    run_experiment(config, e["widths"], e["ks"], e["trials"], path, workers=ctx.workers,
                   progress=False)
    summary = summarize(read_results(path))
    plot_summary(summary, os.path.join(ctx.figures, "experiment.png"))
    header, rows = summary_rows(summary)
    return [
        ("p", f"The conjecture's experiment, small: width {e['widths'][0]}, k = "
              f"{e['ks'][0]}..{e['ks'][-1]}, {e['trials']} trials per depth, $W_0$ ~ N(0, 1), "
              f"gradient flow (RK45, at most {config['training']['max_evaluations']} gradient "
              f"evaluations per run) on 32 staircase data points, and exact piece counts of "
              f"the trained and the initial W. The raw results, with every trained W exactly, "
              f"are in experiment/staircase.jsonl; `exactrnn experiment run` runs larger "
              f"ones."),
        ("table", f"Pieces per depth (bootstrap 95% intervals). “Counts past the piece "
                  f"budget” are exact counts abandoned past 2^20 regions "
                  f"({sum(g['over_budget'] for g in summary['groups'])} here); the flow's "
                  f"own evaluation budget is another matter, described below.",
         header, rows),
        ("figure", "experiment.png", "Mean pieces against k, trained and at initialization."),
        ("p", summary["statement"]),
    ]


def certificates(ctx):
    from .. import certificates as C
    from ..rnn import InputLine, ReLURNN

    folder = os.path.join(ctx.root, "certificates")
    os.makedirs(folder, exist_ok=True)
    s = ctx.settings
    tent = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
    line = InputLine("0,0,1", "1/2,0,0", (0, 1))
    docs = {
        "tent_pieces.json": [C.pieces_claim(tent, line, s["tent_k"])],
        "staircase_construction.json": [C.construction_claim(build("staircase"),
                                                             s["construction_k"])],
        "yarotsky_construction.json": [C.construction_claim(build("yarotsky"),
                                                            s["construction_k"])],
    }
    for level, report in ctx.facts.get("landscape", {}).items():
        docs[f"landscape_level{level}.json"] = C.landscape_claims(report)
    checker = os.path.join(os.path.dirname(C.__file__), "check.py")
    with open(checker, encoding="utf-8") as src, \
            open(os.path.join(folder, "check.py"), "w", encoding="utf-8") as dst:
        dst.write(src.read())
    blocks = [("p", "Each certificate below was written by exactrnn and then checked in a "
                    "separate Python process by the independent checker "
                    "(certificates/check.py, standard library only, copied here), which "
                    "re-derives every claim from the certificate's data; W in its "
                    "statements is the matrix in the certificate (the staircase W* for the "
                    "landscape). To re-check: "
                    "`python certificates/check.py --explain certificates/NAME.json`")]
    for name, claims in docs.items():
        path = os.path.join(folder, name)
        C.write(C.document(claims), path)
        os.chmod(path, 0o644)
        proc = subprocess.run([sys.executable, "-I", checker, "--explain", path],
                              capture_output=True, text=True, timeout=600)
        lines = proc.stdout.strip().splitlines()
        verdict = lines[0] if lines else proc.stderr.strip()
        ctx.verdicts[name] = (proc.returncode, verdict)
        ctx.tick(name)
        statements = [x.removeprefix("proved: ") for x in lines[1:]]
        blocks.append(("certificate", name, verdict, statements))
    return blocks


#: (anchor, title, function) in report order.
STEPS = [
    ("intro", "What this is", intro),
    ("constructions", "Constructions and the norm remark", constructions),
    ("growth", "Piece growth: exact against float64", growth),
    ("landscape", "The loss landscape at the staircase W*", landscape),
    ("dynamics", "Growth-rate bounds", dynamics),
    ("experiment", "The conjecture's experiment", experiment),
    ("certificates", "Certificates", certificates),
]
