"""The signs the day's events raise and what each one does: red flags from a check-in
(RED-1..7, via `red_flags`) until a clearance names them, the warning signs (WS-1 and WS-2
from a run, WS-3 from a strength session in `strength`, WS-4 and RED-10 from swelling) and
their consequences: one step back (P1-2's break track in `protect`, a pause in a return
stage or `progress`), and WS-2's cap on the next run. Each function is one step of the day
(see `day` for their order); pure.
"""

from __future__ import annotations

from gerdy.domain.events import Checkin, Clearance, Run
from gerdy.engine.course import Course
from gerdy.engine.history import Day
from gerdy.engine.plan import RETURN_LADDER
from gerdy.engine.red_flags import flags_from_checkin
from gerdy.engine.stages import change_track, pause
from gerdy.engine.vocabulary import is_swollen, pain_lasted
from gerdy.engine.volume import cap_next_run


def raise_red_flags(course: Course, checkin: Checkin) -> None:
    """RED-1..7: the flags a check-in's answers raise, open from today."""
    for flag in flags_from_checkin(checkin):
        course.signs.raise_flag(flag, course.date)


def clear_red_flags(course: Course, clearance: Clearance) -> None:
    """A professional's clearance closes the red flags it names."""
    for flag in clearance.rules:
        course.signs.red_flags.pop(flag, None)


def warn(course: Course, sign: str, *, pain: int | None = None) -> None:
    """WS-1..4: one step back. A reduced-track runner in `protect` moves to the break track,
    and the minimum break starts again (P1-2; v1.2: WS-3 only at `pain` 3/10 or more);
    WS-1 and WS-4 pause running in a return stage or `progress`."""
    course.signs.warnings.setdefault(course.date, []).append(sign)
    if course.stage.name == "protect":
        proportion = course.protocol.strength_pain.to_break_track_from_pain
        if sign != "WS-3" or (pain is not None and pain >= proportion):
            change_track(course, "break", by_warning=sign)
        return
    if course.protocol.warning_sign(sign).pauses_running:
        pause(course, sign)


def check_run(course: Course, run: Run) -> None:
    """WS-1 (pain worsened during the run) and WS-2 (pain lasted), and WS-2's cap on the next
    run in a return stage or `progress`; a run logged ends the cap it was under."""
    signs = course.signs
    signs.cap_minutes = signs.cap_since = None  # this run was the capped one
    if run.pain_worsened:
        warn(course, "WS-1")
    if pain_lasted(course.protocol, run):
        warn(course, "WS-2")
        if course.stage.name in RETURN_LADDER:
            cap_next_run(course)


def check_swelling(course: Course, checkin: Checkin) -> None:
    """WS-4 for a swollen day (the day's latest check-in); RED-10 when swelling persists on N
    days in a row, or comes back: a swollen day after the day of the first run logged after
    the gate (reduced track: after any run) when an earlier check-in was swollen."""
    streaks = course.streaks
    if not is_swollen(checkin):
        streaks.swollen_days = 0
        return
    streaks.swollen_days += 1
    first_run = streaks.first_run_after_gate
    came_back = streaks.swollen_before and first_run is not None and course.date > first_run
    if streaks.swollen_days >= course.protocol.swelling_stays.consecutive_days or came_back:
        course.signs.raise_flag("RED-10", course.date)
    streaks.swollen_before = True
    warn(course, "WS-4")


def clear_swelling(course: Course, clearance: Clearance) -> None:
    """A clearance of RED-10 starts its count again."""
    if "RED-10" in clearance.rules:
        course.streaks.swollen_days, course.streaks.swollen_before = 0, False


def note_first_run_after_gate(course: Course, day: Day) -> None:
    """RED-10's 'comes back': the day of the first run logged after the gate (reduced track:
    after any run). It runs after the gate's check, so a run on the gate day is a run after
    the gate."""
    streaks = course.streaks
    if streaks.first_run_after_gate is not None or not day.runs:
        return
    on_reduced = course.profile.derived_track == "reduced" or course.stage.track == "reduced"
    if course.gate.met_on is not None or on_reduced:
        streaks.first_run_after_gate = course.date
