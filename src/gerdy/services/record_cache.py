"""A per-process cache of parsed events and day plans, one entry per record, bounded in bytes
and safe across threads; correct with several app processes on one database.

Parsing a record's events (JSON + pydantic) and replaying them (`plan_day`) are the costliest
parts of a page; after a write, the day is planned again from the course of the day before
(`engine.resume`) rather than from day 1. Every use checks the record's version first
(`RecordStore.state`, one cheap query), so a change made by any process is seen at once and a
stale entry is never served: the database stays the only source of truth.

Memory: each record has at most one entry (its newest version; a new version replaces the old
one) holding the parsed events, at most `PLANS_PER_RECORD` day plans and one `Resume` (the
course of the day before the last day planned). Entries are charged an estimated size
(`EVENT_BYTES` per event, `PLAN_BYTES` per plan, `RESUME_BYTES` for the resume, measured with
tracemalloc and rounded up) and the least recently used are dropped while the total is over
`max_bytes` (default `DEFAULT_MAX_BYTES`). A record too large for the whole budget is not kept.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Lock

from gerdy.domain.events import Event
from gerdy.domain.profile import Profile
from gerdy.engine import DayPlan
from gerdy.engine.resume import Resume

EVENT_BYTES = 2_048  # measured: about 1,560 bytes per parsed event of the demo record
PLAN_BYTES = 32_768  # measured: about 21,000 bytes per day plan of the demo record
RESUME_BYTES = 65_536  # measured: about 22,000 bytes of course for a 120-day record
PLANS_PER_RECORD = 4
DEFAULT_MAX_BYTES = 128 * 2**20

EventsKey = tuple[int, int, dt.datetime | None]
PlanKey = tuple[str, str, dt.date]  # (profile as stored, protocol version, date)


@dataclass
class Entry:
    """One record's newest version: its events, some of its day plans, and the course of the
    day before the last day planned (`engine.resume`: it outlives the version, since the next
    write usually adds an event to that same day)."""

    events_key: EventsKey
    events: list[Event]
    plans: OrderedDict[PlanKey, tuple[Profile, DayPlan]] = field(default_factory=OrderedDict)
    resume: tuple[PlanKey, Resume] | None = None

    @property
    def size(self) -> int:
        held = len(self.events) * EVENT_BYTES + len(self.plans) * PLAN_BYTES + EVENT_BYTES
        return held + (RESUME_BYTES if self.resume is not None else 0)


class RecordCache:
    """The cache; `max_bytes` bounds the estimated size of everything it holds."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = Lock()

    # -- what the Coach asks -----------------------------------------------------------------
    def events(self, record: str, key: EventsKey, load: Callable[[], list[Event]]) -> list[Event]:
        """The record's events at version `key`, loaded (outside the lock) when not cached."""
        with self._lock:
            entry = self._entries.get(record)
            if entry is not None and entry.events_key == key:
                self._entries.move_to_end(record)
                return list(entry.events)
        events = load()
        self._store(record, Entry(key, list(events)))
        return list(events)

    def resume(self, record: str, plan_key: PlanKey) -> Resume | None:
        """The course kept for planning this day again (checked by the engine before use)."""
        with self._lock:
            entry = self._entries.get(record)
            if entry is None or entry.resume is None or entry.resume[0] != plan_key:
                return None
            return entry.resume[1]

    def plan(
        self, record: str, key: EventsKey, plan_key: PlanKey
    ) -> tuple[Profile, DayPlan] | None:
        with self._lock:
            entry = self._entries.get(record)
            if entry is None or entry.events_key != key:
                return None
            found = entry.plans.get(plan_key)
            if found is not None:
                entry.plans.move_to_end(plan_key)
                self._entries.move_to_end(record)
            return found

    def keep_plan(
        self,
        record: str,
        key: EventsKey,
        plan_key: PlanKey,
        value: tuple[Profile, DayPlan],
        resume: Resume | None = None,
    ) -> None:
        """Remember a plan of the record's version `key` (dropped if that version is gone),
        and the course to plan its day again from."""
        with self._lock:
            entry = self._entries.get(record)
            if entry is None or entry.events_key != key:
                return
            before = entry.size
            entry.resume = None if resume is None else (plan_key, resume)
            profile_json = plan_key[0]
            for stale in [k for k in entry.plans if k[0] != profile_json]:
                del entry.plans[stale]  # the profile changed: its plans are of no more use
            entry.plans[plan_key] = value
            while len(entry.plans) > PLANS_PER_RECORD:
                entry.plans.popitem(last=False)
            self._bytes += entry.size - before
            self._shrink()

    # -- accounting ---------------------------------------------------------------------------
    @property
    def bytes(self) -> int:
        """The estimated size of everything held."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def entries_of(self, record: str) -> int:
        """How many entries the record has (0 or 1)."""
        return int(record in self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _store(self, record: str, entry: Entry) -> None:
        """Keep `entry` as the record's; it takes over the older entry's resume (the next
        write usually adds an event to the day that resume was kept for)."""
        with self._lock:
            old = self._entries.get(record)
            if old is not None and entry.resume is None:
                entry.resume = old.resume
            if entry.size > self.max_bytes:
                return
            if old is not None:
                del self._entries[record]
                self._bytes -= old.size
            self._entries[record] = entry
            self._bytes += entry.size
            self._shrink()

    def _shrink(self) -> None:
        while self._bytes > self.max_bytes and self._entries:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= dropped.size
