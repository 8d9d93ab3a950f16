"""Growth rates: the activation transition graph and certified bounds on pieces.

Because W has no bias, ``x -> ReLU(W x)`` is positively homogeneous, and the
activation patterns a piece of an input line passes through form a walk in a
finite graph:

* **nodes** are activation patterns ``σ ∈ {0,1}^w`` of a pre-activation
  ``z = W h`` (``σ_j = 1`` iff ``z_j > 0``, as in the engine: a unit at
  exactly 0 is inactive);
* an **edge** ``σ -> τ`` exists when some ``z`` with pattern σ is mapped by
  ``z -> W ReLU(z)`` to a vector with pattern τ. With ``y = ReLU(z)``, which
  ranges over the vectors positive on σ and zero off σ, this is the exact
  linear feasibility problem ``y_σ >= 1, (W_σ y)_τ >= 1, (W_σ y)_{not τ} <= 0``
  (homogeneity turns every strict inequality into ``>= 1``), solved over Q
  by SymPy's simplex; each edge keeps its rational witness ``y``;
* **start nodes** are the patterns of ``z_1 = W x`` for some ``x``.

Along a line, distinct activation regions of ``f_k`` have distinct pattern
sequences (the inputs with a given sequence form a convex set, which meets a
line in one interval), and every sequence is a walk of k nodes from a start
node. So the number of walks ``B_k`` bounds the activation regions of ``f_k``
along **any** line, hence its affine pieces; and ``B_k^{1/k}`` tends to the
spectral radius of the adjacency matrix, the certified bound on the growth
rate.

>>> from exactrnn.dynamics import transition_graph, walk_bounds, growth_rate
>>> G = transition_graph("2,-4,0; 2,-4,-1/2; 0,0,1")       # the tent-map network
>>> sorted(G.nodes)
['000', '001', '010', '101', '110', '111']
>>> walk_bounds(G, 6)              # activation regions along [0, 1]: 2, 4, 8, 16, 32, 64
[6, 10, 17, 30, 55, 104]
>>> [str(v) for v in growth_rate(G)]
['2', '2']
"""

import itertools

import networkx as nx

from ._lp import feasible_point
from .errors import InvalidParameterError
from .norms import perron_root
from .rational import Q, as_matrix, format_rational

__all__ = ["transition_graph", "walk_bounds", "growth_rate", "growth_sccs",
           "observed_transitions", "MAX_WIDTH"]

#: 2^w nodes and up to 4^w feasibility problems: beyond this width, refuse.
MAX_WIDTH = 7


def _pattern(bits):
    return "".join("1" if b else "0" for b in bits)


def _feasible(rows_ge1, rows_le0, nvars):
    """A rational y with y >= 1, r·y >= 1 for r in rows_ge1, r·y <= 0 for rows_le0, or None.

    With y = 1 + s, s >= 0, this is ``feasible_point`` on
    ``−r·s <= r·1 − 1`` and ``r·s <= −r·1``.
    """
    if nvars == 0:
        return [] if not rows_ge1 else None
    A, b = [], []
    for r in rows_ge1:
        A.append([-v for v in r])
        b.append(sum(r) - 1)
    for r in rows_le0:
        A.append(list(r))
        b.append(-sum(r))
    if not A:
        return [Q(1)] * nvars
    s = feasible_point(A, b)
    return None if s is None else [1 + v for v in s]


def _start_patterns(W):
    """Patterns σ of z = W x for some x in R^w (x free: split x = x⁺ − x⁻)."""
    w = len(W)
    out = {}
    for sigma in itertools.product((0, 1), repeat=w):
        # variables (x⁺, x⁻) >= 0 — with the y >= 1 normalisation of _feasible,
        # shift: x = x⁺ − x⁻ with x⁺, x⁻ >= 1 still spans all of R^w.
        rows = [list(W[j]) + [-v for v in W[j]] for j in range(w)]
        ge = [rows[j] for j in range(w) if sigma[j]]
        le = [rows[j] for j in range(w) if not sigma[j]]
        y = _feasible(ge, le, 2 * w)
        if y is not None:
            out[_pattern(sigma)] = [a - b for a, b in zip(y[:w], y[w:])]
    return out


def _sequence_rows(W, seq, free_start):
    """Linear constraints making the pattern sequence ``seq`` feasible.

    Variables: ``y = ReLU(z_1)`` on the support of ``seq[0]`` (or, with
    ``free_start``, the input ``x = x⁺ − x⁻`` with ``z_1 = W x``). Every later
    ``z_j`` is a linear function of them once the patterns are fixed. Returns
    ``(rows >= 1, rows <= 0, nvars, to_vector)``.
    """
    w = len(W)
    zero = Q(0)
    if free_start:
        nvars = 2 * w
        basis = [[(W[i][j] if v < w and j == v else -W[i][j] if v >= w and j == v - w else zero)
                  for v in range(nvars)] for i in range(w) for j in range(w)]
        # z_1[i] as a row over the variables
        z = [[sum(basis[i * w + j][v] for j in range(w)) for v in range(nvars)] for i in range(w)]
        ge, le, first = [], [], 0
    else:
        act = [j for j in range(w) if seq[0][j] == "1"]
        nvars = len(act)
        # y_1 = the variables on `act`; z_2 = W y_1
        y = [[Q(1) if (j in act and act.index(j) == v) else zero for v in range(nvars)]
             for j in range(w)]
        z = [[sum(W[i][j] * y[j][v] for j in range(w)) for v in range(nvars)] for i in range(w)]
        ge, le, first = [], [], 1
    for j, pattern in enumerate(seq[first:]):
        for i in range(w):
            (ge if pattern[i] == "1" else le).append(z[i])
        if j + first == len(seq) - 1:
            break
        y = [z[i] if pattern[i] == "1" else [zero] * nvars for i in range(w)]
        z = [[sum(W[i][m] * y[m][v] for m in range(w)) for v in range(nvars)] for i in range(w)]
    return ge, le, nvars


def _feasible_sequence(W, seq, free_start):
    ge, le, nvars = _sequence_rows(W, seq, free_start)
    return _feasible(ge, le, nvars)


def transition_graph(W, memory=1):
    """The activation transition graph of ``z -> W ReLU(z)`` (a networkx DiGraph).

    With ``memory = m > 1`` the nodes are the jointly feasible windows of m
    consecutive patterns (named ``"σ1|σ2|…"``) and the edges join
    overlapping windows whose union is feasible: still an over-approximation
    of the pattern sequences along any line, and a tighter one.

    Node attributes: ``start`` (the window can begin at the input),
    ``witness_x`` for start nodes. Edge attribute ``witness``: a ``y >= 0``
    (the ReLU output) realising the transition (memory 1 only).
    """
    W = as_matrix(W)
    w = len(W)
    if w > MAX_WIDTH:
        raise InvalidParameterError(
            f"width {w} > {MAX_WIDTH}: the transition graph has 2^w nodes and needs up to "
            f"4^w exact feasibility problems")
    if isinstance(memory, bool) or not isinstance(memory, int) or not 1 <= memory <= 4:
        raise InvalidParameterError(f"memory={memory!r} must be an integer from 1 to 4")
    G = nx.DiGraph(width=w, memory=memory)
    starts = _start_patterns(W)
    for sigma in itertools.product((0, 1), repeat=w):
        name = _pattern(sigma)
        act = [j for j in range(w) if sigma[j]]
        cols = [[W[i][j] for j in act] for i in range(w)]
        for tau in itertools.product((0, 1), repeat=w):
            ge = [cols[i] for i in range(w) if tau[i]]
            le = [cols[i] for i in range(w) if not tau[i]]
            y = _feasible(ge, le, len(act))
            if y is not None:
                full = [Q(0)] * w
                for j, v in zip(act, y):
                    full[j] = v
                G.add_edge(name, _pattern(tau), witness=full)
    for name, x in starts.items():
        G.add_node(name, start=True, witness_x=x)
    for name in G.nodes:
        G.nodes[name].setdefault("start", False)
    # keep only what a walk from a start node can visit
    reach = set()
    for s in starts:
        reach |= {s} | nx.descendants(G, s)
    G.remove_nodes_from([n for n in list(G.nodes) if n not in reach])
    # counts of feasible input-started sequences of length 1..memory-1 (for B_k, k < m)
    G.graph["short_walks"] = [len(starts)]
    for _ in range(memory - 1):
        G = _refine(W, G)
    return G


def _refine(W, G):
    """One more pattern of memory: windows of length m+1, edges between overlaps."""
    m = G.graph["memory_done"] if "memory_done" in G.graph else 1
    H = nx.DiGraph(width=G.graph["width"], memory=G.graph["memory"], memory_done=m + 1)
    windows = {}
    for a, b in G.edges:  # a window of length m+1 = an edge of G
        seq = a.split("|") + [b.split("|")[-1]]
        start = G.nodes[a]["start"] and _feasible_sequence(W, seq, True) is not None
        if start or _feasible_sequence(W, seq, False) is not None:
            windows["|".join(seq)] = start
    for name, start in windows.items():
        H.add_node(name, start=start)
    by_prefix = {}
    for name in windows:
        by_prefix.setdefault("|".join(name.split("|")[:-1]), []).append(name)
    for name in windows:
        tail = "|".join(name.split("|")[1:])
        for nxt in by_prefix.get(tail, ()):
            seq = name.split("|") + [nxt.split("|")[-1]]
            if _feasible_sequence(W, seq, False) is not None or (
                    windows[name] and _feasible_sequence(W, seq, True) is not None):
                H.add_edge(name, nxt)
    reach = set()
    for s in (n for n in H.nodes if H.nodes[n]["start"]):
        reach |= {s} | nx.descendants(H, s)
    H.remove_nodes_from([n for n in list(H.nodes) if n not in reach])
    H.graph["short_walks"] = G.graph["short_walks"] + [sum(1 for n in windows if windows[n])]
    return H


def walk_bounds(G, K):
    """``[B_1, …, B_K]``: bounds on the activation regions of f_k along any line.

    For memory m, ``B_k`` (k < m) counts the feasible input-started pattern
    sequences of length k, and ``B_k`` (k >= m) the walks of ``k − m + 1``
    nodes from a start node (exact integers).
    """
    short = G.graph.get("short_walks", [])
    m = len(short)
    nodes = sorted(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    counts = [1 if G.nodes[n]["start"] else 0 for n in nodes]
    out = list(short[:min(K, m - 1)]) if m > 1 else []
    while len(out) < K:
        out.append(sum(counts))
        nxt = [0] * len(nodes)
        for a, b in G.edges:
            nxt[index[b]] += counts[index[a]]
        counts = nxt
    return out


def _adjacency(G, nodes):
    return [[1 if G.has_edge(a, b) else 0 for b in nodes] for a in nodes]


def growth_rate(G):
    """Certified bracket of the spectral radius of the adjacency matrix."""
    nodes = sorted(G.nodes)
    if not nodes:
        return Q(0), Q(0)
    return perron_root(_adjacency(G, nodes))


def growth_sccs(G):
    """Strongly connected components with their spectral-radius brackets.

    The components whose bracket reaches the overall rate carry the growth.
    Returns a list of ``{"nodes", "spectral_radius": (lo, hi), "carries_growth"}``.
    """
    lo_all, hi_all = growth_rate(G)
    out = []
    for comp in nx.strongly_connected_components(G):
        comp = sorted(comp)
        sub = G.subgraph(comp)
        if sub.number_of_edges() == 0:
            rate = (Q(0), Q(0))
        else:
            rate = perron_root(_adjacency(sub, comp))
        out.append({"nodes": comp, "spectral_radius": rate,
                    "carries_growth": rate[1] >= lo_all and rate[1] > 0})
    out.sort(key=lambda c: (-c["spectral_radius"][1], c["nodes"]))
    return out


def observed_transitions(net, line, k, max_regions=200_000):
    """The transitions the engine meets along ``line`` up to depth k.

    Each activation region of ``f_k`` is probed at an interior point, where
    its pattern sequence is read off by an exact forward pass.
    """
    from .rnn import ReLURNN

    if not isinstance(net, ReLURNN):
        net = ReLURNN(net)
    curve = net.hidden_on_line(line, k)
    if curve.pieces > max_regions:
        raise InvalidParameterError(f"{curve.pieces} pieces > max_regions={max_regions}")
    ts = _interior_points(line, k, net)
    edges, starts = set(), set()
    for t in ts:
        seq = _pattern_sequence(net.W, line.point(t), k)
        starts.add(seq[0])
        edges.update(zip(seq, seq[1:]))
    return starts, edges


def _interior_points(line, k, net):
    """One interior point of every activation region of f_k along the line."""
    from ._engine import levels as _levels

    chunks = None
    for _, _, _, chunks in net._levels(line, k, 1 << 30, False):
        pass
    points, _, _ = _levels.state_vertices(net._net, chunks)
    ts = [t for t, _ in points]
    lo, hi = line.domain
    inner = [(a + b) / 2 for a, b in zip(ts, ts[1:])]
    if lo is None:
        inner.insert(0, ts[0] - 1)
    if hi is None:
        inner.append(ts[-1] + 1)
    return inner


def _pattern_sequence(W, x, k):
    h = list(x)
    seq = []
    zero = Q(0)
    for _ in range(k):
        z = [sum((a * b for a, b in zip(row, h)), zero) for row in W]
        seq.append(_pattern(v > 0 for v in z))
        h = [v if v > 0 else zero for v in z]
    return seq


def describe(G, K, measured=()):
    """JSON-ready summary (the ``exactrnn dynamics`` contract)."""
    lo, hi = growth_rate(G)
    return {
        "memory": G.graph.get("memory", 1),
        "nodes": sorted(G.nodes),
        "start_nodes": sorted(n for n in G.nodes if G.nodes[n]["start"]),
        "edges": sorted([a, b] for a, b in G.edges),
        "spectral_radius": [format_rational(lo), format_rational(hi)],
        "walks": walk_bounds(G, K),
        "measured": list(measured),
        "sccs": [{"nodes": c["nodes"],
                  "spectral_radius": [format_rational(v) for v in c["spectral_radius"]],
                  "carries_growth": c["carries_growth"]} for c in growth_sccs(G)],
    }
