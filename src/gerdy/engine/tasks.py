"""Today's task list, in the order to do them (see `build_tasks`), one builder per kind of
task. Each task carries its dose, its rule ID and the rule's "why"."""

from __future__ import annotations

from collections.abc import Set
from typing import Literal

from gerdy.engine.course import Course
from gerdy.engine.dosing import CurrentDose, level_label
from gerdy.engine.plan import RunAllowance, Task
from gerdy.engine.prescribed import rolling_prescribed, strength_prescribed, stretching_prescribed
from gerdy.engine.vocabulary import is_swollen
from gerdy.protocol.schema import Exercise

STOP_AT_PAIN = "Stop and walk at the first pain on the outside of the knee."
ICE_NOTE = "Put a cloth between the ice and your skin, and ice after activity only."
ICE_AFTER = {
    (True, True): "After your run and after your strength session.",
    (True, False): "After your run.",
    (False, True): "After your strength session.",
}
ICE_SWOLLEN = "Your check-in reports swelling today: ice is part of today's plan."


def exercise_task(
    course: Course,
    exercise: Exercise,
    *,
    kind: str,
    rule: str | None = None,
    dose: CurrentDose | None = None,
    sets: int | None = None,
    done: bool = False,
    optional: bool = False,
    notes: tuple[str, ...] = (),
) -> Task:
    protocol = course.protocol
    rule = rule or exercise.rule
    unit = exercise.dose.unit
    count = dose.count if dose is not None else exercise.dose.range.min
    fields: dict[str, object] = {
        "rule": rule,
        "kind": kind,
        "title": exercise.name,
        "why": protocol.why(rule),
        "exercise": exercise.id,
        "sets": sets if sets is not None else exercise.dose.sets,
        "per_side": exercise.dose.per == "side",
        "per_direction": exercise.dose.per == "direction",
        "done": done,
        "optional": optional,
        "notes": notes,
    }
    if unit == "seconds":
        fields["seconds"] = exercise.dose.range.min
        fields["seconds_max"] = exercise.dose.range.max
    else:
        fields[unit] = count
        if dose is not None:
            fields["level"] = level_label(exercise, dose)
    return Task.model_validate(fields)


def build_tasks(course: Course, run: RunAllowance) -> list[Task]:
    """The day's tasks in the order to do them (v1.1). A run day: roll -> activation -> run
    -> stretching -> strength -> ice, so the full strength session never comes before the
    run. Other days: roll -> stretching -> strength -> cross-training -> ice."""
    today = course.history.on(course.date)
    running_today = run.allowed or bool(today.runs)
    rolls = roll_tasks(course, running_today)
    stretches = stretch_tasks(course)
    strength = strength_tasks(course)
    cross = cross_training_tasks(course)
    ice = ice_tasks(course, running_today, strength_today=bool(strength))
    if not running_today:
        return [*rolls, *stretches, *strength, *cross, *ice]
    activation = activation_tasks(course)
    running = [run_task(course, run, done=bool(today.runs))]
    return [*rolls, *activation, *running, *stretches, *strength, *cross, *ice]


def _painless_only(course: Course) -> tuple[str, ...]:
    """While a pausing red flag is open, rolling and stretching stay only if painless; and
    each open flag's own note (v1.2: RED-3, stop at any tingling)."""
    pausing = course.pausing_flags()
    if not pausing:
        return ()
    notes = [f"Only if it causes no pain ({', '.join(pausing)}: a pause)."]
    for flag in course.protocol.red_flags:
        if flag.id in course.signs.red_flags and flag.while_open:
            notes.append(flag.while_open)
    return tuple(notes)


def roll_tasks(course: Course, running_today: bool) -> list[Task]:
    """FR-1..3 daily in weeks 1-4; afterwards the pre-run warm-up on run days (RTR-6, v1.2:
    before every run, in every stage)."""
    protocol = course.protocol
    rolled = course.history.on(course.date).rolled()
    if rolling_prescribed(course):
        return daily_tasks(course, "roll", rolled)
    if not running_today:
        return []
    return [
        exercise_task(
            course,
            protocol.exercise(exercise_id),
            kind="roll",
            rule=protocol.warm_up.rule,
            done=exercise_id in rolled,
        )
        for exercise_id in protocol.warm_up.rolls
    ]


def stretch_tasks(course: Course) -> list[Task]:
    """SX-1..3 daily."""
    if not stretching_prescribed(course):
        return []
    return daily_tasks(course, "stretch", course.history.on(course.date).stretched())


def daily_tasks(course: Course, kind: Literal["roll", "stretch"], done: Set[str]) -> list[Task]:
    """Every exercise of `kind` in the protocol, ticked when in `done`, painless only."""
    return [
        exercise_task(
            course,
            exercise,
            kind=kind,
            done=exercise.id in done,
            notes=_painless_only(course),
        )
        for exercise in course.protocol.exercises_of(kind)
    ]


def strength_tasks(course: Course) -> list[Task]:
    """ST-0: the session when it is prescribed; on another day, only what was logged."""
    strength_done = course.history.on(course.date).strength_done()
    prescribed = strength_prescribed(course)
    return [
        exercise_task(
            course,
            exercise,
            kind="strength",
            dose=course.doses.today[exercise.id],
            done=exercise.id in strength_done,
        )
        for exercise in course.protocol.exercises_of("strength")
        if prescribed or exercise.id in strength_done
    ]


def activation_tasks(course: Course) -> list[Task]:
    """RTR-6: light activation right before a run (v1.2: every run, in every stage). It is the
    run's warm-up, so logging the run ticks it."""
    protocol = course.protocol
    ran = bool(course.history.on(course.date).runs)
    return [
        exercise_task(
            course,
            protocol.exercise(activation.exercise),
            kind="activation",
            rule=protocol.warm_up.rule,
            sets=activation.sets,
            dose=course.doses.today[activation.exercise],
            done=ran,
        )
        for activation in protocol.warm_up.activation
    ]


def cross_training_tasks(course: Course) -> list[Task]:
    """P1-3 while running is reduced or stopped. While RED-1 is open (cannot bear weight),
    only the options that put no weight on the leg (v1.1); while RED-3 is open (tingling or
    weakness below the knee), only those that need no push-off (v1.2)."""
    if course.stage.name not in ("protect", "paused") and not course.pausing_flags():
        return []
    offered = "cannot_bear_weight" if "RED-1" in course.signs.red_flags else "usual"
    no_push_off = "RED-3" in course.signs.red_flags
    options = [
        o
        for o in course.protocol.cross_training
        if o.offered == offered and not (no_push_off and o.push_off)
    ]
    return [
        Task(
            rule="P1-3",
            kind="cross",
            title="Cross-training instead of running",
            why=course.protocol.why("P1-3"),
            options=tuple(option.label for option in options),
            notes=tuple(f"{option.name}: {option.note}" for option in options),
            optional=True,
            done=bool(course.history.on(course.date).cross),
        )
    ]


def ice_tasks(course: Course, running_today: bool, *, strength_today: bool) -> list[Task]:
    """P1-4: ice after activity, with a cloth between ice and skin (v1.1: both in the task).
    In `protect` every day. v1.2: after every run and strength session in weeks 1-4, and on
    any day whose check-in reports swelling, in every stage (paused included). Otherwise
    optional after a run."""
    protect = course.protocol.protect
    checkin = course.history.on(course.date).checkin
    swollen = checkin is not None and is_swollen(checkin)
    early = course.week <= protect.ice_after_sessions_last_week
    after_sessions = early and (running_today or strength_today)
    if course.stage.name != "protect" and not (running_today or after_sessions or swollen):
        return []
    notes = [ICE_NOTE]
    if after_sessions:
        notes.insert(0, ICE_AFTER[(running_today, strength_today)])
    if swollen:
        notes.insert(0, ICE_SWOLLEN)
    return [
        Task(
            rule="P1-4",
            kind="ice",
            title="Ice the outer knee after activity",
            why=course.protocol.why("P1-4"),
            minutes=protect.ice_minutes.min,
            minutes_max=protect.ice_minutes.max,
            notes=tuple(notes),
            optional=not (course.stage.name == "protect" or after_sessions or swollen),
        )
    ]


def run_task(course: Course, run: RunAllowance, *, done: bool) -> Task:
    """The day's run. RTR-5 (v1.2): "flat ground only" on every run until hills and track
    open; once they are open, the note to bring them in gradually."""
    notes: list[str] = [STOP_AT_PAIN]
    if run.pickups and run.pickup_seconds:
        notes.append(f"Pick-ups of {run.pickup_seconds} s on flat ground are fine.")
    hills = course.protocol.hills_track
    notes.append(hills.gradually.strip() if run.hills_track else hills.flat_only)
    return Task(
        rule=run.rule, kind="run", title="Easy run", why=run.why,
        minutes=run.min_minutes or None, minutes_max=run.max_minutes, done=done,
        notes=tuple(notes),
    )  # fmt: skip
