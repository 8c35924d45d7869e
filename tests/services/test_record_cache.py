"""The record cache (issue 11, finding 1): one entry per record however many versions it has
been through, a total size that never passes its byte bound, and the same plans as without a
cache, also with many threads at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import gerdy.engine.resume
from gerdy.domain.events import Event, parse_event
from gerdy.domain.profile import Profile
from gerdy.engine.planner import replay
from gerdy.protocol import load_protocol
from gerdy.services import Coach
from gerdy.services.record_cache import EVENT_BYTES, PLAN_BYTES, RESUME_BYTES, RecordCache
from gerdy.storage.store import RecordStore

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
START = dt.date(2026, 1, 5)


def sample_profile(start_date: dt.date) -> Profile:
    return Profile(start_date=start_date, side="left", baseline_weekly_run_minutes=90)


def checkin(day: int, pain: int = 1) -> Event:
    date = START + dt.timedelta(days=day)
    return parse_event({"type": "checkin", "date": date.isoformat(), "pain_daily": pain})


def coach(store: RecordStore, cache: RecordCache) -> Coach:
    return Coach(store, load_protocol(), lambda: NOW, cache=cache)


def test_a_record_keeps_one_entry_whatever_its_number_of_versions(
    open_test_store: Callable[..., RecordStore],
) -> None:
    cache = RecordCache()
    runner = coach(open_test_store(), cache)
    runner.start(sample_profile(start_date=START))
    for day in range(25):
        runner.log(checkin(day))
        runner.plan()
        assert runner.events()
    assert len(cache) == 1
    # 25 events, their entry, one plan, and the course kept to plan the day again
    assert cache.bytes == 26 * EVENT_BYTES + PLAN_BYTES + RESUME_BYTES


def test_the_total_never_passes_the_byte_bound(
    open_test_store: Callable[..., RecordStore],
) -> None:
    bound = 30 * EVENT_BYTES + 2 * (PLAN_BYTES + RESUME_BYTES)
    cache = RecordCache(bound)
    for person in ("ann", "bob", "cy", "dee"):
        runner = coach(open_test_store(person), cache)
        runner.start(sample_profile(start_date=START))
        runner.log(*(checkin(day) for day in range(12)))
        runner.plan()
        assert 0 < cache.bytes <= bound
    assert len(cache) == 2  # the two most recently used records fit


def test_a_record_larger_than_the_bound_is_not_kept(
    open_test_store: Callable[..., RecordStore],
) -> None:
    cache = RecordCache(5 * EVENT_BYTES)
    runner = coach(open_test_store(), cache)
    runner.start(sample_profile(start_date=START))
    runner.log(*(checkin(day) for day in range(10)))
    assert len(runner.events()) == 10 and runner.plan().date == NOW.date()
    assert len(cache) == 0 and cache.bytes == 0


def test_threads_share_the_cache_and_get_the_plans_computed_without_it(
    open_test_store: Callable[..., RecordStore],
) -> None:
    cache = RecordCache()
    people = ("ann", "bob", "cy")
    for person in people:
        runner = coach(open_test_store(person), cache)
        runner.start(sample_profile(start_date=START))
        runner.log(*(checkin(day, day % 3) for day in range(20)))
    expected = {p: Coach(open_test_store(p), load_protocol(), lambda: NOW).plan() for p in people}

    def read(index: int) -> bool:
        person = people[index % len(people)]
        return coach(open_test_store(person), cache).plan() == expected[person]

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(read, range(60)))
    assert len(cache) == len(people)


def test_a_write_on_the_day_plans_it_again_from_the_day_before(
    open_test_store: Callable[..., RecordStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a check-in today, today is planned from the kept course of the day before (not
    replayed from day 1), and the plan is the one a fresh replay gives; a write dated earlier
    replays from day 1."""
    replays: list[dt.date] = []

    def counted(*args: Any) -> Any:
        replays.append(args[-1])
        return replay(*args)

    monkeypatch.setattr(gerdy.engine.resume, "replay", counted)
    cache = RecordCache()
    runner = coach(open_test_store(), cache)
    runner.start(sample_profile(start_date=START))
    today = (NOW.date() - START).days
    for day in range(20):
        runner.log(checkin(day))
    first = runner.plan()
    assert len(replays) == 1
    runner.log(checkin(today, pain=3))
    again = runner.plan()
    assert len(replays) == 1  # planned again from the day before
    assert again == coach(open_test_store(), None).plan() != first  # type: ignore[arg-type]
    runner.log(checkin(today - 3, pain=6))  # an earlier day changed: from day 1 again
    runner.plan()
    assert len(replays) == 2
