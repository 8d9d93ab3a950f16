"""The dossier's sections: each step computes its results and returns document blocks.

Blocks are plain tuples that every renderer understands:

* ``("section", anchor, title)``, ``("p", text)``, ``("math", tex)``;
* ``("table", caption, header, rows)``;
* ``("figure", file name under figures/, caption)``;
* ``("claim", what the note says, what exactrnn finds)``;
* ``("certificate", file name, verdict, statements)``.

Every number in a block is computed in the run; nothing is pasted.
"""

import os
import platform
import subprocess
import sys
from fractions import Fraction

from .. import GROUND_TYPES, __version__
from ..constructions import CONSTRUCTIONS, build
from ..rational import Q, format_rational

__all__ = ["SETTINGS", "STEPS"]

#: Sizes of the full and the quick report.
SETTINGS = {
    "full": {"verify_k": 10, "growth_k": 14, "levels": (2, 3, 4), "memory": (1, 2, 3),
             "experiment": {"widths": [5], "ks": list(range(2, 9)), "trials": 20},
             "tent_k": 12, "construction_k": 6},
    "quick": {"verify_k": 6, "growth_k": 10, "levels": (2, 3, 4), "memory": (1, 2),
              "experiment": {"widths": [5], "ks": [2, 3, 4, 5], "trials": 5},
              "tent_k": 8, "construction_k": 4},
}

# The closed forms, as the note's mathematics gives them, checked against the
# constructions' own expected_pieces in the run (a row whose form disagrees is flagged).
CLOSED_FORMS = {
    "triangle_wave": ("2^k", lambda k: 2 ** k, "g^k, g the tent map"),
    "sawtooth": ("3^k", lambda k: 3 ** k, "s_3^k, the 3-fold sawtooth"),
    "yarotsky": ("2^k", lambda k: 2 ** k, "Σ_{s≤k} 4^(−s) g^s → t(1 − t)"),
    "note_variant": ("2^k", lambda k: 2 ** k, "Σ_{s≤k} 2·8^(−s) g^s"),
    "staircase": ("2^(k+1) − 1", lambda k: 2 ** (k + 1) - 1, "C_k, the Cantor iterate"),
}


def _dec(x, digits=4):
    """A rational shown as a decimal (display only)."""
    return f"{float(Fraction(str(x))):.{digits}g}"


def _bracket(pair):
    """A certified bracket [lo, hi]: ``≈ x`` when both ends agree to 6 digits."""
    lo, hi = _dec(pair[0], 6), _dec(pair[1], 6)
    return f"≈ {lo}" if lo == hi else f"[{lo}, {hi}]"


def intro(ctx):
    s = ctx.settings
    return [
        ("p", "This dossier answers the research note “A Problem about RNNs” with exact "
              "computation: every count, rank, inertia and equality below is computed in "
              "rational arithmetic, and every claim marked as certified comes with a "
              "certificate that the independent checker re-verified during this run."),
        ("math", r"f_k(W,x) = (\mathrm{ReLU}\circ W\circ\cdots\circ\mathrm{ReLU}\circ W)(x)_1"),
        ("p", f"exactrnn {__version__}, Python {platform.python_version()}, rationals on the "
              f"{GROUND_TYPES} backend, {'quick' if ctx.quick else 'full'} settings "
              f"(constructions verified for k ≤ {s['verify_k']}, growth to k = "
              f"{s['growth_k']}, landscape levels {', '.join(map(str, s['levels']))})."),
    ]


def constructions(ctx):
    K = ctx.settings["verify_k"]
    rows, blocks = [], []
    for name in CLOSED_FORMS:
        c = build(name)
        checks = c.checks(K)
        ok = all(ch["equal"] for ch in checks)
        text, form, meaning = CLOSED_FORMS[name]
        form_ok = all(form(ch["k"]) == ch["expected_pieces"] == ch["pieces"] for ch in checks)
        n = c.norms(1)
        rec = n["recurrent"]
        rows.append([name, str(c.width), str(c.offset), meaning,
                     ", ".join(str(ch["pieces"]) for ch in checks[:6]) + ", …",
                     text + ("" if form_ok else " (does not match the count!)"),
                     "yes" if ok else "NO",
                     format_rational(Q(rec["inf"])), _bracket(rec["spectral"]),
                     _bracket(n["W"]["spectral_radius"])])
        ctx.facts.setdefault("constructions", {})[name] = {"verified": ok, "norms": n}
    blocks.append(("table", f"The note's constructions, derived from their recurrences and "
                   f"checked by exact equality with their targets for k = 1..{K}. "
                   f"f_(k+1) computes iterate k on t ∈ [0, 1] (offset 1). Norms of the "
                   f"recurrent block (without the accumulator); spectral values are certified "
                   f"brackets.",
                   ["construction", "width", "offset", "f_(k+1) on [0, 1]", "pieces k = 1, 2, …",
                    "closed form", f"exact for k ≤ {K}", "‖R‖_∞", "‖R‖_2", "ρ(W)"], rows))
    y = ctx.facts["constructions"]["yarotsky"]["norms"]["recurrent"]
    v = ctx.facts["constructions"]["note_variant"]["norms"]["recurrent"]
    vW = ctx.facts["constructions"]["note_variant"]["norms"]["W"]
    blocks.append(("claim", "“[The variant ¼t₁ + 1/32 t₂ + 1/128 t₄ + …] would admit a W "
                   "with functional norm < 1.”",
                   f"Read as the geometric series with ratio 1/8, the recurrent block that "
                   f"carries the triangle-wave orbit has ∞-norm {format_rational(Q(v['inf']))} "
                   f"and spectral norm in {_bracket(v['spectral'])}, against "
                   f"{format_rational(Q(y['inf']))} and {_bracket(y['spectral'])} for "
                   f"Yarotsky's series: true for these operator norms. It is false for the "
                   f"1-norm ({format_rational(Q(v['one']))}) and for the whole W, whose "
                   f"accumulator row puts an eigenvalue 1 in W (spectral radius "
                   f"{_bracket(vW['spectral_radius'])}), so every norm of W is at least 1."))
    return blocks


def growth(ctx):
    from ..float64 import float_counts
    from ..report.figures import plot_growth

    K = ctx.settings["growth_k"]
    series, rows = {}, []
    for name in ("triangle_wave", "sawtooth", "yarotsky", "staircase"):
        c = build(name)
        depth = K + c.offset
        exact = [r.pieces for r in c.network().count(c.line(), depth, all_k=True)]
        floats = float_counts(c.W, c.origin, c.direction, c.interval, depth)
        series[name] = (exact, floats)
        wrong = [k for k, (a, b) in enumerate(zip(exact, floats), start=1) if a != b]
        rows.append([name, str(depth), str(exact[-1]), str(floats[-1]),
                     f"depth {wrong[0]}" if wrong else "never (dyadic hinges)"])
    plot_growth(series, os.path.join(ctx.figures, "growth.png"))
    return [
        ("p", "Affine pieces of f_k along each construction's input line, counted exactly "
              "and by the float64 version of the same propagation. Float64 agrees while "
              "every hinge is dyadic; once a hinge sits at 1/3, quantities that are exactly 0 "
              "(a flat slope, a pre-activation vanishing at a vertex) come out as ±1e−16, and "
              "spurious pieces appear."),
        ("figure", "growth.png", "Pieces of f_k: exact (solid) and float64 (dashed, drawn "
                                 "only where it differs). The triangle wave and Yarotsky's "
                                 "series have the same counts, so their lines coincide."),
        ("table", "Pieces at the largest depth, exact and float64, and the first depth at "
                  "which float64 is wrong.",
         ["construction", "depth", "exact pieces", "float64 pieces", "float64 first wrong at"],
         rows),
    ]


def landscape(ctx):
    from ..landscape import analyze, limiting_gradients

    W_star = build("staircase")
    rows, reports = [], {}
    for level in ctx.settings["levels"]:
        r = analyze(W_star, level, "gaps")
        reports[level] = r
        s = r.summary
        zl = s["zero_loss_dimension"]
        inert = s["hessian_inertia"]
        rows.append([str(level), str(r.data.depth), str(len(r.data.points)),
                     f"{s['jacobian_rank']} / 36", str(len(s["zero_columns"])),
                     f"({inert['positive']}, {inert['zero']}, {inert['negative']})",
                     f"{zl['lower']} … {zl['upper']}", _dec(s["radius"], 3), s["minimum"]])
    mid = reports[ctx.settings["levels"][1]]
    s = mid.summary
    pp = mid.points
    zl = s["zero_loss_dimension"]
    orders = sorted({str(d["lowest_order"]) for d in s["degenerate_directions"]})
    anywhere = analyze(W_star, mid.data.level, "anywhere", point_probes=False)
    corners = analyze(W_star, 2, "corners", point_probes=False)
    dirs = [[Q(sign * int(i == p)) for i in range(36)] for p in range(36) for sign in (1, -1)]
    jac = limiting_gradients(W_star.W, corners.data, corners.data.depth, dirs, outputs=True)
    ctx.facts["landscape"] = reports
    ranks = ", ".join(f"{reports[L].summary['jacobian_rank']}" for L in reports)
    L3 = mid.data.level
    blocks = [
        ("p", f"Data on the staircase's input line with exact targets from the Cantor "
              f"function, inside the removed middle intervals (“gap” data: where C_L = C), "
              f"{len(mid.data.points)} points ≫ w² = 36. Derivatives, ranks and inertia are "
              f"exact; the radius is a certified max-norm radius within which no data "
              f"point changes its activation pattern."),
        ("table", "The loss landscape at the staircase W* (width 6, 36 parameters), gap "
                  "data. The level-2 rank, inertia and radius are certified: "
                  "certificates/landscape_level2.json.",
         ["level L", "depth", "n", "rank J", "entries affecting no point",
          "Hessian inertia (+, 0, −)", "zero-loss dimension", "certified radius",
          "verdict"], rows),
        ("claim", "“The landscape is smooth here … the loss is a polynomial in the elements "
                  "of W, and the loss has a minimum at W*.”",
         f"True for gap data: L(W*) = 0 and every activation pattern is fixed on a certified "
         f"box (radius {_dec(s['radius'], 3)} at level {L3}), so L is one polynomial there and "
         f"W* is a global minimum. With evenly spaced data it is false: L(W*) = "
         f"{_dec(anywhere.derivatives['loss'], 4)} > 0 and W* is "
         f"{'a critical point' if anywhere.summary['critical'] else 'not even a critical point'}."),
        ("claim", "“The losses associated with each data point mean all but a rank w² − 1 "
                  "subspace … has nonzero loss”, and these are “presumably curved”.",
         f"True: ∇f_i ≠ 0 at {sum(p['gradient_nonzero'] for p in pp)} of {len(pp)} points "
         f"(so each zero set is a hypersurface of dimension 35 near W*), curved at "
         f"{sum(bool(p['curved']) for p in pp)}, and each single-point loss is provably not "
         f"convex at {sum(p['single_loss_nonconvex'] for p in pp)} of {len(pp)} (an exact "
         f"witness direction with negative curvature, per point)."),
        ("claim", "“The intersection of all of these subspaces is rank 0 on a sufficiently "
                  "small neighborhood of W*.”",
         f"False. rank J is {ranks} at levels {', '.join(map(str, reports))}, far below 36, "
         f"and does not grow with n. The zero-loss set near W* has dimension between "
         f"{zl['lower']} and {zl['upper']} at level {L3}: at least 3 by exact symmetries "
         f"(rescaling the hinge units, W ↦ DWD⁻¹, fixes every output on this line)"
         + (f"; moving the split point α of the removed middle to "
            f"{zl['alpha_family']['alpha_moved_to']} fits every data point exactly "
            f"({zl['alpha_family']['zero_loss']}) and leaves the rescaling orbit "
            f"({zl['alpha_family']['outside_rescaling_orbit']})." if zl.get("alpha_family")
            else ".")),
        ("claim", "“Some of the parameters may not affect the loss on any datapoint … they may "
                  "only control the widths of the steps.”",
         "; ".join(f"level {L}: {len(reports[L].summary['zero_columns'])} entries of W affect "
                   f"no data point" for L in reports)
         + ". The split point α above is a parameter of exactly this kind: it moves internal "
           "state only, and not even the widths."),
        ("claim", "“I don't know if or how to show their sum is convex.”",
         f"At level {L3} the Hessian of L at W* has inertia ({s['hessian_inertia']['positive']}, "
         f"{s['hessian_inertia']['zero']}, {s['hessian_inertia']['negative']}): positive "
         f"semi-definite and degenerate, so second order cannot decide strictness. Along the "
         f"degenerate directions the exact loss L(W* + sV) has lowest order "
         f"{', '.join(orders)} (None: exactly 0 on a certified interval)."),
        ("claim", "“Moving the datapoints to the corners … pathological behavior in the loss "
                  "gradient.”",
         f"At the corners of C_2 every point has a pre-activation exactly 0 "
         f"({sum(p.on_discontinuity for p in corners.data.points)} of "
         f"{len(corners.data.points)}), the certified radius is "
         f"{format_rational(corners.summary['radius'])}, and L is not one polynomial on any "
         f"box around W*. Along ± each entry of W the outputs have {len(jac)} distinct "
         f"one-sided Jacobians; ∇L itself vanishes from every side only because the "
         f"residuals do."),
    ]
    blocks.append(("table", "What the null directions of J are (the Hessian's null space at "
                   "W*, since L = 0 there and ∇²L = 2JᵀJ): unit directions of entries that "
                   "affect no data point; beyond them, the exact rescaling symmetries "
                   "W ↦ DWD⁻¹; and the directions neither explains, along which the data "
                   "are still fit to first order.",
                   ["level L", "dim null J", "entries affecting no point",
                    "rescaling symmetries beyond those", "other directions"],
                   [_null_directions(reports[L]) for L in reports]))
    blocks += _slice_figure(ctx, mid)
    return blocks


def _null_directions(report):
    """Split dim null(J) into unused entries, rescaling symmetries and the rest."""
    from ..landscape import symmetry_tangents
    from ..linalg import rank

    s = report.summary
    w = report.construction.width
    n = w * w
    unit = [[Q(int(i == p)) for i in range(n)] for p in s["zero_columns"]]
    _, tangents = symmetry_tangents(report.construction.W, report.data.xs)
    with_sym = rank(unit + tangents) if unit or tangents else 0
    dim = n - s["jacobian_rank"]
    return [str(report.data.level), str(dim), str(len(unit)), str(with_sym - len(unit)),
            str(dim - with_sym)]


def _slice_figure(ctx, report):
    from ..landscape import loss_slice, symmetry_tangents
    from ..plotting import plot_loss_slice

    d = report.data
    W = report.construction.W
    free, tangents = symmetry_tangents(W, d.xs)
    grid = [Q(i, 400) for i in range(-8, 9)]
    values = loss_slice(W, tangents[0], report.summary["null_space"][0], d, d.depth, grid, grid)
    plot_loss_slice(values, os.path.join(ctx.figures, "loss_slice.png"),
                    f"L near W*, level {d.level}", ("s (hinge rescaling)", "t (null direction 0)"))
    return [("figure", "loss_slice.png",
             f"The exact loss on a plane through W* at level {d.level}: the straight line in "
             f"the rescaling direction of unit {free[0]} (s) against the first null direction "
             f"of J (t). The loss is 0 at W* and small along both.")]


def dynamics(ctx):
    from ..dynamics import growth_rate, transition_graph

    rows = []
    for name in ("triangle_wave", "sawtooth", "yarotsky", "staircase"):
        c = build(name)
        net, line = c.network(), c.line()
        counts = [r.activation_regions for r in net.count(line, 10, all_k=True)]
        measured = counts[-1] / counts[-2]
        row = [name]
        for m in ctx.settings["memory"]:
            lo, hi = growth_rate(transition_graph(c.W, memory=m))
            row.append(_dec(hi, 5))
        row.append(f"{measured:.4g}")
        rows.append(row)
    return [
        ("p", "The activation patterns of a run form walks in the transition graph of "
              "patterns (an edge when one pattern can follow another; feasibility decided "
              "exactly by a rational simplex). The number of regions at depth k is at most "
              "the number of walks of length k, so the graph's spectral radius (certified "
              "upper end shown) bounds the exponential growth rate. Remembering m patterns "
              "refines the graph."),
        ("table", "Certified bounds on the growth rate of activation regions, against the "
                  "measured ratio of regions at depth 10 and 9.",
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
              f"{e['ks'][0]}..{e['ks'][-1]}, {e['trials']} trials per depth, W0 ~ N(0, 1), "
              f"gradient flow (RK45, evaluation budget "
              f"{config['training']['max_evaluations']}) on 32 staircase data points, and "
              f"exact piece counts of the trained and the initial W. The raw results, with "
              f"every trained W exactly, are in experiment/staircase.jsonl; "
              f"`exactrnn experiment run` runs larger ones."),
        ("table", "Pieces per depth (bootstrap 95% intervals).", header, rows),
        ("figure", "experiment.png", "Mean pieces against k, trained and at initialization."),
        ("p", summary["statement"]),
    ]


def certificates(ctx):
    from .. import certificates as C
    from ..landscape import analyze
    from ..rnn import InputLine, ReLURNN

    folder = os.path.join(ctx.root, "certificates")
    os.makedirs(folder, exist_ok=True)
    s = ctx.settings
    tent = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
    line = InputLine("0,0,1", "1/2,0,0", (0, 1))
    level2 = ctx.facts.get("landscape", {}).get(2) or analyze(build("staircase"), 2, "gaps",
                                                              point_probes=False)
    docs = {
        "tent_pieces.json": [C.pieces_claim(tent, line, s["tent_k"])],
        "staircase_construction.json": [C.construction_claim(build("staircase"),
                                                             s["construction_k"])],
        "yarotsky_construction.json": [C.construction_claim(build("yarotsky"),
                                                            s["construction_k"])],
        "landscape_level2.json": C.landscape_claims(level2),
    }
    checker = os.path.join(os.path.dirname(C.__file__), "check.py")
    with open(checker, encoding="utf-8") as src, \
            open(os.path.join(folder, "check.py"), "w", encoding="utf-8") as dst:
        dst.write(src.read())
    blocks = [("p", "Each certificate below was written by exactrnn and then checked in a "
                    "separate Python process by the independent checker "
                    "(certificates/check.py, standard library only, copied here), which "
                    "re-derives every claim from the certificate's data. To re-check: "
                    "python certificates/check.py --explain certificates/NAME.json")]
    for name, claims in docs.items():
        path = os.path.join(folder, name)
        C.write(C.document(claims), path)
        proc = subprocess.run([sys.executable, "-I", checker, "--explain", path],
                              capture_output=True, text=True, timeout=600)
        lines = proc.stdout.strip().splitlines()
        verdict = lines[0] if lines else proc.stderr.strip()
        ctx.verdicts[name] = (proc.returncode, verdict)
        statements = [x.removeprefix("proved: ") for x in lines[1:]]
        os.chmod(path, 0o644)
        blocks.append(("certificate", name, verdict, statements))
    return blocks


#: (anchor, title, function) in report order; the growth table reads nothing from others.
STEPS = [
    ("intro", "What this is", intro),
    ("constructions", "Constructions and the norm remark", constructions),
    ("growth", "Piece growth: exact against float64", growth),
    ("landscape", "The loss landscape at the staircase W*", landscape),
    ("dynamics", "Growth-rate bounds", dynamics),
    ("experiment", "The conjecture's experiment", experiment),
    ("certificates", "Certificates", certificates),
]
