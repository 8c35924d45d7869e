"""`people.version`: every write of a record (profile, events, a whole replace) moves it on,
so the caseload can read many records' versions from `people` alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Connection

from gerdy.domain.events import Checkin
from gerdy.domain.profile import Profile
from gerdy.storage.sharing import record_versions
from gerdy.storage.store import RecordStore

START = dt.date(2026, 1, 5)


def test_every_write_moves_the_version_on(open_test_store: Callable[..., RecordStore]) -> None:
    store = open_test_store("user:a")
    other = open_test_store("user:b")
    profile = Profile(start_date=START, side="left", baseline_weekly_run_minutes=90)
    seen = []

    def version() -> int:
        return record_versions(store.engine, ["user:a"])["user:a"].version

    store.save_profile(profile)
    seen.append(version())
    store.append([Checkin(date=START, pain_daily=2)])
    seen.append(version())
    other.save_profile(profile)
    other.append([Checkin(date=START, pain_daily=1)])  # another record: not this one's version
    seen.append(version())
    store.replace(profile, [Checkin(date=START, pain_daily=3)])
    seen.append(version())
    assert seen[0] < seen[1] == seen[2] < seen[3]
    assert record_versions(store.engine, ["user:a", "user:b", "user:none"]).keys() == {
        "user:a", "user:b",
    }  # fmt: skip


def test_each_write_moves_the_version_once_and_only_when_it_commits(
    open_test_store: Callable[..., RecordStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version moves in the write's own transaction: a write that fails after moving it
    (here: right after) leaves the version, the profile and the events as they were."""
    store = open_test_store("user:a")
    profile = Profile(start_date=START, side="left", baseline_weekly_run_minutes=90)
    other = profile.model_copy(update={"side": "right"})
    writes: list[Callable[[], object]] = [
        lambda: store.save_profile(other),
        lambda: store.append([Checkin(date=START, pain_daily=2)]),
        lambda: store.save_profile_and_append(other, [Checkin(date=START, pain_daily=3)]),
        lambda: store.replace(other, [Checkin(date=START, pain_daily=4)]),
    ]
    store.save_profile(profile)
    for write in writes:  # each moves it on once
        before = store.version()
        write()
        assert (after := store.version()) is not None and before is not None
        assert after.version == before.version + 1
    moved = RecordStore._new_version

    def moved_then_failed(connection: Connection, person_id: int) -> None:
        moved(connection, person_id)
        raise OSError("the disk is full")

    monkeypatch.setattr(RecordStore, "_new_version", staticmethod(moved_then_failed))
    before, events = store.read()
    for write in writes:
        with pytest.raises(OSError, match="disk is full"):
            write()
        assert store.read() == (before, events)
