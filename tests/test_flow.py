"""Gradient flow (float64 training): gradients vs exact derivatives; flows vs closed forms."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrnn import Q
from exactrnn.experiments import gradient_descent, gradient_flow, loss_and_gradient
from exactrnn.landscape import loss_derivatives


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10 ** 6), st.integers(1, 4), st.integers(1, 5))
def test_backprop_matches_exact_derivatives(seed, w, k):
    rng = np.random.default_rng(seed)
    W, X, y = rng.standard_normal((w, w)), rng.standard_normal((6, w)), rng.standard_normal(6)
    L, G = loss_and_gradient(W, X, y, k)
    exact = loss_derivatives([[Q.from_float(v) for v in row] for row in W],
                             [[Q.from_float(v) for v in x] for x in X],
                             [Q.from_float(v) for v in y], k, hessian=False)
    scale = 1 + abs(float(exact["loss"]))
    assert abs(L - float(exact["loss"])) <= 1e-12 * scale
    for g, e in zip(G.ravel(), exact["gradient"]):
        assert abs(g - float(e)) <= 1e-10 * (1 + abs(float(e)))


def test_flow_matches_the_closed_form():
    # w = 1, k = 1, x = 1, y = 2: L = (a − 2)² while a > 0, so a(t) = 2 − (2 − a0) e^(−2t)
    W, info = gradient_flow(np.array([[1.0]]), [[1.0]], [2.0], 1, T=1.0, rtol=1e-10,
                            atol=1e-12)
    assert info["stop"] == "time" and info["flow_time"] == 1.0
    assert abs(W[0, 0] - (2 - math.exp(-2))) < 1e-8
    assert info["loss_final"] < info["loss_initial"]
    assert info["loss_curve"][0] == (0.0, 1.0) and len(info["loss_curve"]) == 9


def test_dead_network_is_stationary_at_once():
    # every pre-activation negative for positive inputs: f = 0 and ∇L = 0
    W, info = gradient_flow(-np.eye(3), [[1.0, 2.0, 1.0]], [1.0], 3, T=10.0)
    assert info["stop"] == "stationary" and info["flow_time"] == 0.0 and info["converged"]
    assert np.array_equal(W, -np.eye(3))


def test_budget_ends_a_sliding_run():
    rng = np.random.default_rng(1)
    t = np.linspace(0.05, 0.95, 40)
    X = np.stack([t, 0 * t, 0 * t, 0 * t, 1 + 0 * t], axis=1)
    W, info = gradient_flow(rng.standard_normal((5, 5)), X, t * (1 - t), 4, T=100.0,
                            max_evaluations=500)
    assert info["stop"] == "budget" and info["evaluations"] >= 500
    assert info["flow_time"] < 100.0 and np.all(np.isfinite(W))


def test_gradient_descent_is_named_and_matches_its_recursion():
    # a_{n+1} = a_n − η·2(a_n − 2): a_n = 2 − (1 − 2η)^n (2 − a_0)
    W, info = gradient_descent(np.array([[1.0]]), [[1.0]], [2.0], 1, step=0.1, iterations=10)
    assert info["method"] == "gradient descent, step 0.1"
    assert abs(W[0, 0] - (2 - 0.8 ** 10)) < 1e-12
    with pytest.raises(ValueError, match="method"):
        gradient_flow(np.eye(1), [[1.0]], [1.0], 1, method="Euler")
