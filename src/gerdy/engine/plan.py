"""What the engine returns: a day's plan, its tasks, alerts, gate and run allowance.

These are plain values (pydantic models, frozen) so the CLI can print them and `--json` can
dump them as they are. Every task and alert names the rule it comes from and says why.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

Stage = Literal["protect", "paused", "return-1", "return-2", "return-3", "progress"]
TaskKind = Literal["roll", "strength", "stretch", "run", "activation", "ice", "cross"]
AlertLevel = Literal["red_flag", "back_off", "info"]
RETURN_LADDER: tuple[Stage, ...] = ("return-1", "return-2", "return-3", "progress")
RETURN_STAGES: tuple[Stage, ...] = ("return-1", "return-2", "return-3")
Side = Literal["left", "right", "both"]
RunAnswer = Literal["pain_during", "pain_after_hours"]


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Task(_Value):
    rule: str
    kind: TaskKind
    title: str
    why: str
    exercise: str | None = None
    sets: int | None = None
    reps: int | None = None
    steps: int | None = None
    seconds: int | None = None
    seconds_max: int | None = None
    minutes: int | None = None
    minutes_max: int | None = None
    per_side: bool = False
    per_direction: bool = False
    level: str | None = None
    options: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    optional: bool = False
    done: bool = False


class RunAllowance(_Value):
    allowed: bool
    min_minutes: int
    max_minutes: int
    pickups: bool
    pickup_seconds: int | None = None
    hills_track: bool
    rule: str
    why: str
    week_minutes_done: float = 0
    week_minutes_cap: float | None = None
    # v1.2: when no run is offered, why not today, in a few words ("the day after a run")
    reason: str | None = None


class Gate(_Value):
    rule: str
    met: bool
    met_on: dt.date | None
    pain_free_days: int
    needed_days: int
    strength_pain_free: bool


class SettingsInForce(_Value):
    """The settings a professional may adjust, as they are on the plan's day: the profile's,
    or a `settings_change`'s from its date on (RTR-0's gate days, RTR-5's hills-and-track
    week, ST-0's strength days, P1-2's track)."""

    gate_days: int
    hills_track_week: int
    strength_days: tuple[str, ...]
    track: Literal["break", "reduced"]


class Alert(_Value):
    level: AlertLevel
    rule: str
    title: str  # the short heading (the rule's own title)
    text: str
    since: dt.date | None = None
    # knee side (v1.2): the knee a red flag or warning sign came from (the profile's side)
    side: Side | None = None


class Milestone(_Value):
    """RTR-8 (v1.2): the next milestone and its earliest date (None when no date can be
    known, e.g. a professional's clearance)."""

    rule: str
    what: str
    earliest_date: dt.date | None


class RunQuestion(_Value):
    """Answered, never assumed (v1.2): a run that waits for answers. It counts for volume and
    is never pain-free until they are given. `pain_after_hours` is the 2-hour question: the
    engine has no clock, so an edge asks it from 2 h after the run (for a run of an earlier
    day, at once)."""

    event_id: str | None
    date: dt.date
    minutes: float
    imported: bool
    missing: tuple[RunAnswer, ...]


class RunToConfirm(_Value):
    """Plausible entries (v1.2): a run outside the bounds a new hand-typed run must keep,
    counted as recorded and shown for the runner to confirm or correct: an imported run, or
    a hand-typed one of an older record loaded from a backup (`imported` False)."""

    event_id: str | None
    date: dt.date
    minutes: float
    distance_km: float | None
    why: str
    imported: bool = True


class LinkedRun(_Value):
    """One run, not two (v1.2): a hand-typed run and an imported run of the plan's day taken
    as one (counted once, with the hand-entered answers; both stay in the record)."""

    hand_id: str | None
    imported_id: str | None
    minutes: float
    imported_minutes: float


class CadenceTarget(_Value):
    rule: str
    current: int
    target: int
    change: bool
    recheck_on: dt.date | None


class Adherence(_Value):
    """RED-8's measure: done / prescribed for strength sessions and daily rolling + stretching."""

    prescribed: int
    done: int

    @property
    def ratio(self) -> float | None:
        return None if self.prescribed == 0 else self.done / self.prescribed


class DayProgress(_Value):
    """What the progress charts read of a day: its programme week, the week's run cap (RTR-4,
    P1-2), adherence (RED-8) and the gate (RTR-0). Replayed without the day's tasks, alerts and
    cadence, which are most of a `DayPlan`'s cost; equal to the same fields of that plan."""

    date: dt.date
    week: int
    week_minutes_cap: float | None
    adherence: Adherence
    gate: Gate
    # what holds a week without a weekly cap: a return week's rung (RTR-1..3), the break
    # track (P1-2), a pause
    stage: Stage = "protect"
    track: Literal["break", "reduced"] = "break"


class DayPlan(_Value):
    date: dt.date
    day: int
    week: int
    stage: Stage
    track: Literal["break", "reduced"]
    stage_since: dt.date
    return_week: int | None  # the rung of the return ladder (1-3), None outside it
    stage_week: int  # week within the current stage; a repeated return week starts again at 1
    tasks: tuple[Task, ...]
    run: RunAllowance
    gate: Gate
    alerts: tuple[Alert, ...]
    cadence: CadenceTarget | None
    adherence: Adherence
    protocol_version: str
    checked_in: bool = False  # the day has a check-in that counts (not superseded or retracted)
    # a day after the runner's today, planned as if each run offered before it was done (at
    # its longest, pain-free); see `planner.plan_days`
    projected: bool = False
    settings: SettingsInForce | None = None  # always set by the planner
    next_milestone: Milestone | None = None  # RTR-8; always set by the planner
    # v1.2: runs (of the last 14 days) waiting for answers, imported runs to confirm, and the
    # day's hand-typed and imported runs taken as one
    runs_awaiting_answers: tuple[RunQuestion, ...] = ()
    runs_to_confirm: tuple[RunToConfirm, ...] = ()
    linked_runs: tuple[LinkedRun, ...] = ()

    def progress(self) -> DayProgress:
        """What the progress charts read of this day (from the same replay)."""
        return DayProgress(
            date=self.date, week=self.week, week_minutes_cap=self.run.week_minutes_cap,
            adherence=self.adherence, gate=self.gate, stage=self.stage, track=self.track,
        )  # fmt: skip

    def to_json(self) -> dict[str, object]:
        data = self.model_dump(mode="json")
        data["adherence"] = {
            "prescribed": self.adherence.prescribed,
            "done": self.adherence.done,
            "ratio": None if self.adherence.ratio is None else round(self.adherence.ratio, 3),
        }
        return data
