"""`settings_change` events: what the spec lets a professional (or the runner) adjust — RTR-0's
gate days (5 or 7), RTR-5's hills-and-track week (6-8), ST-0's strength days, P1-2's track —
applies from the event's date on, never to the days before it, and never lets the gate open
before its own criteria are met."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gerdy.domain.errors import InvalidInput

from .conftest import Rehab


def strength_days(rehab: Rehab, first: int, last: int) -> list[int]:
    return [plan.day for plan in rehab.plans(first, last) if rehab.has_strength(plan)]


# --- RTR-0: the gate's pain-free days ------------------------------------------------------------
def test_rtr_0_gate_days_changed_to_five_from_the_events_day(rehab: Rehab) -> None:
    rehab.checkins(1, 3, pain=2)
    rehab.checkins(4, 6)  # days 4..9 pain-free
    rehab.strength(8)
    assert rehab.plan(8).gate.met is False  # five days by day 8, seven needed
    rehab.add(9, "settings_change", gate_days=5)
    assert rehab.plan(8).gate.needed_days == 7  # the day before the change is as it was
    day9 = rehab.plan(9)
    assert day9.gate.needed_days == 5
    assert day9.gate.met_on == rehab.date(9)
    assert day9.stage == "return-1"


def test_rtr_0_gate_days_back_to_seven_holds_the_gate_closed(rehab: Rehab) -> None:
    rehab.set(settings={"gate_days": 5})
    rehab.add(2, "settings_change", gate_days=7)
    rehab.checkins(1, 3, pain=2)
    rehab.checkins(4, 5)  # days 4..8
    rehab.strength(8)
    assert rehab.plan(1).gate.needed_days == 5
    assert rehab.plan(8).gate.needed_days == 7
    assert rehab.plan(8).gate.met is False


def test_rtr_0_five_days_never_opens_the_gate_before_day_8(rehab: Rehab) -> None:
    rehab.add(1, "settings_change", gate_days=5)
    rehab.checkins(1, 8)
    rehab.strength(6)
    plans = rehab.plans(1, 8)
    assert [p.stage for p in plans[:7]] == ["protect"] * 7
    assert plans[7].gate.met_on == rehab.date(8)


def test_rtr_0_gate_days_changed_after_the_gate_leave_it_met(rehab: Rehab) -> None:
    gate = rehab.reach_gate(8)
    rehab.add(10, "settings_change", gate_days=5)
    plan = rehab.plan(10)
    assert plan.gate.met_on == rehab.date(gate)
    assert plan.stage == "return-1"


def test_rtr_0_gate_days_outside_5_or_7_raise_when_planned(rehab: Rehab) -> None:
    rehab.add(3, "settings_change", gate_days=6)
    assert rehab.plan(2).gate.needed_days == 7
    with pytest.raises(InvalidInput, match="RTR-0"):
        rehab.plan(3)


# --- RTR-5: hills and track -----------------------------------------------------------------------
def test_rtr_5_hills_and_track_moved_to_week_8_from_the_events_day(rehab: Rehab) -> None:
    rehab.checkins(rehab.climb("progress"), 40)
    rehab.add(20, "settings_change", hills_track_week=8)
    opens = 8 + 7 * 7
    assert rehab.plan(8 + 7 * 5).run.hills_track is False  # week 6 no longer opens them
    assert rehab.plan(opens - 1).run.hills_track is False
    assert rehab.plan(opens).run.hills_track is True


def test_rtr_5_hills_and_track_moved_back_to_week_6_opens_them_from_that_day(rehab: Rehab) -> None:
    rehab.set(settings={"hills_track_week": 8})
    rehab.checkins(rehab.climb("progress"), 40)
    week_6 = 8 + 7 * 5
    assert rehab.plan(week_6 + 2).run.hills_track is False
    rehab.add(week_6 + 3, "settings_change", hills_track_week=6)
    assert rehab.plan(week_6 + 2).run.hills_track is False  # the day before is as it was
    assert rehab.plan(week_6 + 3).run.hills_track is True


def test_rtr_5_hills_and_track_week_outside_6_to_8_raises(rehab: Rehab) -> None:
    rehab.add(2, "settings_change", hills_track_week=5)
    with pytest.raises(InvalidInput, match="RTR-5"):
        rehab.plan(2)


# --- ST-0: strength days --------------------------------------------------------------------------
def test_st_0_strength_days_changed_from_the_events_day(rehab: Rehab) -> None:
    rehab.add(14, "settings_change", strength_days=["tue", "thu", "sat"])
    # Mon/Wed/Fri in week 2 (days 8, 10, 12); from day 14 (a Sunday) Tue/Thu/Sat
    assert strength_days(rehab, 1, 21) == [8, 10, 12, 16, 18, 20]


def test_st_0_a_change_never_puts_strength_on_two_days_in_a_row(rehab: Rehab) -> None:
    rehab.strength(8)  # Monday's session done
    rehab.add(9, "settings_change", strength_days=["tue", "thu", "sat"])
    assert not rehab.has_strength(rehab.plan(9))  # Tuesday: the day after a session
    assert rehab.has_strength(rehab.plan(11))


def test_st_0_strength_days_in_a_change_must_not_be_adjacent(rehab: Rehab) -> None:
    with pytest.raises(ValidationError, match="adjacent"):
        rehab.add(3, "settings_change", strength_days=["mon", "tue", "fri"])


# --- P1-2: the track -----------------------------------------------------------------------------
def test_p1_2_track_changed_to_reduced_leads_the_gate_to_progress(rehab: Rehab) -> None:
    rehab.add(5, "settings_change", track="reduced")
    rehab.reach_gate(8)
    assert rehab.plan(4).track == "break"
    assert rehab.plan(5).track == "reduced"
    plan = rehab.plan(8)
    assert plan.track == "reduced"
    assert plan.stage == "progress"


def test_p1_2_track_changed_to_reduced_allows_capped_runs_in_protect(rehab: Rehab) -> None:
    assert rehab.plan(3).run.allowed is False  # break track
    rehab.add(3, "settings_change", track="reduced")
    run = rehab.plan(3).run
    assert run.allowed is True and run.rule == "P1-2"
    assert run.max_minutes == 20  # half of the 40% cap on 100 minutes


def test_p1_2_track_changed_to_break_restarts_the_minimum_break(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.add(6, "settings_change", track="break")
    rehab.checkins(1, 13)
    rehab.strength(8)
    rehab.strength(10)
    rehab.strength(12)
    assert rehab.plan(5).run.allowed is True
    assert rehab.plan(6).run.allowed is False
    plans = rehab.plans(6, 13)
    assert [p.stage for p in plans[:-1]] == ["protect"] * 7  # no gate inside days 6..12
    assert plans[-1].gate.met_on == rehab.date(13)  # 7 days after the change
    assert plans[-1].stage == "return-1"


def test_p1_2_track_change_after_the_gate_changes_nothing(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.add(10, "settings_change", track="reduced")
    plan = rehab.plan(10)
    assert plan.stage == "return-1"
    assert plan.track == "break"


def test_red_10_after_a_change_to_reduced_a_run_in_protect_is_running_resumed(rehab: Rehab) -> None:
    rehab.checkin(1, pain=2, swelling=True)
    rehab.checkin(2, pain=1)
    rehab.add(3, "settings_change", track="reduced")
    rehab.run(3, 10)
    rehab.checkin(4, pain=1, swelling=True)
    assert "RED-10" in rehab.alert_rules(rehab.plan(4))


# --- the event itself -----------------------------------------------------------------------------
def test_a_settings_change_names_at_least_one_setting(rehab: Rehab) -> None:
    with pytest.raises(ValidationError, match="at least one setting"):
        rehab.add(3, "settings_change")


def test_a_retracted_settings_change_no_longer_counts(rehab: Rehab) -> None:
    change = rehab.add(3, "settings_change", gate_days=5)
    assert rehab.plan(3).gate.needed_days == 5
    rehab.add(4, "retraction", retracts=change.id)
    assert rehab.plan(4).gate.needed_days == 7


# --- what the plan says is in force ---------------------------------------------------------------
def test_rtr_0_rtr_5_st_0_p1_2_the_plan_names_the_settings_in_force(rehab: Rehab) -> None:
    first = rehab.plan(1).settings
    assert first is not None
    assert (first.gate_days, first.hills_track_week, first.strength_days, first.track) == (
        7, 6, ("mon", "wed", "fri"), "break",
    )  # fmt: skip
    rehab.add(3, "settings_change", gate_days=5, hills_track_week=8,
              strength_days=["tue", "thu", "sat"], track="reduced")  # fmt: skip
    assert rehab.plan(2).settings == first
    now = rehab.plan(3).settings
    assert now is not None
    assert (now.gate_days, now.hills_track_week, now.strength_days, now.track) == (
        5, 8, ("tue", "thu", "sat"), "reduced",
    )  # fmt: skip
