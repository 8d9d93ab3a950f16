"""The ``exactrnn`` command line: a thin layer over the public API.

Every error is one line on stderr (``exactrnn: error: ...``) and a non-zero
exit status: 2 for bad input, 3 when the piece budget stops a run (the depths
already finished are still printed), 130 when interrupted.
"""

import argparse
import json
import os
import sys

from . import __version__
from .errors import ExactRNNError, PieceBudgetExceeded
from .rational import Q, as_vector, format_rational
from .rnn import DEFAULT_MAX_PIECES, InputLine, ReLURNN

#: The built-in example: f_k is the tent map iterated k-1 times on [0, 1].
EXAMPLE = {
    "W": "2,-4,0; 2,-4,-1/2; 0,0,1",
    "origin": "0,0,1",
    "direction": "1/2,0,0",
    "interval": ("0", "1"),
    "k": 12,
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"exactrnn: error: {message}\n")


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return value


def build_parser():
    parser = _Parser(prog="exactrnn", description="Exact analysis of ReLU RNNs "
                     "f_k(W, x) = (ReLU∘W∘…∘ReLU∘W)(x)_1.")
    parser.add_argument("--version", action="version", version=f"exactrnn {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    count = sub.add_parser(
        "count", help="exact affine pieces of f_k along an input line",
        description="Count the affine pieces and activation regions of "
        "t -> f_k(W, origin + t*direction) exactly. Without --W/--weights, "
        "runs the built-in tent-map example (f_k = tent map iterated k-1 times).")
    src = count.add_mutually_exclusive_group()
    src.add_argument("--W", metavar="ROWS", help='the matrix, e.g. "2,-4,0; 2,-4,-1/2; 0,0,1"')
    src.add_argument("--weights", metavar="FILE", help="a .json, .npy or text weight file")
    count.add_argument("--float-weights", action="store_true",
                       help="read non-integer numbers in the weights as binary doubles, "
                       "each at its exact dyadic value")
    count.add_argument("--origin", metavar="VEC", help='e.g. "0,0,1"')
    count.add_argument("--direction", metavar="VEC", help='e.g. "1/2,0,0"')
    dom = count.add_mutually_exclusive_group()
    dom.add_argument("--interval", nargs=2, metavar=("A", "B"),
                     help="the range of t (default 0 1)")
    dom.add_argument("--whole-line", action="store_true", help="t over all of R")
    count.add_argument("--k", type=_positive_int, default=None,
                       help="the depth (applications of W; default 12)")
    count.add_argument("--all-k", action="store_true", help="report every depth 1..k")
    count.add_argument("--breakpoints", action="store_true",
                       help="list the breakpoints (where the slope of f_k changes)")
    count.add_argument("--readout", metavar="VEC",
                       help="read readout·h_k instead of the first coordinate")
    count.add_argument("--max-pieces", type=_positive_int, default=DEFAULT_MAX_PIECES,
                       help=f"piece budget (default {DEFAULT_MAX_PIECES})")
    count.add_argument("--plane", nargs=2, metavar=("U", "V"),
                       help="count linear regions of f_k on the plane span(U, V) through 0 "
                       "(all of R^2 when w = 2 and U, V = e1, e2)")
    count.add_argument("--json", action="store_true", help="machine-readable output")
    count.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="progress bar (default: on for long runs in a terminal)")
    count.set_defaults(run=_count)

    construct = sub.add_parser(
        "construct", help="the note's constructions, verified exactly",
        description="Build a construction from its recurrence, print W and its input "
        "line, and verify exactly, for k = 1..K, that f_{k+offset} equals the target.")
    construct.add_argument("name", nargs="?", help="construction name (see --list)")
    construct.add_argument("--list", action="store_true", help="list the constructions")
    construct.add_argument("--k", type=_positive_int, default=6,
                           help="verify iterates 1..K (default 6)")
    construct.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                           help="a construction parameter, e.g. ratio=1/8 (repeatable)")
    construct.add_argument("--json", action="store_true", help="machine-readable output")
    construct.add_argument("--latex", action="store_true", help="print W as a LaTeX bmatrix")
    construct.set_defaults(run=_construct)

    dyn = sub.add_parser(
        "dynamics", help="transition graph of activation patterns and growth-rate bounds",
        description="Build the exact activation transition graph of z -> W ReLU(z), bound "
        "the activation regions of f_k along any line by walk counts, certify the growth "
        "rate (spectral radius), and compare with exact counts along a line.")
    dsrc = dyn.add_mutually_exclusive_group()
    dsrc.add_argument("--W", metavar="ROWS", help="the matrix (default: the tent-map example)")
    dsrc.add_argument("--weights", metavar="FILE")
    dyn.add_argument("--float-weights", action="store_true")
    dyn.add_argument("--k", type=_positive_int, default=8, help="depths 1..K (default 8)")
    dyn.add_argument("--origin", metavar="VEC")
    dyn.add_argument("--direction", metavar="VEC")
    ddom = dyn.add_mutually_exclusive_group()
    ddom.add_argument("--interval", nargs=2, metavar=("A", "B"))
    ddom.add_argument("--whole-line", action="store_true")
    dyn.add_argument("--memory", type=_positive_int, default=1,
                     help="nodes are windows of this many patterns (1-4; tighter bounds)")
    dyn.add_argument("--plot", metavar="PNG", help="write the graph and growth curve here")
    dyn.add_argument("--json", action="store_true")
    dyn.set_defaults(run=_dynamics)

    land = sub.add_parser(
        "landscape", help="the loss landscape at W*: exact derivatives and the proof's holes",
        description="Choose data on a construction's input line (targets: the exact limit), "
        "and probe the loss L(W) = Σ (f(W, x_i) − y_i)² at W*: Jacobian rank, null space, "
        "zero columns, Hessian inertia, criticality, certified radius, zero-loss dimension, "
        "per-point curvature and convexity, and the loss along chosen directions.")
    land.add_argument("--construction", default="staircase")
    land.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    land.add_argument("--level", type=_positive_int, default=3,
                      help="the iterate k (the network has depth k + offset; default 3)")
    land.add_argument("--data", default="gaps",
                      help="gaps | anywhere | corners | a CSV/JSON file of (t, y) pairs")
    land.add_argument("--n", type=_positive_int, default=None,
                      help="number of points (default 3·w²)")
    land.add_argument("--along", action="append", default=[], metavar="DIR",
                      help="print L(W* + sV) along DIR: 'null:I' (I-th null direction), "
                      "'symmetry:J' (rescaling unit J), 'entry:A,B' (the entry W[A][B]), "
                      "or w² comma-separated rationals (repeatable)")
    land.add_argument("--limiting-gradients", action="store_true",
                      help="the distinct gradients of L on the smooth pieces entered along "
                      "±(each entry of W): the limiting gradients at a corner")
    land.add_argument("--no-point-probes", action="store_true",
                      help="skip the per-point curvature and convexity probes")
    land.add_argument("--json", action="store_true")
    land.set_defaults(run=_landscape)

    cert = sub.add_parser("certify", help="write a proof-support certificate",
                          description="Compute a claim and write it with its witness as a "
                          "JSON certificate that `exactrnn verify` (a small stdlib-only checker) "
                          "re-checks from scratch.")
    csub = cert.add_subparsers(dest="claim", parser_class=_Parser, required=True)
    cp = csub.add_parser("pieces", help="f_k along a line: breakpoints, pieces, regions")
    csrc = cp.add_mutually_exclusive_group()
    csrc.add_argument("--W", metavar="ROWS")
    csrc.add_argument("--weights", metavar="FILE")
    cp.add_argument("--float-weights", action="store_true")
    cp.add_argument("--origin")
    cp.add_argument("--direction")
    cdom = cp.add_mutually_exclusive_group()
    cdom.add_argument("--interval", nargs=2, metavar=("A", "B"))
    cdom.add_argument("--whole-line", action="store_true")
    cp.add_argument("--readout")
    cp.add_argument("--k", type=_positive_int, default=None)
    cc = csub.add_parser("construction", help="a construction computes its target")
    cc.add_argument("name")
    cc.add_argument("--k", type=_positive_int, default=4)
    cc.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    cl = csub.add_parser("landscape", help="rank, inertia and radius at W*")
    cl.add_argument("--construction", default="staircase")
    cl.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    cl.add_argument("--level", type=_positive_int, default=2)
    cl.add_argument("--data", default="gaps")
    cl.add_argument("--n", type=_positive_int, default=None)
    for p_ in (cp, cc, cl):
        p_.add_argument("-o", "--output", required=True, metavar="CERT.json")
    cert.set_defaults(run=_certify)

    ver = sub.add_parser("verify", help="check a certificate with the independent checker")
    ver.add_argument("certificate")
    ver.add_argument("--explain", action="store_true", help="state in words what was proved")
    ver.add_argument("--latex", action="store_true", help="the statements in LaTeX")
    ver.set_defaults(run=_verify)

    from .cli_experiment import add_experiment_parser

    add_experiment_parser(sub, _Parser)

    rep = sub.add_parser(
        "report", help="the dossier: every result, with figures and checked certificates",
        description="Run everything on built-in defaults and write DIR/index.html (one "
        "self-contained page), report.md, report.tex, figures/ and certificates/ (each "
        "checked by the independent checker during the run). A few minutes on 2 cores; "
        "--quick in under one.")
    rep.add_argument("--out", default="exactrnn-report", metavar="DIR",
                     help="the report folder (default: exactrnn-report)")
    rep.add_argument("--quick", action="store_true", help="smaller settings, under a minute")
    rep.add_argument("--workers", type=_positive_int, default=None,
                     help="processes for the experiment (default: one per core)")
    rep.add_argument("--no-progress", action="store_true", help="no progress display")
    rep.set_defaults(run=_report)
    return parser


def _report(args):
    import signal

    from .report import build_report

    def stop(signum, frame):
        raise KeyboardInterrupt  # clean up the temporary folder, as on Ctrl-C

    signal.signal(signal.SIGTERM, stop)
    done = build_report(args.out, quick=args.quick, progress=not args.no_progress,
                        workers=args.workers)
    for name, verdict in done["verdicts"].items():
        print(f"certificates/{name}: {verdict} by the independent checker")
    print(f"report written to {done['out']} in {done['seconds']:.0f} s: open "
          f"{os.path.join(done['out'], 'index.html')}")
    return 0


def _network_and_line(args):
    from .weights import load_weights, parse_weights_text

    if args.W is None and args.weights is None:
        W = parse_weights_text(EXAMPLE["W"])
        origin = args.origin or EXAMPLE["origin"]
        direction = args.direction or EXAMPLE["direction"]
    else:
        if args.weights is not None:
            W = load_weights(args.weights, float_weights=args.float_weights)
        else:
            W = parse_weights_text(args.W, float_weights=args.float_weights)
        missing = [name for name in ("origin", "direction") if getattr(args, name) is None]
        if missing:
            raise _UsageError(f"--{' and --'.join(missing)} required with --W/--weights")
        origin, direction = args.origin, args.direction
    readout = None if args.readout is None else as_vector(args.readout, "readout")
    net = ReLURNN(W, readout=readout)
    interval = (None, None) if args.whole_line else tuple(args.interval or EXAMPLE["interval"])
    line = InputLine(origin, direction, interval)
    return net, line


class _UsageError(ExactRNNError, ValueError):
    pass


def _count(args):
    if args.plane:
        return _count_plane(args)
    net, line = _network_and_line(args)
    k = args.k or EXAMPLE["k"]
    try:
        results = net.count(line, k, all_k=args.all_k, breakpoints=args.breakpoints,
                            max_pieces=args.max_pieces, progress=args.progress)
        stopped = None
    except PieceBudgetExceeded as exc:
        results, stopped = exc.completed, exc
    _print_counts(args, net, line, results, stopped)
    if stopped is not None:
        raise stopped
    return 0


def _weights_or_example(args):
    """W from --weights or --W, else the built-in example."""
    from .weights import load_weights, parse_weights_text

    if args.weights is not None:
        return load_weights(args.weights, float_weights=args.float_weights)
    return parse_weights_text(args.W or EXAMPLE["W"], float_weights=args.float_weights)


def _count_plane(args):
    from .plane import plane_regions

    net = ReLURNN(_weights_or_example(args))
    u, v = (as_vector(x, name) for x, name in zip(args.plane, ("U", "V")))
    k = args.k or EXAMPLE["k"]
    results = plane_regions(net, u, v, k, all_k=args.all_k)
    if args.json:
        print(json.dumps({"width": net.width,
                          "plane": {"u": [format_rational(x) for x in u],
                                    "v": [format_rational(x) for x in v]},
                          "results": [r.to_json() for r in results]}))
        return 0
    print(f"f_k on span(u, v), u = ({', '.join(map(format_rational, u))}), "
          f"v = ({', '.join(map(format_rational, v))}); width {net.width}")
    print(f"{'k':>4} {'linear regions':>16} {'activation regions':>20}")
    for r in results:
        print(f"{r.k:>4} {r.linear_regions:>16} {r.activation_regions:>20}")
    return 0


def _dynamics(args):
    from .dynamics import describe, transition_graph

    net = ReLURNN(_weights_or_example(args))
    G = transition_graph(net.W, memory=args.memory)
    measured = []
    line = None
    if args.origin or args.direction or args.W is None and args.weights is None:
        if args.W is None and args.weights is None:
            origin, direction = args.origin or EXAMPLE["origin"], args.direction or \
                EXAMPLE["direction"]
        elif not (args.origin and args.direction):
            raise _UsageError("--origin and --direction go together")
        else:
            origin, direction = args.origin, args.direction
        interval = (None, None) if args.whole_line else tuple(args.interval or EXAMPLE["interval"])
        line = InputLine(origin, direction, interval)
        measured = [{"k": r.k, "pieces": r.pieces, "activation_regions": r.activation_regions}
                    for r in net.count(line, args.k, all_k=True)]
    doc = describe(G, args.k, measured)
    if args.plot:
        from .plotting import plot_dynamics

        plot_dynamics(G, doc, args.plot)
    if args.json:
        print(json.dumps(doc))
        return 0
    _print_dynamics(doc)
    return 0


def _read_points(path):
    import csv

    if path.endswith(".json"):
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh, parse_float=str)
        return [(p["t"], p["y"]) if isinstance(p, dict) else (p[0], p[1]) for p in raw]
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
    if rows and rows[0][0].strip().lower() == "t":
        rows = rows[1:]
    return [(r[0].strip(), r[1].strip()) for r in rows]


def _direction(spec, report):
    from .landscape import symmetry_tangents

    w = report.construction.width
    kind, _, arg = spec.partition(":")
    if kind == "null":
        basis = report.summary["null_space"]
        i = int(arg)
        if not 0 <= i < len(basis):
            raise _UsageError(f"--along {spec}: the null space has {len(basis)} directions")
        return basis[i]
    if kind == "symmetry":
        free, tangents = symmetry_tangents(report.construction.W, report.data.xs)
        j = int(arg)
        if j not in free:
            raise _UsageError(f"--along {spec}: the rescalable units are {free}")
        return tangents[free.index(j)]
    if kind == "entry":
        a, b = (int(v) for v in arg.split(","))
        if not (0 <= a < w and 0 <= b < w):
            raise _UsageError(f"--along {spec}: entries are 0..{w - 1}")
        return [Q(int(i == a * w + b)) for i in range(w * w)]
    V = as_vector(spec, "--along")
    if len(V) != w * w:
        raise _UsageError(f"--along needs {w * w} entries, got {len(V)}")
    return list(V)


def _landscape(args):
    from .constructions import build
    from .landscape import along, analyze

    params = dict(item.split("=", 1) for item in args.param if "=" in item)
    if len(params) != len(args.param):
        raise _UsageError("--param must look like NAME=VALUE")
    c = build(args.construction, **params)
    strategy, points = args.data, None
    if args.data not in ("gaps", "anywhere", "corners"):
        try:
            points = _read_points(args.data)
        except OSError as exc:
            raise _UsageError(f"{args.data}: cannot read ({exc.strerror})") from None
        except (KeyError, IndexError, ValueError) as exc:
            raise _UsageError(f"{args.data}: expected (t, y) pairs ({exc})") from None
    report = analyze(c, args.level, strategy, args.n, points,
                     point_probes=not args.no_point_probes)
    doc = report.to_json()
    doc["along"] = []
    for spec in args.along:
        V = _direction(spec, report)
        res = along(c.W, V, report.data, report.data.depth)
        doc["along"].append({
            "direction": spec, "s0": format_rational(res["s0"]),
            "coefficients": [format_rational(v) for v in res["coefficients"]],
            "lowest_order": res["lowest_order"],
            "one_sided_derivative": format_rational(res["coefficients"][1])
            if len(res["coefficients"]) > 1 else "0"})
    if args.limiting_gradients:
        from .landscape import entry_directions, limiting_gradients

        w = c.width
        dirs = entry_directions(w)
        found = limiting_gradients(c.W, report.data, report.data.depth, dirs)
        doc["limiting_gradients"] = [
            {"gradient": [format_rational(v) for v in g],
             "witness_directions": [_dir_name(V, w) for V in Vs]} for g, Vs in found.items()]
        jacobians = limiting_gradients(c.W, report.data, report.data.depth, dirs, outputs=True)
        doc["limiting_output_jacobians"] = len(jacobians)
    if args.json:
        print(json.dumps(doc))
        return 0
    _print_landscape(doc)
    return 0


def _certify(args):
    from . import certificates as C

    if args.claim == "pieces":
        args.all_k = args.breakpoints = False
        net, line = _network_and_line(args)
        claims = [C.pieces_claim(net, line, args.k or EXAMPLE["k"])]
    elif args.claim == "construction":
        from .constructions import build

        params = dict(item.split("=", 1) for item in args.param if "=" in item)
        claims = [C.construction_claim(build(args.name, **params), args.k)]
    else:
        from .constructions import build
        from .landscape import analyze

        params = dict(item.split("=", 1) for item in args.param if "=" in item)
        points = None if args.data in ("gaps", "anywhere", "corners") else \
            _read_points(args.data)
        report = analyze(build(args.construction, **params), args.level, args.data, args.n,
                         points, point_probes=False)
        claims = C.landscape_claims(report)
    C.write(C.document(claims), args.output)
    print(f"wrote {args.output}: {len(claims)} claim(s) "
          f"({', '.join(c['type'] for c in claims)})")
    return 0


def _verify(args):
    from .certificates import check

    argv = [args.certificate] + (["--explain"] if args.explain else []) + \
        (["--latex"] if args.latex else [])
    code = check.main(argv)
    if code == 2:
        raise SystemExit(2)
    return code


def _dir_name(V, w):
    p = next(i for i, v in enumerate(V) if v != 0)
    return f"{'+' if V[p] > 0 else '-'}W[{p // w}][{p % w}]"


def _print_landscape(doc):
    w2 = doc["params"]
    zl = doc["zero_loss_dimension"]
    inert = doc["hessian_inertia"]
    pp = doc["point_probes"]
    print(f"{doc['construction']} level {doc['level']} (depth {doc['depth']}), "
          f"{len(doc['points'])} points ({doc['strategy']}), "
          f"{doc['points_on_discontinuity']} on a discontinuity")
    print(f"loss at W*: {doc['loss']}; critical: {doc['critical']}; {doc['minimum']}")
    print(f"Jacobian rank {doc['jacobian_rank']} of {w2} parameters; "
          f"{len(doc['zero_columns'])} entries of W affect no data point: "
          + " ".join(f"W[{a}][{b}]" for a, b in doc["zero_columns"]))
    print(f"Hessian inertia: {inert['positive']} positive, {inert['zero']} zero, "
          f"{inert['negative']} negative")
    print(f"certified radius (max-norm) with every pattern fixed: {doc['radius']}")
    nc = doc.get("not_convex_on_box")
    if nc:
        print(f"L is not convex on that box: L(W) = L(DWD^-1) = 0 with unit {nc['unit']} "
              f"scaled by {nc['d']}, but L at their midpoint is {nc['loss_mid']} > 0")
    if doc.get("positive_definite_radius") is not None:
        print(f"Hessian positive definite on the certified box of radius "
              f"{doc['positive_definite_radius']}")
    elif inert["zero"] or inert["negative"]:
        print("Hessian not positive definite: "
              + ", ".join(f"direction {d['index']}: loss of order {d['lowest_order']}"
                          for d in doc.get("degenerate_directions", [])[:4]))
    upper = "w² − rank J" if zl["upper"] is not None else "no upper bound: data on corners"
    print(f"zero-loss set near W*: dimension at least {zl['lower']} (exact symmetries: "
          f"rescaling units {zl['symmetry_coordinates']}), at most {zl['upper']} ({upper})")
    if pp:
        print(f"per point: gradient ≠ 0 at {sum(p['gradient_nonzero'] for p in pp)}/{len(pp)}, "
              f"zero set curved at {sum(bool(p['curved']) for p in pp)}/{len(pp)}, "
              f"single-point loss shown non-convex at "
              f"{sum(p['single_loss_nonconvex'] for p in pp)}/{len(pp)}")
    if "limiting_gradients" in doc:
        lg = doc["limiting_gradients"]
        print(f"{len(lg)} distinct limiting gradient(s) of L and "
              f"{doc['limiting_output_jacobians']} distinct one-sided Jacobians of the outputs "
              "along ±(each entry of W)")
    for a in doc["along"]:
        print(f"along {a['direction']}: L(W*+sV) = poly with coefficients "
              f"{', '.join(a['coefficients'][:8])}{' …' if len(a['coefficients']) > 8 else ''} "
              f"for 0 <= s < {a['s0']}; lowest order {a['lowest_order']}; "
              f"one-sided derivative {a['one_sided_derivative']}")


def _print_dynamics(doc):
    print(f"transition graph: {len(doc['nodes'])} patterns, {len(doc['edges'])} transitions, "
          f"start patterns {', '.join(doc['start_nodes'])}")
    lo, hi = doc["spectral_radius"]
    print(f"growth rate bound (spectral radius of the adjacency matrix) in "
          f"[{_dec(lo)}, {_dec(hi)}]")
    growth = [c for c in doc["sccs"] if c["carries_growth"]]
    print("carried by the strongly connected component(s): " +
          "; ".join("{" + ", ".join(c["nodes"]) + "}" for c in growth))
    measured = {m["k"]: m for m in doc["measured"]}
    print(f"{'k':>4} {'bound B_k':>14} {'regions':>10} {'pieces':>10} {'rate N_k^(1/k)':>15}")
    for k, b in enumerate(doc["walks"], start=1):
        m = measured.get(k)
        if m:
            rate = m["activation_regions"] ** (1 / k)  # display only
            print(f"{k:>4} {b:>14} {m['activation_regions']:>10} {m['pieces']:>10} {rate:>15.4f}")
        else:
            print(f"{k:>4} {b:>14}")


def _print_counts(args, net, line, results, stopped):
    if args.json:
        doc = {"width": net.width, "domain": line.domain_json(),
               "results": [r.to_json() for r in results]}
        if stopped is not None:
            doc["stopped"] = {"k": stopped.k, "reason": "max_pieces",
                              "max_pieces": stopped.max_pieces}
        json.dump(doc, sys.stdout)
        sys.stdout.write("\n")
        return
    vec = lambda v: "(" + ", ".join(format_rational(x) for x in v) + ")"  # noqa: E731
    lo, hi = line.domain
    dom = "t in R" if lo is None and hi is None else \
        f"t in [{format_rational(lo)}, {format_rational(hi)}]"
    print(f"f_k along x(t) = {vec(line.origin)} + t·{vec(line.direction)}, {dom}; "
          f"width {net.width}")
    print(f"{'k':>4} {'pieces':>12} {'activation regions':>20}")
    for r in results:
        print(f"{r.k:>4} {r.pieces:>12} {r.activation_regions:>20}")
        if r.breakpoints is not None:
            print("     breakpoints: " + " ".join(format_rational(b) for b in r.breakpoints))


def _construct(args):
    from .constructions import CONSTRUCTIONS, build

    if args.list or args.name is None:
        if args.json:
            print(json.dumps({name: {"params": defaults}
                              for name, (_, defaults) in CONSTRUCTIONS.items()}))
        else:
            for name, (builder, defaults) in CONSTRUCTIONS.items():
                params = " ".join(f"{k}={v}" for k, v in defaults.items())
                doc = (builder.__doc__ or "").strip().splitlines()[0].replace("``", "")
                print(f"{name:<22} {params:<22} {doc}")
        return 0
    params = {}
    for item in args.param:
        if "=" not in item:
            raise _UsageError(f"--param {item!r} must look like NAME=VALUE")
        key, value = item.split("=", 1)
        params[key.strip()] = value.strip()
    c = build(args.name, **params)
    if args.latex:
        print(c.latex())
        return 0
    doc = c.to_json(args.k, norms=c.norms(args.k))
    if args.json:
        print(json.dumps(doc))
        return 0 if all(ch["equal"] for ch in doc["checks"]) else 1
    _print_construction(c, doc)
    return 0 if all(ch["equal"] for ch in doc["checks"]) else 1


def _print_construction(c, doc):
    print(f"{c.name}: {c.description}")
    if doc["params"]:
        print("parameters: " + ", ".join(f"{k}={v}" for k, v in doc["params"].items()))
    print(f"width {c.width}, offset {c.offset}: f_(k+{c.offset}) along x(t) = origin + "
          f"t·direction, t in [{doc['interval'][0]}, {doc['interval'][1]}]")
    cols = [max(len(x) for x in col) for col in zip(c.coordinates, *doc["W"])]
    print("      " + "  ".join(n.rjust(w) for n, w in zip(c.coordinates, cols)))
    for name, row in zip(c.coordinates, doc["W"]):
        print(f"{name:>5} " + "  ".join(v.rjust(w) for v, w in zip(row, cols)))
    print("origin    " + ", ".join(doc["origin"]))
    print("direction " + ", ".join(doc["direction"]))
    print(f"{'k':>4} {'depth':>6} {'pieces':>10} {'expected':>10}  equal")
    for ch in doc["checks"]:
        print(f"{ch['k']:>4} {ch['depth']:>6} {ch['pieces']:>10} {ch['expected_pieces']:>10}"
              f"  {ch['equal']}")
    n = doc["norms"]
    for label, table in (("W", n["W"]), ("recurrent block", n["recurrent"])):
        print(f"{label}: inf-norm {table['inf']}, 1-norm {table['one']}, "
              f"spectral in [{_dec(table['spectral'][0])}, {_dec(table['spectral'][1])}], "
              f"spectral radius in [{_dec(table['spectral_radius'][0])}, "
              f"{_dec(table['spectral_radius'][1])}], "
              f"min over D of ||DWD^-1||_inf in [{_dec(table['min_diagonal_scaled_inf'][0])}, "
              f"{_dec(table['min_diagonal_scaled_inf'][1])}]")
    f = n["function"]
    print(f"target at k={f['k']}: Lipschitz constant {f['lipschitz']}, sup norm {f['sup']}")


def _dec(text, digits=6):
    from fractions import Fraction

    return f"{float(Fraction(text)):.{digits}f}"  # display only


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except ExactRNNError as exc:
        sys.stdout.flush()
        print(f"exactrnn: error: {exc}", file=sys.stderr)
        return 3 if isinstance(exc, PieceBudgetExceeded) else 2
    except MemoryError:
        print("exactrnn: error: out of memory; lower --k or --max-pieces", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("exactrnn: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
