"""Exact propagation of an input line through x -> ReLU(W x), fraction-free.

The curve t -> h_j(t) (the hidden state after j applications of ReLU∘W along
the line x(t) = origin + t·direction) is piecewise affine. It is stored by its
vertices in homogeneous integer coordinates: column ``i`` of ``V`` is

    V[:, i] = (S, T, H_1, ..., H_w)   with   t = T / S,   h_j(t) = H / (S · q**e),

where ``W = D / q`` with ``D`` an integer matrix, and ``e`` counts the
applications of ``D`` not yet divided out. ``S = 0`` marks a vertex at
infinity (the ends of an unbounded line: the direction of the last piece).
Between two consecutive vertices the curve is the set of positive
combinations of their columns, and because ReLU and W are positively
homogeneous everything below stays integer:

* pre-activations at the vertices: ``Z = D @ H``;
* unit ``u`` crosses zero strictly inside the segment ``(i, i+1)`` iff
  ``Z[u, i]`` and ``Z[u, i+1]`` have strictly opposite signs, and the
  crossing vertex is ``|Z[u, i+1]| V_i + |Z[u, i]| V_{i+1}`` (whose ``Z_u`` is
  exactly 0);
* the new state is ``ReLU(Z)`` at every vertex.

No rational is ever formed inside the loop and no float ever appears. Each
piece also carries its slope ``G`` (the derivative of ``h_j`` along the line,
up to a positive per-chunk factor ``gscale``), propagated as
``G <- act ⊙ (D @ G)``, so that affine pieces of the readout are found by
comparing integers.

The vertex list is processed in chunks that share their end vertex, so the
hot loop works on cache-sized arrays and the peak memory is one level of the
state plus one chunk of temporaries. Arrays are int64 while a bound measured
on the actual data proves no overflow, and switch (per chunk) to object
arrays of exact integers when it would.
"""

from fractions import Fraction

import numpy as np

from .intarrays import LIMIT, is_object, matmul, maxabs, reduce_columns, to_int64, to_object

#: A chunk is split when it has more vertices than this.
CHUNK_MAX = 1 << 16
#: ... into chunks of about this many vertices.
CHUNK_TARGET = 1 << 15


class Network:
    """The integer data of W for the kernels: ``W = D / q``."""

    __slots__ = ("D", "q", "width", "rowsum", "readout", "readout_l1", "readout_scale")

    def __init__(self, D, q, readout, readout_scale):
        self.D = [[int(d) for d in row] for row in D]
        self.q = int(q)
        self.width = len(D)
        self.rowsum = max(1, max(sum(abs(d) for d in row) for row in self.D))
        # integer readout c_int (y = c_int . h / readout_scale)
        self.readout = [int(c) for c in readout]
        self.readout_l1 = max(1, sum(abs(c) for c in self.readout))
        self.readout_scale = int(readout_scale)


class Chunk:
    """A run of consecutive vertices, sharing its end vertices with its neighbours.

    ``flag[i]`` says the activation pattern differs on the two sides of
    vertex ``i`` at some step so far (for ``i = 0`` of a chunk that does not
    start the domain, it is the junction's flag; the last vertex's flag is
    the next chunk's business).
    """

    __slots__ = ("V", "G", "flag", "e", "gscale")

    def __init__(self, V, G, flag, e, gscale):
        self.V = V
        self.G = G
        self.flag = flag
        self.e = e
        self.gscale = gscale  # Fraction: true slope = G * gscale

    @property
    def size(self):
        return self.V.shape[1]

    def to_object(self):  # copies: never writes into a shared view
        self.V = to_object(self.V)
        self.G = to_object(self.G)

    def normalize(self, q, full=False):
        """Divide ``q**e`` out of ``H`` exactly (into ``S`` and ``T``) and reduce.

        ``full`` divides every vertex column by its gcd and ``G`` by the gcd of
        all its entries; otherwise only by common powers of two (bit
        operations, cheap), which is all a dyadic ``q`` needs. ``gscale``
        keeps the factor taken out of ``G``. Afterwards ``e = 0``.
        """
        full = full or is_object(self.V) or (q & (q - 1)) != 0
        self.V, self.G = self.V.copy(), self.G.copy()  # may be views shared with neighbours
        if self.e and q != 1:
            factor = q ** self.e
            if not is_object(self.V) and maxabs(self.V[:2]) * factor >= LIMIT:
                self.to_object()
                full = True
            self.V[:2] *= factor
        self.e = 0
        reduce_columns(self.V, full=full)
        if self.G.size:
            flat = self.G.reshape(-1)
            if full:
                g = int(np.gcd.reduce(flat))
            else:
                acc = int(np.bitwise_or.reduce(flat))
                g = acc & -acc
            if g > 1:
                self.G //= g
                self.gscale *= g

    def fits_int64(self):
        return maxabs(self.V) < (1 << 50) and maxabs(self.G) < (1 << 50)


class StepInfo:
    """What one chunk reports about one level, for counting across chunks."""

    __slots__ = ("kinks", "bounds", "first_act", "last_act", "first_gy", "last_gy", "gscale")

    def __init__(self, kinks, bounds, first_act, last_act, first_gy, last_gy, gscale):
        self.kinks = kinks
        self.bounds = bounds
        self.first_act = first_act
        self.last_act = last_act
        self.first_gy = first_gy
        self.last_gy = last_gy
        self.gscale = gscale


def readout_slopes(net, G):
    """``c_int . G`` for every piece (int64 when provably safe, else exact objects)."""
    c = net.readout
    # max(·, 1): even all-zero data cannot be multiplied by a coefficient
    # that does not fit in int64
    if not is_object(G) and net.readout_l1 * max(maxabs(G), 1) >= LIMIT:
        G = to_object(G)
    nz = [(i, ci) for i, ci in enumerate(c) if ci != 0]
    if len(nz) == 1 and nz[0][1] == 1:
        return G[nz[0][0]]
    return matmul([c], G)[0]


#: int64 chunks are normalized (cheaply) once their numbers pass this size,
#: well before any bound is at risk.
NORMALIZE_AT = 1 << 40


def _prepare(chunk, net):
    """Make sure ``D @ H`` and ``D @ G`` cannot overflow this chunk's arrays."""
    if is_object(chunk.V):
        return
    # max(·, 1): a weight that does not fit in int64 cannot multiply even zeros
    size = max(maxabs(chunk.V[2:]), maxabs(chunk.G), 1)
    if size >= NORMALIZE_AT and (chunk.e or size * net.rowsum >= LIMIT):
        chunk.normalize(net.q)
        size = max(maxabs(chunk.V[2:]), maxabs(chunk.G), 1)
    if size * net.rowsum >= LIMIT and not is_object(chunk.V):
        chunk.normalize(net.q, full=True)
        if not is_object(chunk.V) and \
                max(maxabs(chunk.V[2:]), maxabs(chunk.G), 1) * net.rowsum >= LIMIT:
            chunk.to_object()


def _crossings(Z, n):
    """(segment, unit) of every strict zero crossing, sorted by segment."""
    pos = Z > 0
    neg = Z < 0
    cross = (pos[:, :-1] & neg[:, 1:]) | (neg[:, :-1] & pos[:, 1:])
    segs, units = np.nonzero(cross.T)
    return segs, units, pos


def _order_ties(segs, a, b):
    """Order crossings that share a segment by position; flag exact duplicates.

    The crossing with coefficients (a, b) sits at the fraction
    ``b / (a + b)`` of the segment (in the homogeneous parameter, which is
    monotone in t). ``floor(b * 2**K / (a + b))`` with ``2**K > 2 M**2``,
    ``M = max(a + b)``, is an exact key: distinct fractions with
    denominators at most ``M`` differ by at least ``1 / M**2``.
    """
    den = a + b
    M = maxabs(den)
    K = 2 * M.bit_length() + 1
    if not is_object(b) and K + maxabs(b).bit_length() < 62:
        key = (b << K) // den
        order = np.lexsort((key, segs))
        key = key[order]
    else:
        bo, do = to_object(b), to_object(den)
        key = np.array([(int(x) << K) // int(y) for x, y in zip(bo, do)], dtype=object)
        big = np.array([int(s) for s in segs], dtype=object) * (1 << (K + 1)) + key
        order = np.argsort(big, kind="stable")
        key = key[order]
    s = segs[order]
    dup = np.zeros(len(order), dtype=bool)
    dup[1:] = (s[1:] == s[:-1]) & (key[1:] == key[:-1])
    return order, dup


def advance(chunk, net):
    """Apply ReLU∘W once to a chunk; return the new chunk and its StepInfo."""
    _prepare(chunk, net)
    out = _advance(chunk, net, retry=True)
    if out is None:  # the crossing vertices would overflow int64
        chunk.normalize(net.q, full=True)
        out = _advance(chunk, net, retry=False)
    return out


def _advance(chunk, net, retry):
    V, G = chunk.V, chunk.G
    n = V.shape[1]
    Z = matmul(net.D, V[2:])
    segs, units, pos = _crossings(Z, n)

    # coefficients of the crossing vertices: |Z_right| V_left + |Z_left| V_right
    a = np.abs(Z[units, segs + 1])
    b = np.abs(Z[units, segs])
    if len(segs):
        if is_object(a):
            g = np.gcd(a, b)
        else:
            acc = a | b
            g = acc & -acc
        a //= g
        b //= g
        cnt = np.bincount(segs, minlength=n - 1)
        multi = np.flatnonzero(cnt[segs] > 1)
        if len(multi):
            order, dup = _order_ties(segs[multi], a[multi], b[multi])
            perm = np.arange(len(segs))
            perm[multi] = multi[order]
            keep = np.ones(len(segs), dtype=bool)
            keep[multi[dup]] = False  # positions after reordering
            segs, units, a, b = segs[perm], units[perm], a[perm], b[perm]
            if dup.any():
                segs, units, a, b = segs[keep], units[keep], a[keep], b[keep]
                cnt = np.bincount(segs, minlength=n - 1)
        if not is_object(V):
            MV = max(maxabs(V[:2]), maxabs(Z))
            if maxabs(a + b) * MV >= LIMIT:
                if retry:
                    return None
                V, G, Z = to_object(V), to_object(G), to_object(Z)
                a, b = to_object(a), to_object(b)
    else:
        cnt = np.zeros(n - 1, dtype=np.int64)
    m = len(segs)

    # the new vertices, in homogeneous coordinates (S, T, Z): Z_u is 0 there
    if m:
        Vx = np.empty((V.shape[0], m), dtype=V.dtype)
        Vx[:2] = a * V[:2, segs] + b * V[:2, segs + 1]
        Vx[2:] = a * Z[:, segs] + b * Z[:, segs + 1]
        np.maximum(Vx[2:], 0, out=Vx[2:])
        reduce_columns(Vx)
    # the new state at the old vertices (V itself is never written: chunks
    # may be views sharing their end column with a neighbour)
    np.maximum(Z, 0, out=Z)

    # interleave old and new vertices
    if m:
        cum = np.zeros(n, dtype=np.int64)
        np.cumsum(cnt, out=cum[1:])
        pos_old = np.arange(n) + cum
        pos_new = segs + 1 + np.arange(m)
        n2 = n + m
        V2 = np.empty((V.shape[0], n2), dtype=V.dtype)
        V2[:2, pos_old] = V[:2]
        V2[2:, pos_old] = Z
        V2[:, pos_new] = Vx
        flag2 = np.zeros(n2, dtype=bool)
        flag2[pos_old] = chunk.flag
        parent = np.repeat(np.arange(n - 1), cnt + 1)
    else:
        n2, flag2, parent = n, chunk.flag.copy(), None
        V2 = np.empty_like(V)
        V2[:2] = V[:2]
        V2[2:] = Z
    P2 = V2[2:] > 0  # ReLU(z) > 0 exactly when z > 0

    # pieces: activation bits and slopes
    act = P2[:, :-1] | P2[:, 1:]
    parent = np.repeat(np.arange(n - 1), cnt + 1)
    G2 = matmul(net.D, G)
    if parent is not None:
        G2 = G2[:, parent]
    G2 *= act
    if n2 > 2:
        flag2[1:-1] |= np.any(act[:, :-1] != act[:, 1:], axis=0)

    new = Chunk(V2, G2, flag2, chunk.e + 1, chunk.gscale / net.q)
    if is_object(V2):
        new.normalize(net.q)
        if new.fits_int64():
            new.V, new.G = to_int64(new.V), to_int64(new.G)
    gy = readout_slopes(net, new.G)
    info = StepInfo(
        kinks=int(np.count_nonzero(gy[:-1] != gy[1:])),
        bounds=int(np.count_nonzero(flag2[1:-1])),
        first_act=act[:, 0].copy(), last_act=act[:, -1].copy(),
        first_gy=int(gy[0]), last_gy=int(gy[-1]), gscale=new.gscale,
    )
    return new, info


def split(chunk):
    """Split a large chunk into chunks of about CHUNK_TARGET vertices.

    The parts are views into the chunk's arrays, sharing their end column
    with the neighbour (the kernels never write into a chunk's arrays).
    """
    n = chunk.size
    if n <= CHUNK_MAX:
        return [chunk]
    cuts = list(range(0, n - 1, CHUNK_TARGET)) + [n - 1]
    return [Chunk(chunk.V[:, lo:hi + 1], chunk.G[:, lo:hi], chunk.flag[lo:hi + 1].copy(),
                  chunk.e, chunk.gscale)
            for lo, hi in zip(cuts[:-1], cuts[1:])]


def same_slope(gy1, scale1, gy2, scale2):
    """Exact comparison of two readout slopes given with their chunk scales."""
    if scale1 == scale2:
        return gy1 == gy2
    return Fraction(gy1) * scale1 == Fraction(gy2) * scale2
