"""Issue 11, finding 1: memory must not grow with every new version of a record. The server
used to keep the parsed events of each version it had seen (keyed by version, capped by count
only), so a large record grew the process by the record's size on every write + page view.

The loop of the finding, at a size CI can afford: load a large record, then round after round
log an event through the API and open Today. Resident memory may grow by the one cached
version at the start, not by a version per round (the cache holds one entry per record and at
most `record_cache_bytes`; see the README)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import TODAY, csrf_of, signed_up

EVENTS = 6_000
ROUNDS = 12
NOTE = "kept short, but every event carries some text as real notes do " * 3
STATM = Path("/proc/self/statm")


def rss_bytes() -> int:
    return int(STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def large_document(start: dt.date) -> dict[str, object]:
    days = (TODAY - start).days + 1
    events = [
        {
            "type": "checkin",
            "date": (start + dt.timedelta(days=i % days)).isoformat(),
            "pain_daily": i % 3,
            "note": f"{i} {NOTE}",
        }
        for i in range(EVENTS)
    ]
    profile = {"start_date": start.isoformat(), "side": "right", "baseline_weekly_run_minutes": 120}
    return {"format": "gerdy/1", "profile": profile, "events": events}


@pytest.mark.skipif(not STATM.exists() or sys.platform != "linux", reason="reads /proc")
def test_memory_does_not_grow_with_each_version_of_a_large_record(app: FastAPI) -> None:
    client = signed_up(TestClient(app), "big@example.org")
    token = {"X-CSRF-Token": csrf_of(client)}
    document = large_document(TODAY - dt.timedelta(days=20))
    loaded = client.post("/api/import?replace=true", json=document, headers=token)
    assert loaded.status_code == 200, loaded.text

    def one_round(pain: int) -> None:
        event = {"type": "checkin", "date": TODAY.isoformat(), "pain_daily": pain}
        assert client.post("/api/events", json=event, headers=token).status_code == 201
        assert client.get("/today").status_code == 200

    one_round(0)
    one_round(1)  # the cache holds one version now, and the allocator has warmed up
    before = rss_bytes()
    for number in range(ROUNDS):
        one_round(number % 3)
    growth = rss_bytes() - before
    # One version of this record is about 10 MB parsed; the old cache kept one per round.
    assert growth < 30 * 2**20, f"resident memory grew by {growth / 2**20:.0f} MB"
