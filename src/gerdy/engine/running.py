"""Whether and how long to run today: P1-2 (protect), RTR-1..5 (return weeks, progress,
hills and track), WS-1/WS-2/WS-4 and RED-1..3 (pauses and caps). Reads a `Course`."""

from __future__ import annotations

import datetime as dt
import math

from gerdy.engine.calendar import ONE_DAY, week_window
from gerdy.engine.course import RETURN_STAGES, Course
from gerdy.engine.plan import RunAllowance


def plan_run(course: Course) -> RunAllowance:
    hills_track = hills_and_track_open(course)
    if course.pausing_flags():
        flag = course.pausing_flags()[0]
        return _no_run(course, flag, hills_track)
    if course.stage == "paused":
        reason = next(iter(course.pauses), "WS-1")
        return _no_run(course, reason, hills_track)
    if course.stage == "protect":
        return _protect_run(course, hills_track)
    if course.stage == "progress":
        return _progress_run(course, hills_track)
    return _return_week_run(course, hills_track)


def _no_run(course: Course, rule: str, hills_track: bool) -> RunAllowance:
    return RunAllowance(
        allowed=False, min_minutes=0, max_minutes=0, pickups=False,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule),
    )  # fmt: skip


def _protect_run(course: Course, hills_track: bool) -> RunAllowance:
    """P1-2: no running on the break track; at most 40% of the usual week on the reduced one."""
    protect = course.protocol.protect
    if course.track == "break":
        return _no_run(course, "P1-2", hills_track)
    first, _last = week_window(course.profile.start_date, course.date)
    done = sum(run.minutes for run in course.history.runs_between(first, course.date))
    cap = protect.reduced_cap_fraction * course.profile.baseline_weekly_run_minutes
    left = max(0, math.floor(cap - done))
    return RunAllowance(
        allowed=left > 0 and not course.history.on(course.date).runs,
        min_minutes=0, max_minutes=left, pickups=False, hills_track=False, rule="P1-2",
        why=course.protocol.why("P1-2"), week_minutes_done=done, week_minutes_cap=round(cap, 1),
    )  # fmt: skip


def _return_week_run(course: Course, hills_track: bool) -> RunAllowance:
    """RTR-1..3: alternate days (relative to runs logged), minutes by the return week."""
    week = course.protocol.return_week(course.stage)
    first, _ = week_window(course.stage_since, course.date)
    earlier = course.history.runs_between(first, course.date - ONE_DAY)
    ran_today = bool(course.history.on(course.date).runs)
    ran_yesterday = bool(course.history.on(course.date - ONE_DAY).runs)
    allowed = not ran_today and not (week.alternate_days and ran_yesterday)
    if week.runs_per_week is not None and len(earlier) >= week.runs_per_week:
        allowed = False
    low, high = week.minutes.min, week.minutes.max
    if (
        week.long_run is not None
        and week.long_run_after_pain_free_runs is not None
        and len(earlier) == week.long_run_after_pain_free_runs
        and all(run.pain_during == 0 for run in earlier)
    ):
        high = week.long_run.max  # RTR-3: the third run may be longer
    rule = week.rule
    if course.ws2_cap_pending:
        high, rule = min(high, _previous_week_minutes(course)), "WS-2"
        low = min(low, high)
    done = sum(run.minutes for run in earlier)
    return RunAllowance(
        allowed=allowed, min_minutes=low, max_minutes=high,
        pickups=week.pickups_seconds is not None, pickup_seconds=week.pickups_seconds,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule),
        week_minutes_done=done,
    )  # fmt: skip


def _previous_week_minutes(course: Course) -> int:
    """WS-2: the next run is capped at the previous return week's duration."""
    stages = list(RETURN_STAGES)
    index = stages.index(course.stage) if course.stage in stages else len(stages)
    previous = stages[max(index - 1, 0)]
    return course.protocol.return_week(previous).minutes.max


def progress_week_cap(course: Course) -> tuple[float, float]:
    """RTR-4: (minutes run this progress week, the week's cap). The cap is the previous 7 days'
    running +10% (no growth after a warning sign in either week, WS-2/WS-3), never built on
    less than the protocol's floor, so a runner who ran little can still start."""
    first, _last = week_window(course.stage_since, course.date)
    before_first, before_last = first - dt.timedelta(days=7), first - ONE_DAY
    previous = sum(run.minutes for run in course.history.runs_between(before_first, before_last))
    base = max(previous, course.protocol.progress.min_base_weekly_minutes)
    warned = course.warnings_between(before_first, course.date)
    growth = 0.0 if warned else course.protocol.progress.weekly_growth
    done = sum(run.minutes for run in course.history.runs_between(first, course.date))
    return done, base * (1 + growth)


def _progress_run(course: Course, hills_track: bool) -> RunAllowance:
    done, cap = progress_week_cap(course)
    left = max(0, math.floor(cap - done))
    rule = "RTR-4"
    if course.ws2_cap_pending:
        longest = max(
            (run.minutes for run in course.history.runs_between(
                course.date - dt.timedelta(days=7), course.date - ONE_DAY)),
            default=0.0,
        )  # fmt: skip
        left, rule = min(left, math.floor(longest)), "WS-2"
    return RunAllowance(
        allowed=left > 0 and not course.history.on(course.date).runs,
        min_minutes=0, max_minutes=left, pickups=True,
        pickup_seconds=course.protocol.return_week("return-2").pickups_seconds,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule),
        week_minutes_done=done, week_minutes_cap=round(cap, 1),
    )  # fmt: skip


def hills_and_track_open(course: Course) -> bool:
    """RTR-5: hills and track work only from return week N (6 by default, up to 8), counted
    from the day the gate was met; the reduced track waits the same weeks after its gate."""
    if course.gate_met_on is None or course.stage == "paused" or course.pausing_flags():
        return False
    week = course.hills_track_week
    return course.date >= course.gate_met_on + dt.timedelta(days=7 * (week - 1))
