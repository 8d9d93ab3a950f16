"""Integer array helpers shared by the propagation kernels.

Arrays are numpy ``int64`` while a bound proves that no intermediate result
can overflow, and numpy ``object`` arrays of exact integers otherwise. Every
helper here works on both, so the kernels are written once.
"""

import numpy as np

from .. import _ground

#: Magnitudes strictly below this are safe for one int64 addition of two
#: such numbers; every bound check in the engine compares against it.
LIMIT = 1 << 62


def is_object(a):
    return a.dtype == object


def to_object(a):
    """An object-dtype copy holding exact integers of the ground type."""
    if a.dtype == object:
        return a
    out = np.empty(a.shape, dtype=object)
    flat = out.reshape(-1)
    flat[:] = [_ground.ZZ(int(v)) for v in a.reshape(-1).tolist()]
    return out


def to_int64(a):
    """An int64 copy of an object array whose entries are known to fit."""
    if a.dtype != object:
        return a
    return np.array([int(v) for v in a.reshape(-1)], dtype=np.int64).reshape(a.shape)


def maxabs(a):
    """``max |a|`` as a Python int (0 for an empty array)."""
    if a.size == 0:
        return 0
    return max(int(a.max()), -int(a.min()))


def matmul(D, X):
    """``D @ X`` for a small integer matrix ``D`` (lists of Python ints).

    Zero and unit entries are skipped or added without a multiplication;
    works for int64 and object arrays alike (the caller has bounded the
    result).
    """
    rows = len(D)
    n = X.shape[1]
    out = np.zeros((rows, n), dtype=X.dtype)
    if X.dtype == object:
        out[...] = _ground.ZZ(0)
    tmp = np.empty(n, dtype=X.dtype)
    for j, row in enumerate(D):
        acc = out[j]
        for i, d in enumerate(row):
            if d == 0:
                continue
            if d == 1:
                np.add(acc, X[i], out=acc)
            elif d == -1:
                np.subtract(acc, X[i], out=acc)
            else:
                np.multiply(X[i], d, out=tmp)
                np.add(acc, tmp, out=acc)
    return out


def reduce_columns(V, full=False):
    """Divide each column of ``V`` (a vertex: its coordinates down the rows) in place.

    int64 columns are divided by their largest common power of two: bit
    operations only, cheap, and enough to keep dyadic data (the common case in
    the constructions) minimal between full reductions. Object columns, or
    ``full=True``, are divided by their gcd. A zero column is left alone.
    """
    if V.shape[1] == 0:
        return V
    if full or V.dtype == object:
        g = np.gcd.reduce(V, axis=0)
        if V.dtype == object:
            g = np.array([_ground.ZZ(v) if v != 0 else _ground.ZZ(1) for v in g], dtype=object)
        else:
            g[g == 0] = 1
    else:
        acc = np.bitwise_or.reduce(V, axis=0)
        g = acc & -acc
        g[g == 0] = 1
    V //= g
    return V
