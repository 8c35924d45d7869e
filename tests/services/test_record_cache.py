"""The record cache: one value per record and slot however many versions the record has been
through, a total size that never passes its one byte bound, the same plans as without a
cache (also with many threads at once), and every way a Coach writes moving the record's
version on exactly once, in the write's own transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import gerdy.engine.resume
from gerdy.domain.document import Document
from gerdy.domain.errors import GerdyError
from gerdy.domain.events import Event, parse_event
from gerdy.domain.profile import Profile
from gerdy.engine.planner import replay
from gerdy.protocol import load_protocol
from gerdy.services import Coach
from gerdy.services.authorship import Authorship
from gerdy.services.coach import Signer
from gerdy.services.record_cache import (
    EVENT_BYTES,
    PLAN_BYTES,
    RECORD,
    RESUME_BYTES,
    RecordCache,
    Slot,
)
from gerdy.storage.store import RecordStore

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
PROTOCOL_VERSION = load_protocol().version
START = dt.date(2026, 1, 5)


def sample_profile(start_date: dt.date = START) -> Profile:
    return Profile(start_date=start_date, side="left", baseline_weekly_run_minutes=90)


def checkin(day: int, pain: int = 1) -> Event:
    date = START + dt.timedelta(days=day)
    return parse_event({"type": "checkin", "date": date.isoformat(), "pain_daily": pain})


def coach(store: RecordStore, cache: RecordCache | None) -> Coach:
    authorship = Authorship(lambda: b"the server's secret")
    return Coach(store, load_protocol(), lambda: NOW, cache=cache, authorship=authorship)


def test_a_record_keeps_one_value_per_slot_whatever_its_number_of_versions(
    open_test_store: Callable[..., RecordStore],
) -> None:
    cache = RecordCache()
    store = open_test_store()
    coach(store, cache).start(sample_profile())
    for day in range(25):
        coach(store, cache).log(checkin(day))  # a request that writes, then one that reads
        reader = coach(store, cache)
        assert reader.plan() and reader.events()
    assert len(cache) == 3  # the events, the plans and the course kept to plan again
    assert cache.bytes == 26 * EVENT_BYTES + PLAN_BYTES + RESUME_BYTES


PAGE = Slot[bytes]("page", len)


def test_the_total_never_passes_the_one_byte_bound() -> None:
    cache = RecordCache(max_bytes=2_500)
    for record in range(10):
        cache.put(f"runner-{record}", PAGE, (1, "day"), b"x" * 1_000)
        assert cache.bytes <= cache.max_bytes
    assert len(cache) == 2
    assert cache.get("runner-9", PAGE, (1, "day")) == b"x" * 1_000  # the newest stay
    assert cache.get("runner-0", PAGE, (1, "day")) is None  # the least recently used go
    cache.put("runner-9", PAGE, (2, "day"), b"y" * 10)  # a newer version replaces the older
    assert cache.get("runner-9", PAGE, (1, "day")) is None
    assert cache.bytes == 1_010
    cache.put("huge", PAGE, (1, "day"), b"x" * 3_000)  # larger than the whole budget
    assert cache.get("huge", PAGE, (1, "day")) is None and cache.bytes == 1_010


def test_a_record_larger_than_the_bound_is_not_kept(
    open_test_store: Callable[..., RecordStore],
) -> None:
    cache = RecordCache(5 * EVENT_BYTES)
    store = open_test_store()
    coach(store, cache).start(sample_profile())
    coach(store, cache).log(*(checkin(day) for day in range(10)))
    reader = coach(store, cache)
    assert len(reader.events()) == 10 and reader.plan().date == NOW.date()
    assert cache.bytes <= cache.max_bytes
    assert cache.get(store.identity, RECORD, (reader.version(), PROTOCOL_VERSION, ())) is None


def test_a_deleted_record_is_never_served_from_the_cache(
    open_test_store: Callable[..., RecordStore],
) -> None:
    cache = RecordCache()
    store = open_test_store()
    coach(store, cache).start(sample_profile())
    coach(store, cache).log(checkin(1))
    assert coach(store, cache).plan() and coach(store, cache).events()  # kept
    store.delete_person()
    gone = coach(store, cache)
    assert gone.version() is None and gone.events() == [] and not gone.has_profile()


def test_threads_share_the_cache_and_get_the_plans_computed_without_it(
    open_test_store: Callable[..., RecordStore],
) -> None:
    cache = RecordCache()
    people = ("ann", "bob", "cy")
    for person in people:
        runner = coach(open_test_store(person), cache)
        runner.start(sample_profile())
        runner.log(*(checkin(day, day % 3) for day in range(20)))
    expected = {p: coach(open_test_store(p), None).plan() for p in people}

    def read(index: int) -> bool:
        person = people[index % len(people)]
        return coach(open_test_store(person), cache).plan() == expected[person]

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(read, range(60)))
    assert len(cache) == 3 * len(people)


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
    store = open_test_store()
    coach(store, cache).start(sample_profile())
    today = (NOW.date() - START).days
    coach(store, cache).log(*(checkin(day) for day in range(20)))
    first = coach(store, cache).plan()
    assert len(replays) == 1
    coach(store, cache).log(checkin(today, pain=3))
    again = coach(store, cache).plan()
    assert len(replays) == 1  # planned again from the day before
    assert again == coach(store, None).plan() != first
    coach(store, cache).log(checkin(today - 3, pain=6))  # an earlier day changed: from day 1
    coach(store, cache).plan()
    assert len(replays) == 2


# --- every write moves the version on once ------------------------------------------------------
STRENGTH_DAYS = {"type": "settings_change", "strength_days": ["mon", "wed", "fri"]}


def writes(runner: Coach) -> dict[str, Callable[[], object]]:
    """Each way the Coach writes a record, from its intake on, in this order."""
    today = NOW.date()
    stored = checkin((today - START).days - 1).model_copy(update={"id": "the-check-in"})
    imperial = sample_profile().model_copy(update={"units": "imperial"})
    other_days = imperial.model_copy(update={"strength_days": ("tue", "thu", "sat")})
    document = Document(sample_profile(), (checkin(2), checkin(3)))
    return {
        "start": lambda: runner.start(sample_profile()),
        "log": lambda: runner.log(stored),
        "record": lambda: runner.record({"type": "checkin", "pain_daily": 2}),
        "correct": lambda: runner.correct("the-check-in", checkin(5, pain=0)),
        "retract": lambda: runner.retract("the-check-in", today),
        "record_as_clinician": lambda: runner.record_as_clinician(
            Signer("Dr. Who", 7), STRENGTH_DAYS
        ),
        "edit_profile": lambda: runner.edit_profile(imperial),
        # the physio's setting edited: the profile and the runner's own change, together
        "edit_profile with a settings change": lambda: runner.edit_profile(other_days),
        "load": lambda: runner.load(document, replace=True),
    }


def test_each_coach_write_moves_the_version_on_exactly_once(
    open_test_store: Callable[..., RecordStore],
) -> None:
    store = open_test_store()
    runner = coach(store, RecordCache())
    recorded = []
    for name, write in writes(runner).items():
        before = store.version()
        write()
        after = store.version()
        assert after is not None, name
        assert after.version == (before.version if before else 0) + 1, name
        recorded.append(len(store.events()))
    # each write did write: the edit of the physio's setting added the runner's own change
    assert recorded == [0, 1, 2, 3, 4, 5, 5, 6, 2]


def test_a_refused_write_leaves_the_version_as_it_was(
    open_test_store: Callable[..., RecordStore],
) -> None:
    store = open_test_store()
    runner = coach(store, RecordCache())
    runner.start(sample_profile())
    [stored] = runner.log(checkin(1))
    twice = checkin(2).model_copy(update={"id": "twice"})  # fails in the store, mid-way
    before = store.version()
    refused: list[Callable[[], object]] = [
        lambda: runner.log(checkin(1).model_copy(update={"id": stored.id})),  # a repeated id
        lambda: runner.log(checkin(-3)),  # before the start date
        lambda: runner.record({"type": "checkin", "pain_daily": 11}),
        lambda: runner.start(sample_profile(START + dt.timedelta(days=5)), replace=True),
        lambda: runner.load(Document(sample_profile(), (twice, twice)), replace=True),
    ]
    for write in refused:
        with pytest.raises((GerdyError, ValueError)):
            write()
        assert store.version() == before
