"""``analyze``: the landscape at W* with every hole of the note's argument probed.

>>> from exactrnn.constructions import build
>>> from exactrnn.landscape import analyze
>>> r = analyze(build("staircase"), level=2, strategy="gaps", n=12, point_probes=False)
>>> r.summary["jacobian_rank"], r.to_json()["params"], r.summary["critical"]
(6, 36, True)
"""

from dataclasses import dataclass, field

from ..linalg import nullspace, rank, zero_columns
from ..rational import Q, format_rational
from . import probes
from .data import choose_points
from .derivatives import loss_derivatives

__all__ = ["analyze", "LandscapeReport"]


def _fmt(v):
    return format_rational(v)


@dataclass
class LandscapeReport:
    construction: object
    data: object
    derivatives: dict
    summary: dict = field(default_factory=dict)
    points: list = field(default_factory=list)

    def to_json(self):
        c, d = self.construction, self.data
        s = self.summary
        w = c.width
        return {
            "construction": c.name, "level": d.level, "strategy": d.strategy,
            "W": c.matrix_strings(), "coordinates": list(c.coordinates),
            "origin": [_fmt(v) for v in c.origin], "direction": [_fmt(v) for v in c.direction],
            "depth": d.depth,
            "points": [p.to_json() for p in d.points],
            "residuals": [_fmt(r) for r in self.derivatives["residuals"]],
            "loss": _fmt(self.derivatives["loss"]),
            "params": w * w,
            "jacobian_rank": s["jacobian_rank"],
            "zero_columns": [[p // w, p % w] for p in s["zero_columns"]],
            "null_space": [[_fmt(v) for v in vec] for vec in s["null_space"]],
            "hessian_inertia": s["hessian_inertia"],
            "critical": s["critical"],
            "minimum": s["minimum"],
            "radius": _fmt(s["radius"]),
            "zero_loss_dimension": s["zero_loss_dimension"],
            "degenerate_directions": s["degenerate_directions"],
            "positive_definite_radius": None if s["positive_definite_radius"] is None
            else _fmt(s["positive_definite_radius"]),
            "points_on_discontinuity": sum(p.on_discontinuity for p in d.points),
            "not_convex_on_box": None if s.get("nonconvexity") is None else
            {k: (v if isinstance(v, int) and not isinstance(v, bool) else _fmt(v))
             for k, v in s["nonconvexity"].items()},
            "point_probes": [
                {"t": _fmt(p["t"]), "gradient_nonzero": p["gradient_nonzero"],
                 "curved": p["curved"], "single_loss_nonconvex": p["single_loss_nonconvex"]}
                for p in self.points],
        }

    def _repr_html_(self):
        s = self.summary
        rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in [
            ("construction", f"{self.construction.name}, level {self.data.level}, "
                             f"depth {self.data.depth}"),
            ("data", f"{len(self.data.points)} points ({self.data.strategy})"),
            ("loss at W", _fmt(self.derivatives["loss"])),
            ("rank J / parameters", f"{s['jacobian_rank']} / {self.construction.width ** 2}"),
            ("Hessian inertia (+, 0, −)", tuple(s["hessian_inertia"].values())),
            ("certified radius", _fmt(s["radius"])),
            ("zero-loss dimension", f"between {s['zero_loss_dimension']['lower']} and "
                                    f"{s['zero_loss_dimension']['upper']}"),
        ])
        return f"<table>{rows}</table>"


def analyze(construction, level, strategy="gaps", n=None, points=None, W=None,
            point_probes=True):
    """Probe the loss landscape of a construction's data at W (default: its W*)."""
    c = construction
    data = choose_points(c, level, strategy, n, points)
    W = c.W if W is None else [[Q(v) for v in row] for row in W]
    D = loss_derivatives(W, data.xs, data.ys, data.depth)
    J, H = D["jacobian"], D["hessian"]
    inertia = probes.hessian_summary(H)
    critical = all(v == 0 for v in D["gradient"])
    if D["loss"] == 0:
        minimum = "global minimum (L = 0 and L >= 0)"
    elif critical and inertia["negative"] == 0 and inertia["zero"] == 0:
        minimum = "strict local minimum (critical, Hessian positive definite)"
    elif critical and inertia["negative"] > 0:
        minimum = "not a minimum (critical, Hessian has a negative direction)"
    elif not critical:
        minimum = "not a minimum (not even critical)"
    else:
        minimum = "undecided by second order (critical, Hessian degenerate)"
    summary = {
        "jacobian_rank": rank(J),
        "zero_columns": zero_columns(J),
        "null_space": nullspace(J),
        "hessian_inertia": inertia,
        "critical": critical,
        "minimum": minimum,
        "radius": probes.certified_radius(W, data.xs, data.depth),
        "zero_loss_dimension": probes.zero_loss_dimension(W, data, data.depth, J),
    }
    summary["positive_definite_radius"] = (
        probes.positive_definite_box(W, data, data.depth, rho_max=summary["radius"])
        if inertia["zero"] == 0 and inertia["negative"] == 0 and summary["radius"] > 0 else None)
    summary["zero_loss_dimension"]["alpha_family"] = _alpha_evidence(c, data, W)
    summary["nonconvexity"] = probes.orbit_nonconvexity(W, data, data.depth, summary["radius"])
    summary["degenerate_directions"] = _degenerate(W, H, data)
    pts = (probes.point_probes(W, data, data.depth, within=summary["radius"])
           if point_probes else [])
    return LandscapeReport(c, data, D, summary, pts)


def _alpha_evidence(c, data, W):
    """The staircase's split point α moves W but not the function: exact check.

    Returns, for α' a little to the right of α, whether W(α') fits every data
    point exactly and whether W(α') lies outside the rescaling orbit
    {D W D⁻¹} of W (then the zero-loss set holds more than the symmetries).
    """
    if c.name not in ("staircase", "generalized_staircase") or W is not c.W:
        return None
    from ..constructions import generalized_staircase
    from .derivatives import forward

    a, b = c.params.get("a", Q(1, 3)), c.params.get("b", Q(2, 3))
    alpha = c.params.get("alpha", (a + b) / 2)
    alpha2 = alpha + (b - alpha) / 16
    W2 = generalized_staircase(a, b, alpha2).W
    fits = all(forward(W2, x, data.depth)[0][-1][0] == y for x, y in zip(data.xs, data.ys))
    return {"alpha": format_rational(alpha), "alpha_moved_to": format_rational(alpha2),
            "zero_loss": fits, "outside_rescaling_orbit": not _in_orbit(W, W2)}


def _in_orbit(W, W2):
    """Is W2 = D W D⁻¹ for a positive diagonal D (with the data's fixed units free)?"""
    w = len(W)
    ratio = {}
    for i in range(w):
        for j in range(w):
            if (W[i][j] == 0) != (W2[i][j] == 0):
                return False
            if W[i][j] != 0:
                r = W2[i][j] / W[i][j]
                if r <= 0:
                    return False
                ratio[(i, j)] = r
    # need d_i / d_j = ratio(i, j): consistent along every cycle; fix d_0 = 1
    d = {0: Q(1)}
    changed = True
    while changed:
        changed = False
        for (i, j), r in ratio.items():
            if i in d and j not in d:
                d[j] = d[i] / r
                changed = True
            elif j in d and i not in d:
                d[i] = d[j] * r
                changed = True
    return all(d.get(i) is None or d.get(j) is None or d[i] / d[j] == r
               for (i, j), r in ratio.items())


def _degenerate(W, H, data, limit=6):
    """The first null directions of the Hessian and the order of L along each."""
    out = []
    for i, V in enumerate(nullspace(H)[:limit]):
        res = probes.along(W, V, data, data.depth)
        out.append({"index": i, "lowest_order": res["lowest_order"],
                    "s0": format_rational(res["s0"])})
    return out
