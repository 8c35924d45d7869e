"""Today as sessions: the day's tasks grouped into what a runner does in one go (foam
rolling, stretching, strength, the run with its warm-up, cross-training, icing), each with a
rough length, whether it is finished, and where to start it. It arranges what the engine
decided; it decides nothing. (The notes, clearances and settings changes Today lists are
`formatting.word_lines`, shared with the CLI.)"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from gerdy.engine.plan import DayPlan, Task
from gerdy.protocol.schema import Protocol

SESSION_OF: dict[str, str] = {
    "roll": "roll",
    "stretch": "stretch",
    "strength": "strength",
    "activation": "run",
    "run": "run",
    "cross": "cross",
    "ice": "ice",
}
SESSION_TITLES: dict[str, str] = {
    "roll": "Foam rolling",
    "stretch": "Stretching",
    "strength": "Strength",
    "run": "Run",
    "cross": "Cross-training",
    "ice": "Ice",
}
GUIDED = frozenset({"roll", "stretch", "strength"})
# The player's pause between sets and between sides. Not a protocol rule: a comfortable default
# the runner can skip past in the player.
REST_BETWEEN_SETS_S = 45
SWITCH_SIDES_S = 10


@dataclass(frozen=True)
class Dose:
    """What an exercise's length is worked out from: its dose and its tempo (hold at the top,
    slowest lowering), as the guided player times it."""

    sets: int = 1
    reps: int | None = None
    steps: int | None = None
    seconds: int | None = None
    seconds_max: int | None = None
    per_side: bool = False
    per_direction: bool = False
    hold_s: int | None = None
    lower_s_max: int | None = None


def dose_seconds(dose: Dose) -> int:
    """The one estimate of an exercise's length (Today's session lengths and the guided
    player's total alike): every set on each side, a rep lifted in 1 s, held, lowered and
    paused 1 s, the rests between sets and the switches between sides."""
    sides = 2 if dose.per_side or dose.per_direction else 1
    if dose.seconds_max or dose.seconds:
        work = dose.seconds_max or dose.seconds or 0
    elif dose.reps is not None:
        work = dose.reps * (1 + (dose.hold_s or 0) + (dose.lower_s_max or 1) + 1)
    else:
        work = dose.steps or 0
    switches = SWITCH_SIDES_S * dose.sets if dose.per_side and sides == 2 else 0
    return dose.sets * sides * work + (dose.sets - 1) * REST_BETWEEN_SETS_S + switches


def minutes_of(seconds: int) -> int:
    """Seconds as the whole minutes a page shows (at least 1 when there is anything)."""
    return max(1, math.ceil(seconds / 60)) if seconds else 0


def task_dose(task: Task, protocol: Protocol | None) -> Dose:
    """A task's dose, with its exercise's tempo when the protocol is given."""
    tempo = None
    if protocol is not None and task.exercise and task.kind in GUIDED:
        tempo = protocol.exercise(task.exercise).tempo
    return Dose(
        sets=task.sets or 1, reps=task.reps, steps=task.steps, seconds=task.seconds,
        seconds_max=task.seconds_max, per_side=task.per_side, per_direction=task.per_direction,
        hold_s=tempo.hold_top_s if tempo else None,
        lower_s_max=tempo.lower_s.max if tempo and tempo.lower_s else None,
    )  # fmt: skip


def task_seconds(task: Task, protocol: Protocol | None = None) -> int:
    """A rough length of one task: a run, cross-training or icing at its longest, an exercise
    by `dose_seconds`."""
    if task.kind in ("run", "cross", "ice"):
        return 60 * (task.minutes_max or task.minutes or 0)
    return dose_seconds(task_dose(task, protocol))


@dataclass
class Session:
    kind: str
    title: str
    tasks: list[Task] = field(default_factory=list)
    protocol: Protocol | None = None  # for the exercises' tempo

    @cached_property  # read several times a render; the tasks are complete by then
    def seconds(self) -> int:
        return sum(
            task_seconds(t, self.protocol) for t in self.tasks if not t.optional or t.kind == "run"
        )

    @property
    def minutes(self) -> int:
        return minutes_of(self.seconds)

    @property
    def run_task(self) -> Task | None:
        """The run of the run session (its warm-up is the rest)."""
        return next((t for t in self.tasks if t.kind == "run"), None)

    @property
    def warm_up_minutes(self) -> int:
        """The run session's warm-up (its activation exercises), in minutes."""
        return minutes_of(
            sum(task_seconds(t, self.protocol) for t in self.tasks if t.kind != "run")
        )

    @property
    def done(self) -> bool:
        required = [t for t in self.tasks if not t.optional]
        return bool(required) and all(t.done for t in required)

    @property
    def optional(self) -> bool:
        return all(t.optional for t in self.tasks)

    @property
    def done_count(self) -> int:
        return sum(1 for t in self.tasks if t.done)

    @property
    def guided(self) -> bool:
        return self.kind in GUIDED

    @property
    def open_tickable(self) -> list[Task]:
        """The tasks "done as prescribed" logs: the open exercises of a guided session."""
        return [t for t in self.tasks if not t.done and t.exercise and t.kind == self.kind]


def sessions_of(plan: DayPlan, protocol: Protocol | None = None) -> list[Session]:
    """The plan's tasks in sessions, in the order the engine gave them (with the protocol,
    their lengths count the exercises' tempo, as the player does)."""
    sessions: dict[str, Session] = {}
    for task in plan.tasks:
        kind = SESSION_OF.get(task.kind, task.kind)
        if kind not in sessions:
            title = SESSION_TITLES.get(kind, kind)
            sessions[kind] = Session(kind=kind, title=title, protocol=protocol)
        sessions[kind].tasks.append(task)
    return list(sessions.values())


def total_minutes(sessions: list[Session]) -> int:
    return sum(s.minutes for s in sessions if not s.optional)
