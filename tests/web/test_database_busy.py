"""A SQLite database held by another writer: the request waits its busy timeout in the thread
pool, then answers 503 with `Retry-After` (never a 500 "database is locked"), and nothing is
half-written."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gerdy.storage import database

from .conftest import ANSWERED, CHECKIN_REST, MakeApp, csrf_of, signed_up


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 200)


@pytest.fixture
def write_lock(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection to the test database, ready to take the write lock."""
    other = sqlite3.connect(tmp_path / "gerdy.db", isolation_level=None, timeout=10)
    yield other
    other.close()


def test_a_write_behind_a_held_lock_answers_503_with_retry_after(
    make_app: MakeApp, short_busy_timeout: None, write_lock: sqlite3.Connection
) -> None:
    runner = signed_up(TestClient(make_app()), "busy@example.org")
    token = csrf_of(runner, "/checkin")
    before = runner.get("/api/events").json()
    write_lock.execute("BEGIN IMMEDIATE")
    try:
        page = runner.post("/checkin", data={"csrf_token": token, "pain_daily": "2"} | CHECKIN_REST)
        api = runner.post(
            "/api/checkins", json=ANSWERED | {"pain_daily": 2}, headers={"X-CSRF-Token": token}
        )
    finally:
        write_lock.execute("ROLLBACK")
    assert page.status_code == 503
    assert api.status_code == 503
    assert int(api.headers["retry-after"]) >= 1
    assert "busy" in api.json()["detail"]
    assert "locked" not in page.text  # the driver's words stay in the log
    assert runner.get("/api/events").json() == before
