"""v1.2: the 2-hour question comes 2 h after the run. For a run imported from a device file,
that is 2 h after the run ended (its start plus its length, from the file), not after the
import; a time in the future is never taken."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from gerdy.protocol import load_protocol
from gerdy.questions import run_questions

from .conftest import NOW, TODAY, csrf_of

GPX = """<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk>
<type>running</type><trkseg>{points}</trkseg></trk></gpx>"""


def gpx_run(start: dt.datetime, minutes: int) -> bytes:
    points = "".join(
        f'<trkpt lat="{48 + i * 0.0005:.5f}" lon="11.00000"><time>'
        f"{(start + dt.timedelta(minutes=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(minutes + 1)
    )
    return GPX.format(points=points).encode()


def imported(runner: TestClient, start: dt.datetime, minutes: int) -> dict[str, object]:
    parts = [("files", ("run.gpx", gpx_run(start, minutes), "application/gpx+xml"))]
    response = runner.post("/api/imports", files=parts, headers={"X-CSRF-Token": csrf_of(runner)})
    assert response.status_code == 200, response.text
    assert response.json()["imported"], response.text
    run: dict[str, object] = runner.get("/api/events").json()[-1]
    assert run["type"] == "run"
    return run


def test_ws_2_an_imported_run_is_recorded_when_it_ended_so_the_2_hour_question_is_due(
    runner: TestClient,
) -> None:
    start = NOW - dt.timedelta(hours=3)  # 06:30 to 06:50; imported at 09:30
    run = imported(runner, start, 20)
    assert run["recorded_at"] == "2026-06-10T06:50:00Z"
    rate = runner.get(f"/runs/{run['id']}/rate").text
    after = run_questions(load_protocol()).pain_after_hours.text
    assert 'name="pain_after_hours"' in rate, "due 2 h after the run ended: asked now"
    assert after.split(":")[0] in rate


def test_ws_2_an_imported_run_ending_later_than_now_is_recorded_now(runner: TestClient) -> None:
    start = dt.datetime.combine(TODAY, dt.time(9, 20), dt.UTC)  # ends 09:50, after NOW
    run = imported(runner, start, 30)
    assert run["recorded_at"] == NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


def http(moment: dt.datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S GMT")


def queued_run(runner: TestClient, date: dt.date, made: dt.datetime) -> dict[str, object]:
    headers = {"X-CSRF-Token": csrf_of(runner), "If-Unmodified-Since": http(made)}
    body = {"date": date.isoformat(), "minutes": 15, "pain_during": 0}
    response = runner.post("/api/runs", json=body, headers=headers)
    assert response.status_code == 201, response.text
    event: dict[str, object] = response.json()["event"]
    return event


def test_ws_2_an_offline_run_is_recorded_when_it_was_logged_within_its_day_and_now(
    runner: TestClient,
) -> None:
    """The offline queue sends when an entry was made: a run logged at 06:00 and sent at 09:30
    asks the 2-hour question from 08:00; a time before the run's day or in the future is
    bounded to the day's start or now."""
    logged_at = NOW.replace(hour=6, minute=0)
    assert queued_run(runner, TODAY, logged_at)["recorded_at"] == "2026-06-10T06:00:00Z"
    yesterday = TODAY - dt.timedelta(days=1)
    too_early = NOW - dt.timedelta(days=3)
    assert queued_run(runner, yesterday, too_early)["recorded_at"] == "2026-06-09T00:00:00Z"
    future = NOW + dt.timedelta(hours=5)
    assert queued_run(runner, TODAY, future)["recorded_at"] == "2026-06-10T09:30:00Z"
