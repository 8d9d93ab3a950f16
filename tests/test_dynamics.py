"""Transition graphs, walk bounds and plane counts: by hand, and against brute force."""

import json
import os
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import lines, networks

from exactrnn import InputLine, InvalidParameterError, ReLURNN
from exactrnn._lp import feasible_point
from exactrnn.cli import main
from exactrnn.dynamics import (
    growth_rate,
    growth_sccs,
    observed_transitions,
    transition_graph,
    walk_bounds,
)
from exactrnn.plane import plane_regions

TENT = "2,-4,0; 2,-4,-1/2; 0,0,1"


def F(x):
    return Fraction(int(x.numerator), int(x.denominator))


def test_tent_graph_by_hand():
    # z = W x: z2 = z1 - x3/2, z3 = x3, so "011" (z1 <= 0 < z2, z3 > 0) and "100"
    # (z2 <= 0 < z1, z3 <= 0) are impossible; the other six patterns occur.
    # Transitions, from y = ReLU(z) supported on σ and z' = W y:
    #   000 -> 000; 001 -> 001 (z' = (0, -y3/2, y3)); 010 -> 000 (z' = (-4y2, -4y2, 0));
    #   110 -> 110, 000; 101 -> 101, 111; 111 -> 101, 111, 001.
    G = transition_graph(TENT)
    assert sorted(G.nodes) == ["000", "001", "010", "101", "110", "111"]
    assert sorted(G.edges) == sorted([
        ("000", "000"), ("001", "001"), ("010", "000"), ("110", "110"), ("110", "000"),
        ("101", "101"), ("101", "111"), ("111", "101"), ("111", "111"), ("111", "001")])
    # B_1 = 6 start patterns; B_2 = sum of their out-degrees = 1+1+1+2+2+3
    assert walk_bounds(G, 2) == [6, 10]
    # the component {101, 111} has adjacency [[1, 1], [1, 1]]: spectral radius 2
    assert growth_rate(G) == (2, 2)
    top = growth_sccs(G)[0]
    assert top["nodes"] == ["101", "111"] and top["carries_growth"]


def test_edge_witnesses_are_exact():
    from exactrnn.constructions import build

    W = build("staircase").W
    G = transition_graph(W)
    for a, b, data in G.edges(data=True):
        y = data["witness"]
        assert all((v > 0) == (bit == "1") for v, bit in zip(y, a))
        z = [sum(wij * yj for wij, yj in zip(row, y)) for row in W]
        assert "".join("1" if v > 0 else "0" for v in z) == b
    for n in G.nodes:
        if G.nodes[n]["start"]:
            x = G.nodes[n]["witness_x"]
            z = [sum(wij * xj for wij, xj in zip(row, x)) for row in W]
            assert "".join("1" if v > 0 else "0" for v in z) == n


@pytest.mark.parametrize("memory", [1, 2, 3])
@settings(max_examples=40, deadline=None)
@given(W=networks(max_width=3), data=st.data())
def test_walk_bound_is_sound(memory, W, data):
    origin, direction, interval = data.draw(lines(len(W)))
    k = data.draw(st.integers(1, 5))
    G = transition_graph(W, memory=memory)
    line = InputLine(origin, direction, interval)
    bounds = walk_bounds(G, k)
    for r in ReLURNN(W).count(line, k, all_k=True):
        assert r.pieces <= r.activation_regions <= bounds[r.k - 1]
    if memory == 1:
        starts, edges = observed_transitions(ReLURNN(W), line, k)
        assert starts <= {n for n in G.nodes if G.nodes[n]["start"]}
        assert edges <= set(G.edges)


def test_memory_tightens_the_staircase_bound():
    from exactrnn.constructions import build

    W = build("staircase").W
    rates = [growth_rate(transition_graph(W, memory=m))[1] for m in (1, 2, 3)]
    assert rates[0] > rates[1] > rates[2] >= 2   # measured rate of the staircase: 2
    # memory 3: 1 + sqrt(2) (the bracket contains it: (x - 1)^2 = 2)
    lo, hi = growth_rate(transition_graph(W, memory=3))
    assert (lo - 1) ** 2 <= 2 <= (hi - 1) ** 2


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.integers(-3, 3), min_size=n, max_size=n), min_size=1, max_size=5),
    st.lists(st.integers(-3, 3), min_size=5, max_size=5))))
def test_lp_against_fourier_motzkin(problem):
    A, b = problem
    b = b[:len(A)]
    x = feasible_point(A, b)
    assert (x is not None) == fourier_motzkin_feasible(A, b)
    if x is not None:
        assert all(v >= 0 for v in x)
        assert all(sum(a * v for a, v in zip(row, x)) <= bi for row, bi in zip(A, b))


def fourier_motzkin_feasible(A, b):
    """Is {x >= 0 : A x <= b} non-empty? Eliminate variables one at a time."""
    n = len(A[0])
    rows = [([Fraction(v) for v in r], Fraction(c)) for r, c in zip(A, b)]
    rows += [([Fraction(-1 if j == i else 0) for j in range(n)], Fraction(0)) for i in range(n)]
    for var in range(n):
        pos = [(r, c) for r, c in rows if r[var] > 0]
        neg = [(r, c) for r, c in rows if r[var] < 0]
        rest = [(r, c) for r, c in rows if r[var] == 0]
        for rp, cp in pos:
            for rn, cn in neg:
                a, bb = rp[var], -rn[var]
                rest.append(([bb * u + a * v for u, v in zip(rp, rn)], bb * cp + a * cn))
        rows = rest
    return all(c >= 0 for _, c in rows)


def test_width_limit():
    with pytest.raises(InvalidParameterError, match="width 8"):
        transition_graph([[0] * 8 for _ in range(8)])


# -- planes ----------------------------------------------------------------------

def sweep(W, u, v, k, n=1200):
    """Brute force: exact gradients at n generic points around the square, cyclic runs."""
    W = [[Fraction(x) for x in row] for row in W]
    u, v = [Fraction(x) for x in u], [Fraction(x) for x in v]
    w = len(W)
    grads = []
    for i in range(n):
        s = Fraction(8 * i, n) + Fraction(1, 7919)  # position along the perimeter, 0..8
        edge, t = int(s // 2), s % 2 - 1
        a, b = [(1, t), (-t, 1), (-1, -t), (t, -1)][edge]
        x = [a * ui + b * vi for ui, vi in zip(u, v)]
        # gradient of f_k at x: e1^T D_k W ... D_1 W, patterns read at x
        h, J = x, [[Fraction(int(i == j)) for j in range(w)] for i in range(w)]
        for _ in range(k):
            z = [sum(r * hh for r, hh in zip(row, h)) for row in W]
            J = [[sum(W[i][m] * J[m][j] for m in range(w)) if z[i] > 0 else Fraction(0)
                  for j in range(w)] for i in range(w)]
            h = [max(zz, Fraction(0)) for zz in z]
        g = J[0]
        grads.append((sum(gi * ui for gi, ui in zip(g, u)), sum(gi * vi for gi, vi in zip(g, v))))
    runs = sum(grads[i] != grads[i - 1] for i in range(n))
    return max(runs, 1)


@pytest.mark.parametrize("W, u, v, k", [
    ([[1, -1], [-1, 1]], [1, 0], [0, 1], 3),
    ([[2, -1], [1, 1]], [1, 0], [0, 1], 4),
    ([[1, 2], [-3, 1]], [1, 0], [0, 1], 4),
    ([[0, 1], [-1, 0]], [1, 0], [0, 1], 3),
    ([[2, -4, 0], [2, -4, Fraction(-1, 2)], [0, 0, 1]], [1, 0, 0], [0, 0, 1], 4),
])
def test_plane_against_angular_sweep(W, u, v, k):
    (r,) = plane_regions(W, u, v, k)
    assert r.linear_regions == sweep(W, u, v, k)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.integers(-2, 2), min_size=2, max_size=2), min_size=2, max_size=2),
       st.integers(1, 3))
def test_plane_random_w2(W, k):
    (r,) = plane_regions(W, [1, 0], [0, 1], k)
    assert r.linear_regions == sweep(W, [1, 0], [0, 1], k, n=800)
    assert r.linear_regions <= r.activation_regions


def test_dynamics_cli(capsys, tmp_path):
    assert main(["dynamics", "--k", "4", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"nodes", "edges", "spectral_radius", "walks", "measured", "sccs"}
    assert doc["walks"] == [6, 10, 17, 30] and doc["spectral_radius"] == ["2", "2"]
    assert [m["activation_regions"] for m in doc["measured"]] == [2, 4, 8, 16]
    png = tmp_path / "g.png"
    assert main(["dynamics", "--W", "1,-1;-1,1", "--k", "3", "--plot", str(png)]) == 0
    assert os.path.getsize(png) > 1000
    assert main(["count", "--W", "1,-1;-1,1", "--plane", "1,0", "0,1", "--k", "2",
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert doc["results"] == [{"k": 2, "linear_regions": 2, "activation_regions": 2}]
