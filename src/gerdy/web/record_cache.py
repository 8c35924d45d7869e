"""A per-process cache of parsed events, safe with several app servers on one database.

Parsing a record's events (JSON + pydantic) is the costliest part of a page. The cache key is
read from the database on every call, one cheap query: (person, highest event `seq`, event
count). Events are append-only and every write gives new rows a higher `seq` (a whole-record
replace re-inserts them), so any change made by any server changes the key; the database
stays the only source of truth and a stale entry is never served.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from sqlalchemy import func, select

from gerdy.domain.events import Event
from gerdy.storage.store import RecordStore
from gerdy.storage.tables import events as event_table
from gerdy.storage.tables import people

MAX_RECORDS = 2048
_cache: OrderedDict[tuple[str, int, int], list[Event]] = OrderedDict()
_lock = Lock()


class CachedRecordStore(RecordStore):
    """A RecordStore whose `events()` reuses the parsed events while the record is unchanged."""

    def events(self) -> list[Event]:
        query = (
            select(func.max(event_table.c.seq), func.count(event_table.c.seq))
            .select_from(people)
            .join(event_table, event_table.c.person_id == people.c.id)
            .where(people.c.handle == self.person)
        )
        with self.engine.connect() as connection:
            newest, count = connection.execute(query).one()
        if not count:
            return []
        key = (f"{self.engine.url}|{self.person}", int(newest), int(count))
        with _lock:
            found = _cache.get(key)
            if found is not None:
                _cache.move_to_end(key)
                return list(found)
        parsed = super().events()
        with _lock:
            _cache[key] = parsed
            while len(_cache) > MAX_RECORDS:
                _cache.popitem(last=False)
        return list(parsed)
