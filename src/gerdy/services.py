"""Use cases shared by the CLI and (later) the web app: start a record, log, correct, plan,
status, export and load. One place, so no rule is written twice.

The clock lives here, at the edge: "today" is the date in the runner's time zone. The engine
below is pure; the store below persists events and never decides anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gerdy.domain.document import Document, dump_document
from gerdy.domain.errors import InvalidInput, NoRecord, RecordNotEmpty
from gerdy.domain.events import Event, Retraction
from gerdy.domain.profile import Profile
from gerdy.engine import DayPlan, plan_day, plan_days
from gerdy.engine.settings import check_profile
from gerdy.protocol import Protocol, load_protocol
from gerdy.storage.store import RecordStore


def today_for(profile: Profile | None, now: dt.datetime | None = None) -> dt.date:
    """Today's date where the runner lives (their time zone, else this machine's)."""
    if profile is not None and profile.timezone:
        from zoneinfo import ZoneInfo

        return (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(profile.timezone)).date()
    return (now or dt.datetime.now()).date()


@dataclass
class Coach:
    store: RecordStore
    protocol: Protocol

    @classmethod
    def open(cls, store: RecordStore) -> Coach:
        return cls(store=store, protocol=load_protocol())

    # --- the record -------------------------------------------------------------------------
    def profile(self) -> Profile:
        profile = self.store.profile()
        if profile is None:
            raise NoRecord("no profile yet: run `gerdy init` first (or `gerdy demo`)")
        return profile

    def start(self, profile: Profile, *, replace: bool = False) -> None:
        """Save the intake. Changing the profile of a record that has events is allowed only
        when the events still fit it (none dated before the new start date)."""
        if self.store.profile() is not None and not replace:
            raise RecordNotEmpty("a profile exists already: use --replace to change it")
        check_profile(self.protocol, profile)
        for event in self.store.events():
            if event.date < profile.start_date:
                raise InvalidInput(
                    f"the record has events from {event.date}, before the new start date"
                )
        self.store.save_profile(profile)

    def log(self, *events: Event) -> list[Event]:
        profile = self.profile()
        for event in events:
            self.check_event(profile, event)
        return self.store.append(events)

    def check_event(self, profile: Profile, event: Event) -> None:
        if event.date < profile.start_date:
            raise InvalidInput(
                f"{event.date} is before the programme's start date {profile.start_date}"
            )
        if event.supersedes is not None and event.supersedes not in self.event_ids():
            raise InvalidInput(f"no event with id {event.supersedes!r} to correct")
        if isinstance(event, Retraction) and event.retracts not in self.event_ids():
            raise InvalidInput(f"no event with id {event.retracts!r} to delete")

    def event_ids(self) -> set[str]:
        return {e.id for e in self.store.events() if e.id is not None}

    def correct(self, event_id: str, replacement: Event) -> Event:
        """A correction is a new event that supersedes the old one: nothing is lost."""
        return self.log(replacement.model_copy(update={"supersedes": event_id}))[0]

    def retract(self, event_id: str, date: dt.date, note: str | None = None) -> Event:
        """Delete an event the append-only way: a `retraction` naming it."""
        return self.log(Retraction(date=date, retracts=event_id, note=note))[0]

    def events(self) -> list[Event]:
        return self.store.events()

    # --- plans --------------------------------------------------------------------------------
    def today(self) -> dt.date:
        return today_for(self.store.profile())

    def plan(self, date: dt.date | None = None) -> DayPlan:
        profile = self.profile()
        return plan_day(self.protocol, profile, self.store.events(), date or today_for(profile))

    def plans(self, first: dt.date, days: int) -> list[DayPlan]:
        if not 1 <= days <= 366:
            raise InvalidInput("a calendar covers 1 to 366 days")
        profile = self.profile()
        last = first + dt.timedelta(days=days - 1)
        return plan_days(self.protocol, profile, self.store.events(), first, last)

    # --- export / load ------------------------------------------------------------------------
    def export(self) -> dict[str, Any]:
        return dump_document(self.profile(), self.store.events())

    def load(self, document: Document, *, replace: bool = False) -> int:
        """Write a whole validated document; refuse a non-empty record unless replace."""
        if not self.store.is_empty() and not replace:
            raise RecordNotEmpty("this record already holds data: use --replace to overwrite it")
        try:
            check_profile(self.protocol, document.profile)
        except InvalidInput as exc:
            raise InvalidInput(f"profile: {exc}") from exc
        self.store.replace(document.profile, list(document.events))
        return len(document.events)
