"""Feedback at save (v1.2): what an entry just logged changed is read from its day's plan.
Every sentence the feedback carries is the plan's own alert, never one composed for it."""

from __future__ import annotations

from gerdy.engine.feedback import feedback_of
from gerdy.engine.plan import DayPlan
from gerdy.protocol import load_protocol

from .conftest import Rehab


def only_from_the_plan(plan: DayPlan, kind: str) -> None:
    """Every alert of the feedback is one of the plan's, in the plan's order."""
    feedback = feedback_of(plan, kind, load_protocol())
    assert all(alert in plan.alerts for alert in feedback.alerts)
    order = [plan.alerts.index(alert) for alert in feedback.alerts]
    assert order == sorted(order)
    assert feedback.run == plan.run
    assert feedback.next_milestone == plan.next_milestone
    assert feedback.date == plan.date


def test_rtr_2_a_45_min_run_on_a_10_20_rung_is_told_at_once_with_its_consequence(
    rehab: Rehab,
) -> None:
    first = rehab.climb("return-2")
    rehab.run(first, 45)
    plan = rehab.plan(first)
    feedback = feedback_of(plan, "run", rehab.protocol)
    [alert] = [a for a in feedback.alerts if a.rule == "RTR-2"]
    assert alert in plan.alerts
    assert alert.text.startswith("Today's run was 45 min") and "20 min" in alert.text
    assert "repeated" in alert.text  # the consequence, as the plan words it
    only_from_the_plan(plan, "run")


def test_p1_2_a_run_the_plan_did_not_offer_is_told_as_not_offered(rehab: Rehab) -> None:
    rehab.checkins(1, 3)
    rehab.run(3, 20)  # the break track: no run is offered before the gate
    plan = rehab.plan(3)
    feedback = feedback_of(plan, "run", rehab.protocol)
    texts = [a.text for a in feedback.alerts if a.rule == "P1-2"]
    assert texts and "offered no run" in texts[0]
    only_from_the_plan(plan, "run")


def test_rtr_1_yesterdays_overrun_is_not_told_again_after_todays_check_in(rehab: Rehab) -> None:
    gate = rehab.climb("return-1")
    rehab.run(gate, 25)
    rehab.checkin(gate + 1)
    plan = rehab.plan(gate + 1)
    assert "RTR-1" in rehab.alert_rules(plan, "info")  # the plan still says it, dated yesterday
    assert feedback_of(plan, "checkin", rehab.protocol).alerts == ()
    only_from_the_plan(plan, "checkin")


def test_ws_4_a_swollen_check_in_tells_the_sign_and_what_ends_it(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    rehab.checkin(first + 1, pain=1, swelling=True)
    plan = rehab.plan(first + 1)
    feedback = feedback_of(plan, "checkin", rehab.protocol)
    [alert] = [a for a in feedback.alerts if a.rule == "WS-4"]
    assert alert.since == plan.date and alert in plan.alerts
    milestone = feedback.next_milestone
    assert milestone is not None and "without swelling" in milestone.what
    only_from_the_plan(plan, "checkin")


def test_rtr_4_the_weeks_cap_reached_and_over_it_after_a_run(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.checkins(first, 7)
    rehab.runs([first, first + 2], 33)
    rehab.run(first + 4, 33)  # 99 of 99: the cap is reached
    reached = feedback_of(rehab.plan(first + 4), "run", rehab.protocol)
    assert reached.cap_reached and reached.run.week_minutes_cap == 99
    rehab.run(first + 5, 20)  # over it
    plan = rehab.plan(first + 5)
    over = feedback_of(plan, "run", rehab.protocol)
    assert over.cap_reached
    assert any("over this week's cap" in a.text for a in over.alerts if a.rule == "RTR-4")
    # the week's volume is the feedback of a run, not of a check-in the same day
    assert not any(
        "over this week's cap" in a.text
        for a in feedback_of(plan, "checkin", rehab.protocol).alerts
    )
    only_from_the_plan(plan, "run")


def test_rtr_1_a_run_on_its_rung_has_nothing_to_watch_out_for(rehab: Rehab) -> None:
    gate = rehab.climb("return-1")
    rehab.run(gate, 15)
    feedback = feedback_of(rehab.plan(gate), "run", rehab.protocol)
    assert feedback.alerts == () and not feedback.cap_reached


def test_ws_3_a_strength_sessions_sign_is_its_own_not_the_next_runs(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    rehab.strength(first + 1, pain=4)  # WS-3: pain in strength work
    rehab.checkin(first + 1)
    plan = rehab.plan(first + 1)
    assert "WS-3" in rehab.alert_rules(plan)
    assert [a.rule for a in feedback_of(plan, "strength", rehab.protocol).alerts] == ["WS-3"]
    assert "WS-3" not in [a.rule for a in feedback_of(plan, "run", rehab.protocol).alerts]
    assert "WS-3" not in [a.rule for a in feedback_of(plan, "checkin", rehab.protocol).alerts]
    assert feedback_of(plan, "stretch", rehab.protocol).alerts == ()
