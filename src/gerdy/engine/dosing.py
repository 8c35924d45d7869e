"""Adaptive strength dosing (the spec's Decision under ST, with PR-1..4 and WS-3).

Each logged exercise moves its dose one step: `easy` with full sets -> up, `hard` or any pain
-> down, otherwise unchanged. A step is one rep (or band-walk step) per set within the range;
past the top the next progression level starts again at the bottom; below the bottom the
previous level at the top of its range. PR-4: a box squat with the knee caving in raises the box
(an easier level), whatever the effort and pain (v1.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from gerdy.domain.events import ExerciseLog
from gerdy.protocol.schema import Exercise


@dataclass(frozen=True)
class CurrentDose:
    """Where a runner is with one strength exercise: its level and its count per set."""

    level: int
    count: int


def first_dose(exercise: Exercise) -> CurrentDose:
    level = exercise.progression.start_level if exercise.progression else 0
    return CurrentDose(level=level, count=exercise.dose.range.min)


def level_count(exercise: Exercise) -> int:
    return len(exercise.progression.levels) if exercise.progression else 1


def step_up(exercise: Exercise, dose: CurrentDose) -> CurrentDose:
    if dose.count < exercise.dose.range.max:
        return CurrentDose(dose.level, dose.count + 1)
    if dose.level + 1 < level_count(exercise):
        return CurrentDose(dose.level + 1, exercise.dose.range.min)
    return dose


def step_down(exercise: Exercise, dose: CurrentDose) -> CurrentDose:
    """One rep fewer; at the bottom, the previous level at the top of its range (v1.1: it
    was mastered there)."""
    if dose.count > exercise.dose.range.min:
        return CurrentDose(dose.level, dose.count - 1)
    if dose.level > 0:
        return CurrentDose(dose.level - 1, exercise.dose.range.max)
    return dose


def fewer_reps(exercise: Exercise, dose: CurrentDose) -> CurrentDose:
    """One rep fewer, never below the bottom of the range, at the same level."""
    return CurrentDose(dose.level, max(dose.count - 1, exercise.dose.range.min))


def full_sets(exercise: Exercise, dose: CurrentDose, log: ExerciseLog) -> bool:
    """All prescribed sets done, each at least at the prescribed count."""
    sets = log.sets[: exercise.dose.sets]
    return len(sets) >= exercise.dose.sets and all(done >= dose.count for done in sets)


def next_dose(exercise: Exercise, dose: CurrentDose, log: ExerciseLog) -> CurrentDose:
    struggled = log.pain > 0 or log.effort == "hard"  # WS-3 and the Decision's step down
    if log.knee_caved_in and raises_box(exercise):
        # PR-4 (v1.1): the box goes up whatever the ratings; a hard or painful session
        # also takes a rep off.
        raised = knee_caved_dose(exercise, dose)
        return fewer_reps(exercise, raised) if struggled else raised
    if struggled:
        return step_down(exercise, dose)
    if log.effort == "easy" and full_sets(exercise, dose, log):
        return step_up(exercise, dose)
    return dose


def raises_box(exercise: Exercise) -> bool:
    progression = exercise.progression
    return progression is not None and progression.raise_box_when_knee_caves


def knee_caved_dose(exercise: Exercise, dose: CurrentDose) -> CurrentDose:
    """PR-4: the knee caved in -> raise the box one level (an easier level), same reps."""
    if not raises_box(exercise):
        return dose
    return CurrentDose(max(dose.level - 1, 0), dose.count)


def level_label(exercise: Exercise, dose: CurrentDose) -> str | None:
    if exercise.progression is None:
        return None
    return exercise.progression.levels[dose.level].label
