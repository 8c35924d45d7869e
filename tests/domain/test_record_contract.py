"""The `gerdy/1` contract's newer parts: `retraction` events and per-side strength pain."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from gerdy.domain.document import dump_document, parse_document
from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import (
    Checkin,
    ExerciseLog,
    Retraction,
    Run,
    effective_events,
    parse_event,
)
from gerdy.domain.profile import Profile
from gerdy.protocol import load_protocol
from gerdy.services.rules import check_document

START = dt.date(2026, 3, 2)
PROFILE = Profile(start_date=START, side="left", baseline_weekly_run_minutes=90)


def test_pain_by_side_sets_pain_to_the_larger_side() -> None:
    log = ExerciseLog.model_validate(
        {"id": "clamshell", "sets": [12], "pain_by_side": {"left": 4, "right": 1}}
    )
    assert log.pain == 4
    assert log.pain_by_side is not None and log.pain_by_side.right == 1


def test_pain_that_is_not_the_larger_side_is_refused() -> None:
    with pytest.raises(ValidationError, match="larger of pain_by_side"):
        ExerciseLog.model_validate(
            {"id": "clamshell", "sets": [12], "pain": 1, "pain_by_side": {"left": 4, "right": 1}}
        )


def test_pain_by_side_out_of_range_is_refused() -> None:
    with pytest.raises(ValidationError):
        ExerciseLog.model_validate(
            {"id": "clamshell", "sets": [12], "pain_by_side": {"left": 11, "right": 1}}
        )


def test_a_retraction_parses_and_round_trips_in_a_document() -> None:
    run = Run(id="r1", date=START, minutes=20)
    gone = parse_event({"type": "retraction", "date": "2026-03-03", "retracts": "r1"})
    assert isinstance(gone, Retraction)
    document = dump_document(PROFILE, [run, gone.model_copy(update={"id": "x1"})])
    assert document["events"][1] == {
        "id": "x1",
        "type": "retraction",
        "date": "2026-03-03",
        "retracts": "r1",
    }
    assert parse_document(document).events[1] == gone.model_copy(update={"id": "x1"})


def test_a_retraction_of_an_unknown_id_is_refused_at_load() -> None:
    document = dump_document(PROFILE, [Retraction(date=START, retracts="nobody")])
    with pytest.raises(InvalidInput, match="no event with id 'nobody' to delete"):
        check_document(load_protocol(), parse_document(document))


def test_effective_events_drop_corrected_retracted_and_the_retractions() -> None:
    first = Checkin(id="c1", date=START, pain_daily=5)
    fixed = Checkin(id="c2", date=START, pain_daily=1, supersedes="c1")
    run = Run(id="r1", date=START, minutes=20)
    kept = Run(id="r2", date=START, minutes=30)
    gone = Retraction(id="x1", date=START, retracts="r1")
    assert effective_events([first, fixed, run, kept, gone]) == [fixed, kept]
