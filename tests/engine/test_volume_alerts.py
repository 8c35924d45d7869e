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


def test_rtr_1_unrated_runs_ask_for_a_pain_rating(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(1, 20, pain_during=None)
    rehab.run(3, 20, pain_during=None)
    alert = rehab.alert(rehab.plan(4), "RTR-1")
    assert alert.level == "info"
    assert alert.text.startswith("2 runs need a pain rating")


def test_rtr_1_rated_runs_need_no_rating_alert(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(1, 20, pain_during=0)
    assert "RTR-1" not in rehab.alert_rules(rehab.plan(2))


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
