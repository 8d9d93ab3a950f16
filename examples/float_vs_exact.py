# %% [markdown]
# # Where float64 piece counting goes wrong

# %%
"""Where float64 piece counting goes wrong on the note's constructions.

Run: python examples/float_vs_exact.py [K]

The float64 counter (``exactrnn.float64``) runs the same propagation as the
exact engine, with floats. On dyadic constructions (triangle wave, Yarotsky,
the note's variant read geometrically) every number is a short binary
fraction and float64 happens to be exact. As soon as a hinge sits at 1/3
(staircase, 3-fold sawtooth) it is not: a pre-activation that should vanish
exactly at an existing vertex comes out as ±1e-16, a zero crossing is found
a hair away from the vertex, and a sliver piece appears; a flat step gets a
slope of ±1e-16 and a spurious kink. The counts drift further at every k.
"""

import sys
from fractions import Fraction

from exactrnn.constructions import build
from exactrnn.float64 import float_breakpoints, float_counts

K = int(sys.argv[1]) if len(sys.argv) > 1 else 8
CASES = [("triangle_wave", {}), ("yarotsky", {}), ("note_variant", {}),
         ("note_variant", {"reading": "literal"}), ("sawtooth", {"m": 3}),
         ("staircase", {}), ("generalized_staircase", {"a": "1/5", "b": "3/7"})]



# %%
def first_difference(c, k):
    """Describe the first float64 kink that the exact function does not have."""
    f = c.target(k)
    exact = [Fraction(int(b.numerator), int(b.denominator)) for b in f.breakpoints]
    floats = [float(x) for x in
              float_breakpoints(c.W, c.origin, c.direction, c.interval, c.depth(k))]
    for i, x in enumerate(floats):
        twin = i + 1 < len(floats) and abs(floats[i + 1] - x) < 1e-12
        on_exact = any(abs(float(e) - x) < 1e-12 for e in exact)
        if twin or not on_exact:
            lo = max([e for e in exact if float(e) < x - 1e-12], default=Fraction(0))
            hi = min([e for e in exact if float(e) > x + 1e-12], default=Fraction(1))
            i_piece = len([e for e in exact if float(e) < x - 1e-12])
            slope = f.slopes[i_piece] if not on_exact else None
            where = (f"at the exact breakpoint {min(exact, key=lambda e: abs(float(e) - x))}"
                     if on_exact else f"inside the exact piece ({lo}, {hi})"
                     + (f", where f has slope {slope}" if slope is not None else ""))
            return (f"float64 has {'two kinks' if twin else 'a kink'} at t = {x!r}"
                    + (f" and {floats[i + 1]!r}" if twin else "") + f", {where}")
    return "float64 misses exact breakpoints"


# %% [markdown]
# Exact counts against float64 counts, and the first k where float64 is wrong.

# %%
print(f"{'construction':<36} exact pieces vs float64 pieces, k = 1..{K}")
for name, params in CASES:
    c = build(name, **params)
    exact = [ch["pieces"] for ch in c.checks(K)]
    floats = float_counts(c.W, c.origin, c.direction, c.interval, K + c.offset)[c.offset:]
    label = name + (f"({', '.join(f'{k}={v}' for k, v in params.items())})" if params else "")
    print(f"{label:<36} exact   {exact}")
    print(f"{'':<36} float64 {floats}")
    bad = [k for k, (e, f) in enumerate(zip(exact, floats), start=1) if e != f]
    if bad:
        k = bad[0]
        print(f"{'':<36} first wrong at k = {k}: {first_difference(c, k)}")
