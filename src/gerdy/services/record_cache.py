"""The per-process cache of what is derived from runners' records, keyed by each record's
version; one object per process (the web app's state), bounded in bytes, safe across threads.

A record's version is `people.version`, one more in the transaction of every write
(`storage.store.RecordVersion`). A value is kept with the version it was derived from and
served only to a reader holding that same version, which it has just read from the database
(one cheap query per request, `RecordStore.version`): a change made by any process is seen at
once and nothing stale is served; the database stays the only source of truth.

Each kind of value has a `Slot`, and each record holds at most one value per slot (a newer
replaces the older): the parsed events (`RECORD`), a few day plans (`PLANS`), the course of the
day before the last day planned (`RESUME`: `engine.resume` checks it before use, so it outlives
the version), and what the edges derive: the Today page, the Progress series, the PDF report,
the caseload row. Each value is charged an estimated size (measured with tracemalloc and
rounded up), the least recently used are dropped while the total is over `max_bytes`
(`DEFAULT_MAX_BYTES`), and a value larger than the whole budget is not kept.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from threading import Lock
from typing import Any, Generic, TypeVar, cast

from gerdy.domain.events import Event
from gerdy.engine import DayPlan
from gerdy.engine.resume import Resume

EVENT_BYTES = 2_048  # measured: about 1,560 bytes per parsed event of the demo record
PLAN_BYTES = 32_768  # measured: about 21,000 bytes per day plan of the demo record
RESUME_BYTES = 65_536  # measured: about 22,000 bytes of course for a 120-day record
PLANS_PER_RECORD = 4
DEFAULT_MAX_BYTES = 128 * 2**20

T = TypeVar("T")


@dataclass(frozen=True)
class Slot(Generic[T]):
    """A kind of value kept per record: its name and its estimated size in bytes."""

    name: str
    size: Callable[[T], int]


RECORD = Slot[tuple[Event, ...]]("events", lambda events: EVENT_BYTES * (len(events) + 1))
PLANS = Slot[dict[dt.date, DayPlan]]("plans", lambda plans: PLAN_BYTES * len(plans))
RESUME = Slot[Resume]("resume", lambda _resume: RESUME_BYTES)


class RecordCache:
    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._values: OrderedDict[tuple[str, str], tuple[Hashable, Any, int]] = OrderedDict()
        self.bytes = 0  # the estimated size of everything held
        self._lock = Lock()

    def get(self, record: str, slot: Slot[T], key: Hashable) -> T | None:
        """The record's value in `slot` if it was kept with `key` (its version and more)."""
        with self._lock:
            found = self._values.get((record, slot.name))
            if found is None or found[0] != key:
                return None
            self._values.move_to_end((record, slot.name))
            return cast(T, found[1])

    def put(self, record: str, slot: Slot[T], key: Hashable, value: T) -> None:
        """Keep `value` as the record's in `slot` (replacing the older one)."""
        size = slot.size(value)
        with self._lock:
            old = self._values.pop((record, slot.name), None)
            self.bytes -= 0 if old is None else old[2]
            if size > self.max_bytes:
                return
            self._values[(record, slot.name)] = (key, value, size)
            self.bytes += size
            while self.bytes > self.max_bytes:
                self.bytes -= self._values.popitem(last=False)[1][2]

    def __len__(self) -> int:
        return len(self._values)
