"""Read and validate the packaged protocol file (once per process)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from gerdy.protocol.schema import Protocol

PROTOCOL_FILE = "itbs.yaml"


def parse_protocol(text: str) -> Protocol:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Protocol.model_validate(yaml.load(text, Loader=loader))


@cache
def load_protocol(path: Path | None = None) -> Protocol:
    """The protocol shipped with gerdy, or the one at `path` (validated at load)."""
    if path is None:
        text = resources.files("gerdy.protocol").joinpath(PROTOCOL_FILE).read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    return parse_protocol(text)
