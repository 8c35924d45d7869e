"""The ITBS protocol as versioned data (`itbs.yaml`) and its typed schema.

Every number the engine uses and every sentence it shows comes from here, keyed by the
spec's rule IDs. This package only loads and validates; it decides nothing.
"""

from gerdy.protocol.loader import load_protocol
from gerdy.protocol.schema import Protocol

__all__ = ["Protocol", "load_protocol"]
