"""CSRF: every state-changing route refuses a request without the token (403) and changes
nothing; the routes are taken from the app itself, so a new route cannot be forgotten."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import ANSWERED, csrf_of
from .routes import concrete, state_changing


def test_there_are_state_changing_routes_to_check(app: FastAPI) -> None:
    assert len(state_changing(app)) >= 15


def test_every_form_and_api_route_refuses_a_missing_token(app: FastAPI, runner: TestClient) -> None:
    before = runner.get("/api/export").json()
    for method, path in state_changing(app):
        url = concrete(path)
        as_form = runner.request(method, url, data={"pain_daily": "3", "kind": "roll"})
        as_json = runner.request(method, url, json={"pain_daily": 3})
        assert as_form.status_code == 403, (method, path, as_form.status_code)
        assert as_json.status_code == 403, (method, path, as_json.status_code)
    assert runner.get("/api/export").json() == before


def test_every_route_refuses_a_wrong_token(app: FastAPI, runner: TestClient) -> None:
    for method, path in state_changing(app):
        response = runner.request(
            method, concrete(path), data={"csrf_token": "f" * 64}, headers={"X-CSRF-Token": "0"}
        )
        assert response.status_code == 403, (method, path)


def test_anonymous_forms_need_the_cookie_token_too(app: FastAPI) -> None:
    client = TestClient(app)
    response = client.post("/signup", data={"email": "a@example.org", "password": "x" * 12})
    assert response.status_code == 403
    # another browser's token does not work with this browser's cookie
    token = csrf_of(TestClient(app), "/signup")
    client.get("/signup")
    response = client.post(
        "/signup", data={"email": "a@example.org", "password": "x" * 12, "csrf_token": token}
    )
    assert response.status_code == 403


def test_the_header_is_accepted_for_htmx_and_api_calls(runner: TestClient) -> None:
    token = csrf_of(runner)
    response = runner.post(
        "/api/checkins", json=ANSWERED | {"pain_daily": 2}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 201
