"""The one sentence a refused value gets, wherever it came from (a CLI option, a web form, a
JSON body, a document): where the first problem is, then what is wrong with it. Refusals that
are about who may record what are written here once, as constants.

Both pydantic's `ValidationError.errors()` and FastAPI's request errors are lists of the same
dicts; the transport's part of the location ("body", "form", "query") and the event's type tag
(a discriminated union adds it) are left out, so `pain_daily: ...` reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from gerdy.domain.event_types import EVENT_TYPES

TRANSPORT_PARTS = frozenset({"body", "form", "query", "path"})

# Who may record what (issue 12: authorship). The event contract, the Coach and the engine
# all refuse with these words.
CLINICIAN_EVENTS_ONLY = (
    "a clinician may record only a clearance, a note or a settings change: "
    "pain, sessions and runs are the runner's own to log"
)
RUNNER_RECORDS_AS_RUNNER = (
    "a runner records events as the runner: a clinician's clearance, note or settings change "
    "comes from the clinician's own account"
)
TRACK_ONLY_BEFORE_THE_GATE = (
    "the track (P1-2) shapes only the protect stage: after the gate it no longer applies"
)
CLEARANCE_NAMES_THE_PROFESSIONAL = (
    "a clearance you record needs the name and the role of the professional who cleared you "
    "(for example: Ana Ruiz, physiotherapist)"
)
RUN_SOURCE_ONLY_BY_IMPORT = (
    "a run's device file (its source) is set only by importing that file: log the run "
    "without a source, or import the file"
)
BREAK_ENDS_ONLY_AT_THE_GATE = (
    "after a move to the break track, running comes back only through the gate (P1-2), "
    "not by a change to the reduced track"
)


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
