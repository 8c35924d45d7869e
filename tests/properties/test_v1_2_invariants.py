"""Safety invariants protocol v1.2 adds, over random histories (Hypothesis): hills and track
never open outside `progress` (RTR-5); no run is offered the day after a logged run in return
weeks 1-3 (RTR-1..3, v1.2: week 3 too); a paused runner is never offered a run (WS-1, WS-4,
RED-1..3, RED-6, RED-10; RTR-7 waits for a check-in), and every plan names its next
milestone (RTR-8)."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given

from gerdy.domain.events import Run
from gerdy.engine import DayPlan, plan_days

from .examples import examples
from .strategies import ONE_DAY, PROTOCOL, Scenario, follow_the_plan, scenarios

RETURN_WEEKS = ("return-1", "return-2", "return-3")


def replay(scenario: Scenario) -> list[DayPlan]:
    return plan_days(PROTOCOL, scenario.profile, scenario.events, scenario.first, scenario.last)


def run_days(scenario: Scenario) -> set[dt.date]:
    return {event.date for event in scenario.events if isinstance(event, Run)}


@examples(60)
@given(scenarios(max_days=100))
def test_rtr_5_hills_and_track_never_open_outside_progress(scenario: Scenario) -> None:
    for plan in replay(scenario):
        if plan.run.hills_track:
            assert plan.stage == "progress", plan.date
            assert plan.gate.met_on is not None
            assert plan.date >= plan.gate.met_on + dt.timedelta(days=35), plan.date
        run_tasks = [task for task in plan.tasks if task.kind == "run"]
        for task in run_tasks:
            assert (PROTOCOL.hills_track.flat_only in task.notes) is not plan.run.hills_track


@examples(60)
@given(scenarios(max_days=100))
def test_rtr_1_to_rtr_3_no_run_offered_the_day_after_a_logged_run_in_return_weeks(
    scenario: Scenario,
) -> None:
    ran = run_days(scenario)
    for plan in replay(scenario):
        if plan.stage in RETURN_WEEKS and plan.date - ONE_DAY in ran:
            assert plan.run.allowed is False, plan.date


@examples(60)
@given(scenarios(max_days=100, red_flag_percent=6))
def test_ws_red_rtr_7_a_paused_runner_is_never_offered_a_run(scenario: Scenario) -> None:
    pausing = set(PROTOCOL.pausing_red_flags())
    for plan in replay(scenario):
        open_flags = {a.rule for a in plan.alerts if a.level == "red_flag"}
        if plan.stage == "paused" or open_flags & pausing or plan.run.rule == "RTR-7":
            assert plan.run.allowed is False, plan.date
            assert not [task for task in plan.tasks if task.kind == "run" and not task.done]
        assert plan.next_milestone is not None  # RTR-8: every stage names its next milestone


@examples(30)
@given(follow_the_plan(max_days=70))
def test_rtr_1_to_rtr_3_a_runner_following_the_plan_never_runs_two_days_in_a_row_in_return_weeks(
    followed: tuple[Scenario, list[DayPlan]],
) -> None:
    scenario, seen = followed
    by_date = {plan.date: plan for plan in seen}
    ran = sorted(run_days(scenario))
    for earlier, later in itertools.pairwise(ran):
        if later - earlier == ONE_DAY and by_date[later].stage in RETURN_WEEKS:
            raise AssertionError((earlier, later, by_date[later].stage))
