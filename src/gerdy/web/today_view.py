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
SECONDS_PER_REP = 4  # a controlled rep with its pause
SECONDS_PER_STEP = 1
REST_BETWEEN_SETS_S = 45
SWITCH_SIDES_S = 10


def task_seconds(task: Task) -> int:
    """A rough length of one task, counting both sides and the rests between sets."""
    if task.kind in ("run", "cross", "ice"):
        return 60 * (task.minutes_max or task.minutes or 0)
    sides = 2 if task.per_side or task.per_direction else 1
    sets = task.sets or 1
    if task.seconds is not None:
        work = task.seconds_max or task.seconds
    elif task.reps is not None:
        work = task.reps * SECONDS_PER_REP
    elif task.steps is not None:
        work = task.steps * SECONDS_PER_STEP
    else:
        work = 0
    switch = SWITCH_SIDES_S * sets if sides == 2 else 0
    return sets * sides * work + (sets - 1) * REST_BETWEEN_SETS_S + switch


@dataclass
class Session:
    kind: str
    title: str
    tasks: list[Task] = field(default_factory=list)

    @cached_property  # read several times a render; the tasks are complete by then
    def seconds(self) -> int:
        return sum(task_seconds(t) for t in self.tasks if not t.optional or t.kind == "run")

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60)) if self.seconds else 0

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


def sessions_of(plan: DayPlan) -> list[Session]:
    """The plan's tasks in sessions, in the order the engine gave them."""
    sessions: dict[str, Session] = {}
    for task in plan.tasks:
        kind = SESSION_OF.get(task.kind, task.kind)
        if kind not in sessions:
            sessions[kind] = Session(kind=kind, title=SESSION_TITLES.get(kind, kind))
        sessions[kind].tasks.append(task)
    return list(sessions.values())


def total_minutes(sessions: list[Session]) -> int:
    return sum(s.minutes for s in sessions if not s.optional)
