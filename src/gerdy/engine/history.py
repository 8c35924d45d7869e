"""The events a plan may see, indexed by day: the record as now known (v1.2), then only the
events dated up to the plan's date.

A correction replaces the event it names and a retraction takes one back (nothing is
deleted: both are new events), for the plan of every date, whatever the date on which they
were recorded: a correction dated day 13 that moves a run from day 12 to day 13 removes the
run from day 12's plan too. A plan for a past date is computed from the record as it stands
now, so it equals the plan of a fresh record holding only the corrected events.

One run, not two (v1.2): given the protocol's `same_run` rule, a run typed by hand and an
imported run on the same day with about the same duration count once, as the hand-entered
run (its answers win). Both stay in the record; the day keeps the pair as `SameRuns`, and
the imported one is not among the day's counted events and runs."""

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
from gerdy.engine.vocabulary import is_imported, one_run, same_run
from gerdy.protocol.schema import SameRun


@dataclass(frozen=True)
class SameRuns:
    """A hand-typed and an imported run taken as one (v1.2): `counted` is the run the rules
    see (the hand one, see `vocabulary.one_run`)."""

    hand: Run
    imported: Run
    counted: Run


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
    same_runs: list[SameRuns] = field(default_factory=list)

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
    def __init__(
        self, events: Iterable[Event], until: dt.date, same_run: SameRun | None = None
    ) -> None:
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
        if same_run is not None:
            for day in self.days.values():
                if len(day.runs) > 1:
                    _link_same_runs(same_run, day)
        self._cadences: list[tuple[dt.date, float]] | None = None

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
        """One more event on its day (a projection's assumed run, see `day.assume`)."""
        self._add(self.days[event.date], event)
        if isinstance(event, Run | FormCheck) and event.cadence_spm is not None:
            self._cadences = None

    def cadences(self) -> list[tuple[dt.date, float]]:
        """Every cadence measured (RF-1), in date order: each day's runs, then its videos of
        the runner running (`gerdy analyze`). Gathered once, not on every day planned: a plan
        of each of a year's days over a long record read all of it each day (most of a 20-year
        record's PDF report)."""
        if self._cadences is None:
            found: list[tuple[dt.date, float]] = []
            for date, day in sorted(self.days.items(), key=lambda item: item[0]):
                runs = day.runs
                found += [(date, run.cadence_spm) for run in runs if run.cadence_spm is not None]
                found += [
                    (date, check.cadence_spm)
                    for check in day.form_checks
                    if check.activity == "running" and check.cadence_spm is not None
                ]
            self._cadences = found
        return self._cadences

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


def _link_same_runs(rule: SameRun, day: Day) -> None:
    """One run, not two: each imported run (in record order) is linked to the hand-typed run
    of the day closest to it in duration, if within the rule; the pair counts once, at the
    hand run's place in the day."""
    hand = [run for run in day.runs if not is_imported(run)]
    for imported in [run for run in day.runs if is_imported(run)]:
        matches = [run for run in hand if same_run(rule, run, imported)]
        if not matches:
            continue
        match = min(matches, key=lambda run: abs(run.minutes - imported.minutes))
        hand.remove(match)
        pair = SameRuns(hand=match, imported=imported, counted=one_run(match, imported))
        day.same_runs.append(pair)
        day.events = [_counted(e, pair) for e in day.events if e is not imported]
        day.runs = [pair.counted if r is match else r for r in day.runs if r is not imported]


def _counted(event: Event, pair: SameRuns) -> Event:
    return pair.counted if event is pair.hand else event
