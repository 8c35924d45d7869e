"""A demo runner's record (six weeks, one corrected check-in) in a fresh SQLite store, for the
report and export tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from gerdy.demo import demo_document
from gerdy.services import Coach
from gerdy.services.authorship import Authorship
from gerdy.storage.store import open_store

from ..conftest import copy_of_migrated

TODAY = dt.date(2026, 5, 13)
NOW = dt.datetime(2026, 5, 13, 18, 30, tzinfo=dt.UTC)


@pytest.fixture
def coach(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Coach]:
    database = copy_of_migrated(migrated_sqlite, tmp_path / "report.db")
    store = open_store(f"sqlite:///{database}", person="runner-7f3a")
    try:
        coach = Coach.open(store, authorship=Authorship(lambda: b"report test key"))
        document = demo_document(TODAY)
        coach.load(document)
        yield coach
    finally:
        store.close()
