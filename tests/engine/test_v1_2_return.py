"""Protocol v1.2 on the way back to running: RTR-7 (back after a gap), RTR-8 (the next
milestone, in every stage) and keeping to the rung (overruns: a run the plan did not offer,
or far over what it offered), each test named by its rule."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import Rehab

# --- RTR-7: back after a gap ---------------------------------------------------------------------


def test_rtr_7_seven_days_without_a_checkin_ask_for_one_then_one_week_lower(
    rehab: Rehab,
) -> None:
    rehab.climb("return-3")  # return-3 from day 22, last check-in on day 22
    rehab.run(22, 25, pain_during=1)  # the week repeats from day 29
    plan = rehab.plan(30)  # days 23..29 without a check-in
    assert plan.stage == "return-2" and plan.stage_since == rehab.date(30)
    assert plan.run.allowed is False and plan.run.rule == "RTR-7"
    alert = rehab.alert(plan, "RTR-7")
    assert alert.level == "back_off" and "Check in first" in alert.text
    assert "return week 2" in alert.text
    rehab.checkin(30)
    plan = rehab.plan(30)
    assert plan.stage == "return-2" and plan.run.allowed is True  # one week lower
    assert "RTR-7" not in rehab.alert_rules(plan)


def test_rtr_7_six_silent_days_are_not_a_gap(rehab: Rehab) -> None:
    rehab.climb("return-2")  # last check-in on day 15
    assert rehab.plan(22).stage == "return-2"  # days 16..21: six without a check-in
    assert rehab.plan(22).run.rule != "RTR-7"


def test_rtr_7_one_step_per_gap_and_progress_drops_to_return_3(rehab: Rehab) -> None:
    first = rehab.climb("progress")  # last check-in on its first day
    assert rehab.plan(first + 7).stage == "progress"
    assert rehab.plan(first + 8).stage == "return-3"
    assert rehab.plan(first + 20).stage == "return-3"  # still waiting: not a further step


def test_rtr_7_a_return_week_with_no_run_logged_is_not_passed(rehab: Rehab) -> None:
    gate = rehab.reach_gate(8)
    rehab.checkins(9, 14)
    assert rehab.plan(gate + 7).stage == "return-1"  # checked in every day, never ran


def test_rtr_7_the_return_weeks_milestone_says_the_week_needs_a_run(rehab: Rehab) -> None:
    """RTR-8 names the day the week can be passed: it must not read as if a week with no
    run passes ("if every run of the week is pain-free" holds for no run at all)."""
    gate = rehab.reach_gate(8)
    rehab.checkins(9, 6)
    milestone = rehab.plan(gate + 3).next_milestone
    assert milestone is not None and milestone.earliest_date == rehab.date(gate + 7)
    assert "at least one run" in milestone.what


def test_rtr_7_a_projection_does_not_invent_a_gap(rehab: Rehab) -> None:
    from gerdy.engine import plan_days

    first = rehab.climb("return-2")
    plans = plan_days(rehab.protocol, rehab.profile, rehab.events, rehab.date(first),
                      rehab.date(first + 20), runs_as_offered_after=rehab.date(first))  # fmt: skip
    assert all(plan.run.rule != "RTR-7" for plan in plans)


def test_rtr_7_no_gap_counted_in_protect_or_while_paused(rehab: Rehab) -> None:
    rehab.checkins(1, 2)
    assert rehab.plan(20).stage == "protect"
    assert rehab.plan(20).run.rule == "P1-2"


# --- RTR-8: the next milestone ------------------------------------------------------------------


def test_rtr_8_protect_the_earliest_gate_day_if_every_day_is_pain_free(rehab: Rehab) -> None:
    milestone = rehab.plan(1).next_milestone
    assert milestone is not None and milestone.rule == "RTR-0"
    assert milestone.earliest_date == rehab.date(8)  # day 8, with a strength session on it
    assert "if every day until then is pain-free" in milestone.what
    rehab.checkins(1, 4)
    rehab.checkin(5, pain=2)
    after_pain = rehab.plan(5).next_milestone
    assert after_pain is not None and after_pain.earliest_date == rehab.date(12)  # 6..12
    assert rehab.plan(6).next_milestone == after_pain  # day 6 counts once checked in


def test_rtr_8_protect_waits_for_the_next_strength_day_and_the_break(rehab: Rehab) -> None:
    rehab.checkins(1, 9)
    rehab.strength(8, clamshell={"pain": 1})  # WS-3: the gate needs another session
    milestone = rehab.plan(9).next_milestone
    assert milestone is not None and milestone.earliest_date == rehab.date(10)  # Wednesday
    assert "strength session" in milestone.what
    reduced = type(rehab)(rehab.protocol, track="reduced")
    reduced.run(3, 10, pain_worsened=True)  # WS-1: the break from day 3
    moved = reduced.plan(3).next_milestone
    assert moved is not None and moved.earliest_date == reduced.date(10)


def test_rtr_8_a_return_week_the_day_it_can_be_passed(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    rehab.checkins(first, 7)
    milestone = rehab.plan(first + 2).next_milestone
    assert milestone is not None and milestone.rule == "RTR-2"
    assert milestone.earliest_date == rehab.date(first + 7)
    rehab.run(first + 2, 20, pain_during=2)  # this week can no longer be passed
    spoiled = rehab.plan(first + 3).next_milestone
    assert spoiled is not None and spoiled.earliest_date == rehab.date(first + 14)
    assert "repeated" in spoiled.what


def test_rtr_8_progress_before_hills_the_day_they_open_then_the_next_week(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.checkins(first, 30)
    milestone = rehab.plan(first).next_milestone
    assert milestone is not None and milestone.rule == "RTR-5"
    assert milestone.earliest_date == rehab.date(8 + 35)
    later = rehab.plan(8 + 36).next_milestone
    assert later is not None and later.rule == "RTR-4"
    assert later.earliest_date == rehab.date(50)  # progress weeks from day 29: 29, 36, 43, 50


def test_rtr_8_paused_what_ends_the_pause(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    rehab.run(first, 20, pain_worsened=True)  # WS-1: 3 pain-free check-in days
    milestone = rehab.plan(first).next_milestone
    assert milestone is not None and milestone.rule == "WS-1"
    assert milestone.earliest_date == rehab.date(first + 3)
    assert "return week 1" in milestone.what and "3 pain-free check-in days" in milestone.what

    runner = type(rehab)(rehab.protocol)
    first = runner.climb("return-2")
    runner.checkin(first + 1, swelling=True)  # WS-4: a check-in without swelling
    swollen = runner.plan(first + 1).next_milestone
    assert swollen is not None and swollen.rule == "WS-4"
    assert swollen.earliest_date == runner.date(first + 2)

    runner.checkin(first + 2, numbness=True)  # RED-3: a professional's clearance, no date
    flagged = runner.plan(first + 2).next_milestone
    assert flagged is not None and flagged.rule == "RED-3" and flagged.earliest_date is None
    assert "cleared" in flagged.what


def test_rtr_8_every_stage_has_a_next_milestone(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    for plan in rehab.plans(1, first + 60):
        assert plan.next_milestone is not None, plan.date


# --- keeping to the rung (v1.2): overruns --------------------------------------------------------


def test_p1_2_a_run_during_the_break_gets_the_alert_on_its_own_day(rehab: Rehab) -> None:
    rehab.run(3, 20)
    plan = rehab.plan(3)
    alert = rehab.alert(plan, "P1-2")
    assert alert.level == "info" and alert.since == rehab.date(3)
    assert alert.text.startswith("Today's run was 20 min; the plan offered no run that day")
    assert "Yesterday's run" in rehab.alert(rehab.plan(4), "P1-2").text
    assert "P1-2" not in rehab.alert_rules(rehab.plan(5), "info")


def test_rtr_1_a_run_the_day_after_a_run_repeats_the_return_week(rehab: Rehab) -> None:
    gate = rehab.climb("return-1")
    rehab.checkins(gate + 1, 7)
    rehab.runs([gate, gate + 1, gate + 3], 12)  # gate + 1: the day after a run
    alert = rehab.alert(rehab.plan(gate + 1), "RTR-1")
    assert "the day after a run" in alert.text and "return week is repeated" in alert.text
    assert rehab.plan(gate + 7).stage == "return-1"


def test_rtr_3_a_run_the_day_after_a_return_3_run_is_an_overrun(rehab: Rehab) -> None:
    first = rehab.climb("return-3")
    rehab.checkins(first, 7)
    rehab.runs([first, first + 1, first + 3], 25)
    assert "RTR-3" in rehab.alert_rules(rehab.plan(first + 1), "info")
    assert rehab.plan(first + 7).stage == "return-3"


def test_ws_1_a_run_while_paused_is_pointed_out(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    rehab.run(first, 20, pain_worsened=True)  # paused
    rehab.run(first + 1, 15)
    alert = rehab.alert(rehab.plan(first + 1), "RTR-1")  # the rung it resumes on
    assert "running is paused (WS-1)" in alert.text


def test_rtr_4_a_progress_run_over_the_limit_by_more_than_10_percent(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.checkins(first, 14)
    rehab.run(first, 36)  # 33 offered: 36 is within 10% (36.3)
    assert "RTR-4" not in rehab.alert_rules(rehab.plan(first), "info")
    rehab.run(first + 2, 45)  # 39 offered (1.10 x 36): 45 is more than 10% over
    alert = rehab.alert(rehab.plan(first + 2), "RTR-4")
    assert alert.level == "info" and "Next week's running cap does not grow" in alert.text
    rehab.run(first + 4, 18)
    assert rehab.plan(first + 7).run.week_minutes_cap == pytest.approx(99.0)  # no growth


def test_rtr_4_a_run_when_the_weeks_running_is_done_is_an_overrun(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.checkins(first, 14)
    rehab.runs([first, first + 2], 33)
    rehab.run(first + 4, 33)  # 99 of 99
    rehab.run(first + 5, 20)
    [alert] = [a for a in rehab.plan(first + 5).alerts if a.rule == "RTR-4" and a.level == "info"]
    assert "this week's running is done" in alert.text  # beside the over-cap back-off


def test_rtr_1_a_return_day_run_logged_right_after_the_checkin_that_ended_a_pause(
    rehab: Rehab,
) -> None:
    """The runner saw the resumed plan once the day's check-in was in: no overrun."""
    first = rehab.climb("return-2")
    rehab.run(first, 20, pain_worsened=True)
    rehab.checkins(first + 1, 3)  # resumes on first + 3
    rehab.run(first + 3, 12)
    assert rehab.plan(first + 3).stage == "return-1"
    assert rehab.alert_rules(rehab.plan(first + 3), "info") == []


def test_rtr_1_a_second_short_run_the_same_day_counts_with_the_first(rehab: Rehab) -> None:
    gate = rehab.climb("return-1")
    rehab.run(gate, 12)
    rehab.run(gate, 3)  # a cool-down: 15 min in all, within the rung
    assert rehab.alert_rules(rehab.plan(gate), "info") == []
    rehab.run(gate, 10)  # 25 min in all: more than 5 over 15
    assert "RTR-1" in rehab.alert_rules(rehab.plan(gate), "info")


def test_rtr_1_the_overrun_alert_names_its_date(rehab: Rehab) -> None:
    rehab.run(3, 20)
    alert = rehab.alert(rehab.plan(3), "P1-2")
    assert alert.since == rehab.date(3) == rehab.start + dt.timedelta(days=2)
