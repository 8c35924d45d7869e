"""The strength doses through the replay (the spec's Decision under ST, PR-1..4): each logged
exercise moves its dose one step (`dosing`), a box squat video where the knee caved in
raises the box (PR-4), and pain in an exercise is WS-3. Today's tasks show the doses as they
were at the start of the day. Each function is one step of the day (see `day`); pure.
"""

from __future__ import annotations

from gerdy.domain.events import FormCheck, Strength
from gerdy.engine.course import Course
from gerdy.engine.dosing import knee_caved_dose, next_dose
from gerdy.engine.signs import warn


def doses_of_the_day(course: Course) -> None:
    """The doses today's tasks show: as they are at the start of the day."""
    course.doses.today = dict(course.doses.current)


def move_doses(course: Course, session: Strength) -> None:
    """ST-1..6, PR-1..3: each exercise of the session moves its dose; any pain in one is
    WS-3 (with the session's worst pain)."""
    current = course.doses.current
    for log in session.exercises:
        exercise = course.protocol.exercise(log.id)
        current[log.id] = next_dose(exercise, current[log.id], log)
    pain = max(log.pain for log in session.exercises)
    if pain > 0:
        warn(course, "WS-3", pain=pain)


def knee_caved_on_video(check: FormCheck) -> bool:
    """PR-4: a box squat video where the knee caved in on a rep."""
    return check.exercise is not None and any(rep.caved_in for rep in check.reps)


def raise_the_box(course: Course, check: FormCheck) -> None:
    """PR-4 (v1.1): the knee caved in on the video: the box goes up one level."""
    if knee_caved_on_video(check):
        exercise = course.protocol.exercise(check.exercise or "")
        current = course.doses.current
        current[exercise.id] = knee_caved_dose(exercise, current[exercise.id])
