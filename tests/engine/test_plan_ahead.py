"""The days ahead (`gerdy plan`, the calendar): each run offered is taken as done, at its
longest and pain-free, so the next days show what the rules then allow: alternate days in
return weeks 1-2 (RTR-1, RTR-2), the week's run count, P1-2's single-run half of the reduced
cap and RTR-4's weekly cap and single-run limit. Days up to the runner's today are never
changed by it."""

from __future__ import annotations

import datetime as dt

from gerdy.engine import DayPlan, plan_days

from .conftest import Rehab


def ahead(rehab: Rehab, first: int, last: int, today: int) -> list[DayPlan]:
    return plan_days(
        rehab.protocol, rehab.profile, list(rehab.events), rehab.date(first), rehab.date(last),
        runs_as_offered_after=rehab.date(today),
    )  # fmt: skip


def run_days(plans: list[DayPlan]) -> list[int]:
    return [plan.day for plan in plans if plan.run.allowed]


def test_rtr_1_days_ahead_alternate_runs_and_rest(rehab: Rehab) -> None:
    first = rehab.climb("return-1")
    plans = ahead(rehab, first, first + 6, today=first - 1)
    assert run_days(plans) == [first, first + 2, first + 4, first + 6]
    rest = plans[1]
    assert not rest.run.allowed and rest.projected


def test_rtr_2_days_ahead_alternate_runs(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    plans = ahead(rehab, first, first + 6, today=first)
    # today is as logged (no run yet: offered); the days after it assume today's run is done
    assert plans[0].run.allowed and not plans[0].projected
    assert run_days(plans) == [first, first + 2, first + 4, first + 6]


def test_rtr_2_days_up_to_today_are_as_logged(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    rehab.run(first + 1, 20)
    plain = rehab.plans(first, first + 3)
    projected = ahead(rehab, first, first + 3, today=first + 3)
    assert projected == plain
    assert not any(plan.projected for plan in projected)


def test_rtr_3_days_ahead_stop_at_the_weeks_run_count(rehab: Rehab) -> None:
    first = rehab.climb("return-3")
    plans = ahead(rehab, first, first + 6, today=first - 1)
    week = rehab.protocol.return_week("return-3")
    assert week.runs_per_week is not None
    assert len(run_days(plans)) == week.runs_per_week


def test_p1_2_reduced_track_days_ahead_keep_to_half_the_cap(rehab: Rehab) -> None:
    rehab.set(track="reduced", baseline_weekly_run_minutes=100)
    rehab.checkins(1, 1)
    plans = ahead(rehab, 2, 7, today=1)
    cap = rehab.protocol.protect.reduced_cap_fraction * 100
    single = cap * rehab.protocol.protect.reduced_single_run_fraction
    offered = [plan.run.max_minutes for plan in plans if plan.run.allowed]
    assert offered, "the reduced track offers runs"
    assert all(minutes <= single for minutes in offered)
    # taken at their longest, the offered runs never add up to more than the week's cap
    assert sum(offered) <= cap
    assert all(m >= rehab.protocol.progress.min_run_minutes for m in offered)


def test_rtr_4_days_ahead_never_exceed_the_weekly_cap(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    plans = ahead(rehab, first, first + 6, today=first - 1)
    cap = plans[0].run.week_minutes_cap
    assert cap is not None
    offered = [plan.run.max_minutes for plan in plans if plan.run.allowed]
    assert len(offered) >= 2
    assert sum(offered) <= cap
    # the later days show what is left of the cap, not the whole cap again
    assert plans[-1].run.week_minutes_done > 0


def test_rtr_4_projection_is_marked_and_tomorrow_starts_it(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    plans = ahead(rehab, first, first + 2, today=first)
    assert [plan.projected for plan in plans] == [False, True, True]
    assert plans[0].date == rehab.date(first) and isinstance(plans[0].date, dt.date)
