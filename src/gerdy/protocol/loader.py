"""Read and validate the protocol file (once per process).

The YAML file is the source. Importing the YAML parser and parsing the file cost about 135 M
instructions of `gerdy today`'s start-up (~30 ms at that command's rate; bench/startup.py
--instructions), so the parsed document is kept as JSON in the user's cache directory, keyed
by the SHA-256 of the YAML text: a changed file is parsed again, and a missing or unwritable
cache only costs the YAML parse. The result is validated by the schema either way.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from gerdy.protocol.schema import Protocol, validate_protocol

PROTOCOL_FILE = "itbs.yaml"


def parse_yaml(text: str) -> Any:
    import yaml  # only when the cache misses: importing it is part of the cost above

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def parse_protocol(text: str) -> Protocol:
    return validate_protocol(parse_yaml(text))


def cache_dir() -> Path:
    configured = os.environ.get("GERDY_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(platformdirs.user_cache_dir("gerdy"))


def parsed_document(text: str) -> Any:
    """The YAML document as plain data, from the JSON cache when it matches `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = cache_dir() / f"protocol-{digest[:32]}.json"
    try:
        return json.loads(cached.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    document = parse_yaml(text)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(document), "utf-8")
        partial.replace(cached)  # atomic: a reader sees the whole file or none
    except OSError:
        pass
    return document


@cache
def load_protocol(path: Path | None = None) -> Protocol:
    """The protocol shipped with gerdy, or the one at `path` (validated at load)."""
    if path is None:
        text = resources.files("gerdy.protocol").joinpath(PROTOCOL_FILE).read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    return validate_protocol(parsed_document(text))
