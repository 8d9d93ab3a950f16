"""Proof-support certificates: emitters here, the independent checker in ``check.py``.

``check.py`` imports only the Python standard library and nothing from
exactrnn, so a reader can audit it alone.
"""

from .emit import construction_claim, document, landscape_claims, pieces_claim, write

__all__ = ["pieces_claim", "construction_claim", "landscape_claims", "document", "write"]
