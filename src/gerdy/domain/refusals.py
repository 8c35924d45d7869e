"""The one sentence a refused value gets, wherever it came from (a CLI option, a web form, a
JSON body, a document): where the first problem is, then what is wrong with it.

Both pydantic's `ValidationError.errors()` and FastAPI's request errors are lists of the same
dicts; the transport's part of the location ("body", "form", "query") and the event's type tag
(a discriminated union adds it) are left out, so `pain_daily: ...` reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from gerdy.domain.events import EVENT_TYPES

TRANSPORT_PARTS = frozenset({"body", "form", "query", "path"})


def sentence_for(errors: Sequence[Mapping[str, Any]]) -> str:
    """One line naming the first problem in `errors` (pydantic's error dicts)."""
    if not errors:
        return "invalid value"
    first = errors[0]
    loc = [str(part) for part in first.get("loc", ()) if part not in TRANSPORT_PARTS]
    if loc and loc[0] in EVENT_TYPES:
        loc = loc[1:]
    message = str(first.get("msg", "invalid value")).replace("Value error, ", "")
    where = ".".join(loc)
    return f"{where}: {message}" if where else message


def refusal(exc: ValidationError) -> str:
    return sentence_for(exc.errors())
