# %%
"""The note's proof attempt, hole by hole, at the devil's staircase W*.

Run: python examples/landscape_walkthrough.py [OUTDIR]

Each step states a claim of the note and what exactrnn finds, exactly.
"""

import os
import sys
import tempfile

from exactrnn import format_rational as fr
from exactrnn.constructions import build
from exactrnn.landscape import along, analyze, loss_slice, symmetry_tangents

out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="exactrnn-")
LEVEL = 3
W_star = build("staircase")
print(f"W* ({W_star.width}x{W_star.width}); f_{LEVEL + 1} along t -> x(t) is the Cantor "
      f"iterate C_{LEVEL} on [0, 1]")

# %%
# 1. "Choose n >> w² data points on the limiting function, not on its discontinuities."
r = analyze(W_star, LEVEL, "gaps", n=108)
d = r.data
print(f"\n1. data: {len(d.points)} points in the removed middle thirds (left halves), "
      f"targets C(t) exact; on a discontinuity: {sum(p.on_discontinuity for p in d.points)}")

# %%
# 2. "The loss is a polynomial near W*, with a minimum at W*."
s = r.summary
print(f"2. L(W*) = {fr(r.derivatives['loss'])}: {s['minimum']}; every pattern is fixed on the "
      f"max-norm box of radius {float(s['radius']):.3g} (certified), so L is one polynomial there")

# %%
# 3. "Each point's zero-loss set is a curved hypersurface of dimension w² − 1."
pp = r.points
print(f"3. ∇f_i ≠ 0 at {sum(p['gradient_nonzero'] for p in pp)}/{len(pp)} points "
      f"(hypersurfaces of dimension 35); curved at {sum(bool(p['curved']) for p in pp)}; "
      f"single-point losses provably non-convex at {sum(p['single_loss_nonconvex'] for p in pp)}")

# %%
# 4. "With n >> w² points the intersection is just W*."
zl = s["zero_loss_dimension"]
print(f"4. but rank J = {s['jacobian_rank']} of 36: the zero-loss set has dimension between "
      f"{zl['lower']} and {zl['upper']}. Exact symmetries: rescaling the hinge units "
      f"{zl['symmetry_coordinates']} (W -> D W D^-1) fixes every output; the split point α of "
      f"the middle third moves W (to α = {zl['alpha_family']['alpha_moved_to']}) off that orbit "
      f"with zero loss too: {zl['alpha_family']['zero_loss']}")

# %%
# 5. "Some parameters may not affect the loss on any data point."
print(f"5. entries of W that affect no data point: "
      f"{', '.join(f'W[{a}][{b}]' for a, b in [(p // 6, p % 6) for p in s['zero_columns']])}")

# %%
# 6. "Point losses are not convex; is their sum?"
inert = s["hessian_inertia"]
print(f"6. Hessian of L at W*: {inert['positive']} positive, {inert['zero']} zero, "
      f"{inert['negative']} negative eigenvalues: positive semi-definite, degenerate; along "
      f"degenerate directions the loss grows at order "
      f"{sorted({x['lowest_order'] for x in s['degenerate_directions']}, key=str)} "
      f"(None: exactly flat on a certified interval)")

# %%
# 7. "Moving data to the corners brings pathological gradients."
corners = analyze(W_star, LEVEL, "corners", point_probes=False)
print(f"7. at corner data: {sum(p.on_discontinuity for p in corners.data.points)} of "
      f"{len(corners.data.points)} points have a pre-activation exactly 0; certified radius "
      f"{fr(corners.summary['radius'])}: L is not one polynomial on any box around W*")

# %%
# 8. Data anywhere: is W* even critical?
anywhere = analyze(W_star, LEVEL, "anywhere", n=60, point_probes=False)
print(f"8. evenly spaced data: L(W*) = {fr(anywhere.derivatives['loss'])} > 0 and W* is "
      f"critical: {anywhere.summary['critical']}")

# %%
# slices: along a rescaling symmetry (loss of order 4 on the straight line) and a flat direction
free, tangents = symmetry_tangents(W_star.W, d.xs)
sym = along(W_star.W, tangents[0], d, d.depth)
print(f"\nalong the straight line in the rescaling direction of unit {free[0]}: lowest order "
      f"{sym['lowest_order']} (the orbit is a curve; the line leaves it quadratically)")
try:
    from exactrnn import Q
    from exactrnn.plotting import plot_loss_slice

    grid = [Q(i, 400) for i in range(-8, 9)]
    vals = loss_slice(W_star.W, tangents[0], s["null_space"][0], d, d.depth, grid, grid)
    path = plot_loss_slice(vals, os.path.join(out, "loss_slice.png"),
                           "L near W*: symmetry direction × null direction",
                           ("s (rescaling)", "t (null direction 0)"))
    print(f"a 2-D slice of the exact loss: {path}")
except ImportError:
    pass
