# %% [markdown]
# # The note's proof attempt, hole by hole, at the devil's staircase W*
#
# Run: `python examples/landscape_walkthrough.py [OUTDIR]`, or open it as a notebook with
# jupytext. Each step states a claim of the note and what exactrnn finds, exactly. Change the
# parameters in the next cell and re-run to explore: the level, the data, the directions of
# the loss slice and its size.

# %%
import os
import sys
import tempfile

import matplotlib.pyplot as plt

from exactrnn import Q
from exactrnn import format_rational as fr
from exactrnn.constructions import build
from exactrnn.landscape import along, analyze, loss_slice, symmetry_tangents
from exactrnn.plotting import plot_loss_slice

LEVEL = 3             # the Cantor iterate C_LEVEL, computed at depth LEVEL + 1
N_POINTS = 108        # data points (three times w² = 36)
SLICE_NULL = 0        # which null direction of J the slice uses
SLICE_CELLS = 8       # the slice spans ±SLICE_CELLS grid steps of the certified radius / 2

W_star = build("staircase")
print(f"W* ({W_star.width}x{W_star.width}); f_{LEVEL + 1} along t -> x(t) is the Cantor "
      f"iterate C_{LEVEL} on [0, 1]")

# %% [markdown]
# **1.** "Choose n ≫ w² data points on the limiting function, not on its discontinuities."

# %%
r = analyze(W_star, LEVEL, "gaps", n=N_POINTS)
d, s = r.data, r.summary
print(f"{len(d.points)} points in the removed middle thirds (left halves), targets C(t) exact; "
      f"on a discontinuity: {sum(p.on_discontinuity for p in d.points)}")

# %% [markdown]
# **2.** "The loss is a polynomial near W*, with a minimum at W*."

# %%
print(f"L(W*) = {fr(r.derivatives['loss'])}: {s['minimum']}; every pattern is fixed on the "
      f"max-norm box of radius {float(s['radius']):.3g} (certified), so L is one polynomial there")

# %% [markdown]
# **3.** "Each point's zero-loss set is a curved hypersurface of dimension w² − 1", so the
# point losses are not convex.

# %%
pp = r.points
print(f"∇f_i ≠ 0 at {sum(p['gradient_nonzero'] for p in pp)}/{len(pp)} points; curved at "
      f"{sum(bool(p['curved']) for p in pp)}; single-point losses not convex on the certified "
      f"box at {sum(p['single_loss_nonconvex'] for p in pp)} (exact witnesses inside the box)")

# %% [markdown]
# **4.** "I don't know if or how to show their sum is convex." It is not: two zeros of L on the
# rescaling orbit with a positive midpoint, all inside the certified box.

# %%
nc = s["nonconvexity"]
print(f"L(W*) = L(D W* D⁻¹) = 0 (unit {nc['unit']} scaled by {fr(nc['d'])}), "
      f"L(midpoint) = {float(nc['loss_mid']):.3g} > 0")
inert = s["hessian_inertia"]
print(f"Hessian at W*: {inert['positive']} positive, {inert['zero']} zero, "
      f"{inert['negative']} negative eigenvalues; orders of L along its first null directions: "
      f"{[x['lowest_order'] for x in s['degenerate_directions']]} (None: exactly flat)")

# %% [markdown]
# **5.** "With n ≫ w² points the intersection is just W*."

# %%
zl = s["zero_loss_dimension"]
print(f"rank J = {s['jacobian_rank']} of 36: the zero-loss set has dimension between "
      f"{zl['lower']} and {zl['upper']}. Exact symmetries: rescaling the hinge units "
      f"{zl['symmetry_coordinates']} (W -> D W D^-1) fixes every output; the split point α of "
      f"the middle third moves W (to α = {zl['alpha_family']['alpha_moved_to']}) off that orbit "
      f"with zero loss too: {zl['alpha_family']['zero_loss']}")

# %% [markdown]
# **6.** "Some parameters may not affect the loss on any data point."

# %%
print("entries of W that affect no data point:",
      ", ".join(f"W[{a}][{b}]" for a, b in [(p // 6, p % 6) for p in s["zero_columns"]]))

# %% [markdown]
# **7.** "Moving data to the corners brings pathological gradients."

# %%
corners = analyze(W_star, LEVEL, "corners", point_probes=False)
print(f"{sum(p.on_discontinuity for p in corners.data.points)} of {len(corners.data.points)} "
      f"corner points have a pre-activation exactly 0; certified radius "
      f"{fr(corners.summary['radius'])}: L is not one polynomial on any box around W*")

# %% [markdown]
# **8.** Data anywhere: is W* even critical?

# %%
anywhere = analyze(W_star, LEVEL, "anywhere", n=60, point_probes=False)
print(f"evenly spaced data: L(W*) = {fr(anywhere.derivatives['loss'])} > 0; "
      f"W* critical: {anywhere.summary['critical']}")

# %% [markdown]
# ## Exploring: the exact loss along directions and on a plane
# Along the straight line in a rescaling direction the loss has order 4 (the orbit is a curve,
# and the line leaves it quadratically). The slice below is exact; change `SLICE_NULL` or
# `SLICE_CELLS` above to look elsewhere.

# %%
free, tangents = symmetry_tangents(W_star.W, d.xs)
sym = along(W_star.W, tangents[0], d, d.depth)
print(f"along the rescaling direction of unit {free[0]}: lowest order {sym['lowest_order']}")
step = s["radius"] / 2
grid = [step * Q(i) for i in range(-SLICE_CELLS, SLICE_CELLS + 1)]
values = loss_slice(W_star.W, tangents[0], s["null_space"][SLICE_NULL], d, d.depth, grid, grid)
with tempfile.TemporaryDirectory() as scratch:
    folder = sys.argv[1] if len(sys.argv) > 1 else scratch
    path = plot_loss_slice(values, os.path.join(folder, "loss_slice.png"),
                           "L near W*: rescaling direction × null direction",
                           ("s (rescaling)", f"t (null direction {SLICE_NULL})"))
    print("a 2-D slice of the exact loss:",
          path if folder != scratch else "drawn (pass OUTDIR to keep the PNG)")
    if "ipykernel" in sys.modules:          # in a notebook: show it
        plt.imshow(plt.imread(path))
        plt.axis("off")
        plt.show()
