"""What the replay of a course holds, in six small states. Each is plain data with the few
questions it can answer about itself; the rules that change them are functions (see `day`
for their order), and a rule changes another rule's state only through these fields.

- `StageState`: where the runner is (the stage, since when, the track), why running is
  paused and the rung it resumes on, and a gap in check-ins (RTR-7).
- `GateState`: the return-to-run gate (RTR-0) and P1-2's minimum break, with the settings
  counted from them (RTR-0's N, RTR-5's week).
- `Signs`: the open red flags (RED-*), the warning signs of each day (WS-*), WS-2's cap on
  the next run, and RED-8's clearance and low adherence.
- `Streaks`: what is counted over days in a row: pain-free check-in days (RTR-0 a), swollen
  ones (WS-4, RED-10), the last check-in (RTR-7), RED-8's first and recent pain.
- `Doses`: the strength work: each exercise's dose (ST-1..6), the strength days (ST-0), the
  sessions prescribed and done (RED-8's adherence).
- `Volume`: the running: each day's counted minutes (P1-2, RTR-4), the week caps' bases, the
  runs off the rung (keeping to the rung) and today's runs heard so far.

Pure: no clock, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, field

from gerdy.domain.choices import Track
from gerdy.domain.events import Run, Strength
from gerdy.engine.calendar import ONE_DAY
from gerdy.engine.dosing import CurrentDose
from gerdy.engine.plan import Stage
from gerdy.protocol.schema import Protocol


@dataclass
class StageState:
    """The stage and since when, the track (P1-2), the pauses (WS-1, WS-4, the pausing red
    flags: reason -> since) and the rung a pause resumes on, and RTR-7's wait for a check-in
    after a gap (since when, the silent days, the rung it resumes on)."""

    name: Stage
    since: dt.date
    track: Track
    paused_for: dict[str, dt.date] = field(default_factory=dict)
    resume_to: Stage | None = None
    gap_since: dt.date | None = None
    gap_days: int = 0
    gap_resumes_at: Stage | None = None


@dataclass
class GateState:
    """RTR-0: met on which day, the N pain-free days in force and the last strength session;
    P1-2's minimum break (since when; after a move to the break track running comes back
    only through the gate; the day and sign of a move by a warning sign, for its alert);
    RTR-5's return week in force (hills and track are counted from the gate)."""

    needed_days: int
    break_since: dt.date
    hills_track_week: int
    met_on: dt.date | None = None
    last_strength: Strength | None = None
    only_through_the_gate: bool = False
    moved_to_break_on: dt.date | None = None
    moved_to_break_by: str | None = None


@dataclass
class RedFlagState:
    since: dt.date
    at_intake: bool


@dataclass
class Signs:
    """Open red flags (from the intake, check-ins, RED-8 and RED-10) until a clearance; the
    warning signs by day; WS-2's cap on the next run (minutes, since; v1.2); RED-8 cleared,
    and RED-8's low adherence today ((done, prescribed), v1.2)."""

    red_flags: dict[str, RedFlagState] = field(default_factory=dict)
    warnings: dict[dt.date, list[str]] = field(default_factory=dict)
    cap_minutes: int | None = None
    cap_since: dt.date | None = None
    not_improving_cleared: bool = False
    low_adherence: tuple[int, int] | None = None

    def raise_flag(self, flag: str, date: dt.date) -> None:
        if flag not in self.red_flags:
            self.red_flags[flag] = RedFlagState(since=date, at_intake=False)

    def pausing(self, protocol: Protocol) -> list[str]:
        """The open red flags that pause running and loaded strength (RED-1..3, RED-6,
        RED-10)."""
        return [flag for flag in protocol.pausing_red_flags() if flag in self.red_flags]

    def warnings_between(self, first: dt.date, last: dt.date) -> list[str]:
        found: list[str] = []
        date = first
        while date <= last:
            found.extend(self.warnings.get(date, ()))
            date += ONE_DAY
        return found


@dataclass
class Streaks:
    """Pain-free check-in days in a row, counted back from today when it has a check-in,
    else from yesterday (and through yesterday); swollen check-in days in a row, whether an
    earlier check-in was swollen, and the day of the first run after the gate (RED-10); the
    day of the last check-in (RTR-7); RED-8's first and recent daily pain."""

    last_checkin: dt.date
    recent_pains: deque[int]
    pain_free_days: int = 0
    pain_free_through_yesterday: int = 0
    swollen_days: int = 0
    swollen_before: bool = False
    first_run_after_gate: dt.date | None = None
    first_pains: list[int] = field(default_factory=list)


@dataclass
class Doses:
    """Each strength exercise's dose now, and as it was at the start of today (what today's
    tasks show); the strength days in force (ST-0); RED-8's sessions prescribed and done so
    far, and today's prescribed sessions not done yet."""

    current: dict[str, CurrentDose]
    today: dict[str, CurrentDose]
    weekdays: tuple[str, ...]
    prescribed: int = 0
    done: int = 0
    pending_today: int = 0

    def adherence(self) -> tuple[int, int]:
        """(prescribed, done) as of now: today's sessions count once they are done."""
        return self.prescribed - self.pending_today, self.done


@dataclass(frozen=True)
class Stray:
    """A run off what the plan offered (v1.1, v1.2): too long for its rung (or, in
    `progress`, too far over the single-run limit), on hills or track before RTR-5 opens, or
    on a day the plan offered no run (`offered` is False; `reason` says why not)."""

    date: dt.date
    rule: str
    minutes: float
    terrain: str
    low: int
    high: int
    stage: Stage
    offered: bool = True
    reason: str | None = None


@dataclass
class Volume:
    """The minutes each day counts towards its week's cap (P1-2's reduced week, RTR-4's
    progress week: a run counts only up to what was left of the cap, v1.1), the progress
    weeks' bases, the runs off the rung by day, and today's runs as the replay has heard them
    so far (all of them once the day's events are in)."""

    counted: dict[dt.date, float] = field(default_factory=dict)
    bases: dict[dt.date, float] = field(default_factory=dict)
    strays: dict[dt.date, Stray] = field(default_factory=dict)
    runs_today: list[Run] = field(default_factory=list)

    def counted_between(self, first: dt.date, last: dt.date) -> float:
        return sum(minutes for date, minutes in self.counted.items() if first <= date <= last)

    def strayed_between(self, first: dt.date, last: dt.date) -> bool:
        return any(first <= date <= last for date in self.strays)
