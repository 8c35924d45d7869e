"""A day planned again from the course of the day before (`engine.resume`) is the plan a
replay from day 1 gives, over random histories and random events added on the day; and a
resume is not used when an event corrects or takes back an earlier one."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gerdy.domain.events import Checkin, Event, Retraction, Run
from gerdy.domain.profile import Profile
from gerdy.engine import plan_day
from gerdy.engine.resume import plan_day_resuming
from gerdy.storage.store import with_id

from .examples import examples
from .strategies import PROTOCOL, Scenario, disturbed_day, scenarios


def split(scenario: Scenario, offset: int) -> tuple[dt.date, list[Event], list[Event]]:
    """(a day after the start, the events dated before it, the events dated on or after it)."""
    date = min(scenario.first + dt.timedelta(days=max(offset, 1)), scenario.last)
    before = [e for e in scenario.events if e.date < date]
    return date, before, [e for e in scenario.events if e.date >= date]


@examples(40)
@given(scenarios(max_days=80), st.integers(1, 79), st.data())
def test_a_day_planned_again_from_the_day_before_equals_the_replay_from_day_1(
    scenario: Scenario, offset: int, data: st.DataObject
) -> None:
    date, before, rest = split(scenario, offset)
    first = before + rest
    plan, resume = plan_day_resuming(PROTOCOL, scenario.profile, first, date)
    assert plan == plan_day(PROTOCOL, scenario.profile, first, date)
    if date == scenario.first:
        return
    assert resume is not None
    more = disturbed_day(data.draw, date, 5)
    # the events dated before the day come back as new objects, as a reload gives them
    second = [e.model_copy() for e in before] + rest + more
    again, kept = plan_day_resuming(PROTOCOL, scenario.profile, second, date, resume)
    assert again == plan_day(PROTOCOL, scenario.profile, second, date)
    assert kept is resume  # the resume held: the day was replayed from it


def test_a_correction_or_retraction_of_an_earlier_day_replays_from_day_1() -> None:
    start = dt.date(2026, 3, 2)
    profile = Profile(start_date=start, side="left", baseline_weekly_run_minutes=120)
    events: list[Event] = [
        with_id(Checkin(date=start + dt.timedelta(days=n), pain_daily=2)) for n in range(12)
    ]
    date = start + dt.timedelta(days=11)
    _plan, resume = plan_day_resuming(PROTOCOL, profile, events, date)
    assert resume is not None
    corrected = [*events, Checkin(date=date, pain_daily=0, supersedes=events[3].id)]
    retracted = [*events, Retraction(date=date, retracts=str(events[5].id))]
    run_after = [*events, Run(date=date, minutes=10, pain_during=0)]
    for changed in (corrected, retracted):
        plan, kept = plan_day_resuming(PROTOCOL, profile, changed, date, resume)
        assert plan == plan_day(PROTOCOL, profile, changed, date)
        assert kept is None  # nothing kept: an event dated today changes an earlier day
    plan, kept = plan_day_resuming(PROTOCOL, profile, run_after, date, resume)
    assert kept is resume
    assert plan == plan_day(PROTOCOL, profile, run_after, date)
