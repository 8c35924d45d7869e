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
from gerdy.protocol.schema import Protocol

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


def run_rules(protocol: Protocol) -> frozenset[str]:
    """What a run can raise: keeping to the rung (RTR-1..5, P1-2's run not offered), the
    week's volume (RTR-4, P1-2) and the signs a run shows (WS-1 building up, WS-2 lasting)."""
    return frozenset(
        {
            *(week.rule for week in protocol.return_weeks),
            protocol.progress.rule,
            protocol.hills_track.rule,
            *VOLUME_RULES,
            protocol.pain_builds.id,
            protocol.pain_lasts.id,
        }
    )


def entry_rules(protocol: Protocol, kind: str) -> frozenset[str] | None:
    """The rules an entry of `kind` can raise (None: a check-in, which raises whatever its
    day holds besides a run's and a strength session's: red flags, swelling, a gap)."""
    if kind == "run":
        return run_rules(protocol)
    if kind == "strength":
        return frozenset({protocol.strength_pain.id})
    if kind == "checkin":
        return None
    return frozenset()  # rolling, stretching, cross-training raise no alert


def raised_that_day(plan: DayPlan, alert: Alert, kind: str, protocol: Protocol) -> bool:
    """An alert belongs to an entry of the plan's day when the entry can raise it and it is
    dated that day (a sign, a red flag, an overrun or a run not offered), or, after a run,
    when it is the week's volume (over its cap, or its running done). Another entry's alert
    of the same day (a strength session's WS-3 when a run is saved) is not this one's."""
    rules = entry_rules(protocol, kind)
    if rules is None:
        others = run_rules(protocol) | {protocol.strength_pain.id}
        return alert.since == plan.date and alert.rule not in others
    if alert.rule not in rules:
        return False
    if alert.since == plan.date:
        return True
    return kind == "run" and alert.since is None and alert.rule in VOLUME_RULES


def cap_reached(run: RunAllowance) -> bool:
    cap = run.week_minutes_cap
    return cap is not None and run.week_minutes_done >= cap


def feedback_of(plan: DayPlan, kind: str, protocol: Protocol) -> Feedback:
    """The feedback for an entry of type `kind` logged on the plan's day."""
    return Feedback(
        kind=kind,
        date=plan.date,
        alerts=tuple(
            alert for alert in plan.alerts if raised_that_day(plan, alert, kind, protocol)
        ),
        run=plan.run,
        cap_reached=cap_reached(plan.run),
        next_milestone=plan.next_milestone,
    )
