"""The engine's contract: a pure function of (protocol, profile, events, date). Only events up
to the plan's date count, corrections replace what they name, dates before the start are
refused, and the same input always gives the same plan."""

from __future__ import annotations

import random

import pytest

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Strength
from gerdy.engine import plan_day, plan_days

from .conftest import Rehab


def test_a_date_before_the_start_raises(rehab: Rehab) -> None:
    with pytest.raises(InvalidInput):
        rehab.plan(0)
    with pytest.raises(InvalidInput):
        rehab.plans(0, 3)


def test_a_range_ending_before_it_starts_raises(rehab: Rehab) -> None:
    with pytest.raises(InvalidInput):
        rehab.plans(5, 4)


def test_events_after_the_plans_date_are_ignored(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.checkin(9, pain=5, cannot_bear_weight=True)
    rehab.run(10, 15, pain_worsened=True)
    day8 = rehab.plan(8)
    assert day8.stage == "return-1"
    assert day8.alerts == ()
    assert day8.run.allowed is True
    assert rehab.plan(9).stage == "paused"


def test_rtr_0_superseded_checkin_no_longer_counts(rehab: Rehab) -> None:
    rehab.checkins(1, 4)
    wrong = rehab.checkin(5, pain=4)
    rehab.checkins(6, 3)
    rehab.strength(8)
    assert rehab.plan(8).gate.met is False
    rehab.add(5, "checkin", pain_daily=0, supersedes=wrong.id)
    assert rehab.plan(8).gate.met_on == rehab.date(8)


def test_red_1_superseded_checkin_raises_no_flag(rehab: Rehab) -> None:
    wrong = rehab.checkin(2, cannot_bear_weight=True)
    assert rehab.alert_rules(rehab.plan(2), "red_flag") == ["RED-1"]
    rehab.add(2, "checkin", pain_daily=0, supersedes=wrong.id)
    assert rehab.alert_rules(rehab.plan(2), "red_flag") == []
    assert rehab.has_strength(rehab.plan(8))


def test_ws_1_superseded_run_does_not_pause(rehab: Rehab) -> None:
    rehab.climb("return-2")
    wrong = rehab.run(15, 20, pain_worsened=True)
    assert rehab.plan(15).stage == "paused"
    rehab.add(15, "run", minutes=20, pain_during=0, supersedes=wrong.id)
    assert rehab.plan(15).stage == "return-2"


def test_red_1_retracted_checkin_raises_no_flag(rehab: Rehab) -> None:
    wrong = rehab.checkin(2, cannot_bear_weight=True)
    assert rehab.alert_rules(rehab.plan(2), "red_flag") == ["RED-1"]
    rehab.add(3, "retraction", retracts=wrong.id)
    assert rehab.alert_rules(rehab.plan(3), "red_flag") == []
    # a retraction takes the event back whatever its own date: day 2 no longer shows it either
    assert rehab.alert_rules(rehab.plan(2), "red_flag") == []


def test_ws_1_retracted_run_does_not_pause(rehab: Rehab) -> None:
    rehab.climb("return-2")
    wrong = rehab.run(15, 20, pain_worsened=True)
    assert rehab.plan(15).stage == "paused"
    rehab.add(15, "retraction", retracts=wrong.id)
    assert rehab.plan(15).stage == "return-2"


def test_ws_3_pain_by_side_counts_as_its_larger_side(rehab: Rehab) -> None:
    session = rehab.strength(3, clamshell={"pain": None, "pain_by_side": {"left": 0, "right": 3}})
    assert isinstance(session, Strength)
    logged = session.exercises
    clamshell = next(log for log in logged if log.id == "clamshell")
    assert clamshell.pain == 3
    assert rehab.plan(8).gate.strength_pain_free is False


def test_same_input_same_plan(rehab: Rehab) -> None:
    rehab.set(cadence_spm=160, intake={"locking": True})
    rehab.climb("progress")
    rehab.run(30, 25, pain_after_hours=3)
    rehab.checkin(33, swelling=True)
    first = rehab.plans(1, 50)
    second = rehab.plans(1, 50)
    assert first == second
    assert [p.to_json() for p in first] == [p.to_json() for p in second]
    assert rehab.plan(40) == first[39]


def test_the_order_of_events_across_days_does_not_matter(rehab: Rehab) -> None:
    rehab.climb("progress")
    rehab.strength(31, effort="easy")
    events = list(rehab.events)
    shuffled = list(events)
    random.Random(7).shuffle(shuffled)
    date = rehab.date(40)
    assert plan_day(rehab.protocol, rehab.profile, shuffled, date) == plan_day(
        rehab.protocol, rehab.profile, events, date
    )


def test_plan_days_agrees_with_plan_day_for_each_day(rehab: Rehab) -> None:
    rehab.climb("progress")
    rehab.run(30, 20, pain_worsened=True)
    rehab.checkins(31, 3)
    rehab.checkin(36, locking=True)
    plans = plan_days(rehab.protocol, rehab.profile, rehab.events, rehab.date(20), rehab.date(40))
    for plan in plans:
        assert plan == rehab.plan(plan.date)


def test_a_plan_more_than_twenty_years_after_the_start_is_refused(rehab: Rehab) -> None:
    import datetime as dt

    import pytest

    from gerdy.domain.errors import InvalidInput
    from gerdy.engine.planner import MAX_PLAN_DAYS

    last_allowed = rehab.start + dt.timedelta(days=MAX_PLAN_DAYS - 1)
    assert rehab.plan(last_allowed).date == last_allowed
    with pytest.raises(InvalidInput, match="twenty years"):
        rehab.plan(last_allowed + dt.timedelta(days=1))


def test_a_start_date_outside_2000_to_2100_is_invalid() -> None:
    import pytest
    from pydantic import ValidationError

    from gerdy.domain.profile import Profile

    for start in ("1999-12-31", "2101-01-01", "0001-01-01"):
        with pytest.raises(ValidationError):
            Profile.model_validate(
                {"start_date": start, "side": "left", "baseline_weekly_run_minutes": 60}
            )


def test_the_plan_says_whether_its_day_has_a_check_in_that_counts(rehab: Rehab) -> None:
    assert rehab.plan(2).checked_in is False
    wrong = rehab.checkin(2, pain=1)
    assert rehab.plan(2).checked_in is True
    assert rehab.plan(3).checked_in is False  # yesterday's check-in is not today's
    rehab.add(2, "retraction", retracts=wrong.id)
    assert rehab.plan(2).checked_in is False
    kept = rehab.checkin(2, pain=2)
    rehab.add(2, "checkin", pain_daily=1, supersedes=kept.id)
    assert rehab.plan(2).checked_in is True
