"""Emitters: certificates for what exactrnn computed, in the format check.py reads.

Each emitter computes its claim with the fast code and attaches the witness
that makes independent checking cheap and complete (see docs/certificates.md).
Writing is atomic: a temporary file in the same folder, flushed, fsynced,
then renamed over the target.
"""

import json
import os
import tempfile

from .. import __version__
from ..rational import format_rational as fr

__all__ = ["pieces_claim", "construction_claim", "landscape_claims", "document", "write"]


def _vec(v):
    return [fr(x) for x in v]


def _mat(M):
    return [_vec(row) for row in M]


def _regions(net, line, k):
    """Region cuts (activation boundaries) and each region's pattern sequence."""
    from .._engine import levels as _levels

    chunks = None
    for _, _, _, chunks in net._levels(line, k, 1 << 40, False):
        pass
    cuts = []
    for ci, c in enumerate(chunks):
        start = 0 if ci else 1
        for i in range(start, c.size - 1):
            if c.flag[i] and int(c.V[0, i]) != 0:
                cuts.append(_levels._to_q(int(c.V[1, i]), int(c.V[0, i])))
    lo, hi = line.domain
    ends = [lo] + cuts + [hi]
    W = net.W
    patterns = []
    for a, b in zip(ends, ends[1:]):
        t = (a + b) / 2 if a is not None and b is not None else \
            (b - 1 if a is None and b is not None else (a + 1 if a is not None else 0 * W[0][0]))
        h = list(line.point(t))
        steps = []
        for _ in range(k):
            z = [sum((wij * hj for wij, hj in zip(row, h)), 0 * W[0][0]) for row in W]
            steps.append("".join("1" if v > 0 else "0" for v in z))
            h = [v if v > 0 else 0 * v for v in z]
        patterns.append("|".join(steps))
    return cuts, patterns


def pieces_claim(net, line, k):
    """The pieces claim for f_k along ``line``, with its region witness."""
    (r,) = net.count(line, k, breakpoints=True, progress=False)
    cuts, patterns = _regions(net, line, k)
    claim = {"type": "pieces", "W": _mat(net.W), "origin": _vec(line.origin),
             "direction": _vec(line.direction), "domain": line.domain_json(), "k": k,
             "pieces": r.pieces, "activation_regions": r.activation_regions,
             "breakpoints": _vec(r.breakpoints), "cuts": _vec(cuts), "patterns": patterns}
    if list(net.readout) != [1] + [0] * (net.width - 1):
        claim["readout"] = _vec(net.readout)
    return claim


def construction_claim(construction, k):
    """f_{k+offset} of a construction equals its target (with the pieces witness)."""
    c = construction
    claim = pieces_claim(c.network(), c.line(), c.depth(k))
    claim.update({"type": "construction", "name": c.name, "k": k, "offset": c.offset,
                  "params": {key: (v if isinstance(v, str) else fr(v))
                             for key, v in c.params.items()}})
    return claim


def landscape_claims(report):
    """Rank (with minor and null space), inertia (with LDLᵀ) and, if positive, the radius."""
    from ..linalg import ldlt, nullspace, rref

    from ..errors import InvalidParameterError

    c, d = report.construction, report.data
    if any(p.on_discontinuity for p in d.points):
        raise InvalidParameterError(
            "some data points sit on corners of f at W: the Jacobian and Hessian are not "
            "defined there, so no rank or inertia certificate (choose gaps data)")
    J, H = report.derivatives["jacobian"], report.derivatives["hessian"]
    base = {"W": _mat(c.W), "origin": _vec(c.origin), "direction": _vec(c.direction),
            "depth": d.depth, "points": [{"t": fr(p.t), "y": fr(p.y)} for p in d.points]}
    _, cols = rref(J)
    _, rows = rref([list(col) for col in zip(*J)])
    null = nullspace(J)
    free = [j for j in range(len(J[0])) if j not in cols]
    claims = [dict(base, type="rank", jacobian_rank=len(cols),
                   minor={"rows": rows, "cols": cols}, null_space=_mat(null) if null else [],
                   null_minor=free)]
    perm, L, D = ldlt(H)
    claims.append(dict(base, type="inertia", hessian_inertia=report.summary["hessian_inertia"],
                       ldl={"perm": perm, "L": _mat(L), "D": _mat(D)}))
    if report.summary["radius"] > 0:
        claims.append(dict(base, type="radius", radius=fr(report.summary["radius"])))
    return claims


def document(claims):
    # imported here so that `python -m exactrnn.certificates.check` runs the
    # checker fresh rather than a copy the package already imported
    from .check import FORMAT, VERSION, digest

    claims = json.loads(json.dumps(list(claims)))  # plain JSON values, as a reader sees them
    return {"format": FORMAT, "version": VERSION, "created_by": f"exactrnn {__version__}",
            "claims": claims, "digest": digest(claims)}


def write(doc, path):
    """Write atomically: nothing half-written is ever left at ``path``."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".cert-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
