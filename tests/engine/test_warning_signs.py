"""WS-1..4: back off one step, never a restart."""

from __future__ import annotations

import pytest

from .conftest import Rehab

# --- WS-1: pain that worsens during a run ---------------------------------------------------------


def test_ws_1_worsening_run_pauses_then_resumes_one_week_lower(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.run(16, 20, pain_worsened=True)
    rehab.checkins(17, 3)

    paused = rehab.plan(16)
    assert paused.stage == "paused"
    assert paused.stage_since == rehab.date(16)
    assert paused.run.allowed is False
    assert paused.run.rule == "WS-1"
    assert "WS-1" in rehab.alert_rules(paused, "back_off")
    assert rehab.plan(18).stage == "paused"

    resumed = rehab.plan(19)
    assert resumed.stage == "return-1"
    assert resumed.stage_since == rehab.date(19)
    assert resumed.run.allowed is True
    assert resumed.run.max_minutes == 15


def test_ws_1_after_its_day_the_alert_no_longer_says_stop_running_beside_a_run(
    rehab: Rehab,
) -> None:
    """ "Stop running and walk home" is what to do during that run. On the days after, and
    above all once running has picked up again (a run offered on the same card), the alert
    tells what happened instead, with its date."""
    rehab.climb("return-2")
    rehab.run(16, 20, pain_worsened=True)  # Tue 16 Jan
    rehab.checkins(17, 5)
    assert "Stop running and walk home." in rehab.alert(rehab.plan(16), "WS-1").text
    for day in (17, 19, 21):
        plan = rehab.plan(day)
        text = rehab.alert(plan, "WS-1").text
        assert "Stop running" not in text, day
        assert "Tue 16 Jan" in text, day
    assert rehab.plan(19).run.allowed is True  # running has picked up again


def test_ws_1_pause_alert_counts_the_pain_free_days(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.run(16, 20, pain_worsened=True)
    rehab.checkins(17, 2)
    text = rehab.alert(rehab.plan(18), "WS-1").text
    assert "2 of 3" in text


def test_ws_1_resume_needs_three_consecutive_pain_free_checkins(rehab: Rehab) -> None:
    rehab.climb("return-3")
    rehab.run(22, 25, pain_worsened=True)
    rehab.checkins(23, 2)
    rehab.checkin(25, pain=2)  # breaks the run of pain-free days
    rehab.checkins(26, 2)
    assert rehab.plan(27).stage == "paused"
    rehab.checkin(28)
    assert rehab.plan(28).stage == "return-2"


def test_ws_1_a_missing_checkin_does_not_count_toward_resuming(rehab: Rehab) -> None:
    rehab.climb("return-3")
    rehab.run(22, 25, pain_worsened=True)
    rehab.checkins(23, 2)
    rehab.checkins(26, 2)  # day 25 has no check-in (days 24 and 25 missing)
    assert rehab.plan(27).stage == "paused"
    rehab.checkin(28)
    assert rehab.plan(28).stage == "return-2"


def test_ws_1_in_progress_resumes_in_return_3(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.run(first, 30, pain_worsened=True)
    rehab.checkins(first + 1, 3)
    assert rehab.plan(first).stage == "paused"
    assert rehab.plan(first + 3).stage == "return-3"


def test_ws_1_in_return_1_stays_return_1(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.run(8, 15)
    rehab.run(10, 15, pain_worsened=True)
    rehab.checkins(11, 3)
    assert rehab.plan(10).stage == "paused"
    assert rehab.plan(13).stage == "return-1"


def test_ws_1_on_the_gate_day_run_pauses_running(rehab: Rehab) -> None:
    rehab.reach_gate(8)  # return week 1 starts on the gate day, and a run is allowed that day
    assert rehab.plan(8).run.allowed is True
    rehab.run(8, 15, pain_worsened=True)
    assert rehab.plan(8).stage == "paused"
    assert rehab.plan(10).run.allowed is False
    rehab.checkins(9, 3)
    assert rehab.plan(11).stage == "return-1"


def test_ws_4_rtr_0_swelling_on_the_gate_day_holds_the_gate(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.checkin(8, swelling=True)  # a later check-in the same day replaces the first
    plan = rehab.plan(8)
    assert plan.gate.met is False  # v1.1: a swollen day is not a pain-free day
    assert plan.stage == "protect"
    assert plan.run.allowed is False


def test_ws_2_on_the_gate_day_run_caps_the_next_run(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.run(8, 15, pain_after_hours=3)
    assert rehab.plan(10).run.rule == "WS-2"
    # v1.2: the longest pain-free run of the 7 days before, 10 min when there was none
    assert rehab.plan(10).run.max_minutes == 10
    rehab.runs([10, 12], 15)
    assert rehab.plan(15).stage == "return-1"  # the week is repeated


def test_ws_1_in_protect_moves_reduced_track_to_break(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(3, 10, pain_worsened=True)
    plan = rehab.plan(3)
    assert plan.stage == "protect"  # never `paused` before the gate
    assert plan.track == "break"
    assert rehab.plan(4).run.allowed is False


def test_ws_1_strength_continues_while_running_is_paused(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.run(15, 20, pain_worsened=True)
    plan = rehab.plan(17)  # a Wednesday
    assert plan.stage == "paused"
    assert rehab.has_strength(plan)
    assert rehab.tasks_of(plan, "cross")  # P1-3 offered while running is stopped


# --- WS-2: pain lasting more than 2 h after a run ------------------------------------------------


def test_ws_2_repeats_the_return_week_and_caps_the_next_run(rehab: Rehab) -> None:
    rehab.climb("return-3")
    rehab.run(22, 25, pain_after_hours=3)
    plan = rehab.plan(24)  # v1.2: never on consecutive days in week 3 either
    assert plan.stage == "return-3"  # no pause
    assert plan.run.allowed is True
    assert plan.run.rule == "WS-2"
    assert plan.run.max_minutes == 20  # the longest pain-free run of the 7 days before
    assert plan.run.min_minutes <= plan.run.max_minutes
    assert "WS-2" in rehab.alert_rules(plan, "back_off")

    rehab.run(24, 20)  # the capped run
    assert rehab.plan(26).run.rule == "RTR-3"
    rehab.run(26, 25)
    assert rehab.plan(29).stage == "return-3"  # the week is repeated


def test_ws_2_cap_in_return_2_is_return_1_max(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.run(15, 20, pain_after_hours=2.5)
    plan = rehab.plan(17)
    assert plan.run.rule == "WS-2"
    assert plan.run.max_minutes == 15
    rehab.runs([17, 19], 15)
    assert rehab.plan(22).stage == "return-2"


def test_ws_2_cap_without_a_pain_free_run_the_week_before_is_10_min(rehab: Rehab) -> None:
    """v1.2 (v1.1 capped at the previous return week's most: 15 min in return week 1)."""
    rehab.reach_gate(8)
    rehab.run(9, 15, pain_after_hours=5)
    assert rehab.plan(11).run.max_minutes == 10
    assert rehab.plan(11).run.rule == "WS-2"


def test_ws_2_exactly_two_hours_is_not_a_warning(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.runs([15, 17, 19], 20)
    rehab.run(17, 1, pain_after_hours=2)  # a cool-down jog with pain lasting exactly 2 h
    plan = rehab.plan(22)
    assert plan.stage == "return-3"
    assert "WS-2" not in rehab.alert_rules(plan)


def test_ws_2_in_progress_caps_at_the_longest_run_of_the_previous_7_days(rehab: Rehab) -> None:
    first = rehab.climb("progress")  # cap 99 in the first progress week
    rehab.run(first, 30)
    rehab.run(first + 2, 10, pain_after_hours=4)
    plan = rehab.plan(first + 3)
    assert plan.run.rule == "WS-2"
    assert plan.run.week_minutes_cap == pytest.approx(90.0)  # no growth after a WS
    assert plan.run.max_minutes == 30  # the longest run of the previous 7 days


def test_ws_2_alert_wording_fits_the_stage(rehab: Rehab) -> None:
    """A return week repeats; a progress week has no return week to repeat, its cap stops
    growing; before the gate there is neither."""
    first = rehab.climb("return-2")
    rehab.run(first, 20, pain_after_hours=3)
    in_return = rehab.alert(rehab.plan(first + 1), "WS-2").text
    assert "repeat this return week" in in_return

    rehab = type(rehab)(rehab.protocol)
    first = rehab.climb("progress")
    rehab.run(first, 30, pain_after_hours=3)
    in_progress = rehab.alert(rehab.plan(first + 1), "WS-2").text
    assert "return week" not in in_progress
    assert "does not grow" in in_progress

    rehab = type(rehab)(rehab.protocol, track="reduced")
    rehab.checkins(1, 3)
    rehab.run(2, 15, pain_after_hours=3)
    in_protect = rehab.alert(rehab.plan(3), "WS-2").text
    assert "return week" not in in_protect
    assert "break track" in in_protect


# --- WS-3: pain during a strength exercise ----------------------------------------------------


def test_ws_3_exercise_steps_down_gate_waits_running_does_not_progress(rehab: Rehab) -> None:
    rehab.checkins(1, 3, pain=2)
    rehab.checkins(4, 11)  # the streak reaches 7 on day 10
    rehab.strength(8, effort="easy")  # everything one step up
    rehab.strength(10, side_lying_abduction={"pain": 3})
    day12 = rehab.plan(12)
    assert rehab.task_for(day12, "side_lying_abduction", "strength").reps == 12  # 13 -> 12
    assert rehab.task_for(day12, "clamshell", "strength").reps == 16
    assert day12.gate.strength_pain_free is False
    assert day12.stage == "protect"
    assert "WS-3" in rehab.alert_rules(day12, "back_off")


def test_ws_3_in_a_return_week_repeats_the_week_without_a_pause(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.runs([8, 10, 12], 15)
    rehab.strength(12, glute_bridge={"pain": 1})
    assert rehab.plan(12).stage == "return-1"
    assert rehab.plan(13).run.allowed is False  # alternate days, not a pause
    assert rehab.plan(14).run.allowed is True
    assert rehab.plan(15).stage == "return-1"


# --- WS-4: swelling --------------------------------------------------------------------------


def test_ws_4_swelling_pauses_until_a_checkin_without_swelling(rehab: Rehab) -> None:
    rehab.climb("return-3")
    rehab.checkin(23, pain=1, swelling=True)  # (two swollen days would be RED-10: v1.2 pause)
    paused = rehab.plan(23)
    assert paused.stage == "paused"
    assert paused.run.allowed is False
    assert paused.run.rule == "WS-4"
    assert "WS-4" in rehab.alert_rules(paused, "back_off")
    assert rehab.plan(24).stage == "paused"  # no check-in yet
    rehab.checkin(24, pain=1)
    resumed = rehab.plan(24)
    assert resumed.stage == "return-2"
    assert resumed.run.allowed is True


def test_ws_4_tender_swelling_also_pauses(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.checkin(16, tender_swelling=True)
    assert rehab.plan(16).stage == "paused"
    rehab.checkin(17)
    assert rehab.plan(17).stage == "return-1"


def test_ws_4_and_ws_1_together_wait_for_both(rehab: Rehab) -> None:
    rehab.climb("progress")
    rehab.run(29, 30, pain_worsened=True)
    rehab.checkin(30, pain=1, swelling=True)
    rehab.checkin(31)  # the swelling is gone; WS-1 still needs 3 pain-free days
    rehab.checkins(32, 2)
    assert rehab.plan(31).stage == "paused"
    assert rehab.plan(32).stage == "paused"
    assert rehab.plan(33).stage == "return-3"


def test_ws_4_in_protect_moves_reduced_track_to_break(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.checkin(2, swelling=True)
    plan = rehab.plan(2)
    assert plan.stage == "protect"
    assert plan.track == "break"
