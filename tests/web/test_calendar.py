"""The calendar: an .ics download for the signed-in runner and a token feed for calendar apps,
with UIDs that stay the same when the plan is downloaded again."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

UID = re.compile(r"^UID:(.+)$", re.MULTILINE)


def test_ics_download_has_one_event_per_session_day_with_stable_uids(runner: TestClient) -> None:
    first = runner.get("/calendar.ics")
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("text/calendar")
    text = first.text
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text
    assert "BEGIN:VALARM" in text
    uids = UID.findall(text)
    assert uids and len(uids) == len(set(uids))
    again = runner.get("/calendar.ics").text
    assert UID.findall(again) == uids


def test_feed_url_serves_the_same_calendar_without_a_session(runner: TestClient) -> None:
    page = runner.get("/calendar").text
    feed = re.search(r"/calendar/feed/[A-Za-z0-9_\-]+\.ics", page)
    assert feed is not None, "the calendar page shows the feed URL"
    anonymous = TestClient(runner.app)
    response = anonymous.get(feed.group(0))
    assert response.status_code == 200
    assert UID.findall(response.text) == UID.findall(runner.get("/calendar.ics").text)
