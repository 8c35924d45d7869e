"""`people.version`: every write of a record (profile, events, a whole replace) moves it on,
so the caseload can read many records' versions from `people` alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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
