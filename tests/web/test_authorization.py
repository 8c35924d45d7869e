"""Authorization: runner A cannot read or change runner B's record through any page or API
route (tried route by route, with B's ids where a route takes any), and nothing works
signed out."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import PASSWORD, TODAY, csrf_of, signed_up
from .routes import SAFE, concrete, reading, routes

SECRET = "B-SECRET-NOTE"


def b_with_data(app: FastAPI) -> tuple[TestClient, str, str]:
    """Runner B with a check-in carrying a secret note; returns (client, event id, token)."""
    b = signed_up(TestClient(app), "bee@example.org")
    token = csrf_of(b)
    response = b.post(
        "/api/checkins",
        json={
            "pain_daily": 3,
            "pain_rest": 1,
            "note": SECRET,
            "swelling": True,
            "none_of_these": True,
        },
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 201
    feed = app.state.gerdy.accounts.by_email("bee@example.org").calendar_token
    return b, response.json()["event"]["id"], feed


def test_a_cannot_read_b_through_any_get_route(app: FastAPI, runner: TestClient) -> None:
    _b, event_id, _feed = b_with_data(app)
    for _method, path in reading(app):
        if path == "/calendar/feed/{token}.ics":
            continue  # a capability URL: checked below with A's own and a guessed token
        response = runner.get(concrete(path, {"date": TODAY.isoformat(), "event_id": event_id}))
        assert SECRET not in response.text, path
        assert "bee@example.org" not in response.text, path
        assert event_id not in response.text, path


def test_a_guessed_calendar_feed_token_finds_nothing(app: FastAPI, runner: TestClient) -> None:
    b_with_data(app)
    assert runner.get("/calendar/feed/" + "a" * 64 + ".ics").status_code == 404
    assert runner.get("/calendar/feed/short.ics").status_code == 404


def test_a_cannot_change_b_through_any_route(app: FastAPI, runner: TestClient) -> None:
    b, event_id, _feed = b_with_data(app)
    before = b.get("/api/export").json()
    token = csrf_of(runner)
    headers = {"X-CSRF-Token": token}
    attempts: dict[str, Any] = {
        "supersedes": event_id,
        "id": event_id,
        "type": "checkin",
        "date": TODAY.isoformat(),
        "pain_daily": 9,
        "csrf_token": token,
    }
    for method, path in routes(app):
        if method in SAFE or path in (
            "/settings/delete",
            "/api/account",
            "/signout",
            "/signout/everywhere",
            "/api/session",
            "/api/sessions",
        ):
            continue
        url = concrete(path, {"event_id": event_id})
        runner.request(method, url, data=attempts, headers=headers)
        runner.request(method, url, json=attempts, headers=headers)
    # a correction naming B's event is refused: A's record does not hold it
    response = runner.post(
        "/api/events",
        json={"type": "checkin", "date": TODAY.isoformat(), "pain_daily": 0,
              "supersedes": event_id},
        headers=headers,
    )  # fmt: skip
    assert response.status_code == 400
    # A deletes A's own account: B is untouched
    runner.request("DELETE", "/api/account", json={"password": PASSWORD}, headers=headers)
    assert b.get("/api/export").json() == before


def test_signed_out_every_route_is_refused_or_redirected(app: FastAPI) -> None:
    anonymous = TestClient(app)
    public = {"/", "/healthz", "/favicon.ico", "/signin", "/signup", "/api/csrf"}
    public |= {"/manifest.webmanifest", "/sw.js", "/offline"}  # the installable app's, nobody's
    for method, path in routes(app):
        if path in public or path.startswith("/api/session") or method not in SAFE:
            continue
        if path == "/calendar/feed/{token}.ics":
            continue
        response = anonymous.request(method, concrete(path), follow_redirects=False)
        expected = 401 if path.startswith("/api/") else 303
        assert response.status_code == expected, path
