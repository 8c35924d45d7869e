"""The course of one rehab as the replay holds it: the protocol, the profile, the record (its
history) and the day reached, and the six small states of `engine.state` (stage, gate, signs,
streaks, doses, volume). The rules that move it, in their order, are in `engine.day`; what a
day's plan shows is read from it afterwards (see `planner`). No clock, no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gerdy.domain.profile import Profile
from gerdy.engine.calendar import day_number, week_number
from gerdy.engine.history import History
from gerdy.engine.state import Doses, GateState, Signs, StageState, Streaks, Volume
from gerdy.protocol.schema import Protocol

__all__ = ["Course"]


@dataclass
class Course:
    protocol: Protocol
    profile: Profile
    history: History
    date: dt.date  # the day the replay has reached (its events heard, its end of day done)
    stage: StageState
    gate: GateState
    signs: Signs
    streaks: Streaks
    doses: Doses
    volume: Volume
    projecting: bool = False  # a day after the runner's today (see `planner.plan_days`)

    @property
    def day(self) -> int:
        return day_number(self.profile.start_date, self.date)

    @property
    def week(self) -> int:
        return week_number(self.day)

    def pausing_flags(self) -> list[str]:
        """The open red flags that pause running and loaded strength work."""
        return self.signs.pausing(self.protocol)
