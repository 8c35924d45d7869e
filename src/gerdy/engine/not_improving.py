"""RED-8: not improving. From day 43, the mean pain of the last N check-in days not below the
first N's, with at least 2/3 of the prescribed sessions done, raises RED-8; with fewer done,
the plan says so instead (v1.2: low adherence). A mean of 0 (no pain in daily life) is not
"not improving". The adherence counts the sessions prescribed each day (`prescribed`) and
those done. Each function is one step of the day (see `day`); pure.
"""

from __future__ import annotations

from gerdy.domain.events import Checkin, Clearance
from gerdy.engine.course import Course
from gerdy.engine.history import Day
from gerdy.engine.prescribed import rolling_prescribed, strength_prescribed, stretching_prescribed


def count_pain(course: Course, checkin: Checkin) -> None:
    """The first N check-ins' daily pain, and the last N's."""
    streaks = course.streaks
    if len(streaks.first_pains) < course.protocol.not_improving.window_checkins:
        streaks.first_pains.append(checkin.pain_daily)
    streaks.recent_pains.append(checkin.pain_daily)


def clear_not_improving(course: Course, clearance: Clearance) -> None:
    """A clearance of RED-8 holds for the rest of the rehab."""
    if "RED-8" in clearance.rules:
        course.signs.not_improving_cleared = True


def count_adherence(course: Course, day: Day) -> None:
    """Prescribed sessions so far (past days in full; today only what is already done)."""
    doses = course.doses
    sessions = [
        (rolling_prescribed(course), bool(day.rolls)),
        (stretching_prescribed(course), bool(day.stretches)),
        (strength_prescribed(course), bool(day.strength)),
    ]
    doses.prescribed += sum(1 for prescribed, _ in sessions if prescribed)
    doses.done += sum(1 for prescribed, done in sessions if prescribed and done)
    doses.pending_today = sum(1 for prescribed, done in sessions if prescribed and not done)


def check_not_improving(course: Course) -> None:
    flag = course.protocol.not_improving
    signs, streaks = course.signs, course.streaks
    signs.low_adherence = None
    if signs.not_improving_cleared or "RED-8" in signs.red_flags or course.day < flag.from_day:
        return
    window = flag.window_checkins
    if len(streaks.first_pains) < window or len(streaks.recent_pains) < window:
        return
    first = sum(streaks.first_pains) / window
    recent = sum(streaks.recent_pains) / window
    if recent == 0:  # pain-free in daily life now: nothing left to improve, not "not better"
        return
    prescribed, done = course.doses.adherence()
    share_done, share_prescribed = flag.min_adherence
    adherent = done * share_prescribed >= share_done * prescribed
    if recent >= first and adherent:
        signs.raise_flag("RED-8", course.date)
    elif recent >= first:
        signs.low_adherence = (done, prescribed)
