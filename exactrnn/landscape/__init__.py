"""The loss landscape near W*: data, exact derivatives, probes of the proof's holes."""

from .data import DataPoint, Dataset, choose_points, staircase_gaps
from .derivatives import forward, loss_derivatives, output_polynomial, point_derivatives
from .probes import (
    along,
    certified_radius,
    entry_directions,
    limiting_gradients,
    loss_slice,
    one_sided_derivative,
    orbit_nonconvexity,
    point_probes,
    positive_definite_box,
    symmetry_tangents,
    zero_loss_dimension,
)
from .report import LandscapeReport, analyze

__all__ = ["DataPoint", "Dataset", "choose_points", "staircase_gaps", "forward",
           "loss_derivatives", "output_polynomial", "point_derivatives", "along",
           "certified_radius", "entry_directions", "limiting_gradients", "loss_slice", "one_sided_derivative",
           "orbit_nonconvexity", "point_probes", "positive_definite_box", "symmetry_tangents",
           "zero_loss_dimension", "analyze", "LandscapeReport"]
