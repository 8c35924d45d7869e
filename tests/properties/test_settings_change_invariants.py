"""Settings changes never loosen the gate (Hypothesis): whatever a clinician (or the runner)
adjusts — RTR-0's days, RTR-5's week, ST-0's days, P1-2's track — and whenever, the gate
opens only on a day its criteria hold on the record with the N in force that day, never
before day 8 nor inside a minimum break, and hills and track open no earlier than the week in
force allows. The expectations are computed here from the event list, not by the engine."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from gerdy.domain.events import Author, Event, SettingsChange

from .examples import examples
from .strategies import PROTOCOL, VALID_STRENGTH_DAYS, Scenario, day_number, scenarios
from .test_safety_invariants import (
    complete_pain_free_session_on_record,
    pain_free_streak_on_record,
    replay,
)

PHYSIO = Author(role="clinician", name="Dr. Ines Okafor")
CHANGES = st.fixed_dictionaries(
    {
        "gate_days": st.none() | st.sampled_from(PROTOCOL.gate.pain_free_days_allowed),
        "hills_track_week": st.none()
        | st.integers(
            PROTOCOL.hills_track.from_return_week_allowed.min,
            PROTOCOL.hills_track.from_return_week_allowed.max,
        ),
        "strength_days": st.none() | st.sampled_from(VALID_STRENGTH_DAYS),
        "track": st.none() | st.sampled_from(["break", "reduced"]),
        "by_clinician": st.booleans(),
    }
).filter(lambda c: any(c[k] is not None for k in ("gate_days", "hills_track_week",
                                                  "strength_days", "track")))  # fmt: skip


@st.composite
def with_settings_changes(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Scenario:
    """A random history with one to four settings changes slipped in at random places."""
    scenario: Scenario = draw(scenarios(max_days=80))
    events = list(scenario.events)
    days = (scenario.last - scenario.first).days
    for _ in range(draw(st.integers(1, 4))):
        fields = draw(CHANGES)
        author = PHYSIO if fields.pop("by_clinician") else None
        date = scenario.first + dt.timedelta(days=draw(st.integers(0, days)))
        change = SettingsChange(date=date, author=author, **fields)
        events.insert(draw(st.integers(0, len(events))), change)
    return Scenario(profile=scenario.profile, events=tuple(events), last=scenario.last)


def in_force(events: Sequence[Event], date: dt.date, setting: str, default: int) -> int:
    """The value of `setting` on `date`: the latest change dated up to it (by date, then in
    the order recorded), else the profile's."""
    changes = [
        (e.date, index, getattr(e, setting))
        for index, e in enumerate(events)
        if isinstance(e, SettingsChange) and e.date <= date and getattr(e, setting) is not None
    ]
    return max(changes)[2] if changes else default


@examples(80)
@given(with_settings_changes())
def test_rtr_0_p1_2_rtr_5_settings_changes_never_open_anything_early(scenario: Scenario) -> None:
    profile, events = scenario.profile, scenario.events
    gate_default = profile.settings.gate_days or PROTOCOL.gate.pain_free_days_default
    week_default = profile.settings.hills_track_week or (
        PROTOCOL.hills_track.from_return_week_default
    )
    plans = replay(scenario)
    for plan in plans:  # RTR-0: N in force each day, and only the values the spec allows
        needed = in_force(events, plan.date, "gate_days", gate_default)
        assert plan.gate.needed_days == needed, plan.date
        assert needed in PROTOCOL.gate.pain_free_days_allowed
    met = [plan for plan in plans if plan.gate.met]
    if not met:
        assert all(not plan.run.hills_track for plan in plans)
        return
    gate_day = met[0].gate.met_on
    assert gate_day is not None and met[0].date == gate_day
    needed = in_force(events, gate_day, "gate_days", gate_default)
    assert day_number(profile, gate_day) >= PROTOCOL.gate.earliest_day
    assert pain_free_streak_on_record(events, gate_day, needed), gate_day
    assert complete_pain_free_session_on_record(events, gate_day), gate_day
    minimum_break = dt.timedelta(days=PROTOCOL.protect.min_break_days)
    for before, plan in itertools.pairwise(plans):  # P1-2: a move to break waits
        if before.track == "reduced" and plan.track == "break" and plan.date <= gate_day:
            assert gate_day >= plan.date + minimum_break, (plan.date, gate_day)
    for plan in plans:  # RTR-5: hills and track from the week in force, never before week 6
        if plan.run.hills_track:
            week = in_force(events, plan.date, "hills_track_week", week_default)
            assert week >= PROTOCOL.hills_track.from_return_week_allowed.min
            assert plan.date >= gate_day + dt.timedelta(days=7 * (week - 1)), plan.date
