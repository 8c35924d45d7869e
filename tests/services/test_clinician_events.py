"""A clinician's write path through the Coach (issue 12, items 3 and 4): a clearance, a note
or a settings change, signed with the clinician's name; never the runner's pain, sessions or
runs; a settings change within what the spec allows (RTR-0, RTR-5, ST-0, P1-2), applied from
its day on. A refused action writes nothing. Authored events survive export and load, on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from gerdy.domain.document import parse_document
from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Clearance, Note, SettingsChange, parse_event
from gerdy.domain.profile import Profile
from gerdy.domain.refusals import (
    BREAK_ENDS_ONLY_AT_THE_GATE,
    CLINICIAN_EVENTS_ONLY,
    RUNNER_RECORDS_AS_RUNNER,
    TRACK_ONLY_BEFORE_THE_GATE,
)
from gerdy.protocol import load_protocol
from gerdy.services import Coach
from gerdy.services.authorship import Authorship
from gerdy.services.coach import Signer
from gerdy.storage.store import RecordStore

KEY = b"a test server's secret"
START = dt.date(2026, 3, 2)  # a Monday
TODAY = START + dt.timedelta(days=9)  # day 10
NOW = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
PHYSIO = Signer("Dr. Ines Okafor", 7)
SIGNED_BY = {"role": "clinician", "name": PHYSIO.name, "account": PHYSIO.account_id}
FULL_SESSION = [
    {"id": "clamshell", "sets": [20, 20, 20], "pain": 0},
    {"id": "side_lying_abduction", "sets": [15, 15, 15], "pain": 0},
    {"id": "glute_bridge", "sets": [15, 15, 15], "pain": 0},
    {"id": "single_leg_bridge", "sets": [12, 12, 12], "pain": 0},
    {"id": "lateral_band_walk", "sets": [15, 15, 15], "pain": 0},
    {"id": "single_leg_box_squat", "sets": [10, 10, 10], "pain": 0},
]


def day(n: int) -> str:
    return (START + dt.timedelta(days=n - 1)).isoformat()


@pytest.fixture
def coach(store: RecordStore) -> Coach:
    coach = Coach(store, load_protocol(), lambda: NOW, authorship=Authorship(lambda: KEY))
    coach.start(
        Profile(start_date=START, side="left", baseline_weekly_run_minutes=100, track="break")
    )
    return coach


def pain_free_days(coach: Coach, first: int, last: int) -> None:
    for n in range(first, last + 1):
        coach.record({"type": "checkin", "date": day(n), "pain_daily": 0})


# --- what a clinician may record --------------------------------------------------------------
def test_a_clinicians_note_is_signed_with_their_name_and_dated_today(coach: Coach) -> None:
    done = coach.record_as_clinician(PHYSIO, {"type": "note", "text": "Flat routes only."})
    assert isinstance(done.event, Note)
    author = done.event.author
    assert author is not None and (author.role, author.name, author.account) == (
        "clinician",
        PHYSIO.name,
        PHYSIO.account_id,
    )
    assert author.signature is not None and author.signature.startswith("v1:")
    assert done.event.date == TODAY
    assert coach.events() == [done.event]


def test_red_1_to_3_a_clinicians_clearance_resumes_the_plan_and_names_them(
    coach: Coach,
) -> None:
    coach.record({"type": "checkin", "date": day(10), "pain_daily": 2, "numbness": True})
    assert "RED-3" in [a.rule for a in coach.plan().alerts]
    done = coach.record_as_clinician(PHYSIO, {"type": "clearance", "rules": ["RED-3"]})
    assert isinstance(done.event, Clearance)
    assert "RED-3" not in [a.rule for a in done.plan.alerts]
    assert [(e.type, e.author and e.author.name) for e in coach.clinician_word(START, TODAY)] == [
        ("clearance", PHYSIO.name)
    ]


def test_rtr_0_a_clinicians_five_day_gate_opens_it_from_that_day(coach: Coach) -> None:
    pain_free_days(coach, 5, 10)  # six pain-free days by today, day 10
    coach.record({"type": "strength", "date": day(8), "exercises": FULL_SESSION})
    assert coach.plan().stage == "protect"  # seven needed
    done = coach.record_as_clinician(PHYSIO, {"type": "settings_change", "gate_days": 5})
    assert done.plan.gate.needed_days == 5
    assert done.plan.stage == "return-1"
    assert coach.plan(START + dt.timedelta(days=8)).gate.needed_days == 7  # day 9 as it was


@pytest.mark.parametrize(
    ("change", "rule"),
    [({"gate_days": 6}, "RTR-0"), ({"hills_track_week": 5}, "RTR-5"),
     ({"hills_track_week": 9}, "RTR-5")],
)  # fmt: skip
def test_rtr_0_rtr_5_a_value_the_spec_does_not_allow_is_refused_and_writes_nothing(
    coach: Coach, change: dict[str, Any], rule: str
) -> None:
    with pytest.raises(InvalidInput, match=rule):
        coach.record_as_clinician(PHYSIO, {"type": "settings_change", **change})
    assert coach.events() == []


def test_st_0_adjacent_strength_days_are_refused(coach: Coach) -> None:
    with pytest.raises(ValidationError, match="adjacent"):
        coach.record_as_clinician(
            PHYSIO, {"type": "settings_change", "strength_days": ["sat", "sun", "wed"]}
        )
    assert coach.events() == []


def test_p1_2_a_track_change_after_the_gate_is_refused(coach: Coach) -> None:
    pain_free_days(coach, 1, 8)
    coach.record({"type": "strength", "date": day(8), "exercises": FULL_SESSION})
    assert coach.plan().stage == "return-1"
    with pytest.raises(InvalidInput) as refused:
        coach.record_as_clinician(PHYSIO, {"type": "settings_change", "track": "reduced"})
    assert str(refused.value) == TRACK_ONLY_BEFORE_THE_GATE
    assert len(coach.events()) == 9


def test_p1_2_after_a_move_to_the_break_track_only_the_gate_ends_it(coach: Coach) -> None:
    coach.start(
        Profile(start_date=START, side="left", baseline_weekly_run_minutes=100, track="reduced"),
        replace=True,
    )
    coach.record({"type": "run", "date": day(3), "minutes": 10, "pain_worsened": True})  # WS-1
    assert coach.plan().track == "break"
    with pytest.raises(InvalidInput) as refused:
        coach.record_as_clinician(PHYSIO, {"type": "settings_change", "track": "reduced"})
    assert str(refused.value) == BREAK_ENDS_ONLY_AT_THE_GATE
    assert len(coach.events()) == 1


def test_p1_2_a_clinician_may_move_a_break_track_runner_to_reduced_in_protect(
    coach: Coach,
) -> None:
    assert coach.plan().run.allowed is False
    done = coach.record_as_clinician(PHYSIO, {"type": "settings_change", "track": "reduced"})
    assert done.plan.track == "reduced"
    assert done.plan.run.allowed is True


# --- what a clinician may never record ----------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        {"type": "checkin", "pain_daily": 0},
        {"type": "strength", "exercises": FULL_SESSION},
        {"type": "run", "minutes": 20},
        {"type": "roll", "items": ["tfl_roll"]},
        {"type": "stretch", "items": ["pigeon"]},
        {"type": "cross", "activity": "bike", "minutes": 30},
        {"type": "form_check", "view": "rear"},
        {"type": "retraction", "retracts": "x"},
        {"pain_daily": 0},
    ],
)
def test_a_clinician_never_logs_the_runners_pain_sessions_or_runs(
    coach: Coach, data: dict[str, Any]
) -> None:
    with pytest.raises(InvalidInput) as refused:
        coach.record_as_clinician(PHYSIO, data)
    assert str(refused.value) == CLINICIAN_EVENTS_ONLY
    assert coach.events() == []


def test_the_runners_path_refuses_an_event_signed_by_a_clinician(coach: Coach) -> None:
    forged = {"type": "note", "text": "Run as you like.", "author": {"role": "clinician",
              "name": "Dr. Made Up"}}  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        coach.record(forged)
    assert str(refused.value) == RUNNER_RECORDS_AS_RUNNER
    with pytest.raises(InvalidInput):
        coach.log(parse_event({**forged, "date": day(10)}))
    assert coach.events() == []


def test_a_clinicians_name_must_say_something(coach: Coach) -> None:
    with pytest.raises(ValidationError):
        coach.record_as_clinician(Signer("   ", 7), {"type": "note", "text": "hello"})
    assert coach.events() == []


def test_a_clinicians_action_may_not_be_dated_in_the_future(coach: Coach) -> None:
    with pytest.raises(InvalidInput, match="future"):
        coach.record_as_clinician(PHYSIO, {"type": "note", "text": "hi", "date": day(11)})


# --- reading the clinician's word back ------------------------------------------------------------
def test_clinician_word_is_newest_first_within_the_dates_and_skips_retracted(coach: Coach) -> None:
    first = coach.record_as_clinician(PHYSIO, {"type": "note", "text": "one", "date": day(2)})
    coach.record({"type": "note", "text": "mine", "date": day(5)})
    coach.record_as_clinician(PHYSIO, {"type": "settings_change", "gate_days": 5, "date": day(6)})
    gone = coach.record_as_clinician(PHYSIO, {"type": "note", "text": "oops", "date": day(7)})
    assert gone.event.id is not None
    coach.retract(gone.event.id, TODAY)
    word = coach.clinician_word(START + dt.timedelta(days=2), TODAY)
    assert [(e.type, e.date.isoformat()) for e in word] == [
        ("settings_change", day(6)),
        ("note", day(5)),
    ]
    assert first.event in coach.clinician_word(START, TODAY)


# --- export and load ----------------------------------------------------------------------------
def test_authored_events_round_trip_through_export_and_load(coach: Coach) -> None:
    coach.record({"type": "checkin", "date": day(9), "pain_daily": 1})
    coach.record_as_clinician(PHYSIO, {"type": "note", "text": "Flat routes.", "date": day(9)})
    coach.record_as_clinician(
        PHYSIO,
        {"type": "settings_change", "date": day(9), "gate_days": 5, "hills_track_week": 8,
         "strength_days": ["tue", "thu", "sat"], "track": "reduced"},
    )  # fmt: skip
    coach.record_as_clinician(PHYSIO, {"type": "clearance", "rules": ["RED-4"]})
    exported = coach.export()
    signed = [e for e in exported["events"] if "author" in e]
    assert len(signed) == 3
    assert all(e["author"] == SIGNED_BY | {"signature": e["author"]["signature"]} for e in signed)
    before = coach.events()
    assert coach.load(parse_document(exported), replace=True).events == 4
    assert coach.events() == before
    assert coach.export() == exported


def test_a_document_whose_settings_change_the_spec_refuses_does_not_load(coach: Coach) -> None:
    coach.record({"type": "checkin", "date": day(9), "pain_daily": 1})
    exported = coach.export()
    exported["events"].append(
        {"type": "settings_change", "date": day(9), "hills_track_week": 9,
         "author": {"role": "clinician", "name": PHYSIO.name}}
    )  # fmt: skip
    with pytest.raises(InvalidInput, match=r"event #2 settings_change .*RTR-5"):
        coach.load(parse_document(exported), replace=True)
    assert len(coach.events()) == 1


def test_a_document_with_a_clinicians_checkin_does_not_parse() -> None:
    document = {
        "format": "gerdy/1",
        "profile": {"start_date": day(1), "side": "left", "baseline_weekly_run_minutes": 90},
        "events": [{"type": "checkin", "date": day(2), "pain_daily": 0,
                    "author": {"role": "clinician", "name": PHYSIO.name}}],
    }  # fmt: skip
    with pytest.raises(InvalidInput, match="a clinician may record only"):
        parse_document(document)


def test_settings_change_events_are_typed(coach: Coach) -> None:
    done = coach.record_as_clinician(PHYSIO, {"type": "settings_change", "gate_days": 5})
    assert isinstance(done.event, SettingsChange) and done.event.gate_days == 5


def test_plan_with_word_reads_the_plan_and_the_last_days_word_together(coach: Coach) -> None:
    coach.record_as_clinician(PHYSIO, {"type": "note", "text": "old", "date": day(1)})
    coach.record_as_clinician(PHYSIO, {"type": "note", "text": "new", "date": day(9)})
    profile, plan, word = coach.plan_with_word(days=3)
    assert (profile, plan) == coach.profile_and_plan()
    assert [getattr(e, "text", None) for e in word()] == ["new"]
