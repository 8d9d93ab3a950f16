"""The note's constructions, each derived from its state recurrence and verified.

=====================  =====  ======  ==========================================
name                   width  offset  f_{k+offset} on [0, 1]
=====================  =====  ======  ==========================================
triangle_wave          3      1       g^k (tent map iterates), 2^k pieces
sawtooth(m)            m + 1  1       s_m^k (m-fold sawtooth), m^k pieces
yarotsky(ratio, scale) 4      1       scale · Σ_{s≤k} ratio^s g^s
note_variant(reading)  4 / 6  1       the note's series (geometric / literal)
staircase              6      1       Cantor-function iterate C_k, 2^(k+1) − 1 pieces
generalized_staircase  6      1       staircase with removed middle [a, b]
=====================  =====  ======  ==========================================

>>> from exactrnn.constructions import build
>>> c = build("staircase")
>>> [(r["k"], r["pieces"], r["equal"]) for r in c.checks(3)]
[(1, 3, True), (2, 7, True), (3, 15, True)]
"""

from ..errors import InvalidParameterError
from .base import Construction, ConstructionMismatch
from .sawtooth import sawtooth, triangle_wave
from .staircase import generalized_staircase, staircase
from .yarotsky import note_variant, yarotsky

__all__ = ["Construction", "ConstructionMismatch", "CONSTRUCTIONS", "build",
           "triangle_wave", "sawtooth", "yarotsky", "note_variant", "staircase",
           "generalized_staircase"]

#: name -> (builder, {parameter: default})
CONSTRUCTIONS = {
    "triangle_wave": (triangle_wave, {}),
    "sawtooth": (sawtooth, {"m": "3"}),
    "yarotsky": (yarotsky, {"ratio": "1/4", "scale": "1"}),
    "note_variant": (note_variant, {"reading": "geometric"}),
    "staircase": (staircase, {}),
    "generalized_staircase": (generalized_staircase, {"a": "1/3", "b": "2/3",
                                                      "alpha": "(a+b)/2"}),
}


def build(name, **params):
    """Build a construction by name with string or rational parameters."""
    if name not in CONSTRUCTIONS:
        raise InvalidParameterError(f"unknown construction {name!r}; known: {', '.join(CONSTRUCTIONS)}")
    builder, defaults = CONSTRUCTIONS[name]
    unknown = set(params) - set(defaults)
    if unknown:
        raise InvalidParameterError(f"{name} has no parameter {', '.join(sorted(unknown))}; "
                        f"its parameters: {', '.join(defaults) or 'none'}")
    if name == "sawtooth" and "m" in params:
        m = params["m"]
        try:
            params["m"] = int(m)
        except (TypeError, ValueError):
            raise InvalidParameterError(f"m={m!r} must be an integer >= 2") from None
    if params.get("alpha") == "(a+b)/2":
        del params["alpha"]
    return builder(**params)
