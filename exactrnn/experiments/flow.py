"""Gradient flow on the squared loss, in float64 (training is numerical; counting is exact).

``L(W) = Σ_i (f_k(W, x_i) − y_i)²`` with ``f_k = e1ᵀ ReLU(W ReLU(W ⋯ x))``;
the gradient is back-propagated through the k steps with ReLU'(0) = 0 (the
exact code's convention), and the tests check it against the exact
derivatives of :mod:`exactrnn.landscape`.

:func:`gradient_flow` integrates ``dW/dt = −∇L(W)`` with a SciPy adaptive
solver (``RK45`` by default, ``rtol=1e-6``, ``atol=1e-9``), stepping it by
hand. The gradient field of a ReLU network is discontinuous where an
activation pattern changes, and a trajectory that reaches such a boundary
slides along it while the adaptive step shrinks without end (seen with RK45,
LSODA and BDF alike). So every run has an evaluation budget, and it ends
with a recorded reason: ``"time"`` (t = T reached), ``"stationary"``
(‖∇L‖ < tol), ``"budget"`` (evaluations used up) or ``"solver"`` (the solver
failed). :func:`gradient_descent` is plain gradient descent with a step
size, named as such.
"""

import numpy as np

__all__ = ["loss_and_gradient", "gradient_flow", "gradient_descent"]

SOLVERS = ("RK45", "RK23", "DOP853", "LSODA", "BDF", "Radau")


def loss_and_gradient(W, X, y, k):
    """``(L, ∇L)`` in float64 for a batch: X is (n, w), y is (n,).

    >>> import numpy as np
    >>> L, G = loss_and_gradient(np.array([[2.0]]), np.array([[1.0]]), np.array([1.0]), 2)
    >>> L, G.tolist()          # f = a² = 4: L = 9, dL/da = 2·3·2a = 24
    (9.0, [[24.0]])
    """
    W = np.asarray(W, float)
    H = [np.asarray(X, float).T]
    masks = []
    for _ in range(k):
        Z = W @ H[-1]
        m = Z > 0
        masks.append(m)
        H.append(np.where(m, Z, 0.0))
    r = H[-1][0] - np.asarray(y, float)
    G = np.zeros_like(W)
    delta = np.zeros_like(H[-1])
    delta[0] = 2 * r
    for j in range(k, 0, -1):
        dz = delta * masks[j - 1]
        G += dz @ H[j - 1].T
        delta = W.T @ dz
    return float(r @ r), G


def gradient_flow(W0, X, y, k, T=100.0, tol=1e-8, method="RK45", rtol=1e-6, atol=1e-9,
                  max_evaluations=20_000, checkpoints=8):
    """Integrate dW/dt = −∇L(W) from W0; return ``(W, info)``.

    ``info``: method and tolerances, ``flow_time`` reached, ``stop`` reason,
    ``evaluations``, ``loss_initial``/``loss_final``, ``gradient_norm``,
    ``converged`` (stationary within tol), and ``loss_curve``: the loss at
    t = 0, at the multiples of ``T / checkpoints`` the run reached, and where
    it ended.
    """
    from scipy import integrate

    if method not in SOLVERS:
        raise ValueError(f"method={method!r} is not one of {', '.join(SOLVERS)}")
    W0 = np.asarray(W0, float)
    w = W0.shape[0]
    X, y = np.asarray(X, float), np.asarray(y, float)
    count = [0]

    def rhs(_, v):
        count[0] += 1
        return -loss_and_gradient(v.reshape(w, w), X, y, k)[1].ravel()

    solver = getattr(integrate, method)(rhs, 0.0, W0.ravel(), T, rtol=rtol, atol=atol)
    marks = list(np.linspace(0, T, checkpoints + 1)[1:])
    curve = [(0.0, loss_and_gradient(W0, X, y, k)[0])]
    stop = None
    while stop is None:
        if np.linalg.norm(rhs(0, solver.y)) < tol:
            stop = "stationary"
            break
        if count[0] >= max_evaluations:
            stop = "budget"
            break
        message = solver.step()
        while marks and solver.t >= marks[0]:
            curve.append((float(solver.t), loss_and_gradient(solver.y.reshape(w, w), X, y, k)[0]))
            marks.pop(0)
        if solver.status == "finished":
            stop = "time"
        elif solver.status == "failed":
            stop = "solver: " + str(message)
    W = solver.y.reshape(w, w).copy()
    L1, G1 = loss_and_gradient(W, X, y, k)
    if curve[-1][0] < solver.t:
        curve.append((float(solver.t), L1))      # and where the run ended
    return W, {"method": method, "rtol": rtol, "atol": atol, "T": T,
               "flow_time": float(solver.t), "stop": stop, "evaluations": count[0],
               "loss_initial": curve[0][1], "loss_final": L1,
               "gradient_norm": float(np.linalg.norm(G1)),
               "converged": stop == "stationary" or float(np.linalg.norm(G1)) < tol,
               "loss_curve": curve}


def gradient_descent(W0, X, y, k, step=1e-2, iterations=10_000, tol=1e-8):
    """Plain gradient descent ``W <- W − step·∇L`` (not a flow: a named alternative).

    ``flow_time`` is ``step`` times the number of updates made; the run stops
    as ``"diverged"`` as soon as W, the loss or the gradient is not finite.
    """
    W = np.asarray(W0, float).copy()
    L0 = loss_and_gradient(W, X, y, k)[0]
    stop, updates, evaluations = "iterations", 0, 0
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(iterations):
            L, G = loss_and_gradient(W, X, y, k)
            evaluations += 1
            if not (np.isfinite(L) and np.all(np.isfinite(G)) and np.all(np.isfinite(W))):
                stop = "diverged"
                break
            if np.linalg.norm(G) < tol:
                stop = "stationary"
                break
            W = W - step * G
            updates += 1
        L1, G1 = loss_and_gradient(W, X, y, k)
    norm = float(np.linalg.norm(G1))
    return W, {"method": f"gradient descent, step {step}", "flow_time": updates * step,
               "stop": stop, "evaluations": evaluations, "loss_initial": L0, "loss_final": L1,
               "gradient_norm": norm, "converged": stop == "stationary" or norm < tol}
