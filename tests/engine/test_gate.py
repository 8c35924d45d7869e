"""RTR-0, the return-to-run gate: N pain-free check-in days in a row, counted back from the
plan's date, and a complete, pain-free last strength session; never before day 8."""

from __future__ import annotations

import pytest

from gerdy.domain.errors import InvalidInput

from .conftest import Rehab


def test_rtr_0_gate_needs_seven_pain_free_checkin_days(rehab: Rehab) -> None:
    rehab.checkins(1, 3, pain=2)
    rehab.checkins(4, 7)  # days 4..10 pain-free
    rehab.strength(8)

    assert rehab.plan(9).stage == "protect"
    assert rehab.plan(9).gate.pain_free_days == 6
    day10 = rehab.plan(10)
    assert day10.gate.met is True
    assert day10.gate.met_on == rehab.date(10)
    assert day10.gate.pain_free_days == 7
    assert day10.gate.needed_days == 7
    assert day10.stage == "return-1"


def test_rtr_0_gate_met_on_day_8_at_the_earliest(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    day8 = rehab.plan(8)
    assert day8.gate.met and day8.gate.met_on == rehab.date(8)
    assert day8.stage == "return-1"
    assert day8.stage_since == rehab.date(8)


def test_rtr_0_gate_never_before_day_8_even_with_a_full_streak(rehab: Rehab) -> None:
    rehab.checkins(1, 7)
    rehab.strength(7)  # a complete session before week 2 still counts for (b)
    for plan in rehab.plans(1, 7):
        assert plan.stage == "protect"
        assert plan.gate.met is False
    # day 8 without a check-in yet: the streak counts back from day 7 (7 days) -> met
    assert rehab.plan(8).gate.met_on == rehab.date(8)


def test_rtr_0_today_without_a_checkin_neither_counts_nor_breaks(rehab: Rehab) -> None:
    rehab.checkins(1, 3, pain=3)
    rehab.checkins(4, 6)  # days 4..9 pain-free
    rehab.strength(8)

    day10 = rehab.plan(10)  # no check-in on day 10 (yet)
    assert day10.gate.pain_free_days == 6
    assert day10.stage == "protect"

    rehab.checkin(10, pain=0)
    assert rehab.plan(10).gate.met_on == rehab.date(10)


def test_rtr_0_a_day_without_checkin_breaks_the_streak(rehab: Rehab) -> None:
    rehab.checkins(1, 4)
    rehab.checkins(6, 7)  # day 5 missing; days 6..12 pain-free
    rehab.strength(8)

    assert rehab.plan(8).gate.pain_free_days == 3
    assert rehab.plan(11).stage == "protect"
    assert rehab.plan(12).gate.met_on == rehab.date(12)
    # a day left out in the past is not "today": the day after it starts again from zero
    assert rehab.plan(6).gate.pain_free_days == 1


def test_rtr_0_any_pain_resets_the_streak(rehab: Rehab) -> None:
    rehab.checkins(1, 6)
    rehab.checkin(7, pain=1)
    rehab.checkins(8, 7)  # days 8..14
    rehab.strength(8)

    assert rehab.plan(8).gate.pain_free_days == 1
    assert rehab.plan(13).stage == "protect"
    assert rehab.plan(14).gate.met_on == rehab.date(14)


def test_rtr_0_five_day_setting(rehab: Rehab) -> None:
    rehab.set(settings={"gate_days": 5})
    rehab.checkins(1, 3, pain=2)
    rehab.checkins(4, 5)  # days 4..8
    rehab.strength(8)

    plan = rehab.plan(8)
    assert plan.gate.needed_days == 5
    assert plan.gate.met_on == rehab.date(8)


def test_rtr_0_five_day_streak_is_not_enough_by_default(rehab: Rehab) -> None:
    rehab.checkins(1, 3, pain=2)
    rehab.checkins(4, 5)
    rehab.strength(8)
    assert rehab.plan(8).gate.met is False
    assert rehab.plan(8).stage == "protect"


def test_rtr_0_gate_days_outside_the_allowed_values_raise(rehab: Rehab) -> None:
    rehab.set(settings={"gate_days": 6})
    with pytest.raises(InvalidInput, match="RTR-0"):
        rehab.plan(1)


def test_rtr_0_b_no_strength_session_no_gate(rehab: Rehab) -> None:
    rehab.checkins(1, 14)
    plan = rehab.plan(14)
    assert plan.gate.met is False
    assert plan.gate.strength_pain_free is False
    assert plan.gate.pain_free_days == 7  # shown capped at the needed days


def test_rtr_0_b_session_missing_an_exercise_does_not_open_the_gate(rehab: Rehab) -> None:
    rehab.checkins(1, 10)
    rehab.strength(8, only=["clamshell", "side_lying_abduction", "glute_bridge",
                            "single_leg_bridge", "lateral_band_walk"])  # fmt: skip
    plan = rehab.plan(10)
    assert plan.gate.strength_pain_free is False
    assert plan.stage == "protect"


def test_rtr_0_b_session_with_too_few_sets_does_not_open_the_gate(rehab: Rehab) -> None:
    rehab.checkins(1, 10)
    rehab.strength(8, glute_bridge={"sets": [15, 15]})
    assert rehab.plan(10).gate.met is False


def test_rtr_0_b_ws_3_pain_in_one_exercise_keeps_the_gate_shut(rehab: Rehab) -> None:
    rehab.checkins(1, 12)
    rehab.strength(8, single_leg_box_squat={"pain": 2})
    assert rehab.plan(9).gate.strength_pain_free is False
    assert rehab.plan(9).stage == "protect"
    rehab.strength(10)  # the most recent session is what counts
    assert rehab.plan(10).gate.met_on == rehab.date(10)


def test_rtr_0_b_only_the_most_recent_session_counts(rehab: Rehab) -> None:
    rehab.checkins(1, 3, pain=2)
    rehab.checkins(4, 9)  # days 4..12; the streak reaches 7 on day 10
    rehab.strength(8)
    rehab.strength(10, only=["clamshell"])
    assert rehab.plan(10).gate.met is False
    assert rehab.plan(11).gate.met is False
    rehab.strength(12)
    assert rehab.plan(12).gate.met_on == rehab.date(12)


def test_rtr_0_gate_stays_met_after_later_pain(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.checkin(9, pain=4)
    plan = rehab.plan(9)
    assert plan.gate.met is True
    assert plan.gate.met_on == rehab.date(8)
    assert plan.stage == "return-1"
