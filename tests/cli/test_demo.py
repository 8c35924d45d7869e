"""The sample runner of `gerdy demo` (`gerdy.demo.demo_document`): a valid gerdy/1 record
whose six weeks tell the story the README promises."""

from __future__ import annotations

import datetime as dt

import pytest

from gerdy.demo import DEMO_DAYS, demo_document
from gerdy.domain.document import dump_document, parse_document
from gerdy.domain.events import Checkin, Run, Strength
from gerdy.engine import plan_day
from gerdy.protocol import load_protocol

TODAY = dt.date(2026, 3, 4)


@pytest.mark.parametrize("offset", range(7))
def test_demo_document_validates_on_any_weekday(offset: int) -> None:
    today = TODAY + dt.timedelta(days=offset)
    document = demo_document(today)
    assert document.profile.start_date == today - dt.timedelta(days=DEMO_DAYS - 1)
    assert all(document.profile.start_date <= e.date <= today for e in document.events)
    again = parse_document(dump_document(document.profile, document.events))
    assert again == document
    plan = plan_day(load_protocol(), document.profile, document.events, today)
    assert plan.day == DEMO_DAYS and plan.stage == "return-2"
    assert plan.run.allowed and plan.tasks


def test_demo_is_pure() -> None:
    assert demo_document(TODAY) == demo_document(TODAY)


def test_rtr_0_demo_gate_met_in_week_4() -> None:
    document = demo_document(TODAY)
    plan = plan_day(load_protocol(), document.profile, document.events, TODAY)
    assert plan.gate.met and plan.gate.met_on is not None
    gate_day = (plan.gate.met_on - document.profile.start_date).days + 1
    assert 22 <= gate_day <= 35


def test_demo_story_pain_falls_strength_from_day_8_runs_after_the_gate() -> None:
    document = demo_document(TODAY)
    start = document.profile.start_date
    checkins = [e for e in document.events if isinstance(e, Checkin) and e.supersedes is None]
    assert checkins[0].pain_daily == 4 and checkins[-1].pain_daily == 0
    sessions = [e for e in document.events if isinstance(e, Strength)]
    assert min((s.date - start).days + 1 for s in sessions) >= 8
    assert {s.date.weekday() for s in sessions} <= {0, 2, 4}
    efforts = {log.effort for s in sessions for log in s.exercises}
    assert efforts == {"easy", "right", "hard"}
    runs = [e for e in document.events if isinstance(e, Run)]
    cadences = [r.cadence_spm or 0 for r in runs]
    assert cadences == sorted(cadences) and cadences[0] == 165
    assert document.profile.derived_track == "break"


def test_ws_2_demo_has_one_episode() -> None:
    document = demo_document(TODAY)
    runs = [e for e in document.events if isinstance(e, Run)]
    assert sum(1 for r in runs if (r.pain_after_hours or 0) > 2) == 1
    plan = plan_day(load_protocol(), document.profile, document.events, TODAY)
    assert [a.rule for a in plan.alerts if a.level == "back_off"] == ["WS-2"]


def test_p1_2_header_names_the_stage_in_words_and_drops_the_track_after_the_gate() -> None:
    """As the web app does: "Return week 2", and no "Track:" once RTR-0 is met (the track only
    decides the protect weeks)."""
    from gerdy.cli.render import header

    document = demo_document(TODAY)
    protocol = load_protocol()
    plan = plan_day(protocol, document.profile, document.events, TODAY)
    text = header(plan, protocol).plain
    assert "Stage: Return week 2 since" in text
    assert "Track" not in text and "return-2" not in text
    first = plan_day(protocol, document.profile, document.events, document.profile.start_date)
    assert "Track: " in header(first, protocol).plain
