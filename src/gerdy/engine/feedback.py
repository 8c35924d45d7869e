"""Feedback at save (v1.2, "nothing answers back" no more): what an entry just logged changed,
read from the plan of its day, never composed by an edge.

The plan already says everything: an overrun or a run the plan did not offer (the rung's
alert, dated the run's day), a warning sign or red flag the entry raised (dated its day, its
consequence and end date in its text), the week's running over its cap or done, and the
road ahead (RTR-8). This module only picks, from a `DayPlan`, what belongs to an entry of
that day, so every edge shows the same sentences the plan shows the next time it is read.
Pure.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from gerdy.engine.plan import Alert, DayPlan, Milestone, RunAllowance

# The plan's volume rules (P1-2's reduced week, RTR-4's weekly cap), whose alerts carry no
# date: the week's state after a run.
VOLUME_RULES = frozenset({"P1-2", "RTR-4"})


class Feedback(BaseModel):
    """What one logged entry changed, as its day's plan says it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    date: dt.date  # the entry's day (the plan's day)
    alerts: tuple[Alert, ...]  # the plan's alerts the entry's day raised, in the plan's order
    run: RunAllowance  # what running the day still offers after the entry
    cap_reached: bool  # the week's running has reached (or passed) its cap
    next_milestone: Milestone | None


def raised_that_day(plan: DayPlan, alert: Alert, kind: str) -> bool:
    """An alert belongs to an entry of the plan's day when it is dated that day (a sign, a red
    flag, an overrun or a run not offered), or, after a run, when it is the week's volume
    (over its cap, or its running done)."""
    if alert.since == plan.date:
        return True
    return kind == "run" and alert.since is None and alert.rule in VOLUME_RULES


def cap_reached(run: RunAllowance) -> bool:
    cap = run.week_minutes_cap
    return cap is not None and run.week_minutes_done >= cap


def feedback_of(plan: DayPlan, kind: str) -> Feedback:
    """The feedback for an entry of type `kind` logged on the plan's day."""
    return Feedback(
        kind=kind,
        date=plan.date,
        alerts=tuple(alert for alert in plan.alerts if raised_that_day(plan, alert, kind)),
        run=plan.run,
        cap_reached=cap_reached(plan.run),
        next_milestone=plan.next_milestone,
    )
