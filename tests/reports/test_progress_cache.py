"""The Progress series cache (issue: bounded memory): one entry per record, its newest
version replacing the old; bounded by the estimated bytes it holds; safe across threads."""

from __future__ import annotations

import datetime as dt
import threading

from gerdy.reports.progress import POINT_BYTES, ProgressReport, SeriesCache

DAY = dt.date(2026, 5, 13)


def series(days: int) -> ProgressReport:
    """A made-up series of `days` days (only its size matters here)."""
    return ProgressReport.model_validate(
        {
            "first": DAY - dt.timedelta(days=days - 1),
            "last": DAY,
            "pain": [
                {"date": DAY - dt.timedelta(days=i), "pain_daily": 1, "pain_rest": 0}
                for i in range(days)
            ],
            "weekly_minutes": [],
            "adherence": [],
            "gate": [],
        }
    )


def test_a_new_version_replaces_the_old_one() -> None:
    cache = SeriesCache(max_bytes=10 * 2**20)
    for version in range(50):  # a record written 50 times: one entry, never 50
        cache.keep("runner-a", (version, DAY), series(30))
    assert len(cache) == 1 and cache.bytes == series_size(30)
    assert cache.get("runner-a", (49, DAY)) is not None
    assert cache.get("runner-a", (48, DAY)) is None  # a stale version is never served


def test_the_total_stays_under_the_byte_budget() -> None:
    budget = 5 * series_size(100)
    cache = SeriesCache(max_bytes=budget)
    for record in range(40):
        cache.keep(f"runner-{record}", (1, DAY), series(100))
        assert cache.bytes <= budget
    assert len(cache) == 5
    assert cache.get("runner-39", (1, DAY)) is not None  # the newest stay
    assert cache.get("runner-0", (1, DAY)) is None  # the least recently used go


def test_a_series_larger_than_the_budget_is_not_kept() -> None:
    cache = SeriesCache(max_bytes=series_size(10))
    cache.keep("big", (1, DAY), series(366))
    assert len(cache) == 0 and cache.bytes == 0


def test_threads_keep_the_count_and_the_bytes_consistent() -> None:
    cache = SeriesCache(max_bytes=20 * series_size(20))

    def writer(offset: int) -> None:
        for i in range(200):
            cache.keep(f"runner-{(offset + i) % 30}", (i, DAY), series(20))
            cache.get(f"runner-{i % 30}", (i, DAY))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) <= 20
    assert cache.bytes == len(cache) * series_size(20)


def series_size(days: int) -> int:
    """The charge of `series(days)`: a point per day and one for the series itself."""
    return (days + 1) * POINT_BYTES
