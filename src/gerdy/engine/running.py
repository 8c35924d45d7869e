"""Whether and how long to run today: P1-2 (protect), RTR-1..5 (return weeks, progress,
hills and track), RTR-7 (a check-in first after a gap), WS-1/WS-2/WS-4 and the pausing red
flags (pauses and caps). Reads a `Course`.

No run is offered that is shorter than the protocol's shortest run (10 min): when less is
left of a week's cap, that week's running is done (v1.1). When no run is offered, the
allowance says why not in a few words (`reason`, v1.2).

"Ran today" means the runs of the day the replay has heard so far (`Course.runs_today`), so
the same function tells what the plan offered before a run was logged (keeping to the rung).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from gerdy.engine.calendar import ONE_DAY, week_window
from gerdy.engine.plan import RunAllowance
from gerdy.engine.rules import rung_minutes

if TYPE_CHECKING:
    from gerdy.engine.course import Course

ONE_RUN_A_DAY = "one run a day: today's is done"
WEEK_DONE = "this week's running is done"


def plan_run(course: Course) -> RunAllowance:
    hills_track = course.hills_track_open()
    pausing = course.pausing_flags()
    if pausing:
        reason = f"running waits for a professional to clear {', '.join(pausing)}"
        return _no_run(course, pausing[0], hills_track, reason)
    if course.stage == "paused":
        rule = next(iter(course.pauses.reasons), "WS-1")
        return _no_run(course, rule, hills_track, f"running is paused ({rule})")
    if course.gap.waiting_since is not None:
        rule = course.protocol.back_after_gap.rule
        return _no_run(course, rule, hills_track, "a check-in comes first, after a gap")
    if course.stage == "protect":
        return _protect_run(course, hills_track)
    if course.stage == "progress":
        return _progress_run(course, hills_track)
    return _return_week_run(course, hills_track)


def _no_run(course: Course, rule: str, hills_track: bool, reason: str) -> RunAllowance:
    return RunAllowance(
        allowed=False, min_minutes=0, max_minutes=0, pickups=False,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule), reason=reason,
    )  # fmt: skip


def _held_back(course: Course, longest: int) -> str | None:
    """Why no run is offered on the reduced track or in `progress`, or None: one run a day,
    and none shorter than the protocol's shortest run."""
    if course.runs_today:
        return ONE_RUN_A_DAY
    if longest < course.protocol.progress.min_run_minutes:
        return WEEK_DONE
    return None


def _protect_run(course: Course, hills_track: bool) -> RunAllowance:
    """P1-2: no running on the break track; on the reduced one at most 40% of the usual
    week, and a single run at most half of that (v1.1)."""
    if course.track == "break":
        return _no_run(
            course, "P1-2", hills_track, "the break: running comes back through the gate (RTR-0)"
        )
    _first, done, cap = course.volume.reduced_week(course)
    left = max(0, math.floor(cap - done))
    longest = min(left, course.volume.reduced_single_run_limit(course, cap))
    reason = _held_back(course, longest)
    return RunAllowance(
        allowed=reason is None, min_minutes=0, max_minutes=longest, pickups=False,
        hills_track=False, rule="P1-2", why=course.protocol.why("P1-2"),
        week_minutes_done=done, week_minutes_cap=round(cap, 1), reason=reason,
    )  # fmt: skip


def _return_week_run(course: Course, hills_track: bool) -> RunAllowance:
    """RTR-1..3: alternate days (relative to runs logged; v1.2: in week 3 too), minutes by
    the return week."""
    week = course.protocol.return_week(course.stage)
    first, _ = week_window(course.stage_since, course.date)
    earlier = course.history.runs_between(first, course.date - ONE_DAY)
    ran_yesterday = bool(course.history.on(course.date - ONE_DAY).runs)
    reason = None
    if course.runs_today:
        reason = ONE_RUN_A_DAY
    elif week.alternate_days and ran_yesterday:
        reason = "the day after a run: runs come on alternate days"
    elif week.runs_per_week is not None and len(earlier) >= week.runs_per_week:
        reason = f"this return week's {week.runs_per_week} runs are done"
    low, high = rung_minutes(course)
    rule = week.rule
    cap = course.run_signs.cap_minutes
    if cap is not None:
        high, rule = min(high, cap), course.protocol.pain_lasts.id
        low = min(low, high)
    done = sum(run.minutes for run in earlier)
    return RunAllowance(
        allowed=reason is None, min_minutes=low, max_minutes=high,
        pickups=week.pickups_seconds is not None, pickup_seconds=week.pickups_seconds,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule),
        week_minutes_done=done, reason=reason,
    )  # fmt: skip


def _progress_run(course: Course, hills_track: bool) -> RunAllowance:
    """RTR-4: the week's cap (+10% on the previous week, counted up to its cap), a single run
    at most 1.10 x the longest recent pain-free run, and never more than the week has left;
    after WS-2, the next run at most its cap (v1.2: stated in minutes)."""
    _first, done, cap = course.volume.progress_week(course)
    left = max(0, math.floor(cap - done))
    longest = min(left, course.volume.single_run_limit(course))
    rule = course.protocol.progress.rule
    ws2_cap = course.run_signs.cap_minutes
    if ws2_cap is not None:
        longest, rule = min(longest, ws2_cap), course.protocol.pain_lasts.id
    reason = _held_back(course, longest)
    return RunAllowance(
        allowed=reason is None, min_minutes=0, max_minutes=longest, pickups=True,
        pickup_seconds=course.protocol.return_week("return-2").pickups_seconds,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule),
        week_minutes_done=done, week_minutes_cap=round(cap, 1), reason=reason,
    )  # fmt: skip
