# %% [markdown]
# # The note's constructions, verified exactly
#
# Run: `python examples/constructions.py` (a jupytext percent script: open it in Jupyter with
# jupytext, or run it as it is).
#
# Every construction is derived from its recurrence; `checks(K)` compares f_(k+1) with the target
# by exact equality of piecewise-linear functions, and the piece count with its closed form.

# %%
from exactrnn import format_rational as fr
from exactrnn.constructions import CONSTRUCTIONS, build
from exactrnn.constructions.limits import cantor, series_limit

for name in CONSTRUCTIONS:
    c = build(name)
    checks = c.checks(6)
    assert all(ch["equal"] for ch in checks), name
    print(f"{name:<22} width {c.width}  pieces k=1..6: {[ch['pieces'] for ch in checks]}")

# %% [markdown]
# ## The devil's staircase W*
# f_(k+1) along its input line is the Cantor iterate C_k; its pieces are 2^(k+1) − 1.

# %%
W_star = build("staircase")
print("coordinates:", W_star.coordinates)
for row in W_star.matrix_strings():
    print("  ", " ".join(f"{v:>6}" for v in row))
C3 = W_star.target(3)
print("C_3 has", C3.pieces, "pieces; C_3(1/4) =", fr(C3("1/4")), "; C(1/4) =", fr(cantor("1/4")))
assert C3.pieces == 2 ** 4 - 1

# %% [markdown]
# ## Yarotsky's series and the note's variant, and the norm remark
# Σ 4^(−s) g^s(t) = t(1 − t) exactly; the variant's recurrent block has smaller norms.

# %%
from fractions import Fraction

from exactrnn import Q

t = Q("3/10")
assert series_limit(t) == t * (1 - t)
print("Σ 4^-s g^s(3/10) =", fr(series_limit(t)), "= t(1 - t)")
for name in ("yarotsky", "note_variant"):
    rec = build(name).norms(1)["recurrent"]
    lo, hi = (float(Fraction(x)) for x in rec["spectral"])   # a certified bracket, shown
    print(f"{name:<13} recurrent block: inf-norm {rec['inf']}, spectral norm in "
          f"[{lo:.6f}, {hi:.6f}]")
