"""Exact linear feasibility over Q: a small Phase-I simplex with Bland's rule.

The transition graph needs thousands of tiny problems (at most 2w variables
and w constraints); a dense tableau over the ground rationals solves each in
well under a millisecond, with no floating point and guaranteed termination
(Bland's rule never cycles).
"""

from .rational import Q


def feasible_point(A, b):
    """A rational ``x >= 0`` with ``A x <= b``, or ``None`` if there is none.

    >>> from exactrnn._lp import feasible_point
    >>> [str(v) for v in feasible_point([[-1, -1], [1, -1]], [-2, 0])]   # x+y >= 2, x <= y
    ['1', '1']
    >>> feasible_point([[1, 1]], [-1]) is None                          # x + y <= -1
    True
    """
    m = len(A)
    n = len(A[0]) if m else 0
    zero, one = Q(0), Q(1)
    A = [[Q(v) for v in row] for row in A]
    b = [Q(v) for v in b]
    if m == 0:
        return [zero] * n
    # columns: x (n), slacks (m), artificials (one per row with b < 0)
    neg = [i for i in range(m) if b[i] < 0]
    width = n + m + len(neg)
    T = []
    basis = []
    for i in range(m):
        sign = -one if b[i] < 0 else one
        row = [sign * v for v in A[i]] + [zero] * (m + len(neg)) + [sign * b[i]]
        row[n + i] = sign
        if b[i] < 0:
            k = n + m + neg.index(i)
            row[k] = one
            basis.append(k)
        else:
            basis.append(n + i)
        T.append(row)
    # phase-I objective: minimise the sum of artificials -> reduced costs
    cost = [zero] * (width + 1)
    for i in neg:
        for j in range(width + 1):
            cost[j] -= T[i][j]
    for k in range(n + m, width):
        cost[k] = zero
    while True:
        entering = next((j for j in range(width) if cost[j] < 0), None)  # Bland
        if entering is None:
            break
        ratios = [(T[i][-1] / T[i][entering], basis[i], i) for i in range(m)
                  if T[i][entering] > 0]
        if not ratios:  # cannot happen in phase I (bounded below by 0)
            break
        _, _, r = min(ratios)
        piv = T[r][entering]
        T[r] = [v / piv for v in T[r]]
        for i in range(m):
            if i != r and T[i][entering] != 0:
                f = T[i][entering]
                T[i] = [a - f * c for a, c in zip(T[i], T[r])]
        f = cost[entering]
        cost = [a - f * c for a, c in zip(cost, T[r])]
        basis[r] = entering
    if -cost[-1] != 0:  # the minimum of the artificials' sum is positive
        return None
    x = [zero] * n
    for i, k in enumerate(basis):
        if k < n:
            x[k] = T[i][-1]
    return x
