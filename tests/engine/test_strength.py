"""Hip strength: the schedule (ST-0, TL-2), the six exercises' start doses (ST-1..6), the
adaptive dosing with its progressions (PR-1..4) and the common errors (ST-7)."""

from __future__ import annotations

import itertools

import pytest
from pydantic import ValidationError

from gerdy.domain.errors import InvalidInput
from gerdy.protocol import Protocol

from .conftest import Rehab

DASH = "\u2013"  # the en dash the protocol texts use in ranges

# Mon/Wed/Fri of weeks 2.. (day 1 is a Monday)
SCHEDULED = [8, 10, 12, 15, 17, 19, 22, 24, 26, 29, 31, 33, 36, 38, 40, 43, 45, 47]


def strength_days(rehab: Rehab, first: int, last: int) -> list[int]:
    return [plan.day for plan in rehab.plans(first, last) if rehab.has_strength(plan)]


def sessions(rehab: Rehab, count: int, after: int = 0, effort: str = "right") -> int:
    """`count` sessions on the scheduled days, skipping the first `after` of them (already
    logged); returns the next scheduled day."""
    for day in SCHEDULED[after : after + count]:
        rehab.strength(day, effort=effort)
    return SCHEDULED[after + count]


def dose(rehab: Rehab, day: int, exercise: str) -> tuple[str | None, int]:
    """The exercise's level and its reps (or steps) on `day`."""
    task = rehab.task_for(rehab.plan(day), exercise, "strength")
    count = task.reps if task.reps is not None else task.steps
    assert count is not None, f"{exercise} has no reps or steps on day {day}"
    return task.level, count


# --- ST-0: the schedule ---------------------------------------------------------------------------


def test_st_0_default_mon_wed_fri_from_day_8(rehab: Rehab) -> None:
    assert strength_days(rehab, 1, 21) == [8, 10, 12, 15, 17, 19]
    plan = rehab.plan(8)
    tasks = rehab.tasks_of(plan, "strength")
    assert [t.rule for t in tasks] == ["ST-1", "ST-2", "ST-3", "ST-4", "ST-5", "ST-6"]
    assert all(t.sets == 3 for t in tasks)


def test_st_0_no_strength_in_week_1(rehab: Rehab) -> None:
    assert strength_days(rehab, 1, 7) == []


def test_st_0_user_chosen_days(rehab: Rehab) -> None:
    rehab.set(strength_days=["tue", "thu", "sat"])
    assert strength_days(rehab, 1, 21) == [9, 11, 13, 16, 18, 20]


def test_st_0_sunday_tuesday_thursday(rehab: Rehab) -> None:
    rehab.set(strength_days=["sun", "tue", "thu"])
    assert strength_days(rehab, 1, 21) == [9, 11, 14, 16, 18, 21]


@pytest.mark.parametrize(
    "days",
    [["sun", "mon", "wed"], ["mon", "tue", "thu"], ["mon", "wed"], ["mon", "mon", "wed"]],
)
def test_st_0_adjacent_or_too_few_strength_days_are_refused(rehab: Rehab, days: list[str]) -> None:
    with pytest.raises(ValidationError):
        rehab.set(strength_days=days).profile  # noqa: B018


def test_st_0_no_strength_day_after_a_logged_session(rehab: Rehab) -> None:
    rehab.strength(9)  # an extra session on Tuesday
    assert not rehab.has_strength(rehab.plan(10))
    assert rehab.has_strength(rehab.plan(12))


def test_st_0_missed_session_is_not_made_up_the_next_day(rehab: Rehab) -> None:
    assert not rehab.has_strength(rehab.plan(9))  # nothing logged on day 8
    assert rehab.has_strength(rehab.plan(10))


def test_st_0_logged_session_shows_its_tasks_done(rehab: Rehab) -> None:
    rehab.strength(8, only=["clamshell", "glute_bridge"])
    plan = rehab.plan(8)
    done = {t.exercise for t in rehab.tasks_of(plan, "strength") if t.done}
    assert done == {"clamshell", "glute_bridge"}


def test_st_0_three_sessions_a_week_whatever_the_stage(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    assert rehab.plan(first).stage == "progress"
    assert strength_days(rehab, first, first + 6) == [first, first + 2, first + 4]
    # and during a WS-1 pause
    runner = type(rehab)(rehab.protocol)
    runner.climb("return-2")
    runner.run(15, 20, pain_worsened=True)
    assert [p.stage for p in runner.plans(15, 19)] == ["paused"] * 5
    assert strength_days(runner, 15, 19) == [15, 17, 19]


def test_st_0_three_sessions_through_week_8(rehab: Rehab) -> None:
    rehab.set(settings={"maintenance_strength_per_week": 2})
    assert strength_days(rehab, 50, 56) == [50, 52, 54]


def test_tl_2_strength_continues_after_week_8_three_a_week_by_default(rehab: Rehab) -> None:
    assert strength_days(rehab, 57, 63) == [57, 59, 61]
    assert strength_days(rehab, 365, 371) == [365, 367, 369]


def test_tl_2_two_maintenance_sessions_when_chosen(rehab: Rehab) -> None:
    rehab.set(settings={"maintenance_strength_per_week": 2})
    assert strength_days(rehab, 57, 70) == [57, 61, 64, 68]


def test_tl_2_two_maintenance_sessions_on_user_days_are_not_adjacent(rehab: Rehab) -> None:
    rehab.set(strength_days=["sun", "tue", "thu"], settings={"maintenance_strength_per_week": 2})
    days = strength_days(rehab, 57, 70)
    assert len(days) == 4
    assert all(b - a >= 2 for a, b in itertools.pairwise(days))


def test_tl_2_one_maintenance_session_is_outside_2_to_3(rehab: Rehab) -> None:
    rehab.set(settings={"maintenance_strength_per_week": 1})
    with pytest.raises(InvalidInput, match="TL-2"):
        rehab.plan(57)


# --- ST-1..6: the start doses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise", "rule", "unit", "count", "per", "level"),
    [
        ("clamshell", "ST-1", "reps", 15, "side", "No band"),
        ("side_lying_abduction", "ST-2", "reps", 12, "side", "No weight"),
        ("glute_bridge", "ST-3", "reps", 15, None, None),
        ("single_leg_bridge", "ST-4", "reps", 10, "side", None),
        ("lateral_band_walk", "ST-5", "steps", 10, "direction", "Band just above the knees"),
        ("single_leg_box_squat", "ST-6", "reps", 8, "side", "Box 50 cm (20 in) high"),
    ],
)
def test_st_1_to_st_6_start_doses(
    rehab: Rehab,
    exercise: str,
    rule: str,
    unit: str,
    count: int,
    per: str | None,
    level: str | None,
) -> None:
    task = rehab.task_for(rehab.plan(8), exercise, "strength")
    assert task.rule == rule
    assert task.sets == 3
    assert getattr(task, unit) == count
    assert task.per_side is (per == "side")
    assert task.per_direction is (per == "direction")
    assert task.level == level
    assert task.why == rehab.protocol.rules[rule].why


# --- adaptive dosing ------------------------------------------------------------------------


def test_st_1_easy_with_full_sets_steps_up_one_rep(rehab: Rehab) -> None:
    nxt = sessions(rehab, 1, effort="easy")
    assert dose(rehab, nxt, "clamshell") == ("No band", 16)
    assert dose(rehab, nxt, "single_leg_bridge") == (None, 11)
    assert dose(rehab, nxt, "lateral_band_walk") == ("Band just above the knees", 11)


def test_st_1_today_shows_the_dose_before_todays_log(rehab: Rehab) -> None:
    rehab.strength(8, effort="easy")
    assert dose(rehab, 8, "clamshell") == ("No band", 15)


def test_st_1_right_effort_keeps_the_dose(rehab: Rehab) -> None:
    nxt = sessions(rehab, 3, effort="right")
    assert dose(rehab, nxt, "clamshell") == ("No band", 15)


def test_st_1_easy_without_full_sets_keeps_the_dose(rehab: Rehab) -> None:
    rehab.strength(8, effort="easy", clamshell={"sets": [20, 20]})
    rehab.strength(10, effort="easy", side_lying_abduction={"sets": [12, 12, 11]})
    assert dose(rehab, 12, "clamshell") == ("No band", 16)  # only one of two steps counted
    assert dose(rehab, 12, "side_lying_abduction") == ("No weight", 13)


def test_st_1_hard_effort_steps_down_one_rep(rehab: Rehab) -> None:
    sessions(rehab, 3, effort="easy")  # 15 -> 18
    rehab.strength(15, effort="hard")
    assert dose(rehab, 17, "clamshell") == ("No band", 17)


def test_st_1_pain_steps_down_even_when_easy(rehab: Rehab) -> None:
    sessions(rehab, 2, effort="easy")  # 15 -> 17
    rehab.strength(12, effort="easy", clamshell={"pain": 1})
    assert dose(rehab, 15, "clamshell") == ("No band", 16)
    assert dose(rehab, 15, "side_lying_abduction") == ("No weight", 15)


def test_st_1_never_below_the_bottom_without_a_lower_level(rehab: Rehab) -> None:
    nxt = sessions(rehab, 2, effort="hard")
    assert dose(rehab, nxt, "clamshell") == ("No band", 15)
    assert dose(rehab, nxt, "single_leg_bridge") == (None, 10)


def test_pr_1_past_the_top_clamshell_gets_a_band_and_reps_back_at_15(rehab: Rehab) -> None:
    nxt = sessions(rehab, 5, effort="easy")
    assert dose(rehab, nxt, "clamshell") == ("No band", 20)
    nxt = sessions(rehab, 1, after=5, effort="easy")
    assert dose(rehab, nxt, "clamshell") == ("Loop band just above the knees", 15)


def test_pr_1_step_down_at_the_bottom_drops_the_band(rehab: Rehab) -> None:
    sessions(rehab, 6, effort="easy")
    rehab.strength(SCHEDULED[6], effort="hard")
    level, reps = dose(rehab, SCHEDULED[7], "clamshell")
    assert level == "No band"
    assert 15 <= reps <= 20


def test_pr_1_top_level_at_the_top_stays(rehab: Rehab) -> None:
    nxt = sessions(rehab, 17, effort="easy")  # 5 up, band, 5 up, then easy at the top
    assert dose(rehab, nxt, "clamshell") == ("Loop band just above the knees", 20)


def test_pr_2_side_lying_abduction_gets_an_ankle_weight_after_3x15(rehab: Rehab) -> None:
    nxt = sessions(rehab, 3, effort="easy")
    assert dose(rehab, nxt, "side_lying_abduction") == ("No weight", 15)
    nxt = sessions(rehab, 1, after=3, effort="easy")
    ankle_weight = f"Ankle weight of 0.5{DASH}1 kg (1{DASH}2 lb)"
    assert dose(rehab, nxt, "side_lying_abduction") == (ankle_weight, 12)


def test_pr_3_band_walk_band_moves_down_the_legs(rehab: Rehab) -> None:
    nxt = sessions(rehab, 6, effort="easy")
    assert dose(rehab, nxt, "lateral_band_walk") == ("Band at mid-shin", 10)
    nxt = sessions(rehab, 6, after=6, effort="easy")
    assert dose(rehab, nxt, "lateral_band_walk") == ("Band around the ankles", 10)
    nxt = sessions(rehab, 5, after=12, effort="easy")
    assert dose(rehab, nxt, "lateral_band_walk") == ("Band around the ankles", 15)


def test_st_3_glute_bridge_stays_at_3x15(rehab: Rehab) -> None:
    assert dose(rehab, sessions(rehab, 3, effort="easy"), "glute_bridge") == (None, 15)
    runner = type(rehab)(rehab.protocol)
    assert dose(runner, sessions(runner, 3, effort="hard"), "glute_bridge") == (None, 15)


def test_st_4_single_leg_bridge_tops_out_at_3x12(rehab: Rehab) -> None:
    assert dose(rehab, sessions(rehab, 2, effort="easy"), "single_leg_bridge") == (None, 12)
    nxt = sessions(rehab, 3, after=2, effort="easy")
    assert dose(rehab, nxt, "single_leg_bridge") == (None, 12)


def test_st_5_band_walk_counts_steps_per_direction(rehab: Rehab) -> None:
    task = rehab.task_for(rehab.plan(8), "lateral_band_walk", "strength")
    assert task.steps == 10 and task.reps is None
    assert task.per_direction is True and task.per_side is False


# --- PR-4: the box squat's box ----------------------------------------------------------------


def test_pr_4_box_starts_at_50_cm(rehab: Rehab) -> None:
    assert dose(rehab, 8, "single_leg_box_squat") == ("Box 50 cm (20 in) high", 8)


def test_pr_4_knee_caving_in_raises_the_box_up_to_60_cm(rehab: Rehab) -> None:
    caved = {"knee_caved_in": True, "effort": "easy"}
    rehab.strength(8, single_leg_box_squat=caved)
    assert dose(rehab, 10, "single_leg_box_squat") == ("Box 55 cm (22 in) high", 8)
    rehab.strength(10, single_leg_box_squat=caved)
    assert dose(rehab, 12, "single_leg_box_squat") == ("Box 60 cm (24 in) high", 8)
    rehab.strength(12, single_leg_box_squat=caved)
    assert dose(rehab, 15, "single_leg_box_squat") == ("Box 60 cm (24 in) high", 8)


def test_pr_4_controlled_3x10_lowers_the_box_never_below_40_cm(rehab: Rehab) -> None:
    nxt = sessions(rehab, 2, effort="easy")
    assert dose(rehab, nxt, "single_leg_box_squat") == ("Box 50 cm (20 in) high", 10)
    nxt = sessions(rehab, 1, after=2, effort="easy")
    assert dose(rehab, nxt, "single_leg_box_squat") == ("Box 45 cm (18 in) high", 8)
    nxt = sessions(rehab, 3, after=3, effort="easy")
    assert dose(rehab, nxt, "single_leg_box_squat") == ("Box 40 cm (16 in) high", 8)
    nxt = sessions(rehab, 6, after=6, effort="easy")
    assert dose(rehab, nxt, "single_leg_box_squat") == ("Box 40 cm (16 in) high", 10)


def test_pr_4_box_heights_are_40_to_60_cm_in_5_cm_steps(protocol: Protocol) -> None:
    progression = protocol.exercise("single_leg_box_squat").progression
    assert progression is not None
    heights = sorted((level.box_height_cm, level.box_height_in) for level in progression.levels)
    assert heights == [(40, 16), (45, 18), (50, 20), (55, 22), (60, 24)]


# --- ST-7: common errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise", "words"),
    [
        ("clamshell", "pelvis"),
        ("single_leg_bridge", "sag"),
        ("single_leg_box_squat", "inward"),
    ],
)
def test_st_7_common_errors_travel_with_the_exercise(
    rehab: Rehab, exercise: str, words: str
) -> None:
    task = rehab.task_for(rehab.plan(8), exercise, "strength")
    assert task.exercise == exercise
    errors = rehab.protocol.exercise(exercise).common_errors
    assert [e.rule for e in errors] == ["ST-7"]
    assert words in errors[0].text
    assert "ST-7" in rehab.protocol.rules


def test_pr_2_step_down_at_the_bottom_takes_the_ankle_weight_off(rehab: Rehab) -> None:
    sessions(rehab, 4, effort="easy")
    rehab.strength(SCHEDULED[4], effort="hard")
    level, reps = dose(rehab, SCHEDULED[5], "side_lying_abduction")
    assert level == "No weight"
    assert 12 <= reps <= 15


def test_pr_3_step_down_at_the_bottom_moves_the_band_back_up(rehab: Rehab) -> None:
    sessions(rehab, 6, effort="easy")
    rehab.strength(SCHEDULED[6], lateral_band_walk={"pain": 1})
    level, steps = dose(rehab, SCHEDULED[7], "lateral_band_walk")
    assert level == "Band just above the knees"
    assert 10 <= steps <= 15


def test_pr_4_step_down_at_the_bottom_raises_the_box(rehab: Rehab) -> None:
    sessions(rehab, 3, effort="easy")  # 50 cm: 8 -> 9 -> 10 -> 45 cm at 8
    rehab.strength(SCHEDULED[3], effort="hard")
    level, reps = dose(rehab, SCHEDULED[4], "single_leg_box_squat")
    assert level == "Box 50 cm (20 in) high"
    assert 8 <= reps <= 10
