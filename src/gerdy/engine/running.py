"""Whether and how long to run today: P1-2 (protect), RTR-1..5 (return weeks, progress,
hills and track), RTR-7 (a check-in first after a gap), WS-1/WS-2/WS-4 and the pausing red
flags (pauses and caps). Reads a `Course`.

No run is offered that is shorter than the protocol's shortest run (10 min): when less is
left of a week's cap, that week's running is done (v1.1). When no run is offered, the
allowance says why not in a few words (`reason`, v1.2).

"Ran today" means the runs of the day the replay has heard so far (`Volume.runs_today`), so
the same function tells what the plan offered before a run was logged (`offered_run`:
keeping to the rung).
"""

from __future__ import annotations

import datetime as dt
import math

from gerdy.domain.events import Run
from gerdy.engine.calendar import ONE_DAY, week_window
from gerdy.engine.course import Course
from gerdy.engine.plan import RETURN_STAGES, RunAllowance
from gerdy.engine.vocabulary import is_pain_free_run
from gerdy.engine.volume import (
    progress_week,
    reduced_single_run_limit,
    reduced_week,
    single_run_limit,
)

ONE_RUN_A_DAY = "one run a day: today's is done"
WEEK_DONE = "this week's running is done"


def plan_run(course: Course) -> RunAllowance:
    hills_track = hills_track_open(course)
    pausing = course.pausing_flags()
    stage = course.stage
    if pausing:
        reason = f"running waits for a professional to clear {', '.join(pausing)}"
        return _no_run(course, pausing[0], hills_track, reason)
    if stage.name == "paused":
        rule = next(iter(stage.paused_for), "WS-1")
        return _no_run(course, rule, hills_track, f"running is paused ({rule})")
    if stage.gap_since is not None:
        rule = course.protocol.back_after_gap.rule
        return _no_run(course, rule, hills_track, "a check-in comes first, after a gap")
    if stage.name == "protect":
        return _protect_run(course, hills_track)
    if stage.name == "progress":
        return _progress_run(course, hills_track)
    return _return_week_run(course, hills_track)


def offered_run(course: Course, earlier_today: list[Run]) -> RunAllowance:
    """The run the plan offered before a run was logged: today's allowance with only
    `earlier_today` as the day's runs (keeping to the rung)."""
    volume = course.volume
    heard = volume.runs_today
    volume.runs_today = earlier_today
    try:
        return plan_run(course)
    finally:
        volume.runs_today = heard


def hills_track_opens_on(course: Course) -> dt.date | None:
    """RTR-5: the date hills and track may open, once the gate is met: return week N (6 by
    default, up to 8) counted from the day the gate was met, on either track (v1.1: one date
    for both)."""
    met_on = course.gate.met_on
    if met_on is None:
        return None
    return met_on + dt.timedelta(days=7 * (course.gate.hills_track_week - 1))


def hills_track_open(course: Course) -> bool:
    """RTR-5 (v1.2): open from their date on, only in `progress`: not in a return week, not
    while paused."""
    opens_on = hills_track_opens_on(course)
    if opens_on is None or course.stage.name != "progress" or course.pausing_flags():
        return False
    return course.date >= opens_on


def rung_minutes(course: Course) -> tuple[int, int]:
    """RTR-1..3: the return week's run length today, before today's runs. RTR-3's third run
    may be longer once the week's first two runs were pain-free runs."""
    week = course.protocol.return_week(course.stage.name)
    first, _ = week_window(course.stage.since, course.date)
    earlier = course.history.runs_between(first, course.date - ONE_DAY)
    high = week.minutes.max
    if (
        week.long_run is not None
        and week.long_run_after_pain_free_runs is not None
        and len(earlier) == week.long_run_after_pain_free_runs
        and all(is_pain_free_run(course.protocol, run) for run in earlier)
    ):
        high = week.long_run.max
    return week.minutes.min, high


def stage_rule(course: Course) -> str:
    """The running rule of the stage (of the stage a pause resumes to): P1-2, RTR-1..4."""
    stage = course.stage
    name = stage.resume_to if stage.name == "paused" else stage.name
    if name in RETURN_STAGES:
        return course.protocol.return_week(name).rule
    if name == "progress":
        return course.protocol.progress.rule
    return "P1-2"


def _no_run(course: Course, rule: str, hills_track: bool, reason: str) -> RunAllowance:
    return RunAllowance(
        allowed=False, min_minutes=0, max_minutes=0, pickups=False,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule), reason=reason,
    )  # fmt: skip


def _held_back(course: Course, longest: int) -> str | None:
    """Why no run is offered on the reduced track or in `progress`, or None: one run a day,
    and none shorter than the protocol's shortest run."""
    if course.volume.runs_today:
        return ONE_RUN_A_DAY
    if longest < course.protocol.progress.min_run_minutes:
        return WEEK_DONE
    return None


def _protect_run(course: Course, hills_track: bool) -> RunAllowance:
    """P1-2: no running on the break track; on the reduced one at most 40% of the usual
    week, and a single run at most half of that (v1.1)."""
    if course.stage.track == "break":
        return _no_run(
            course, "P1-2", hills_track, "the break: running comes back through the gate (RTR-0)"
        )
    _first, done, cap = reduced_week(course)
    left = max(0, math.floor(cap - done))
    longest = min(left, reduced_single_run_limit(course, cap))
    reason = _held_back(course, longest)
    return RunAllowance(
        allowed=reason is None, min_minutes=0, max_minutes=longest, pickups=False,
        hills_track=False, rule="P1-2", why=course.protocol.why("P1-2"),
        week_minutes_done=done, week_minutes_cap=round(cap, 1), reason=reason,
    )  # fmt: skip


def _return_week_run(course: Course, hills_track: bool) -> RunAllowance:
    """RTR-1..3: alternate days (relative to runs logged; v1.2: in week 3 too), minutes by
    the return week."""
    week = course.protocol.return_week(course.stage.name)
    first, _ = week_window(course.stage.since, course.date)
    earlier = course.history.runs_between(first, course.date - ONE_DAY)
    ran_yesterday = bool(course.history.on(course.date - ONE_DAY).runs)
    reason = None
    if course.volume.runs_today:
        reason = ONE_RUN_A_DAY
    elif week.alternate_days and ran_yesterday:
        reason = "the day after a run: runs come on alternate days"
    elif week.runs_per_week is not None and len(earlier) >= week.runs_per_week:
        reason = f"this return week's {week.runs_per_week} runs are done"
    low, high = rung_minutes(course)
    rule = week.rule
    cap = course.signs.cap_minutes
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
    _first, done, cap = progress_week(course)
    left = max(0, math.floor(cap - done))
    longest = min(left, single_run_limit(course))
    rule = course.protocol.progress.rule
    ws2_cap = course.signs.cap_minutes
    if ws2_cap is not None:
        longest, rule = min(longest, ws2_cap), course.protocol.pain_lasts.id
    reason = _held_back(course, longest)
    return RunAllowance(
        allowed=reason is None, min_minutes=0, max_minutes=longest, pickups=True,
        pickup_seconds=course.protocol.return_week("return-2").pickups_seconds,
        hills_track=hills_track, rule=rule, why=course.protocol.why(rule),
        week_minutes_done=done, week_minutes_cap=round(cap, 1), reason=reason,
    )  # fmt: skip
