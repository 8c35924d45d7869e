"""The running volume: what each week's cap counts (P1-2's reduced week, RTR-4's progress
week), the caps themselves and the single-run limits, and WS-2's cap on the next run.

A run counts only up to what was left of the cap in force that day, so running over a cap
never raises the next one (v1.1); other weeks count in full. Read and written on the
course's `Volume` and `Signs`; pure.
"""

from __future__ import annotations

import datetime as dt
import math

from gerdy.domain.events import Run
from gerdy.engine.calendar import ONE_DAY, week_window
from gerdy.engine.course import Course
from gerdy.engine.vocabulary import is_pain_free_run


def count_minutes(course: Course, run: Run) -> None:
    """P1-2, RTR-4: the minutes `run` counts towards its week's cap."""
    volume = course.volume
    window = cap_in_force(course)
    minutes = run.minutes
    if window is not None:
        first, cap = window
        so_far = volume.counted_between(first, course.date)
        minutes = min(minutes, max(0.0, cap - so_far))
    volume.counted[course.date] = volume.counted.get(course.date, 0.0) + minutes


def cap_in_force(course: Course) -> tuple[dt.date, float] | None:
    stage = course.stage
    if stage.name == "protect" and stage.track == "reduced":
        first, _, cap = reduced_week(course)
        return first, cap
    if stage.name == "progress":
        first, _, cap = progress_week(course)
        return first, cap
    return None


def run_so_far(course: Course, first: dt.date) -> float:
    """Minutes run from `first` through today's runs so far (see `Volume.runs_today`)."""
    before = course.history.runs_between(first, course.date - ONE_DAY)
    return sum(run.minutes for run in [*before, *course.volume.runs_today])


def reduced_week(course: Course) -> tuple[dt.date, float, float]:
    """P1-2: (first day, minutes run, cap) of this programme week on the reduced track."""
    first, _ = week_window(course.profile.start_date, course.date)
    cap = course.protocol.protect.reduced_cap_fraction * (
        course.profile.baseline_weekly_run_minutes
    )
    return first, run_so_far(course, first), cap


def reduced_single_run_limit(course: Course, cap: float) -> int:
    """P1-2 (v1.1): a single run on the reduced track is at most half the week's cap."""
    return math.floor(cap * course.protocol.protect.reduced_single_run_fraction)


def progress_week(course: Course) -> tuple[dt.date, float, float]:
    """RTR-4: (first day, minutes run, cap) of this progress week. The cap is the previous 7
    days' counted minutes (at least the protocol's floor) +10%, with no growth after a
    warning sign in either week (WS-2, WS-3)."""
    first, _ = week_window(course.stage.since, course.date)
    cap = _progress_cap(course, first, course.date)
    return first, run_so_far(course, first), cap


def _progress_cap(course: Course, first: dt.date, last: dt.date) -> float:
    """The cap of the progress week starting `first`, as of `last`: +10% on its base, no
    growth after a warning sign since the previous week began (WS-2, WS-3), nor (v1.2) after
    an overrun in the previous week (keeping to the rung)."""
    before = first - dt.timedelta(days=7)
    warned = course.signs.warnings_between(before, last)
    strayed = course.volume.strayed_between(before, first - ONE_DAY)
    growth = 0.0 if warned or strayed else course.protocol.progress.weekly_growth
    return _progress_base(course, first) * (1 + growth)


def _progress_base(course: Course, first: dt.date) -> float:
    """The previous 7 days' counted minutes, at least the protocol's floor. When they were a
    progress week, its runs count only up to its cap, a run logged on its first day before
    the gate was met included (v1.1). Kept once worked out (`Volume.bases`)."""
    bases = course.volume.bases
    if first not in bases:
        before = first - dt.timedelta(days=7)
        previous = course.volume.counted_between(before, first - ONE_DAY)
        if before >= course.stage.since:
            previous = min(previous, _progress_cap(course, before, first - ONE_DAY))
        bases[first] = max(previous, course.protocol.progress.min_base_weekly_minutes)
    return bases[first]


def single_run_limit(course: Course) -> int:
    """RTR-4 (v1.1): no single run longer than 1.10 x the longest pain-free run of the last
    14 days, a run of at least the floor (the return-3 maximum) counting as it."""
    progress = course.protocol.progress
    first = course.date - dt.timedelta(days=progress.single_run_days)
    runs = course.history.runs_between(first, course.date - ONE_DAY)
    longest = max(
        (run.minutes for run in runs if is_pain_free_run(course.protocol, run)), default=0.0
    )
    longest = max(longest, progress.single_run_floor_minutes)
    return math.floor(longest * (1 + progress.single_run_growth) + 1e-9)


def cap_next_run(course: Course) -> None:
    """WS-2 (v1.2): the cap on the next run in a return stage or `progress`: the longest
    pain-free run of the N days before today, or 10 min if there was none. It ends with the
    next run logged."""
    sign = course.protocol.pain_lasts
    first = course.date - dt.timedelta(days=sign.cap_days)
    runs = course.history.runs_between(first, course.date - ONE_DAY)
    pain_free = [run.minutes for run in runs if is_pain_free_run(course.protocol, run)]
    longest = math.floor(max(pain_free)) if pain_free else sign.cap_if_none_minutes
    course.signs.cap_minutes, course.signs.cap_since = longest, course.date
