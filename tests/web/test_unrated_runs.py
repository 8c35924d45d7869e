"""Answered, never assumed (v1.2): Today's one tap on "Log the run" saves an unrated run (no
pain answer, never pain 0) and opens its questions at once; Today lists the runs waiting
for answers with "Rate this run", and asks the 2-hour question from 2 h after the run."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import NOW, MakeApp, csrf_of, signed_up


def one_tap(client: TestClient, minutes: str = "15") -> tuple[str, str]:
    """Today's "Log the run"; returns the new run's id and where the tap led."""
    tapped = client.post(
        "/today/done",
        data={"csrf_token": csrf_of(client, "/today"), "kind": "run", "minutes": minutes},
        follow_redirects=False,
    )
    assert tapped.status_code == 303, tapped.text
    run = client.get("/api/events").json()[-1]
    return run["id"], tapped.headers["location"]


def test_rtr_1_a_one_tap_run_is_unrated_and_its_questions_open_at_once(runner: TestClient) -> None:
    run_id, location = one_tap(runner)
    run = runner.get("/api/events").json()[-1]
    assert run["type"] == "run" and "pain_during" not in run  # not pain 0: not answered
    assert location == f"/runs/{run_id}/rate"
    rate = runner.get(location).text
    assert 'name="pain_during"' in rate and "Did the pain get worse during the run?" in rate
    assert "The 2-hour question comes at" in rate  # logged just now: asked from 2 h after

    today = runner.get("/today").text
    assert f'data-run="{run_id}"' in today and "Rate this run" in today

    refused = runner.post(location, data={"csrf_token": csrf_of(runner)})
    assert refused.status_code == 400 and "Not answered" in refused.text
    answered = runner.post(location, data={"csrf_token": csrf_of(runner), "pain_during": "0"})
    assert answered.status_code == 200  # followed to Today
    run = runner.get("/api/events").json()[-1]
    assert run["pain_during"] == 0 and run["pain_worsened"] is False
    assert run["supersedes"] == run_id and "pain_after_hours" not in run
    assert "the 2-hour question comes at" in runner.get("/today").text


def test_ws_2_the_2_hour_question_is_asked_from_2_h_after_the_run(make_app: MakeApp) -> None:
    now = [NOW]
    app: FastAPI = make_app(clock=lambda: now[0])
    client = signed_up(TestClient(app), "later@example.org")
    _run_id, location = one_tap(client)
    client.post(location, data={"csrf_token": csrf_of(client), "pain_during": "2",
                                "pain_worsened": "no"})  # fmt: skip
    assert "Answer it" not in client.get("/today").text
    now[0] = NOW + dt.timedelta(hours=2, minutes=1)
    today = client.get("/today").text
    assert "the 2-hour question is due" in today and "Answer it" in today
    answered_id = client.get("/api/events").json()[-1]["id"]
    rate = client.get(f"/runs/{answered_id}/rate").text
    assert 'name="pain_after_hours"' in rate and 'name="pain_during"' not in rate
    client.post(f"/runs/{answered_id}/rate",
                data={"csrf_token": csrf_of(client), "pain_after_hours": "0"})  # fmt: skip
    run = client.get("/api/events").json()[-1]
    assert run["pain_during"] == 2 and run["pain_after_hours"] == 0
    assert 'id="runs-to-rate"' not in client.get("/today").text
