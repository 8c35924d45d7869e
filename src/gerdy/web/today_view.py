"""Today as sessions: the day's tasks grouped into what a runner does in one go (foam
rolling, stretching, strength, the run with its warm-up, cross-training, icing), each with a
rough length, whether it is finished, and where to start it; and the notes, clearances and
settings changes of the last two weeks, with who made them. It arranges what the engine
decided; it decides nothing."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from gerdy.domain.events import Clearance, Note, SettingsChange
from gerdy.engine.plan import DayPlan, Task
from gerdy.formatting import (
    author_text,
    runners_word_text,
    seen_by_text,
    settings_change_text,
)

WORD_DAYS = 14  # a note (a physio's, or the runner's own) stays on Today for two weeks

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


@dataclass(frozen=True)
class WordLine:
    """A note, a clearance or a settings change as Today shows it: what, who (None: the
    runner, shown as "You" to them), when. `to_clinician`: who, as a clinician reading the
    runner's file is told (a clearance the runner recorded is "on the runner's word")."""

    kind: str
    text: str
    by: str | None
    date: dt.date
    to_clinician: str | None = None


def word_lines(
    events: Iterable[Clearance | Note | SettingsChange], title_of: Callable[[str], str]
) -> list[WordLine]:
    """Today's lines for the events (in their order); `title_of` names a red flag rule."""
    lines = []
    for event in events:
        if isinstance(event, Note):
            text = event.text
        else:
            if isinstance(event, Clearance):
                flags = (f"{rule} ({title_of(rule)})" if title_of(rule) else rule
                         for rule in event.rules)  # fmt: skip
                text = "Cleared: " + "; ".join(flags)
                if (seen_by := seen_by_text(event)) is not None:
                    text += f". Seen by {seen_by}"
            else:
                text = f"Changed: {settings_change_text(event)}"
            if event.note:
                text += f". {event.note}"
        by = runners_word_text(event) or author_text(event, runner="")
        to_clinician = runners_word_text(event, to_clinician=True) or by
        lines.append(WordLine(event.type, text, by or None, event.date, to_clinician or None))
    return lines
