"""Whether and how long to run today: P1-2 (protect), RTR-1..5 (return weeks, progress,
hills and track), WS-1/WS-2/WS-4 and RED-1..3 (pauses and caps). Reads a `Course`.

No run is offered that is shorter than the protocol's shortest run (10 min): when less is
left of a week's cap, that week's running is done (v1.1).
"""

from __future__ import annotations

import datetime as dt
import math

from gerdy.engine.calendar import ONE_DAY, week_window
from gerdy.engine.course import RETURN_STAGES, Course
from gerdy.engine.plan import RunAllowance
from gerdy.engine.rules import rung_minutes


def plan_run(course: Course) -> RunAllowance:
    hills_track = course.hills_track_open()
    if course.pausing_flags():
        flag = course.pausing_flags()[0]
        return _no_run(course, flag, hills_track)
    if course.stage == "paused":
        reason = next(iter(course.pauses.reasons), "WS-1")
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


def _may_run(course: Course, longest: int) -> bool:
    """One run a day, and none shorter than the protocol's shortest run."""
    ran_today = bool(course.history.on(course.date).runs)
    return longest >= course.protocol.progress.min_run_minutes and not ran_today


def _protect_run(course: Course, hills_track: bool) -> RunAllowance:
    """P1-2: no running on the break track; on the reduced one at most 40% of the usual
    week, and a single run at most half of that (v1.1)."""
    if course.track == "break":
        return _no_run(course, "P1-2", hills_track)
    _first, done, cap = course.volume.reduced_week(course)
    left = max(0, math.floor(cap - done))
    longest = min(left, course.volume.reduced_single_run_limit(course, cap))
    return RunAllowance(
        allowed=_may_run(course, longest), min_minutes=0, max_minutes=longest, pickups=False,
        hills_track=False, rule="P1-2", why=course.protocol.why("P1-2"),
        week_minutes_done=done, week_minutes_cap=round(cap, 1),
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
    low, high = rung_minutes(course)
    rule = week.rule
    if course.run_signs.cap_next_run:
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


def _progress_run(course: Course, hills_track: bool) -> RunAllowance:
    """RTR-4: the week's cap (+10% on the previous week, counted up to its cap), a single run
    at most 1.10 x the longest recent pain-free run, and never more than the week has left."""
    _first, done, cap = course.volume.progress_week(course)
    left = max(0, math.floor(cap - done))
    longest = min(left, course.volume.single_run_limit(course))
    rule = "RTR-4"
    if course.run_signs.cap_next_run:
        previous = course.history.runs_between(
            course.date - dt.timedelta(days=7), course.date - ONE_DAY
        )
        longest_before = max((run.minutes for run in previous), default=0.0)
        longest, rule = min(longest, math.floor(longest_before)), "WS-2"
    return RunAllowance(
        allowed=_may_run(course, longest), min_minutes=0, max_minutes=longest, pickups=True,
        pickup_seconds=course.protocol.return_week("return-2").pickups_seconds,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule),
        week_minutes_done=done, week_minutes_cap=round(cap, 1),
    )  # fmt: skip
