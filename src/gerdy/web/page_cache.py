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

from gerdy.engine import DayPlan
from gerdy.services.per_record_cache import PerRecordCache
from gerdy.services.record_cache import PLAN_BYTES

DEFAULT_MAX_BYTES = 32 * 2**20


class PageCache(PerRecordCache[tuple[int, str], tuple[DayPlan, bytes]]):
    """Each record's last drawn page, kept with the plan object it was drawn from (held with
    it, so its `id` is not reused while the page is) and the session's CSRF token."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        super().__init__(max_bytes)

    def page(self, record: str, plan: DayPlan, csrf_token: str) -> bytes | None:
        """The page drawn from this very plan object for this token, if it is still held."""
        found = self.get(record, (id(plan), csrf_token))
        return None if found is None else found[1]

    def keep(self, record: str, plan: DayPlan, csrf_token: str, body: bytes) -> None:
        self.put(record, (id(plan), csrf_token), (plan, body), len(body) + PLAN_BYTES)
