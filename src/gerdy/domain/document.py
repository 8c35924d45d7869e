"""The `gerdy/1` document: one runner's whole record as JSON, for export and load.

`{"format": "gerdy/1", "profile": {...}, "events": [...]}`. Validation is all-or-nothing: the
first bad part is named in the error and nothing is returned.

Authorship in the contract: an event's `author` is absent (the runner), `{"role": "runner",
...}`, `{"role": "clinician", "name", "account", "signature"}` or `{"role": "reported", "name",
...}`. A clinician's event is signed by the server that stored it: `signature` is
`"v1:" + HMAC-SHA256(server secret, events.signing_form(event, record))` in hex, over the event
in canonical JSON, the clinician's `account` on that server and the record's handle. A document
may say anything; loading it (`Coach.load`) keeps an event as the clinician's only when the
signature verifies on this server for this record, and keeps any other event naming a
clinician as the runner's own with the role "reported" (the name shown as "… (reported)"),
its signature kept. So an export loaded back into the same record on the same server is
unchanged, and a forged or altered clinician's entry is never shown as one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event, parse_event
from gerdy.domain.profile import Profile
from gerdy.domain.refusals import refusal

FORMAT = "gerdy/1"
TOO_DEEP = "not a gerdy/1 document: it is nested far too deeply"


@dataclass(frozen=True)
class Document:
    profile: Profile
    events: tuple[Event, ...]


def describe_validation_error(exc: ValidationError) -> str:
    """One line: the first problem pydantic found, with where it is (see `refusals`)."""
    return refusal(exc)


def event_label(index: int, raw: object) -> str:
    kind = raw.get("type") if isinstance(raw, dict) else None
    date = raw.get("date") if isinstance(raw, dict) else None
    parts = [f"event #{index + 1}"]
    if kind:
        parts.append(str(kind))
    if date:
        parts.append(f"dated {date}")
    return " ".join(parts)


def parse_document(data: Any) -> Document:
    """Validate a decoded `gerdy/1` document; raise InvalidInput naming the first bad part."""
    if not isinstance(data, dict):
        raise InvalidInput("not a gerdy document: expected a JSON object")
    if data.get("format") != FORMAT:
        raise InvalidInput(f"not a {FORMAT} document (format is {data.get('format')!r})")
    unknown = set(data) - {"format", "profile", "events"}
    if unknown:
        raise InvalidInput(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    try:
        profile = Profile.model_validate(data.get("profile"))
    except ValidationError as exc:
        raise InvalidInput(f"profile: {describe_validation_error(exc)}") from exc
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise InvalidInput("events: expected a list")
    events: list[Event] = []
    seen_ids: set[str] = set()
    for index, raw in enumerate(raw_events):
        label = event_label(index, raw)
        try:
            event = parse_event(raw)
        except ValidationError as exc:
            raise InvalidInput(f"{label}: {describe_validation_error(exc)}") from exc
        if event.id is not None:
            if event.id in seen_ids:
                raise InvalidInput(f"{label}: duplicate id {event.id!r}")
            seen_ids.add(event.id)
        events.append(event)
    return Document(profile=profile, events=tuple(events))


def parse_document_text(text: str) -> Document:
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise InvalidInput(TOO_DEEP) from exc
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}): the file is damaged or "
            "not a gerdy/1 export"
        ) from exc
    return parse_document(data)


def dump_document(profile: Profile, events: list[Event] | tuple[Event, ...]) -> dict[str, Any]:
    """The JSON-ready `gerdy/1` object (unset optional fields left out, so it reads cleanly)."""
    return {
        "format": FORMAT,
        "profile": profile.model_dump(mode="json", exclude_defaults=True)
        | {
            "start_date": profile.start_date.isoformat(),
            "side": profile.side,
            "baseline_weekly_run_minutes": profile.baseline_weekly_run_minutes,
        },
        "events": [e.model_dump(mode="json", exclude_none=True) for e in events],
    }
