"""Alerts about running volume already logged (e.g. imported from a watch) and unrated runs."""

from __future__ import annotations

from .conftest import Rehab


def test_p1_2_reduced_track_week_over_the_cap_gets_a_back_off_alert(rehab: Rehab) -> None:
    rehab.set(track="reduced", baseline_weekly_run_minutes=100)
    rehab.run(1, 30)
    rehab.run(2, 25, pain_during=0)
    plan = rehab.plan(3)
    assert plan.run.allowed is False
    alert = rehab.alert(plan, "P1-2")
    assert alert.level == "back_off"
    assert "55 min" in alert.text and "40 min" in alert.text


def test_p1_2_reduced_track_within_the_cap_has_no_volume_alert(rehab: Rehab) -> None:
    rehab.set(track="reduced", baseline_weekly_run_minutes=100)
    rehab.run(1, 30)
    assert "P1-2" not in rehab.alert_rules(rehab.plan(2), "back_off")


def test_rtr_4_progress_week_over_the_cap_gets_a_back_off_alert(rehab: Rehab) -> None:
    day = rehab.climb("progress")
    plan = rehab.plan(day)
    cap = plan.run.week_minutes_cap
    assert cap is not None
    rehab.run(day, cap + 5)
    after = rehab.plan(day + 1)
    assert "RTR-4" in rehab.alert_rules(after, "back_off")
    assert after.run.allowed is False


def test_ws_1_unrated_runs_in_protect_ask_for_a_pain_rating_for_the_warning_signs(
    rehab: Rehab,
) -> None:
    """Before the gate a run's answers matter for the warning signs they would show (pain
    building up, WS-1; pain lasting after it, WS-2), not for a return week."""
    rehab.set(track="reduced")
    rehab.run(1, 20, pain_during=None)
    rehab.run(3, 20, pain_during=None)
    alert = rehab.alert(rehab.plan(4), "WS-1")
    assert alert.level == "info" and alert.title == "Rate your runs"
    assert alert.text.startswith("2 runs need a pain rating")
    assert "warning sign" in alert.text and "return week" not in alert.text


def test_ws_2_a_run_waiting_only_for_its_2_hour_answer_names_ws_2(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(1, 20, pain_during=0, pain_after_hours=None)
    alert = rehab.alert(rehab.plan(2), "WS-2")
    assert alert.title == "Rate your runs" and alert.text.startswith("1 run needs")


def test_rtr_1_unrated_runs_in_a_return_week_hold_the_week_back(rehab: Rehab) -> None:
    gate = rehab.reach_gate()
    rehab.run(gate, 12, pain_during=None)
    alert = rehab.alert(rehab.plan(gate + 1), "RTR-1")
    assert alert.title == "Rate your runs" and "return week" in alert.text


def test_rtr_4_unrated_runs_in_progress_do_not_set_the_next_run(rehab: Rehab) -> None:
    day = rehab.climb("progress")
    rehab.checkin(day)
    rehab.run(day, 30, pain_during=None)
    alert = rehab.alert(rehab.plan(day + 1), "RTR-4")
    assert alert.title == "Rate your runs"
    assert "longest pain-free run" in alert.text and "return week" not in alert.text


def test_rtr_1_rated_runs_need_no_rating_alert(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(1, 20, pain_during=0)
    assert not [a for a in rehab.plan(2).alerts if a.title == "Rate your runs"]


def test_p1_2_reduced_week_too_small_for_a_run_says_so(rehab: Rehab) -> None:
    """A usual week of 40 min: the reduced week is 16 min and a single run at most 8, below
    the shortest run (10 min). No run is offered, and the plan says why instead of leaving
    the runner on a 'reduced' track that never runs."""
    rehab.set(track="reduced", baseline_weekly_run_minutes=40)
    plan = rehab.plan(1)
    assert plan.track == "reduced" and not plan.run.allowed
    alert = rehab.alert(plan, "P1-2")
    assert alert.level == "info"
    assert "16 min" in alert.text and "10 min" in alert.text
    assert "cross-train" in alert.text.lower()
    rehab.set(baseline_weekly_run_minutes=100)
    assert "P1-2" not in rehab.alert_rules(rehab.plan(1))
