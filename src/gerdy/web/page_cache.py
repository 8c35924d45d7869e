"""Rendered Today pages, one per record, bounded in bytes and safe across threads.

Today is the most visited page, and drawing its template costs more than everything else the
request does (the plan itself comes from the record cache). The page is a function of the
day's plan, the notes of the same version of the record, the profile and the session's CSRF
token. The record cache hands out one `DayPlan` object per (record version, profile, protocol,
day): a new event or a profile change makes a new plan object. So a page is kept with the plan
object it was drawn from (held, so its identity cannot be reused) and the token, and is served
again only while both are the same: a stale page is never shown.

Memory: each record has at most one page (a newer one replaces it); pages are charged their
length plus `PLAN_BYTES` for the plan they hold, and the least recently used are dropped while
the total is over `max_bytes` (`DEFAULT_MAX_BYTES`).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from gerdy.engine import DayPlan
from gerdy.services.record_cache import PLAN_BYTES

DEFAULT_MAX_BYTES = 32 * 2**20


@dataclass(frozen=True)
class Page:
    plan: DayPlan
    csrf_token: str
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + PLAN_BYTES


class PageCache:
    """Each record's last drawn page; `max_bytes` bounds their estimated size in all."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._bytes = 0
        self._lock = Lock()

    def get(self, record: str, plan: DayPlan, csrf_token: str) -> bytes | None:
        """The page drawn from this very plan object for this token, if it is still held."""
        with self._lock:
            page = self._pages.get(record)
            if page is None or page.plan is not plan or page.csrf_token != csrf_token:
                return None
            self._pages.move_to_end(record)
            return page.body

    def keep(self, record: str, plan: DayPlan, csrf_token: str, body: bytes) -> None:
        page = Page(plan, csrf_token, body)
        if page.size > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(record, None)
            if old is not None:
                self._bytes -= old.size
            self._pages[record] = page
            self._bytes += page.size
            while self._bytes > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= dropped.size

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._pages)
