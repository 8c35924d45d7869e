"""What the day prescribes of the sessions (the tasks show them; RED-8's adherence counts
them): strength on a scheduled strength day (ST-0), rolling in weeks 1-4 (FR-1..3) and
stretching from its first day (SX-1..3). Read from the course; pure."""

from __future__ import annotations

from gerdy.engine.calendar import ONE_DAY
from gerdy.engine.course import Course
from gerdy.engine.schedule import is_scheduled_strength_day


def strength_prescribed(course: Course) -> bool:
    """ST-0 for today: a scheduled day, not right after a strength session (never two days
    in a row), and no pausing red flag (RED-1..3, RED-6, RED-10 stop loaded strength work)."""
    if course.pausing_flags():
        return False
    if course.history.on(course.date - ONE_DAY).strength:
        return False
    return is_scheduled_strength_day(
        course.protocol, course.profile, course.date, course.doses.weekdays
    )


def rolling_prescribed(course: Course) -> bool:
    window = course.protocol.rolling
    last_week = window.last_week
    return course.day >= window.first_day and (last_week is None or course.week <= last_week)


def stretching_prescribed(course: Course) -> bool:
    return course.day >= course.protocol.stretching.first_day
