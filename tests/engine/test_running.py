"""The run allowance: P1-2 (break and reduced tracks), RTR-1..3 (return weeks), RTR-4
(progress, +10% a week) and RTR-5 (hills and track)."""

from __future__ import annotations

import pytest

from gerdy.domain.errors import InvalidInput

from .conftest import Rehab

# --- P1-2: the track and the protect stage ------------------------------------------------------


@pytest.mark.parametrize(
    ("intake", "track"),
    [
        ({}, "reduced"),
        ({"pain_within_first_mile": True}, "break"),
        ({"pain_persists_after_activity": True}, "break"),
        ({"pain_within_first_mile": True, "pain_persists_after_activity": True}, "break"),
    ],
)
def test_p1_2_track_chosen_from_intake(rehab: Rehab, intake: dict[str, bool], track: str) -> None:
    rehab.set(track=None, intake=intake)
    assert rehab.plan(1).track == track


def test_p1_2_break_track_no_run_before_day_8_even_with_perfect_history(rehab: Rehab) -> None:
    rehab.checkins(1, 7)
    rehab.strength(1)
    rehab.strength(3)
    rehab.strength(5)
    rehab.roll(1)
    for plan in rehab.plans(1, 7):
        assert plan.run.allowed is False
        assert plan.run.max_minutes == 0
        assert plan.run.rule == "P1-2"
        assert not rehab.tasks_of(plan, "run")


def test_p1_2_break_track_waits_for_the_gate_not_the_calendar(rehab: Rehab) -> None:
    rehab.checkins(1, 20, pain=1)
    rehab.strength(8)
    assert rehab.plan(20).run.allowed is False
    assert rehab.plan(20).run.rule == "P1-2"


def test_p1_2_reduced_track_caps_the_week_at_40_percent_of_baseline(rehab: Rehab) -> None:
    rehab.set(track="reduced", baseline_weekly_run_minutes=100)
    day1 = rehab.plan(1)
    assert day1.run.allowed is True
    assert day1.run.max_minutes == 20  # a single run: half the week (v1.1)
    assert day1.run.week_minutes_cap == 40
    assert day1.run.hills_track is False
    run_task = rehab.tasks_of(day1, "run")[0]
    assert run_task.rule == "P1-2" and run_task.minutes_max == 20


def test_p1_2_reduced_track_subtracts_minutes_already_run_this_week(rehab: Rehab) -> None:
    rehab.set(track="reduced", baseline_weekly_run_minutes=100)
    rehab.run(1, 15)
    assert rehab.plan(1).run.allowed is False  # one run a day
    assert rehab.plan(2).run.max_minutes == 20
    assert rehab.plan(2).run.week_minutes_done == 15
    rehab.run(3, 20)
    assert rehab.plan(4).run.max_minutes == 5
    assert rehab.plan(4).run.allowed is False  # under the shortest run
    rehab.run(5, 5)
    assert rehab.plan(6).run.max_minutes == 0
    # a new programme week (day 8) starts from the full 40%
    assert rehab.plan(8).run.week_minutes_done == 0
    assert rehab.plan(8).run.max_minutes == 20


def test_p1_2_reduced_track_cap_is_per_programme_week_not_calendar_week(rehab: Rehab) -> None:
    rehab.set(track="reduced", start_date="2024-01-04")  # a Thursday
    rehab.run(4, 30)  # Sunday 2024-01-07, programme day 4
    assert rehab.plan(5).run.max_minutes == 10  # Monday, still programme week 1


def test_p1_2_reduced_track_rounds_the_cap_down(rehab: Rehab) -> None:
    rehab.set(track="reduced", baseline_weekly_run_minutes=55)
    assert rehab.plan(1).run.week_minutes_cap == 22
    assert rehab.plan(1).run.max_minutes == 11


def test_p1_2_ws_1_moves_reduced_track_to_break(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(2, 10, pain_worsened=True)
    plan = rehab.plan(3)
    assert plan.track == "break"
    assert plan.stage == "protect"
    assert plan.run.allowed is False
    assert plan.run.rule == "P1-2"


@pytest.mark.parametrize(
    "warning",
    [
        "WS-2",
        "WS-3",
        "WS-4",
    ],
)
def test_p1_2_any_warning_sign_moves_reduced_track_to_break(rehab: Rehab, warning: str) -> None:
    rehab.set(track="reduced")
    if warning == "WS-2":
        rehab.run(2, 10, pain_after_hours=3)
    elif warning == "WS-3":
        rehab.strength(2, clamshell={"pain": 3})  # v1.2: WS-3 moves only at 3/10 or more
    else:
        rehab.checkin(2, pain=1, swelling=True)
    assert rehab.plan(1).track == "reduced"
    plan = rehab.plan(2)
    assert plan.track == "break"
    assert plan.run.allowed is False


# --- RTR-1..3: the return weeks ------------------------------------------------------------------


def test_rtr_1_runs_of_10_to_15_min_on_the_gate_day(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    run = rehab.plan(8).run
    assert run.allowed is True
    assert (run.min_minutes, run.max_minutes) == (10, 15)
    assert run.pickups is False
    assert run.rule == "RTR-1"
    task = rehab.tasks_of(rehab.plan(8), "run")[0]
    assert (task.minutes, task.minutes_max) == (10, 15)


def test_rtr_1_alternate_days_relative_to_logged_runs(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.run(8, 12)
    assert rehab.plan(8).run.allowed is False  # already ran today
    assert rehab.tasks_of(rehab.plan(8), "run")[0].done is True
    assert rehab.plan(9).run.allowed is False  # ran yesterday
    assert rehab.plan(10).run.allowed is True
    # no run on day 10: day 11 is allowed (alternate to runs actually logged)
    assert rehab.plan(11).run.allowed is True
    rehab.run(11, 12)
    assert rehab.plan(12).run.allowed is False
    assert rehab.plan(13).run.allowed is True


def test_rtr_1_rest_day_has_no_run_task(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.run(8, 12)
    assert not rehab.tasks_of(rehab.plan(9), "run")


def test_rtr_2_up_to_20_min_with_pickups_still_alternate_days(rehab: Rehab) -> None:
    rehab.climb("return-2")
    run = rehab.plan(15).run
    assert (run.min_minutes, run.max_minutes) == (10, 20)
    assert run.pickups is True and run.pickup_seconds == 30
    rehab.run(15, 20)
    assert rehab.plan(16).run.allowed is False
    assert rehab.plan(17).run.allowed is True
    notes = rehab.tasks_of(rehab.plan(17), "run")[0].notes
    assert any("30 s" in note for note in notes)


def test_rtr_1_alternate_days_hold_across_the_week_boundary(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.runs([8, 10, 12, 14], 15)
    plan = rehab.plan(15)
    assert plan.stage == "return-2"
    assert plan.run.allowed is False  # ran on day 14


def test_rtr_3_three_runs_of_20_to_30_min_never_on_consecutive_days(rehab: Rehab) -> None:
    """v1.2: week 3 keeps alternate days too (v1.1 allowed consecutive days)."""
    rehab.climb("return-3")
    run = rehab.plan(22).run
    assert (run.min_minutes, run.max_minutes) == (20, 30)
    rehab.run(22, 25)
    assert rehab.plan(23).run.allowed is False  # the day after a run
    rehab.run(24, 25)
    rehab.run(26, 30)
    for day in (27, 28):
        assert rehab.plan(day).run.allowed is False  # three runs in all, not four


def test_rtr_3_third_run_may_reach_35_min_after_two_pain_free_runs(rehab: Rehab) -> None:
    rehab.climb("return-3")
    rehab.runs([22, 24], 25)
    run = rehab.plan(26).run
    assert run.allowed is True
    assert run.max_minutes == 35


def test_rtr_3_third_run_stays_at_30_min_after_a_painful_run(rehab: Rehab) -> None:
    rehab.climb("return-3")
    rehab.run(22, 25)
    rehab.run(24, 25, pain_during=1)
    assert rehab.plan(26).run.max_minutes == 30


# --- RTR-4: progress -----------------------------------------------------------------------------


def test_rtr_4_progress_week_cap_is_previous_week_plus_10_percent(rehab: Rehab) -> None:
    first = rehab.climb("progress")  # return-3 runs: 3 x 30 = 90 min in days 22..28
    rehab.checkins(first, 14)
    run = rehab.plan(first).run
    assert run.week_minutes_cap == 99.0
    assert run.max_minutes == 33  # a single run: 1.10 x the longest (30 min)
    assert run.min_minutes == 0
    rehab.run(first, 33)
    rehab.run(first + 2, 36)
    assert rehab.plan(first + 3).run.max_minutes == 30  # what is left of the week
    assert rehab.plan(first + 3).run.week_minutes_done == 69
    rehab.run(first + 3, 30)
    assert rehab.plan(first + 4).run.allowed is False
    # next week grows from this week's 99 minutes
    rehab.run(first + 7, 39)
    assert rehab.plan(first + 7).run.week_minutes_cap == pytest.approx(108.9)
    assert rehab.plan(first + 8).run.max_minutes == 42  # 1.10 x 39


def test_rtr_4_progress_cap_never_built_on_less_than_45_minutes(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    # no running in the first progress week: the second week grows from the 45-minute floor
    assert rehab.plan(first + 7).run.week_minutes_cap == pytest.approx(49.5)
    assert rehab.plan(first + 7).run.max_minutes == 33  # the single-run limit


def test_rtr_4_no_growth_after_a_warning_sign_since_the_previous_week_began(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.runs([first, first + 2, first + 4], 30)
    rehab.strength(first + 2, clamshell={"pain": 1})  # WS-3 in the previous week
    plan = rehab.plan(first + 7)
    assert plan.stage == "progress"
    assert plan.run.week_minutes_cap == pytest.approx(90.0)


def test_rtr_4_warning_sign_in_the_current_week_stops_growth_too(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.checkins(first, 14)
    rehab.runs([first, first + 2, first + 4], 30)
    rehab.run(first + 8, 20, pain_after_hours=3)  # WS-2 this week
    assert rehab.plan(first + 7).run.week_minutes_cap == pytest.approx(99.0)
    assert rehab.plan(first + 8).run.week_minutes_cap == pytest.approx(90.0)


def test_rtr_4_reduced_track_progress_grows_from_the_last_protect_week(rehab: Rehab) -> None:
    rehab.set(track="reduced", baseline_weekly_run_minutes=200)
    rehab.checkins(1, 10)
    rehab.runs([2, 4, 6], 25)  # 75 min in week 1, under the 80-minute cap
    rehab.strength(8)
    plan = rehab.plan(8)
    assert plan.stage == "progress"
    assert plan.run.week_minutes_cap == pytest.approx(82.5)


def test_rtr_4_run_before_the_gate_on_the_gate_day_never_raises_the_next_cap(rehab: Rehab) -> None:
    """Regression (found by the RTR-4 property): a reduced-track runner runs 71 min under the
    morning's P1-2 plan, then a strength session later that day meets the gate. That day is
    the first progress day and its week's cap is 49.5 min, so the 71 minutes count only up to
    49.5 in the next week's base (v1.1): the next cap is 54.45, not 78.1."""
    rehab.set(track="reduced", baseline_weekly_run_minutes=360)
    rehab.checkins(1, 30)
    assert rehab.plan(16).stage == "protect"
    assert rehab.plan(16).run.max_minutes == 72  # P1-2: half the 144-minute reduced cap
    rehab.run(16, 71)
    rehab.strength(16)
    gate_day = rehab.plan(16)
    assert gate_day.stage == "progress"
    assert gate_day.run.week_minutes_cap == pytest.approx(49.5)
    assert gate_day.run.max_minutes == 0  # the week is already over its cap
    assert rehab.plan(22).run.allowed is False
    next_week = rehab.plan(23).run
    assert next_week.week_minutes_cap == pytest.approx(54.5)  # 54.45, shown to one decimal
    assert next_week.max_minutes == 54


# --- RTR-5: hills and track ----------------------------------------------------------------------


def test_rtr_5_hills_and_track_open_in_return_week_6(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.checkins(first, 30)
    gate = 8
    opens = gate + 7 * 5
    assert rehab.plan(opens - 1).run.hills_track is False
    assert rehab.plan(opens).run.hills_track is True
    note_before = rehab.tasks_of(rehab.plan(opens - 1), "run")[0].notes
    assert any("RTR-5" in note for note in note_before)
    note_after = rehab.tasks_of(rehab.plan(opens), "run")[0].notes
    assert not any("RTR-5" in note for note in note_after)


def test_rtr_5_setting_moves_hills_and_track_up_to_week_8(rehab: Rehab) -> None:
    rehab.set(settings={"hills_track_week": 8})
    first = rehab.climb("progress")
    rehab.checkins(first, 40)
    opens = 8 + 7 * 7
    assert rehab.plan(opens - 1).run.hills_track is False
    assert rehab.plan(opens).run.hills_track is True


def test_rtr_5_hills_track_week_outside_6_to_8_raises(rehab: Rehab) -> None:
    rehab.set(settings={"hills_track_week": 5})
    rehab.reach_gate(8)
    with pytest.raises(InvalidInput, match="RTR-5"):
        rehab.plan(8)


def test_rtr_5_hills_and_track_closed_before_the_gate_and_while_paused(rehab: Rehab) -> None:
    rehab.checkins(1, 60, pain=1)
    assert rehab.plan(60).run.hills_track is False
    runner = type(rehab)(rehab.protocol)
    first = runner.climb("progress")
    runner.checkins(first, 30)
    runner.run(45, 20, pain_worsened=True)  # WS-1 after the hills opened on day 43
    assert runner.plan(44).run.hills_track is True
    assert runner.plan(45).run.hills_track is False


def test_rtr_5_reduced_track_waits_the_same_weeks_after_its_gate(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.reach_gate(10)
    rehab.checkins(11, 40)
    assert rehab.plan(10).stage == "progress"
    assert rehab.plan(10 + 34).run.hills_track is False
    assert rehab.plan(10 + 35).run.hills_track is True
