"""Reading what was done from the command line: exercise names (ids or rule IDs such as
`ST-1`), strength specs `ID:reps,reps,reps[:pain[:effort]]` and the interactive strength
questions (`--all`, the session as prescribed, is the Coach's: `Coach.as_prescribed`).

The shape of what is typed is checked here; which exercises exist and every value's bounds
are the event models' to check (the same sentence as the web gives), before anything is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, get_args

from gerdy.cli.options import (
    UsageProblem,
    ask_choice,
    ask_int,
    ask_parsed,
)
from gerdy.domain.bounds import bounds_of
from gerdy.domain.events import Effort, ExerciseLog
from gerdy.engine.plan import DayPlan, Task
from gerdy.formatting import dose_text
from gerdy.protocol.schema import ExerciseKind, Protocol

EFFORTS: tuple[str, ...] = get_args(Effort)
PAIN = bounds_of(ExerciseLog, "pain")


def exercise_id(protocol: Protocol, kind: ExerciseKind, name: str) -> str:
    """An exercise id of this kind from its id or its rule ID (`clamshell`, `ST-1`); any other
    name is passed on as typed, for the event model to refuse."""
    wanted = name.strip()
    for exercise in protocol.exercises_of(kind):
        if wanted.lower() == exercise.id or wanted.upper() == exercise.rule:
            return exercise.id
    return wanted


def exercise_ids(protocol: Protocol, kind: ExerciseKind, names: Sequence[str] | None) -> list[str]:
    """The named exercises, or all of this kind when none is named."""
    if not names:
        return [e.id for e in protocol.exercises_of(kind)]
    ids = [exercise_id(protocol, kind, name) for name in names]
    return list(dict.fromkeys(ids))


def parse_pain(text: str, what: str) -> int:
    if not text.strip().isdigit() or int(text) not in PAIN:
        raise UsageProblem(f"{what}: pain: {PAIN.refusal(whole=True)}, not {text!r}")
    return int(text)


def parse_effort(text: str, what: str) -> str:
    effort = text.strip().lower()
    if effort not in EFFORTS:
        raise UsageProblem(f"{what}: effort must be one of {', '.join(EFFORTS)}, not {text!r}")
    return effort


def parse_sets(text: str, what: str) -> tuple[int, ...]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(part.isdigit() for part in parts):
        raise UsageProblem(f"{what}: give reps per set like 15,15,15, not {text!r}")
    return tuple(int(part) for part in parts)


def parse_strength_spec(
    protocol: Protocol, spec: str, pain: int | None, effort: str
) -> dict[str, Any]:
    """`clamshell:15,15,15:0:easy` -> an exercise log object (pain and effort default to the
    command's --pain and --effort; pain None: not given, to be asked)."""
    parts = spec.split(":")
    if not 2 <= len(parts) <= 4:
        raise UsageProblem(f"--exercise {spec!r}: use ID:reps,reps,reps[:pain[:effort]]")
    what = f"--exercise {spec!r}"
    log: dict[str, Any] = {
        "id": exercise_id(protocol, "strength", parts[0]),
        "sets": parse_sets(parts[1], what),
        "pain": parse_pain(parts[2], what) if len(parts) > 2 and parts[2] else pain,
        "effort": parse_effort(parts[3], what) if len(parts) > 3 and parts[3] else effort,
    }
    return log


def prescribed_strength(plan: DayPlan) -> list[Task]:
    return [task for task in plan.tasks if task.kind == "strength"]


def prescription_sets(task: Task) -> tuple[int, ...]:
    count = task.reps if task.reps is not None else task.steps
    return tuple([count or 0] * (task.sets or 1))


def sets_or_skip(text: str) -> tuple[int, ...] | None:
    if text.strip() == "-":
        return None
    try:
        return parse_sets(text, "reps")
    except UsageProblem as exc:
        raise ValueError(str(exc)) from exc


def ask_strength(plan: DayPlan, protocol: Protocol) -> list[dict[str, Any]]:
    """At a terminal: the reps of each exercise (the prescription by default), pain, effort."""
    tasks = prescribed_strength(plan)
    logs: list[dict[str, Any]] = []
    for exercise in protocol.exercises_of("strength"):
        task = next((t for t in tasks if t.exercise == exercise.id), None)
        default = ",".join(str(n) for n in prescription_sets(task)) if task else "-"
        label = f"{exercise.name}" + (f" ({dose_text(task)})" if task else "")
        sets = ask_parsed(f"{label}: reps per set, or - to skip", sets_or_skip, default)
        if sets is None:
            continue
        pain = ask_int(f"  pain during it ({PAIN.span})", PAIN)  # no default: answered
        effort = ask_choice("  effort", EFFORTS, default="right")
        logs.append({"id": exercise.id, "sets": sets, "pain": pain, "effort": effort})
    if not logs:
        raise UsageProblem("no exercise logged")
    return logs
