"""The calendar: an .ics download for the signed-in runner and a token feed for calendar apps,
with UIDs that stay the same when the plan is downloaded again."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from fastapi.testclient import TestClient

from gerdy.engine import DayPlan

from .conftest import TODAY, MakeApp, csrf_of, signed_up

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


# --- the month ------------------------------------------------------------------------------
DAY_DATE = re.compile(r'^[^"]*" data-date="([\d-]+)"')


def month_days(page: str) -> dict[dt.date, str]:
    """date → the HTML of its day in the month view."""
    month = page.split('<ol class="month', 1)[1].split("</ol>", 1)[0]
    days = {}
    for body in month.split('<li class="day')[1:]:
        found = DAY_DATE.match(body)
        assert found is not None
        days[dt.date.fromisoformat(found[1])] = body
    return days


def sessions_on(body: str) -> list[str]:
    return re.findall(r'data-session="(\w+)"', body)


def test_the_month_view_shows_each_days_stage_and_sessions(runner: TestClient) -> None:
    """The runner of the fixture: day 1 is 20 days before TODAY (2026-05-21, a Thursday), the
    reduced track, strength on the protocol's default days from its second week, a run logged
    on 2026-06-08."""
    token = csrf_of(runner, "/runs")
    logged = {"csrf_token": token, "minutes": "15", "pain_during": "0", "date": "2026-06-08"}
    assert runner.post("/runs", data=logged).status_code == 200
    start = TODAY - dt.timedelta(days=20)

    june = runner.get("/calendar").text  # this month by default
    assert '<h2 id="month-title">June 2026</h2>' in june
    days = month_days(june)
    assert sorted(days) == [dt.date(2026, 6, d) for d in range(1, 31)]
    assert 'aria-current="date"' in days[TODAY] and "today" in days[TODAY]
    assert sum('aria-current="date"' in body for body in days.values()) == 1
    for date, body in days.items():
        assert 'data-stage="protect"' in body and "Protect" in body, date  # no gate met
        assert {"stretch", "cross"} <= set(sessions_on(body)), date
    strength_days = {d.weekday() for d, body in days.items() if "strength" in sessions_on(body)}
    assert strength_days == {0, 2, 4}  # the protocol's default: Monday, Wednesday, Friday
    ran = [d for d, body in days.items() if "Ran 15 min" in body]
    assert ran == [dt.date(2026, 6, 8)]
    assert 'href="/calendar?month=2026-05"' in june and 'href="/calendar?month=2026-07"' in june

    may = month_days(runner.get("/calendar?month=2026-05").text)
    for date, body in may.items():
        if date < start:
            assert "Before day 1" in body and "data-stage" not in body, date
        else:
            assert 'data-stage="protect"' in body, date
    assert 'id="month-previous"' not in runner.get("/calendar?month=2026-05").text
    first_week = [d for d in may if start <= d < start + dt.timedelta(days=7)]
    assert all("strength" not in sessions_on(may[d]) for d in first_week)


def test_the_month_view_refuses_a_malformed_month(runner: TestClient) -> None:
    for bad in ("2026-13", "June", "1999-01", "2026-6"):
        response = runner.get(f"/calendar?month={bad}")
        assert response.status_code in {400, 422}, bad


def test_a_day_without_a_session_is_a_rest_day(runner: TestClient) -> None:
    from gerdy.web.calendar_view import month_view

    first = dt.date(2026, 6, 1)
    page = runner.get("/api/plan/2026-06-02")
    assert page.status_code == 200
    plan = DayPlan.model_validate(page.json())
    resting = plan.model_copy(update={"tasks": tuple(t for t in plan.tasks if t.kind == "cross")})
    month = month_view(first, [resting], [], start=first, today=first, units="metric")
    day = next(d for d in month.days if d.date == plan.date)
    assert day.rest and all(d.plan is None for d in month.days if d.date != plan.date)


# --- reminders ------------------------------------------------------------------------------
def save_preferences(client: TestClient, **fields: str) -> None:
    data = {"csrf_token": csrf_of(client), "units": "metric"} | fields
    response = client.post("/settings/profile", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text


def alarms(text: str) -> list[tuple[dt.date, dt.datetime | dt.timedelta]]:
    """(the event's date, its alarm's trigger: a moment, or an offset from the start) for
    every event."""
    calendar = icalendar.Calendar.from_ical(text)
    found = []
    for event in calendar.walk("VEVENT"):
        (alarm,) = event.walk("VALARM")
        trigger = alarm.decoded("TRIGGER")
        assert isinstance(trigger, dt.datetime | dt.timedelta), trigger
        found.append((event.decoded("DTSTART").date(), trigger))
    return found


def test_reminders_ring_at_the_time_chosen_in_settings_in_the_runners_zone(
    runner: TestClient,
) -> None:
    save_preferences(runner, timezone="America/Chicago", reminder_time="18:15")
    assert 'value="18:15"' in runner.get("/settings").text
    download = runner.get("/calendar.ics").text
    feed_path = re.search(r"/calendar/feed/[A-Za-z0-9_\-]+\.ics", runner.get("/calendar").text)
    assert feed_path is not None
    feed = TestClient(runner.app).get(feed_path.group(0)).text
    for text in (download, feed):
        found = alarms(text)
        assert len(found) == 28  # a session every day of the next four weeks
        for date, trigger in found:
            # June and early July: Chicago is on summer time (UTC-5), so 18:15 is 23:15 UTC
            assert isinstance(trigger, dt.datetime), trigger
            assert trigger == dt.datetime.combine(date, dt.time(23, 15), tzinfo=dt.UTC)
            local = trigger.astimezone(ZoneInfo("America/Chicago"))
            assert (local.date(), local.time()) == (date, dt.time(18, 15))
        assert "DTSTART:20260610T181500" in text


def test_without_a_reminder_time_the_default_reminder_stays(runner: TestClient) -> None:
    for _date, trigger in alarms(runner.get("/calendar.ics").text):
        assert trigger == -dt.timedelta(minutes=30)
    data = {"csrf_token": csrf_of(runner), "units": "imperial", "reminder_time": "25:99"}
    refused = runner.post("/settings/profile", data=data)
    assert refused.status_code == 400 and "reminder_time" in refused.text  # nothing changes
    assert 'value="metric" checked' in runner.get("/settings").text
    assert 'id="reminder-time" name="reminder_time" value=""' in runner.get("/settings").text


def test_the_feed_address_comes_from_gerdy_public_url(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GERDY_PUBLIC_URL", "https://rehab.example.org/ ")
    client = signed_up(TestClient(make_app()), "ann@example.org")
    page = client.get("/calendar").text
    field = re.search(r'<input id="feed-url" type="text" readonly value="([^"]+)"', page)
    assert field is not None
    assert re.fullmatch(r"https://rehab\.example\.org/calendar/feed/[0-9a-f]{64}\.ics", field[1])
    assert 'data-copy-from="feed-url" hidden' in page  # the Copy button appears with JavaScript
