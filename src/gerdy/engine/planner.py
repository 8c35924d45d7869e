"""The engine's entry points: `(protocol, profile, events, date) -> DayPlan`.

Pure and deterministic: no clock, no randomness, no I/O. Events dated after the plan's date
are ignored, so a plan "as of" a day sees only that day's past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event, Run
from gerdy.domain.profile import Profile
from gerdy.engine.alerts import build_alerts
from gerdy.engine.cadence import cadence_target
from gerdy.engine.calendar import ONE_DAY
from gerdy.engine.course import Course
from gerdy.engine.day import advance, assume, start
from gerdy.engine.gate import strength_session_pain_free
from gerdy.engine.history import History
from gerdy.engine.milestones import next_milestone
from gerdy.engine.plan import (
    RETURN_STAGES,
    Adherence,
    DayPlan,
    DayProgress,
    Gate,
    SettingsInForce,
)
from gerdy.engine.run_questions import linked_runs, runs_awaiting_answers, runs_to_confirm
from gerdy.engine.running import plan_run
from gerdy.engine.tasks import build_tasks
from gerdy.protocol.schema import Protocol

# The replay costs one step per day since the start, so a plan reaches at most this far:
# twenty years is far beyond any rehab (imported histories may start years back), and keeps
# a single plan around a tenth of a second at worst.
MAX_PLAN_DAYS = 7305


def plan_day(
    protocol: Protocol, profile: Profile, events: Iterable[Event], date: dt.date
) -> DayPlan:
    return plan_days(protocol, profile, events, date, date)[0]


def plan_days(
    protocol: Protocol,
    profile: Profile,
    events: Iterable[Event],
    first: dt.date,
    last: dt.date,
    *,
    runs_as_offered_after: dt.date | None = None,
) -> list[DayPlan]:
    """Plans for first..last in one replay. Each day sees only events dated up to itself.

    Days after `runs_as_offered_after` (the runner's today) are a projection: each run offered
    from that day on (today's too, if none is logged yet) is taken as done, at its longest and
    pain-free, so the days after it show what the rules then allow (alternate days and the
    week's run count in return weeks, the reduced track's and `progress`'s weekly caps, the
    single-run limits). Nothing else is assumed: no check-ins, no sessions; and so RTR-7's
    gap in check-ins is not counted on projected days."""
    check_span(profile, first, last)
    plans: list[DayPlan] = []
    for course in replay(protocol, profile, events, last):
        date = course.date
        ahead = runs_as_offered_after is not None and date >= runs_as_offered_after
        if date >= first or ahead:
            plan = snapshot(course, projected=ahead and date != runs_as_offered_after)
            if date >= first:
                plans.append(plan)
            if ahead and plan.run.allowed:
                assume(course, _run_as_offered(plan))
            course.projecting = ahead
    return plans


def progress_days(
    protocol: Protocol, profile: Profile, events: Iterable[Event], first: dt.date, last: dt.date
) -> list[DayProgress]:
    """What the progress charts need of each day first..last, from one replay (days up to the
    runner's today: nothing is projected)."""
    check_span(profile, first, last)
    days: list[DayProgress] = []
    for course in replay(protocol, profile, events, last):
        if course.date >= first:
            days.append(
                DayProgress(
                    date=course.date,
                    week=course.week,
                    week_minutes_cap=plan_run(course).week_minutes_cap,
                    adherence=_adherence(course),
                    gate=_gate(course),
                    stage=course.stage.name,
                    track=course.stage.track,
                )
            )
    return days


def check_span(profile: Profile, first: dt.date, last: dt.date) -> None:
    if first < profile.start_date:
        raise InvalidInput(f"{first} is before the programme's start date {profile.start_date}")
    if last < first:
        raise InvalidInput("the last day comes before the first")
    if (last - profile.start_date).days >= MAX_PLAN_DAYS:
        raise InvalidInput(
            f"{last} is more than twenty years after the programme's start date "
            f"{profile.start_date}"
        )


def replay(
    protocol: Protocol, profile: Profile, events: Iterable[Event], last: dt.date
) -> Iterator[Course]:
    """The course at the end of each day from the start date through `last` (one object,
    advanced in place; the caller may add assumed runs before the next day), seeing only
    events dated up to `last`."""
    history = History(events, until=last, same_run=protocol.vocabulary.same_run)
    course = start(protocol, profile, history)
    date = profile.start_date
    while date <= last:
        advance(course, date)
        yield course
        date += ONE_DAY


def _run_as_offered(plan: DayPlan) -> Run:
    """The run a projected day offers, taken as done: its longest, pain-free, on the flat."""
    return Run(
        date=plan.date, minutes=plan.run.max_minutes, pain_during=0, pain_after_hours=0,
        terrain="road",
    )  # fmt: skip


def _gate(course: Course) -> Gate:
    return Gate(
        rule=course.protocol.gate.rule,
        met=course.gate.met_on is not None,
        met_on=course.gate.met_on,
        pain_free_days=min(course.streaks.pain_free_days, course.gate.needed_days),
        needed_days=course.gate.needed_days,
        strength_pain_free=strength_session_pain_free(course.protocol, course.gate.last_strength),
    )


def _adherence(course: Course) -> Adherence:
    prescribed, done = course.doses.adherence()
    return Adherence(prescribed=prescribed, done=done)


def snapshot(course: Course, *, projected: bool = False) -> DayPlan:
    protocol = course.protocol
    run = plan_run(course)
    stage = course.stage
    return_week = None
    if stage.name in RETURN_STAGES:
        return_week = RETURN_STAGES.index(stage.name) + 1
    return DayPlan(
        date=course.date,
        day=course.day,
        week=course.week,
        stage=stage.name,
        track=stage.track,
        stage_since=stage.since,
        return_week=return_week,
        stage_week=(course.date - stage.since).days // 7 + 1,
        tasks=tuple(build_tasks(course, run)),
        run=run,
        gate=_gate(course),
        alerts=tuple(build_alerts(course, run)),
        cadence=cadence_target(protocol, course.profile, course.history, course.date),
        adherence=_adherence(course),
        protocol_version=protocol.version,
        checked_in=course.history.on(course.date).checkin is not None,
        projected=projected,
        next_milestone=next_milestone(course),
        runs_awaiting_answers=runs_awaiting_answers(course),
        runs_to_confirm=runs_to_confirm(course),
        linked_runs=linked_runs(course),
        settings=SettingsInForce(
            gate_days=course.gate.needed_days,
            hills_track_week=course.gate.hills_track_week,
            strength_days=course.doses.weekdays,
            track=stage.track,
        ),
    )
