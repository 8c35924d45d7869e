"""Safety invariants of protocol v1.1 over random event histories (Hypothesis): single-run
limits (P1-2, RTR-4), the shortest run, pain-free days, the day's order (RTR-6) and one
check-in a day. Expectations are computed here from the record and the protocol data.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given
from hypothesis import strategies as st

from gerdy.domain.events import Checkin, Event, Run
from gerdy.engine import DayPlan, plan_days, progress_days

from .examples import examples
from .strategies import PROTOCOL, Scenario, checkin_answers, scenarios

SHORTEST_RUN = PROTOCOL.progress.min_run_minutes
RUNG_MOST = max(
    max(week.minutes.max, week.long_run.max if week.long_run else 0)
    for week in PROTOCOL.return_weeks
)


def replay(scenario: Scenario) -> list[DayPlan]:
    return plan_days(PROTOCOL, scenario.profile, scenario.events, scenario.first, scenario.last)


def longest_pain_free_run(events: tuple[Event, ...], date: dt.date) -> float:
    """RTR-4 (v1.1), from the record: the longest pain-free run of the 14 days before `date`,
    at least the floor."""
    first = date - dt.timedelta(days=PROTOCOL.progress.single_run_days)
    limit_hours = PROTOCOL.pain_lasts.pain_after_hours
    runs = [
        e.minutes
        for e in events
        if isinstance(e, Run)
        and first <= e.date < date
        and e.pain_during == 0
        and not e.pain_worsened
        and (e.pain_after_hours is None or e.pain_after_hours <= limit_hours)
    ]
    return max([*runs, PROTOCOL.progress.single_run_floor_minutes])


def check_single_run_limits(scenario: Scenario, plan: DayPlan) -> None:
    """P1-2, RTR-1..4: every run a plan offers is at least the shortest run (10 min) and no
    longer than its stage's single-run limit: half the reduced week's cap, the rung, or 1.10 x
    the longest recent pain-free run."""
    run = plan.run
    if plan.stage == "protect" and plan.track == "reduced":
        cap = PROTOCOL.protect.reduced_cap_fraction * scenario.profile.baseline_weekly_run_minutes
        assert run.max_minutes <= cap * PROTOCOL.protect.reduced_single_run_fraction, plan.date
    if not run.allowed:
        return
    assert run.max_minutes >= SHORTEST_RUN, (plan.date, run)
    if plan.stage == "progress":
        most = longest_pain_free_run(scenario.events, plan.date) * 1.10
        assert run.max_minutes <= math.floor(most + 1e-9), (plan.date, run)
    elif plan.stage != "protect":
        assert run.max_minutes <= RUNG_MOST, (plan.date, run)


def check_swollen_day_not_pain_free(latest: dict[dt.date, Checkin], plan: DayPlan) -> None:
    """RTR-0 (a): a day whose (latest) check-in reports swelling is not a pain-free day."""
    checkin = latest.get(plan.date)
    if checkin is not None and (checkin.swelling or checkin.tender_swelling):
        assert plan.gate.pain_free_days == 0, plan.date


def check_strength_after_the_run(plan: DayPlan) -> None:
    """RTR-6, the day's order (v1.1): on a day with a run and a strength session, every
    strength task comes after the run (activation, one set each, may come before it)."""
    kinds = [task.kind for task in plan.tasks]
    if "run" in kinds and "strength" in kinds:
        run_at = kinds.index("run")
        assert all(i > run_at for i, kind in enumerate(kinds) if kind == "strength"), kinds


@examples(80)
@given(scenarios())
def test_p1_2_rtr_0_rtr_4_rtr_6_run_limits_pain_free_days_and_the_days_order(
    scenario: Scenario,
) -> None:
    """One replay, every day checked: no run above its single-run limit or under 10 min;
    never more than half the cap on the reduced track; a swollen day is never a pain-free
    day; strength after the run."""
    latest: dict[dt.date, Checkin] = {}
    for event in scenario.events:
        if isinstance(event, Checkin):
            latest[event.date] = event
    for plan in replay(scenario):
        check_single_run_limits(scenario, plan)
        check_swollen_day_not_pain_free(latest, plan)
        check_strength_after_the_run(plan)


@st.composite
def with_earlier_checkins(draw: st.DrawFn) -> tuple[Scenario, Scenario]:
    """A scenario, and the same with extra check-ins logged earlier on some of its days."""
    scenario = draw(scenarios(max_days=70))
    answers = checkin_answers(15)
    events: list[Event] = []
    for event in scenario.events:
        if isinstance(event, Checkin) and draw(st.integers(0, 2)) == 0:
            for _ in range(draw(st.integers(1, 2))):
                events.append(Checkin(date=event.date, **draw(answers)))
        events.append(event)
    return scenario, Scenario(scenario.profile, tuple(events), scenario.last)


@examples(30)
@given(with_earlier_checkins())
def test_rtr_0_ws_4_red_10_several_checkins_a_day_plan_as_the_latest_alone(
    pair: tuple[Scenario, Scenario],
) -> None:
    """One check-in a day (v1.1): earlier check-ins of a day change nothing in any plan."""
    latest_only, several = pair
    assert replay(several) == replay(latest_only)


@examples(30)
@given(scenarios(max_days=70), st.integers(0, 69))
def test_rtr_1_rtr_2_p1_2_days_ahead_keep_the_rules_and_leave_the_past_alone(
    scenario: Scenario, today_offset: int
) -> None:
    """The days ahead (`gerdy plan`, the calendar), with each offered run taken as done: the
    days up to today plan exactly as without the projection; no run ahead is under 10 min;
    in return weeks 1-2 no two days in a row both offer a run (alternate days)."""
    today = min(scenario.first + dt.timedelta(days=today_offset), scenario.last)
    last = scenario.last + dt.timedelta(days=21)
    plain = plan_days(PROTOCOL, scenario.profile, scenario.events, scenario.first, today)
    ahead = plan_days(
        PROTOCOL, scenario.profile, scenario.events, scenario.first, last,
        runs_as_offered_after=today,
    )  # fmt: skip
    assert ahead[: len(plain)] == plain
    projected = ahead[len(plain) :]
    assert all(plan.projected for plan in projected)
    for plan in projected:
        if plan.run.allowed:
            assert plan.run.max_minutes >= SHORTEST_RUN, (plan.date, plan.run)
    for before, after in zip(ahead[len(plain) - 1 :], projected, strict=False):
        alternate = before.stage == after.stage and after.stage in ("return-1", "return-2")
        if alternate and before.stage_since == after.stage_since:
            assert not (before.run.allowed and after.run.allowed), (after.date, after.stage)


@examples(30)
@given(scenarios(max_days=90))
def test_rtr_4_p1_2_red_8_rtr_0_progress_replay_reads_the_same_days_as_the_plans(
    scenario: Scenario,
) -> None:
    """The Progress charts replay without tasks and alerts (`progress_days`): each day's week,
    run cap (RTR-4, P1-2), adherence (RED-8) and gate (RTR-0) equal the full day plan's."""
    plans = replay(scenario)
    days = progress_days(PROTOCOL, scenario.profile, scenario.events, scenario.first, scenario.last)
    assert [day.date for day in days] == [plan.date for plan in plans]
    for day, plan in zip(days, plans, strict=True):
        assert (day.week, day.week_minutes_cap) == (plan.week, plan.run.week_minutes_cap)
        assert (day.adherence, day.gate) == (plan.adherence, plan.gate)
        assert (day.stage, day.track) == (plan.stage, plan.track)
