"""The conjecture's experiment (in progress): gradient flow from N(0,1) weights.

So far: :mod:`.flow`, float64 gradient flow with a solver budget. Training is
numerical; counting the trained network is exact (convert W with
``Q.from_float`` and use :meth:`exactrnn.ReLURNN.count`).
"""

from .flow import gradient_descent, gradient_flow, loss_and_gradient

__all__ = ["loss_and_gradient", "gradient_flow", "gradient_descent"]
