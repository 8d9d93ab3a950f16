# %%
"""Counting the affine pieces of f_k exactly: a first session with exactrnn.

Run: python examples/counting_pieces.py
"""

from exactrnn import InputLine, PiecewiseLinear, Q, ReLURNN, format_rational

# %%
# The tent-map network: along x(t) = (t/2, 0, 1), f_k is the tent map
# iterated k-1 times on [0, 1] (the third unit is a constant 1, a bias).
net = ReLURNN("2,-4,0; 2,-4,-1/2; 0,0,1")
line = InputLine(origin="0,0,1", direction="1/2,0,0", interval=(0, 1))

print("k  pieces  activation regions")
for r in net.count(line, 10, all_k=True):
    print(f"{r.k:<2} {r.pieces:>6}  {r.activation_regions:>6}")

# %%
# f_3 along the line as an exact piecewise-linear function
f3 = net.on_line(line, 3)
print("f_3 =", f3)
print("breakpoints:", [format_rational(b) for b in f3.breakpoints])

# %%
# ... which is the tent map composed with itself, built independently
tent = PiecewiseLinear([(0, 0), ("1/2", 1), (1, 0)])
assert f3 == tent(tent)

# %%
# exact point values; a float only ever enters through an explicit conversion
print("f_12 at x = (1/3, 0, 1):", format_rational(net.f(["1/3", 0, 1], 12)))
print("0.1 as typed:", format_rational(Q("0.1")),
      "| the double 0.1:", format_rational(Q.from_float(0.1)))

# %%
# on the whole line: f_k is 0 outside [0, 1] from k = 2 on
whole = InputLine("0,0,1", "1/2,0,0", interval=(None, None))
print("on R, k = 5:", net.count(whole, 5)[0])
