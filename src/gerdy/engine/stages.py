"""The stage moves: the return ladder (RTR-1..3), the gate out of `protect` (RTR-0) and
P1-2's break and track, the pauses (WS-1, WS-4 and the pausing red flags) and RTR-7's step
back after a gap in check-ins, and the settings a professional may change (RTR-0's N, P1-2's
track, RTR-5's week, ST-0's days), each from its day on. Each function is one step of the
day (see `day` for their order). Changes the course's `StageState` and `GateState`; pure.
"""

from __future__ import annotations

import datetime as dt

from gerdy.domain.choices import Track
from gerdy.domain.events import Checkin, SettingsChange
from gerdy.domain.refusals import BREAK_ENDS_ONLY_AT_THE_GATE, TRACK_ONLY_BEFORE_THE_GATE
from gerdy.engine.calendar import ONE_DAY
from gerdy.engine.course import Course
from gerdy.engine.gate import hills_track_week, needed_days, strength_session_pain_free
from gerdy.engine.history import Day
from gerdy.engine.plan import RETURN_LADDER, RETURN_STAGES, Stage
from gerdy.engine.rung import judge_again
from gerdy.engine.vocabulary import is_pain_free_day, is_swollen, week_was_pain_free
from gerdy.engine.volume import cap_next_run


def enter(course: Course, stage: Stage) -> None:
    course.stage.name = stage
    course.stage.since = course.date


def one_week_lower(stage: Stage) -> Stage:
    """'One step back, not a restart': return-1 stays, the others drop one rung."""
    index = RETURN_LADDER.index(stage)
    return RETURN_LADDER[max(index - 1, 0)]


# --- RTR-1..3: the return ladder ------------------------------------------------------------
def close_return_week(course: Course) -> None:
    """RTR-1..3: a return week done pain-free, and on its rung, moves one rung up; otherwise
    it repeats (its week starts again today)."""
    stage = course.stage
    if stage.name not in RETURN_STAGES:
        return
    elapsed = (course.date - stage.since).days
    if elapsed == 0 or elapsed % 7:
        return
    first, last = course.date - dt.timedelta(days=7), course.date - ONE_DAY
    if week_passed(course, first, last):
        enter(course, RETURN_LADDER[RETURN_LADDER.index(stage.name) + 1])
    stage.since = course.date


def week_passed(course: Course, first: dt.date, last: dt.date) -> bool:
    """A pain-free week (every run a pain-free run, no WS-*) with no run off the rung."""
    runs = course.history.runs_between(first, last)
    warnings = course.signs.warnings_between(first, last)
    return week_was_pain_free(
        course.protocol, runs, warnings
    ) and not course.volume.strayed_between(first, last)


# --- RTR-7: back after a gap ----------------------------------------------------------------
def step_back_after_gap(course: Course) -> None:
    """RTR-7 (v1.2): when no check-in was logged on the N days before today (7), in a return
    stage or `progress`, running resumes one return week lower than before (as after a
    pause; the stage's week starts again today), and the plan asks for a check-in first: no
    run is offered until one is logged. One step per gap. Days the plan only projects (after
    the runner's today) are not counted: the projection cannot know about check-ins."""
    stage = course.stage
    if stage.gap_since is not None or course.projecting:
        return
    if stage.name not in RETURN_LADDER:
        return
    silent = (course.date - course.streaks.last_checkin).days - 1
    if silent >= course.protocol.back_after_gap.days_without_checkin:
        stage.gap_since, stage.gap_days = course.date, silent
        enter(course, one_week_lower(stage.name))
        stage.gap_resumes_at = stage.name


def note_checkin(course: Course) -> None:
    """RTR-7: a check-in ends the wait after a gap."""
    course.streaks.last_checkin = course.date
    course.stage.gap_since = None


# --- the `paused` stage: WS-1, WS-4, RED-1..3, RED-6, RED-10 ----------------------------------
def pause(course: Course, reason: str) -> None:
    """Running pauses in a return stage or `progress`, and resumes one return week lower;
    a pause already running gains the reason."""
    stage = course.stage
    if stage.name in RETURN_LADDER:
        stage.resume_to = one_week_lower(stage.name)
        enter(course, "paused")
    if stage.name == "paused":
        stage.paused_for[reason] = course.date


def update_pauses(course: Course, day: Day) -> None:
    """A pausing red flag opened today pauses; a pause ends when each of its reasons is over
    (a clearance of the flag, WS-1's pain-free days, WS-4's check-in without swelling), and
    the day's runs are judged again in the stage resumed."""
    stage = course.stage
    for flag in course.pausing_flags():
        if flag not in stage.paused_for:
            pause(course, flag)
    if stage.name != "paused":
        return
    for reason, since in list(stage.paused_for.items()):
        if _pause_over(course, reason, since, day.checkin):
            del stage.paused_for[reason]
    if not stage.paused_for and stage.resume_to is not None:
        enter(course, stage.resume_to)
        stage.resume_to = None
        judge_again(course, list(day.runs))


def _pause_over(course: Course, reason: str, since: dt.date, checkin: Checkin | None) -> bool:
    protocol = course.protocol
    if reason in protocol.pausing_red_flags():
        return reason not in course.signs.red_flags
    if checkin is None or course.date <= since:
        return False
    if reason == "WS-1":
        counted = min(course.streaks.pain_free_days, (course.date - since).days)
        return counted >= protocol.pain_builds.resume_pain_free_days
    return not is_swollen(checkin)  # WS-4


# --- RTR-0 (a): the pain-free streak ----------------------------------------------------------
def count_pain_free_day(course: Course, day: Day) -> None:
    """Pain-free days in a row, counted back from today when it has a check-in, else from
    yesterday (the day is not over). Also WS-1's count for resuming."""
    streaks = course.streaks
    checkin = day.checkin
    if checkin is None:
        streaks.pain_free_days, streaks.pain_free_through_yesterday = (
            streaks.pain_free_through_yesterday,
            0,
        )
    else:
        streaks.pain_free_days = (
            streaks.pain_free_through_yesterday + 1 if is_pain_free_day(checkin) else 0
        )
        streaks.pain_free_through_yesterday = streaks.pain_free_days


# --- RTR-0 and P1-2's minimum break and track -------------------------------------------------
def change_track(course: Course, track: Track, *, by_warning: str | None = None) -> None:
    """P1-2: a move to the break track restarts the minimum break from today (by a warning
    sign, or by a professional's `settings_change`); after it, running comes back only
    through the gate."""
    gate = course.gate
    if track == "break" and course.stage.track == "reduced":
        gate.break_since = course.date
        gate.only_through_the_gate = True
        if by_warning is not None:
            gate.moved_to_break_on, gate.moved_to_break_by = course.date, by_warning
    course.stage.track = track


def break_ends(course: Course) -> dt.date:
    """P1-2: the first day a run may come after the minimum break (then only through the
    gate)."""
    return course.gate.break_since + dt.timedelta(days=course.protocol.protect.min_break_days)


def track_refusal(course: Course, track: Track) -> str | None:
    """Why a change to `track` cannot apply today (P1-2), or None when it can."""
    if course.stage.name != "protect" or course.gate.met_on is not None:
        return TRACK_ONLY_BEFORE_THE_GATE
    if track == "reduced" and course.stage.track == "break" and course.gate.only_through_the_gate:
        return BREAK_ENDS_ONLY_AT_THE_GATE
    return None


def check_gate(course: Course, day: Day) -> None:
    """RTR-0: N pain-free days and a complete pain-free strength session, never before day 8
    and never inside the minimum break (P1-2: 7 days from the start, or from the move to the
    break track). Met: return week 1 (the break track) or `progress` (the reduced track)."""
    protocol = course.protocol
    gate = course.gate
    if course.stage.name != "protect" or course.pausing_flags():
        return
    if course.day < protocol.gate.earliest_day:
        return
    if course.date < break_ends(course):
        return
    if course.streaks.pain_free_days < gate.needed_days:
        return
    if not strength_session_pain_free(protocol, gate.last_strength):
        return
    gate.met_on = course.date
    enter(course, "return-1" if course.stage.track == "break" else "progress")
    # The gate day is the first day of return week 1, so a warning sign logged earlier that
    # day (while the replay still said `protect`) applies to the new stage, and so does
    # keeping to the rung.
    judge_again(course, list(day.runs))
    for sign in course.signs.warnings.get(course.date, ()):
        if protocol.warning_sign(sign).pauses_running:
            pause(course, sign)
        elif sign == "WS-2":
            cap_next_run(course)


# --- settings a professional may change (from the change's day on) ---------------------------
def change_settings(course: Course, change: SettingsChange) -> None:
    """RTR-0's N (5 or 7), P1-2's track while the runner is still in `protect` and the gate
    allows it, RTR-5's return week, ST-0's weekdays."""
    if change.gate_days is not None:
        course.gate.needed_days = needed_days(course.protocol, change.gate_days)
    if change.track is not None and track_refusal(course, change.track) is None:
        change_track(course, change.track)
    if change.hills_track_week is not None:
        course.gate.hills_track_week = hills_track_week(course.protocol, change.hills_track_week)
    if change.strength_days is not None:
        course.doses.weekdays = change.strength_days
