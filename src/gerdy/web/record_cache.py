"""Per-process caches of parsed events and of day plans, safe with several app servers on one
database.

Parsing a record's events (JSON + pydantic) and replaying them (`plan_day`) are the costliest
parts of a page. The cache key is read from the database on every call, one cheap query: the
person, their highest event `seq`, their event count and the newest `recorded_at` (and, for
plans, the profile's stored JSON). Events are append-only and every write gives new rows a
higher `seq` and a new `recorded_at` (a whole-record replace re-inserts them; on SQLite a
replace may reuse the `seq` values it deleted, which the newest `recorded_at` tells apart), so
any change made by any server changes the key; the database stays the only source of truth and
a stale entry is never served.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from threading import Lock
from typing import Any, NamedTuple

from sqlalchemy import Engine, Text, cast, func, select

from gerdy.domain.errors import NoRecord
from gerdy.domain.events import Event
from gerdy.domain.profile import Profile
from gerdy.engine import DayPlan, plan_day
from gerdy.protocol import Protocol
from gerdy.services import today_for
from gerdy.storage.store import RecordStore
from gerdy.storage.tables import events as event_table
from gerdy.storage.tables import people

MAX_RECORDS = 2048
MAX_PLANS = 4096
_cache: OrderedDict[tuple[Any, ...], list[Event]] = OrderedDict()
_plans: OrderedDict[tuple[Any, ...], tuple[Profile, DayPlan]] = OrderedDict()
_lock = Lock()


class RecordState(NamedTuple):
    """What identifies one version of a record: the profile as stored, and the events' key."""

    profile_json: str | None
    newest: int
    size: int
    recorded: dt.datetime | None


def record_state(engine: Engine, person: str) -> RecordState | None:
    """The record's state in one query (None when the person has no row yet)."""
    query = (
        select(
            cast(people.c.profile, Text),
            func.max(event_table.c.seq),
            func.count(event_table.c.seq),
            func.max(event_table.c.recorded_at),
        )
        .select_from(people)
        .outerjoin(event_table, event_table.c.person_id == people.c.id)
        .where(people.c.handle == person)
        .group_by(people.c.id)
    )
    with engine.connect() as connection:
        row = connection.execute(query).one_or_none()
    if row is None:
        return None
    profile_json, newest, count, recorded = row
    return RecordState(profile_json, int(newest or 0), int(count or 0), recorded)


def _remember(cache: OrderedDict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any,
              limit: int) -> None:  # fmt: skip
    with _lock:
        cache[key] = value
        while len(cache) > limit:
            cache.popitem(last=False)


def _recall(cache: OrderedDict[tuple[Any, ...], Any], key: tuple[Any, ...]) -> Any:
    with _lock:
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
        return found


class CachedRecordStore(RecordStore):
    """A RecordStore whose `events()` reuses the parsed events while the record is unchanged,
    and whose `plan()` reuses the day's plan while the record and the profile are unchanged."""

    def _events_key(self, state: RecordState) -> tuple[Any, ...]:
        return (f"{self.engine.url}|{self.person}", state.newest, state.size, state.recorded)

    def events(self) -> list[Event]:
        state = record_state(self.engine, self.person)
        if state is None or not state.size:
            return []
        key = self._events_key(state)
        found = _recall(_cache, key)
        if found is not None:
            return list(found)
        parsed = super().events()
        _remember(_cache, key, parsed, MAX_RECORDS)
        return list(parsed)

    def plan(self, protocol: Protocol, now: dt.datetime) -> tuple[Profile, DayPlan]:
        """The profile and today's plan (today in the runner's time zone at `now`); raises
        NoRecord before the intake."""
        state = record_state(self.engine, self.person)
        if state is None or state.profile_json is None:
            raise NoRecord("no profile yet: run `gerdy init` first (or `gerdy demo`)")
        # The profile is parsed once per stored JSON; its time zone decides the date.
        profile_key = (*self._events_key(state), state.profile_json, protocol.version)
        found: tuple[Profile, DayPlan] | None = _recall(_plans, profile_key)
        profile = Profile.model_validate_json(state.profile_json) if found is None else found[0]
        date = today_for(profile, now)
        if found is not None and found[1].date == date:
            return found
        plan = plan_day(protocol, profile, self.events(), date)
        _remember(_plans, profile_key, (profile, plan), MAX_PLANS)
        return profile, plan
