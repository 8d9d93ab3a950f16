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
            "points_on_discontinuity": sum(p.on_discontinuity for p in d.points),
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
    w = len(W)
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
    pts = probes.point_probes(W, data, data.depth) if point_probes else []
    return LandscapeReport(c, data, D, summary, pts)
