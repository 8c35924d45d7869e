"""A small cache holding one value per record, for results derived from a record's version.

A value is served only while the key it was kept with still matches (the record's version, the
day, the session…), so a stale value is never returned; a newer value replaces the record's
older one. Values are charged an estimated size, and the least recently used are dropped while
the total is over `max_bytes`. Safe across threads. Used for the Progress series
(`reports.progress`) and the rendered Today page (`web.page_cache`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class PerRecordCache(Generic[K, V]):
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[K, V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = Lock()

    def get(self, record: str, key: K) -> V | None:
        """The record's value if it was kept with `key`."""
        with self._lock:
            entry = self._entries.get(record)
            if entry is None or entry[0] != key:
                return None
            self._entries.move_to_end(record)
            return entry[1]

    def put(self, record: str, key: K, value: V, size: int) -> None:
        """Keep `value` as the record's (replacing its older one); one larger than the whole
        budget is not kept."""
        with self._lock:
            old = self._entries.pop(record, None)
            if old is not None:
                self._bytes -= old[2]
            if size > self.max_bytes:
                return
            self._entries[record] = (key, value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _record, (_key, _value, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    @property
    def bytes(self) -> int:
        """The estimated size of everything held."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)
