"""Keeping to the rung (v1.1, v1.2): a run judged against what the plan offered at the moment
it was logged (the runs before it that day count).

A run is off the rung on a day the plan offered none (the break, a pause, the day after a
run in return weeks 1-3, the week's running done, one run a day), a return-week run more
than the tolerance over the rung's maximum (RTR-1..3), a `progress` run more than 10% over
the single-run limit (RTR-4), or a hill or track run before RTR-5 opens. It raises an `info`
alert on its day and the next (`alerts`), and its consequence: a return week is repeated
(`stages.close_return_week`), a `progress` week's cap does not grow the week after
(`volume`). Kept in the course's `Volume.strays`; pure.
"""

from __future__ import annotations

from gerdy.domain.events import Run
from gerdy.engine.course import Course
from gerdy.engine.plan import RETURN_STAGES, RunAllowance
from gerdy.engine.running import offered_run, rung_minutes, stage_rule
from gerdy.engine.state import Stray

OFF_RUNG_TERRAIN = ("hills", "track")


def judge_run(course: Course, run: Run, earlier_today: list[Run]) -> None:
    """Judge `run` against the day's offered run as it stood when it was logged (a second
    run of a day that offered one is judged with the day's minutes together)."""
    offered = offered_run(course, [])
    minutes = run.minutes + sum(earlier.minutes for earlier in earlier_today)
    stray = judge(course, run, offered, minutes)
    if stray is not None:
        course.volume.strays.setdefault(course.date, stray)


def judge_again(course: Course, runs: list[Run]) -> None:
    """The stage changed at the end of the day (the gate met, a pause over), and a run of the
    day came when the earlier stage offered none: the runner saw the new stage once the
    day's check-in or session was in, so the day's runs are judged again in it. (A run in
    `protect` on the break track may turn out to be the gate day's run.)"""
    strays = course.volume.strays
    stray = strays.get(course.date)
    if stray is None or stray.offered:
        return
    del strays[course.date]
    for index, run in enumerate(runs):
        judge_run(course, run, runs[:index])


def judge(course: Course, run: Run, offered: RunAllowance, minutes: float) -> Stray | None:
    """The stray `run` makes (`minutes`: the day's running with it), or None."""
    protocol = course.protocol
    stage = course.stage.name
    if not offered.allowed:
        held = offered.rule in course.signs.red_flags or stage == "paused"
        rule = stage_rule(course) if held else offered.rule
        return Stray(course.date, rule, minutes, run.terrain, 0, 0, stage,
                     offered=False, reason=offered.reason)  # fmt: skip
    if run.terrain in OFF_RUNG_TERRAIN and not offered.hills_track:
        return Stray(course.date, protocol.hills_track.rule, minutes, run.terrain,
                     offered.min_minutes, offered.max_minutes, stage)  # fmt: skip
    if stage in RETURN_STAGES:
        low, high = rung_minutes(course)
        if minutes > high + protocol.rung_tolerance_minutes:
            rule = protocol.return_week(stage).rule
            return Stray(course.date, rule, minutes, run.terrain, low, high, stage)
    elif stage == "progress":
        limit = offered.max_minutes * (1 + protocol.progress.overrun_fraction)
        if minutes > limit + 1e-9:
            return Stray(course.date, protocol.progress.rule, minutes, run.terrain,
                         0, offered.max_minutes, stage)  # fmt: skip
    return None
