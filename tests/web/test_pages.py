"""Every page renders for a new runner and for the demo runner; what the pages log reaches
the record; the intake shows its red flags first (RED-9); alerts come first on Today."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.web.demo_account import DEMO_EMAIL

from .conftest import ALL_NO, CHECKIN_REST, TODAY, MakeApp, csrf_of, sign_in, sign_up

PAGES = (
    "/today", "/checkin", "/runs", "/progress", "/library", "/library/clamshell", "/learn",
    "/calendar", "/settings", "/welcome", "/session/roll", "/session/stretch", "/history",
    "/history?kind=run",
    "/session/strength",
)  # fmt: skip


@pytest.fixture
def demo_client(make_app: MakeApp) -> TestClient:
    app = make_app(demo=True)
    email, password = app.state.gerdy.demo_credentials
    client = TestClient(app)
    assert sign_in(client, email, password) == 303
    return client


@pytest.mark.parametrize("path", PAGES)
def test_each_page_renders_for_a_new_runner(runner: TestClient, path: str) -> None:
    response = runner.get(path)
    assert response.status_code == 200, response.text
    assert "<main" in response.text and 'name="csrf-token"' in response.text


@pytest.mark.parametrize("path", PAGES)
def test_each_page_renders_for_the_demo_runner(demo_client: TestClient, path: str) -> None:
    response = demo_client.get(path)
    assert response.status_code == 200, response.text


def test_demo_account_is_refreshed_with_a_new_password(make_app: MakeApp) -> None:
    first = make_app(demo=True).state.gerdy.demo_credentials
    second = make_app(demo=True).state.gerdy.demo_credentials
    assert first[0] == second[0] == DEMO_EMAIL and first[1] != second[1]


def test_a_new_account_starts_at_the_intake(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client, "new@example.org")
    assert client.get("/today", follow_redirects=False).headers["location"] == "/intake"
    assert client.get("/api/plan/today").status_code == 409


def test_red_9_intake_red_flags_shown_first(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client, "flag@example.org")
    token = csrf_of(client, "/intake")
    page = client.get("/intake").text
    assert "RED-1" in page and "RED-11" in page  # the screen asks every question
    response = client.post(
        "/intake",
        data={"csrf_token": token, "side": "left", "weekly_minutes": "90", **ALL_NO,
              "cannot_bear_weight": "yes", "numbness": "yes"},
    )  # fmt: skip
    text = response.text
    main = text[text.index("<main") :]
    assert main.index('id="intake-red-flags"') < main.index("Your plan is saved")
    assert 'role="alert"' in main and "RED-1" in main and "RED-3" in main


def test_red_flags_come_first_on_today_as_alerts(runner: TestClient) -> None:
    token = csrf_of(runner, "/checkin")
    runner.post(
        "/checkin", data={"csrf_token": token, "pain_daily": "2", "numbness": "yes"} | CHECKIN_REST
    )
    text = runner.get("/today").text
    alert = text.index('class="alert alert-red_flag"')
    assert alert < text.index('id="tasks"')
    assert 'role="alert"' in text[alert - 10 : alert + 200]


def test_today_lists_tasks_in_order_with_rule_and_why(runner: TestClient) -> None:
    text = runner.get("/today").text
    kinds = re.findall(r'class="task task-(\w+)', text)
    # RTR-6, the day's order (v1.1): strength never before the run
    if "run" in kinds:
        sequence = ["roll", "activation", "run", "stretch", "strength", "cross", "ice"]
    else:
        sequence = ["roll", "stretch", "strength", "cross", "ice"]
    ranks = [sequence.index(kind) for kind in kinds]
    assert kinds and ranks == sorted(ranks)
    task_re = r'<li class="task task-\w+[^>]*data-rule="([^"]+)"[^>]*>(.*?)</li>'
    tasks = re.findall(task_re, text, re.S)
    assert len(tasks) == len(kinds)
    for rule, body in tasks:  # every task says why, with its rule, without a tap
        assert f'why? <span class="rule">{rule}</span>' in body.split("</summary>")[0]


def test_a_tick_logs_the_matching_event(runner: TestClient) -> None:
    token = csrf_of(runner, "/today")
    response = runner.post(
        "/today/done", data={"csrf_token": token, "kind": "stretch", "exercise": "pigeon"}
    )
    assert response.status_code == 200
    events = runner.get("/api/events").json()
    assert events[-1]["type"] == "stretch" and events[-1]["items"] == ["pigeon"]
    assert events[-1]["date"] == TODAY.isoformat()


def test_checkin_and_run_forms_log_events(runner: TestClient) -> None:
    token = csrf_of(runner, "/checkin")
    runner.post("/checkin", data={"csrf_token": token, "pain_daily": "4", "pain_rest": "1",
                                  "swelling": "yes", "no_symptoms": "yes"})  # fmt: skip
    runner.post("/runs", data={"csrf_token": token, "minutes": "12", "distance": "2",
                               "pain_during": "0"})  # fmt: skip
    checkin, run = runner.get("/api/events").json()[-2:]
    assert checkin["pain_daily"] == 4 and checkin["swelling"] is True
    assert run["minutes"] == 12 and run["distance_km"] == 2


def test_the_guided_strength_form_logs_effort_and_pain(demo_client: TestClient) -> None:
    page = demo_client.get("/session/strength").text
    exercise = re.search(r'data-exercise="(\w+)" data-rule', page)
    if exercise is None:
        pytest.skip("no strength session prescribed on the demo's day")
    name = exercise.group(1)
    data = {
        "csrf_token": csrf_of(demo_client, "/session/strength"),
        f"ex-{name}-done": "yes",
        f"ex-{name}-set-1": "12",
        f"ex-{name}-pain": "1",
        f"ex-{name}-effort": "hard",
    }
    assert demo_client.post("/session/strength", data=data).status_code == 200
    logged = demo_client.get("/api/events").json()[-1]
    assert logged["exercises"][0] == {
        "id": name, "sets": [12], "pain": 1, "effort": "hard", "knee_caved_in": False
    }  # fmt: skip


def test_session_steps_carry_the_player_timings(demo_client: TestClient) -> None:
    page = demo_client.get("/session/roll").text
    assert 'data-seconds-min="60"' in page and "data-rest-s=" in page
    steps = demo_client.get("/api/session/roll").json()
    assert steps and steps[0]["seconds"] == 60


def test_progress_series_and_tables(demo_client: TestClient) -> None:
    series = demo_client.get("/api/progress").json()
    assert len(series["pain"]) == 42 and series["weekly_minutes"]
    assert series["gate"][-1]["met"] is True
    page = demo_client.get("/progress").text
    for chart in ("pain", "weekly-minutes", "adherence", "gate"):
        assert f'data-src="/api/progress/{chart}"' in page
    assert demo_client.get("/api/progress/weekly-minutes").status_code == 200


def test_units_change_what_the_runs_page_asks(runner: TestClient) -> None:
    token = csrf_of(runner)
    runner.post("/settings/profile", data={"csrf_token": token, "units": "imperial",
                                           "timezone": "America/New_York"})  # fmt: skip
    assert "Distance (mi" in runner.get("/runs").text
    runner.post(
        "/runs", data={"csrf_token": token, "minutes": "20", "distance": "1", "pain_during": "0"}
    )
    assert runner.get("/api/events").json()[-1]["distance_km"] == pytest.approx(1.609, 0.01)
    assert runner.get("/api/profile").json()["timezone"] == "America/New_York"
