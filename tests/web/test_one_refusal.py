"""One bad event, one refusal (issue 8): the CLI, the web forms, the JSON API and an import
refuse each bad event of one table with the same sentence, and leave the record as it was.

The record's rules and the values' bounds are checked once, in `gerdy.services` and the event
models, so every edge says the same. Two cells of the table cannot exist and are left out, not
faked: the web has no form for corrections (`supersedes`), and a loaded document may run past
today (a backup from another time zone), so a future date is imported as an activity file."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gerdy.cli.app import app as cli_app

from .conftest import CHECKIN_REST, SAME_RUNNER_START, TODAY, csrf_of

START = SAME_RUNNER_START
FUTURE = (TODAY + dt.timedelta(days=1)).isoformat()  # tomorrow, by the edges' fixed clock
EXERCISES = (
    "clamshell, side_lying_abduction, glute_bridge, single_leg_bridge, "
    "lateral_band_walk, single_leg_box_squat"
)
Refusal = Callable[[dict[str, Any]], str]


def today() -> str:
    return TODAY.isoformat()  # both edges' fixed clock; the runner's time zone is UTC


def checkin(**values: Any) -> dict[str, Any]:
    return {"type": "checkin", "date": today(), "pain_daily": 1} | values


def run(**values: Any) -> dict[str, Any]:
    return {"type": "run", "date": today(), "minutes": 30, "pain_during": 0} | values


BAD_EVENTS: list[tuple[str, dict[str, Any], str]] = [
    ("future date", checkin(date=FUTURE), f"{FUTURE} is in the future (today is {{today}})"),
    ("before start", checkin(date="2026-01-01"),
     "2026-01-01 is before the programme's start date 2026-01-05"),
    ("pain 11", checkin(pain_daily=11), "pain_daily: Input should be less than or equal to 10"),
    ("minutes 0", run(minutes=0), "minutes: Input should be greater than 0"),
    ("minutes 2000", run(minutes=2000), "minutes: Input should be less than or equal to 1440"),
    ("cadence 400", run(cadence_spm=400),
     "cadence_spm: a running cadence of 400 steps/min is outside 120-230 (RF-1)"),
    ("unknown exercise",
     {"type": "strength", "date": today(),
      "exercises": [{"id": "burpee", "sets": [10, 10, 10], "pain": 0}]},
     f"exercises.0.id: unknown strength exercise 'burpee' (known: {EXERCISES})"),
    ("unknown supersedes", checkin(supersedes="no-such-event"),
     "no event with id 'no-such-event' to correct"),
]  # fmt: skip


# --- the CLI ------------------------------------------------------------------------------
def cli_args(event: dict[str, Any]) -> list[str]:
    """The command a runner would type for this event."""
    date = ["--date", event["date"]]
    if event.get("supersedes"):
        replacement = {k: v for k, v in event.items() if k != "supersedes"}
        return ["correct", event["supersedes"], "--json-event", json.dumps(replacement)]
    if event["type"] == "checkin":
        return [
            "checkin",
            *date,
            "--pain",
            str(event["pain_daily"]),
            "--rest-pain",
            "0",
            "--none-of-these",
        ]
    if event["type"] == "run":
        args = ["log", "run", *date, "--minutes", str(event["minutes"]), "--pain-during", "0"]
        return args + (["--cadence", str(event["cadence_spm"])] if "cadence_spm" in event else [])
    exercise = event["exercises"][0]
    spec = f"{exercise['id']}:{','.join(map(str, exercise['sets']))}:{exercise['pain']}"
    return ["log", "strength", *date, "--exercise", spec]


@pytest.fixture
def cli(same_runner_cli: CliRunner) -> Refusal:
    runner = same_runner_cli

    def refuse(event: dict[str, Any]) -> str:
        before = runner.invoke(cli_app, ["export"]).stdout
        result = runner.invoke(cli_app, cli_args(event))
        assert result.exit_code != 0 and result.stdout == ""
        assert runner.invoke(cli_app, ["export"]).stdout == before
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
        return result.stderr.removeprefix("error: ").strip()

    return refuse


# --- the web ------------------------------------------------------------------------------
def unchanged(client: TestClient, act: Callable[[], str]) -> str:
    before = client.get("/api/export").json()
    message = act()
    assert client.get("/api/export").json() == before
    return message


def form_post(event: dict[str, Any]) -> tuple[str, dict[str, str]] | None:
    """The web form that would record this event (None: no form can)."""
    if event.get("supersedes"):
        return None
    date = {"date": event["date"]}
    if event["type"] == "checkin":
        return "/checkin", date | {"pain_daily": str(event["pain_daily"])} | CHECKIN_REST
    if event["type"] == "run":
        fields = date | {"minutes": str(event["minutes"]), "pain_during": "0"}
        if "cadence_spm" in event:
            fields["cadence_spm"] = str(event["cadence_spm"])
        return "/runs", fields
    exercise = event["exercises"][0]
    return "/today/done", {"kind": "strength", "exercise": exercise["id"], "sets": "3",
                           "count": str(exercise["sets"][0]), "pain": "0"}  # fmt: skip


ALERT = re.compile(r'role="alert"[^>]*>(.*?)</', re.S)


def web_form(client: TestClient, event: dict[str, Any]) -> str | None:
    post = form_post(event)
    if post is None:
        return None
    path, fields = post

    def act() -> str:
        response = client.post(path, data={"csrf_token": csrf_of(client)} | fields)
        assert response.status_code == 400, response.text
        found = ALERT.search(response.text)
        assert found, response.text
        return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()

    return unchanged(client, act)


def json_api(client: TestClient, event: dict[str, Any]) -> str:
    def act() -> str:
        token = {"X-CSRF-Token": csrf_of(client)}
        response = client.post("/api/events", json=event, headers=token)
        assert response.status_code in {400, 422}, response.text
        return str(response.json()["detail"])

    return unchanged(client, act)


GPX = """<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk>
<type>running</type><trkseg>
<trkpt lat="48.0" lon="2.0"><time>{date}T08:00:00Z</time></trkpt>
<trkpt lat="48.001" lon="2.0"><time>{date}T08:30:00Z</time></trkpt>
</trkseg></trk></gpx>"""


def an_import(client: TestClient, event: dict[str, Any]) -> str:
    """A future run imported from a watch file; every other bad event in a loaded document."""
    token = {"X-CSRF-Token": csrf_of(client)}

    def act() -> str:
        if event["date"] == FUTURE:
            gpx = GPX.format(date=FUTURE).encode()
            response = client.post("/api/imports", files={"files": ("run.gpx", gpx)},
                                   headers=token)  # fmt: skip
            assert response.status_code == 200 and not response.json()["imported"]
            return str(response.json()["failed"][0]["reason"])
        document = client.get("/api/export").json()
        document["events"].append(event)
        response = client.post("/api/import?replace=true", json=document, headers=token)
        assert response.status_code == 400, response.text
        detail = str(response.json()["detail"])
        prefix = f"event #{len(document['events'])} {event['type']} dated {event['date']}: "
        assert detail.startswith(prefix), detail
        return detail.removeprefix(prefix)

    return unchanged(client, act)


@pytest.mark.parametrize(
    ("event", "sentence"), [pytest.param(e, s, id=name) for name, e, s in BAD_EVENTS]
)
def test_every_edge_refuses_a_bad_event_with_the_same_sentence(
    cli: Refusal, same_runner_web: TestClient, event: dict[str, Any], sentence: str
) -> None:
    expected = sentence.format(today=today())
    assert cli(event) == expected
    assert web_form(same_runner_web, event) in {expected, None}
    assert json_api(same_runner_web, event) == expected
    assert an_import(same_runner_web, event) == expected
