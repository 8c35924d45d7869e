"""Authorship in the `gerdy/1` contract: an optional `author` on every event (absent = the
runner); a clinician records only clearances, notes and settings changes, never the runner's
pain, sessions or runs; `note` and `settings_change` round-trip through a document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from gerdy.domain.document import dump_document, parse_document
from gerdy.domain.event_types import CLINICIAN_EVENT_TYPES, EVENT_TYPES
from gerdy.domain.events import parse_event
from gerdy.domain.profile import Profile
from gerdy.domain.refusals import CLINICIAN_EVENTS_ONLY, refusal

DAY = "2026-03-03"
CLINICIAN = {"role": "clinician", "name": "Dr. Ines Okafor"}
RUNNER_ONLY: dict[str, dict[str, Any]] = {
    "checkin": {"pain_daily": 2},
    "strength": {"exercises": [{"id": "clamshell", "sets": [15], "pain": 0}]},
    "run": {"minutes": 20},
    "roll": {"items": ["tfl_roll"]},
    "stretch": {"items": ["pigeon"]},
    "cross": {"activity": "bike", "minutes": 30},
    "form_check": {"view": "rear"},
}


def test_every_runner_only_type_is_listed_here() -> None:
    assert set(RUNNER_ONLY) | set(CLINICIAN_EVENT_TYPES) >= set(EVENT_TYPES) - {"retraction"}


@pytest.mark.parametrize("kind", sorted(RUNNER_ONLY))
def test_a_clinician_cannot_record_the_runners_own_events(kind: str) -> None:
    fields = {"type": kind, "date": DAY, **RUNNER_ONLY[kind]}
    parse_event(fields)  # the runner may
    parse_event(fields | {"author": {"role": "runner", "name": "Sam"}})
    with pytest.raises(ValidationError) as refused:
        parse_event(fields | {"author": CLINICIAN})
    assert refusal(refused.value) == CLINICIAN_EVENTS_ONLY  # one sentence, no field path


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "clearance", "rules": ["RED-3"]},
        {"type": "note", "text": "Well done this week."},
        {"type": "settings_change", "gate_days": 5},
    ],
)
def test_a_clinician_records_clearances_notes_and_settings(fields: dict[str, object]) -> None:
    event = parse_event({"date": DAY, "author": CLINICIAN, **fields})
    assert event.author is not None and event.author.role == "clinician"


@pytest.mark.parametrize(
    "author",
    [
        {"role": "physio", "name": "X"},
        {"role": "clinician", "name": ""},
        {"role": "clinician", "name": "   "},
        {"role": "clinician"},
    ],
)
def test_a_bad_author_is_refused(author: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        parse_event({"type": "note", "date": DAY, "text": "hi", "author": author})


def test_settings_change_strength_days_follow_st_0() -> None:
    with pytest.raises(ValidationError, match="adjacent"):
        parse_event(
            {"type": "settings_change", "date": DAY, "strength_days": ["mon", "tue", "fri"]}
        )


def test_note_and_settings_change_round_trip_with_their_author() -> None:
    profile = Profile(start_date=dt.date(2026, 3, 2), side="right", baseline_weekly_run_minutes=90)
    events = [
        parse_event({"id": "n1", "type": "note", "date": DAY, "text": "Flat routes only.",
                     "author": CLINICIAN}),
        parse_event({"id": "s1", "type": "settings_change", "date": DAY, "gate_days": 5,
                     "hills_track_week": 8, "strength_days": ["tue", "thu", "sat"],
                     "track": "reduced", "author": CLINICIAN}),
        parse_event({"id": "c1", "type": "checkin", "date": DAY, "pain_daily": 1}),
    ]  # fmt: skip
    document = dump_document(profile, events)
    assert document["events"][0]["author"] == CLINICIAN
    assert "author" not in document["events"][2]  # absent = the runner
    assert list(parse_document(document).events) == events
