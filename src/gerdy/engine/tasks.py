"""Today's task list, in the order to do them: roll -> stretch -> strength -> activation ->
run -> cross-train -> ice. Each task carries its dose, its rule ID and the rule's "why"."""

from __future__ import annotations

from gerdy.engine.course import RETURN_STAGES, Course
from gerdy.engine.dosing import Dose, level_label
from gerdy.engine.plan import RunAllowance, Task
from gerdy.protocol.schema import Exercise


def exercise_task(
    course: Course,
    exercise: Exercise,
    *,
    kind: str,
    rule: str | None = None,
    dose: Dose | None = None,
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
    protocol = course.protocol
    today = course.history.on(course.date)
    painless_only = (
        ("Only if it causes no pain (RED-1..3 pause).",) if course.pausing_flags() else ()
    )
    tasks: list[Task] = []
    running_today = run.allowed or bool(today.runs)

    rolled = today.rolled()
    if course.rolling_prescribed():
        for exercise in protocol.exercises_of("roll"):
            tasks.append(
                exercise_task(
                    course, exercise, kind="roll", done=exercise.id in rolled, notes=painless_only
                )
            )
    elif running_today:  # after week 4: rolling stays as the pre-run warm-up (RTR-6)
        in_return = course.stage in RETURN_STAGES
        for exercise_id in protocol.warm_up.rolls:
            exercise = protocol.exercise(exercise_id)
            tasks.append(
                exercise_task(
                    course,
                    exercise,
                    kind="roll",
                    rule=protocol.warm_up.rule,
                    done=exercise_id in rolled,
                    optional=not in_return,
                )
            )

    stretched = today.stretched()
    if course.stretching_prescribed():
        for exercise in protocol.exercises_of("stretch"):
            tasks.append(
                exercise_task(
                    course,
                    exercise,
                    kind="stretch",
                    done=exercise.id in stretched,
                    notes=painless_only,
                )
            )

    strength_done = today.strength_done()
    # ST-0: the session when it is prescribed; on another day, only what was logged (as done)
    prescribed = course.strength_prescribed()
    for exercise in protocol.exercises_of("strength"):
        if prescribed or exercise.id in strength_done:
            tasks.append(
                exercise_task(
                    course,
                    exercise,
                    kind="strength",
                    dose=course.doses_today[exercise.id],
                    done=exercise.id in strength_done,
                )
            )

    # RTR-6: light activation right before the run, after any strength session
    if course.stage in RETURN_STAGES and running_today:
        for activation in protocol.warm_up.activation:
            exercise = protocol.exercise(activation.exercise)
            tasks.append(
                exercise_task(
                    course,
                    exercise,
                    kind="activation",
                    rule=protocol.warm_up.rule,
                    sets=activation.sets,
                    dose=course.doses_today[exercise.id],
                )
            )

    if running_today:
        tasks.append(run_task(course, run, done=bool(today.runs)))

    if course.stage in ("protect", "paused") or course.pausing_flags():
        options = tuple(option.name for option in protocol.cross_training)
        tasks.append(
            Task(
                rule="P1-3",
                kind="cross",
                title="Cross-training instead of running",
                why=protocol.why("P1-3"),
                options=options,
                optional=True,
                done=bool(today.cross),
            )
        )

    if course.stage == "protect" or running_today:
        ice = protocol.protect.ice_minutes
        tasks.append(
            Task(
                rule="P1-4",
                kind="ice",
                title="Ice the outer knee after activity",
                why=protocol.why("P1-4"),
                minutes=ice.min,
                minutes_max=ice.max,
                optional=course.stage != "protect",
            )
        )
    return tasks


def run_task(course: Course, run: RunAllowance, *, done: bool) -> Task:
    notes: list[str] = []
    if run.pickups and run.pickup_seconds:
        notes.append(f"Pick-ups of {run.pickup_seconds} s on flat ground are fine.")
    if not run.hills_track:
        notes.append("Flat ground only: no hills or track work yet (RTR-5).")
    return Task(
        rule=run.rule, kind="run", title="Easy run", why=run.why,
        minutes=run.min_minutes or None, minutes_max=run.max_minutes, done=done,
        notes=tuple(notes),
    )  # fmt: skip
