"""Exact linear algebra over Q: rank, null space, zero columns, LDLᵀ and inertia.

One module, two backends with the same answers: python-flint's ``fmpq_mat``
(when installed) or SymPy's ``DomainMatrix`` over QQ computes the reduced row
echelon form; everything else (the canonical null-space basis read off the
RREF, the symmetric LDLᵀ factorization, inertia) is plain exact code here, so
the results cannot depend on the backend.

Matrices are lists of rows of rationals (anything :data:`~exactrnn.Q` accepts).

>>> from exactrnn.linalg import rank, nullspace, inertia
>>> A = [[1, 2, 3], [2, 4, 6]]
>>> rank(A), [[str(v) for v in b] for b in nullspace(A)]
(1, [['-2', '1', '0'], ['-3', '0', '1']])
>>> inertia([[2, 1], [1, -1]])          # eigenvalues (1 ± √13)/2: one of each sign
(1, 0, 1)
"""

from . import _ground
from .rational import Q

__all__ = ["rref", "rank", "nullspace", "zero_columns", "ldlt", "inertia",
           "extreme_eigenvalues", "BACKEND"]


BACKEND = "flint" if _ground.flint_available() else "sympy"


def _rows(M):
    return [[Q(v) for v in row] for row in M]


def rref(M, backend=None):
    """``(R, pivots)``: the reduced row echelon form and its pivot columns."""
    M = _rows(M)
    if not M or not M[0]:
        return M, []
    backend = backend or BACKEND
    m, n = len(M), len(M[0])
    if backend == "flint":
        flint = _ground.flint_module()
        if flint is None:
            from .errors import BackendError

            raise BackendError("backend='flint' needs python-flint: pip install python-flint")
        A = flint.fmpq_mat(m, n, [flint.fmpq(*_ground.numer_denom(v)) for row in M for v in row])
        R, _ = A.rref()
        R = [[Q(int(R[i, j].p), int(R[i, j].q)) for j in range(n)] for i in range(m)]
    else:
        from sympy import QQ
        from sympy.polys.matrices import DomainMatrix

        A = DomainMatrix([[QQ(*_ground.numer_denom(v)) for v in row] for row in M], (m, n), QQ)
        R, _ = A.rref()
        R = [[Q(int(v.numerator), int(v.denominator)) for v in row] for row in R.to_list()]
    pivots = []
    for row in R:
        j = next((j for j, v in enumerate(row) if v != 0), None)
        if j is not None:
            pivots.append(j)
    return R, pivots


def rank(M, backend=None):
    """The rank of M."""
    return len(rref(M, backend)[1])


def nullspace(M, backend=None):
    """The canonical basis of {v : M v = 0}: one vector per free column of the RREF."""
    M = _rows(M)
    n = len(M[0]) if M else 0
    R, pivots = rref(M, backend)
    free = [j for j in range(n) if j not in pivots]
    basis = []
    for f in free:
        v = [Q(0)] * n
        v[f] = Q(1)
        for i, p in enumerate(pivots):
            v[p] = -R[i][f]
        basis.append(v)
    return basis


def zero_columns(M):
    """Indices of the columns of M that are identically zero."""
    M = _rows(M)
    n = len(M[0]) if M else 0
    return [j for j in range(n) if all(row[j] == 0 for row in M)]


def ldlt(S):
    """Symmetric LDLᵀ with symmetric pivoting: ``P S Pᵀ = L D Lᵀ`` exactly.

    Returns ``(perm, L, D)``: ``perm`` lists the original index of each row
    of ``P S Pᵀ``, ``L`` is unit lower triangular, ``D`` block diagonal with
    1×1 and 2×2 blocks (a 2×2 block is used when no diagonal pivot is left
    but an off-diagonal entry is non-zero). By Sylvester's law of inertia, S
    and D have the same numbers of positive, zero and negative eigenvalues.
    """
    A = _rows(S)
    n = len(A)
    for i in range(n):
        for j in range(i):
            if A[i][j] != A[j][i]:
                raise ValueError(f"S is not symmetric: S[{i}][{j}] != S[{j}][{i}]")
    perm = list(range(n))
    L = [[Q(int(i == j)) for j in range(n)] for i in range(n)]
    D = [[Q(0)] * n for _ in range(n)]
    k = 0
    A = [row[:] for row in A]

    def swap(a, b):
        if a == b:
            return
        A[a], A[b] = A[b], A[a]
        for row in A:
            row[a], row[b] = row[b], row[a]
        perm[a], perm[b] = perm[b], perm[a]
        for j in range(k):
            L[a][j], L[b][j] = L[b][j], L[a][j]

    while k < n:
        # a 1x1 pivot: the largest diagonal entry in absolute value
        j = max(range(k, n), key=lambda i: abs(A[i][i]))
        if A[j][j] != 0:
            swap(k, j)
            d = A[k][k]
            D[k][k] = d
            for i in range(k + 1, n):
                L[i][k] = A[i][k] / d
            for i in range(k + 1, n):
                for m in range(k + 1, n):
                    A[i][m] -= L[i][k] * d * L[m][k]
            k += 1
            continue
        # zero diagonal: a 2x2 pivot on a non-zero off-diagonal entry, if any
        pair = next(((i, m) for i in range(k, n) for m in range(i + 1, n) if A[i][m] != 0), None)
        if pair is None:
            break  # the rest is zero
        swap(k, pair[0])
        swap(k + 1, pair[1])
        a, b, c = A[k][k], A[k][k + 1], A[k + 1][k + 1]
        det = a * c - b * b
        D[k][k], D[k][k + 1], D[k + 1][k], D[k + 1][k + 1] = a, b, b, c
        for i in range(k + 2, n):
            x, y = A[i][k], A[i][k + 1]
            # L[i, k:k+2] = [x, y] · inv([[a, b], [b, c]])
            L[i][k] = (x * c - y * b) / det
            L[i][k + 1] = (y * a - x * b) / det
        for i in range(k + 2, n):
            for m in range(k + 2, n):
                A[i][m] -= L[i][k] * A[m][k] + L[i][k + 1] * A[m][k + 1]
        k += 2
    return perm, L, D


def inertia(S):
    """``(positive, zero, negative)`` eigenvalue counts of a symmetric S, exactly."""
    _, _, D = ldlt(S)
    n = len(D)
    pos = neg = 0
    i = 0
    while i < n:
        if i + 1 < n and D[i][i + 1] != 0:
            a, b, c = D[i][i], D[i][i + 1], D[i + 1][i + 1]
            det = a * c - b * b
            if det < 0:
                pos, neg = pos + 1, neg + 1
            elif det > 0:
                pos, neg = (pos + 2, neg) if a + c > 0 else (pos, neg + 2)
            else:  # rank one block
                pos, neg = (pos + 1, neg) if a + c > 0 else (pos, neg + 1)
            i += 2
        else:
            if D[i][i] > 0:
                pos += 1
            elif D[i][i] < 0:
                neg += 1
            i += 1
    return pos, n - pos - neg, neg


def extreme_eigenvalues(S, eps=None):
    """Certified rational brackets ``((lo, hi) of λ_min, (lo, hi) of λ_max)`` of symmetric S."""
    from .norms import EPS, _largest_real_root, _sympy_matrix

    eps = eps or EPS
    M = _sympy_matrix(_rows(S))
    hi = _largest_real_root(M, eps)
    lo = _largest_real_root(-M, eps)
    return (-lo[1], -lo[0]), hi
