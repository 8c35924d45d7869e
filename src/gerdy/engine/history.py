"""The events a plan may see, indexed by day: the record as now known (v1.2), then only the
events dated up to the plan's date.

A correction replaces the event it names and a retraction takes one back (nothing is
deleted: both are new events), for the plan of every date, whatever the date on which they
were recorded: a correction dated day 13 that moves a run from day 12 to day 13 removes the
run from day 12's plan too. A plan for a past date is computed from the record as it stands
now, so it equals the plan of a fresh record holding only the corrected events."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from gerdy.domain.events import (
    Checkin,
    Clearance,
    Cross,
    Event,
    FormCheck,
    Note,
    Retraction,
    Roll,
    Run,
    SettingsChange,
    Strength,
    Stretch,
    replaced_ids,
)


@dataclass
class Day:
    """Everything logged on one date, in the order it was recorded."""

    events: list[Event] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    strength: list[Strength] = field(default_factory=list)
    rolls: list[Roll] = field(default_factory=list)
    stretches: list[Stretch] = field(default_factory=list)
    cross: list[Cross] = field(default_factory=list)
    clearances: list[Clearance] = field(default_factory=list)
    form_checks: list[FormCheck] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    settings_changes: list[SettingsChange] = field(default_factory=list)

    @property
    def checkin(self) -> Checkin | None:
        """The day's check-in: a later one the same day replaces an earlier one."""
        return self.checkins[-1] if self.checkins else None

    @property
    def run_minutes(self) -> float:
        return sum(run.minutes for run in self.runs)

    def rolled(self) -> set[str]:
        return {item for roll in self.rolls for item in roll.items}

    def stretched(self) -> set[str]:
        return {item for stretch in self.stretches for item in stretch.items}

    def strength_done(self) -> set[str]:
        return {ex.id for session in self.strength for ex in session.exercises}


EMPTY_DAY = Day()


class History:
    def __init__(self, events: Iterable[Event], until: dt.date) -> None:
        events = list(events)
        gone = replaced_ids(events)  # whatever the date of the correction or retraction
        self.days: dict[dt.date, Day] = defaultdict(Day)
        for event in events:
            if event.date > until or isinstance(event, Retraction):
                continue
            if event.id is not None and event.id in gone:
                continue
            self._add(self.days[event.date], event)
        self.until = until

    @staticmethod
    def _add(day: Day, event: Event) -> None:
        day.events.append(event)
        if isinstance(event, Checkin):
            day.checkins.append(event)
        elif isinstance(event, Run):
            day.runs.append(event)
        elif isinstance(event, Strength):
            day.strength.append(event)
        elif isinstance(event, Roll):
            day.rolls.append(event)
        elif isinstance(event, Stretch):
            day.stretches.append(event)
        elif isinstance(event, Cross):
            day.cross.append(event)
        elif isinstance(event, FormCheck):
            day.form_checks.append(event)
        elif isinstance(event, Clearance):
            day.clearances.append(event)
        elif isinstance(event, Note):
            day.notes.append(event)
        elif isinstance(event, SettingsChange):
            day.settings_changes.append(event)

    def add(self, event: Event) -> None:
        """One more event on its day (a projection's assumed run, see `Course.assume`)."""
        self._add(self.days[event.date], event)

    def on(self, date: dt.date) -> Day:
        return self.days.get(date, EMPTY_DAY)

    def runs_between(self, first: dt.date, last: dt.date) -> list[Run]:
        """Runs dated first..last inclusive, in date order."""
        runs: list[Run] = []
        date = first
        while date <= last:
            runs.extend(self.on(date).runs)
            date += dt.timedelta(days=1)
        return runs
