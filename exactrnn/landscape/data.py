"""Data near W*: points on a construction's input line with exact limiting targets.

Strategies (for the staircase family; ``anywhere``, ``corners`` and user data
also for the other constructions):

* ``gaps`` — inside the removed middle intervals of levels 1..L, where the
  finite iterate C_L already equals the limit C. Our W* splits each removed
  interval at its midpoint α (see :mod:`exactrnn.constructions.staircase`):
  on the right half the orbit is sent to u = 0, where the position unit's
  pre-activation is exactly 0 — a corner of f in W. So ``gaps`` uses the
  *left* halves, where every pre-activation is non-zero: the note's
  "data avoiding discontinuities".
* ``anywhere`` — evenly spaced t = j/(n+1); residuals C_L(t) − C(t) may be
  non-zero.
* ``corners`` — the breakpoints of C_L, deliberately.
* user data — ``(t, y)`` pairs.

Every point records exactly whether it is *on a discontinuity*: some
pre-activation is exactly 0 at W* along the k steps.
"""

from dataclasses import dataclass, field

from ..errors import InvalidParameterError
from ..rational import Q, format_rational
from .derivatives import forward, on_boundary

__all__ = ["DataPoint", "Dataset", "choose_points", "staircase_gaps"]


@dataclass(frozen=True)
class DataPoint:
    t: object
    x: tuple
    y: object
    boundary: tuple = ()  # (step, unit) pairs with pre-activation exactly 0 at W*

    @property
    def on_discontinuity(self):
        return bool(self.boundary)

    def to_json(self):
        return {"t": format_rational(self.t), "y": format_rational(self.y),
                "on_discontinuity": self.on_discontinuity,
                "zero_preactivations": [list(b) for b in self.boundary]}


@dataclass
class Dataset:
    construction: object
    level: int
    strategy: str
    points: list = field(default_factory=list)

    @property
    def depth(self):
        return self.construction.depth(self.level)

    @property
    def xs(self):
        return [p.x for p in self.points]

    @property
    def ys(self):
        return [p.y for p in self.points]


def _limit_function(c):
    from ..constructions import limits

    name, params = c.name, c.params
    if name in ("staircase", "generalized_staircase"):
        a, b = params.get("a", Q(1, 3)), params.get("b", Q(2, 3))
        return lambda t: limits.staircase_limit(t, a, b)
    if name == "yarotsky":
        return lambda t: limits.series_limit(t, params["ratio"], params["scale"])
    if name == "note_variant":
        return lambda t: limits.note_variant_limit(t, params["reading"])
    return None


def staircase_gaps(a, b, level):
    """The removed intervals (g0, g1) of levels 1..level, with the split point of W*."""
    a, b = Q(a), Q(b)
    alpha = (a + b) / 2
    maps = [lambda x: x]
    gaps = []
    for _ in range(level):
        gaps += [(f(a), f(b), f(alpha)) for f in maps]
        maps = [g for f in maps for g in (lambda x, f=f: f(a * x),
                                         lambda x, f=f: f(b + (1 - b) * x))]
    return sorted(gaps)


def choose_points(construction, level, strategy="gaps", n=None, points=None):
    """A :class:`Dataset` on the construction's line for iterate ``level``."""
    c = construction
    if isinstance(level, bool) or not isinstance(level, int) or level < 1:
        raise InvalidParameterError(f"level={level!r} must be an integer >= 1")
    w = c.width
    n = n or 3 * w * w
    depth = c.depth(level)
    limit = _limit_function(c) or c.target(level)
    if points is not None:
        pairs = [(Q(t, name="t"), Q(y, name="y")) for t, y in points]
        strategy = "user"
    elif strategy == "gaps":
        if c.name not in ("staircase", "generalized_staircase"):
            raise InvalidParameterError("the gaps strategy needs a staircase construction")
        a, b = c.params.get("a", Q(1, 3)), c.params.get("b", Q(2, 3))
        gaps = staircase_gaps(a, b, level)
        per = -(-n // len(gaps))
        cand = [(j, g0 + (mid - g0) * Q(j, per + 1)) for g0, _, mid in gaps
                for j in range(1, per + 1)]
        cand.sort(key=lambda jt: (abs(jt[0] - (per + 1) / 2), jt[1]))  # spread first
        ts = sorted(t for _, t in cand[:n])
        pairs = [(t, limit(t)) for t in ts]
    elif strategy == "anywhere":
        pairs = [(Q(j, n + 1), limit(Q(j, n + 1))) for j in range(1, n + 1)]
    elif strategy == "corners":
        bps = list(c.target(level).breakpoints)
        step = max(1, len(bps) // n)
        pairs = [(t, limit(t)) for t in bps[::step][:n]]
    else:
        raise InvalidParameterError(
            f"data strategy {strategy!r} is not one of gaps, anywhere, corners (or a file)")
    line = c.line()
    out = []
    for t, y in pairs:
        lo, hi = c.interval
        if not lo <= t <= hi:
            raise InvalidParameterError(f"t={format_rational(t)} is outside the interval "
                                        f"[{format_rational(lo)}, {format_rational(hi)}]")
        x = line.point(t)
        _, pre = forward(c.W, x, depth)
        out.append(DataPoint(t, x, y, tuple(on_boundary(pre))))
    return Dataset(c, level, strategy, out)
