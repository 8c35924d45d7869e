"""The record cache behind Today is checked against the record's version on every request: a
change made through another app server (another `create_app` on the same database) shows at
once, and a record replaced with other events of the same count is not mistaken for the old."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.domain.document import Document
from gerdy.domain.events import parse_event
from gerdy.domain.profile import Profile
from gerdy.engine import DayPlan, plan_day
from gerdy.web.sessions import SESSION_COOKIE
from gerdy.web.state import AppState

from .conftest import ANSWERED, PASSWORD, TODAY, MakeApp, csrf_of, signed_up

PIGEON = re.compile(r'data-exercise="pigeon" data-done="(true|false)"')


def pigeon_done(client: TestClient) -> str:
    page = client.get("/today")
    assert page.status_code == 200
    found = PIGEON.search(page.text)
    assert found, "no pigeon stretch on Today"
    return found.group(1)


def test_a_cached_plan_is_invalidated_by_an_event_logged_on_another_server(
    make_app: MakeApp, database_url: str
) -> None:
    first, second = make_app(database_url), make_app(database_url)
    one = signed_up(TestClient(first), "ann@example.org")
    other = TestClient(second, cookies={SESSION_COOKIE: one.cookies[SESSION_COOKIE]})
    assert pigeon_done(other) == "false"
    assert pigeon_done(other) == "false"  # now served from the cache
    token = csrf_of(one, "/today")
    response = one.post(
        "/today/done", data={"csrf_token": token, "kind": "stretch", "exercise": "pigeon"}
    )
    assert response.status_code == 200
    assert pigeon_done(other) == "true"


def test_progress_and_the_report_follow_a_check_in_logged_on_another_server(
    make_app: MakeApp, database_url: str
) -> None:
    first, second = make_app(database_url), make_app(database_url)
    one = signed_up(TestClient(first), "ann@example.org")
    other = TestClient(second, cookies={SESSION_COOKIE: one.cookies[SESSION_COOKIE]})

    def pain_today() -> object:
        return other.get("/api/progress").json()["pain"][-1]["pain_daily"]

    assert pain_today() is None
    report = other.get("/progress/report.pdf").content
    assert other.get("/progress/report.pdf").content == report  # kept
    token = {"X-CSRF-Token": csrf_of(one)}
    assert (
        one.post("/api/checkins", json=ANSWERED | {"pain_daily": 6}, headers=token).status_code
        == 201
    )
    assert pain_today() == 6
    assert other.get("/progress/report.pdf").content != report


def test_a_cached_plan_follows_a_profile_change_and_a_replaced_record(
    make_app: MakeApp, database_url: str
) -> None:
    first, second = make_app(database_url), make_app(database_url)
    signed_up(TestClient(first), "ann@example.org")
    one: AppState = first.state.gerdy
    other: AppState = second.state.gerdy
    account = one.accounts.by_email("ann@example.org")
    assert account is not None
    writer = one.coach_for(account.person_handle)

    def read() -> tuple[Profile, DayPlan]:  # a request to the other server
        return other.coach_for(account.person_handle).profile_and_plan()

    profile, plan = read()
    assert read() == (profile, plan)  # cached
    writer.start(profile.model_copy(update={"units": "imperial"}), replace=True)
    assert read()[0].units == "imperial"
    # The same number of events, re-inserted by a replace (SQLite may reuse their `seq`).
    stretch = parse_event({"type": "stretch", "date": TODAY.isoformat(), "items": ["pigeon"]})
    writer.load(Document(profile, (stretch,)), replace=True)
    before = read()[1]
    roll = parse_event({"type": "roll", "date": TODAY.isoformat(), "items": ["tfl_roll"]})
    writer.load(Document(profile, (roll,)), replace=True)
    after = read()[1]
    assert after == plan_day(other.protocol, profile, [roll], TODAY) != before


# --- the rendered page (`TODAY_PAGE` in the record cache) ------------------------------------


def count_renders(app: FastAPI) -> list[str]:
    """The template names drawn from now on (a spy on the app's TemplateResponse)."""
    templates = app.state.gerdy.templates
    drawn: list[str] = []
    original = templates.TemplateResponse

    def spy(request: object, name: str, *args: object, **kwargs: object) -> object:
        drawn.append(name)
        return original(request, name, *args, **kwargs)

    templates.TemplateResponse = spy
    return drawn


def test_today_is_drawn_once_per_plan_and_redrawn_after_a_change(app: FastAPI) -> None:
    client = signed_up(TestClient(app), "ann@example.org")
    drawn = count_renders(app)
    first = client.get("/today")
    again = client.get("/today")
    assert drawn == ["today.html"]  # the second came from the page cache
    assert again.text == first.text
    assert 'data-exercise="pigeon" data-done="false"' in again.text
    token = csrf_of(client, "/settings")
    client.post("/today/done", data={"csrf_token": token, "kind": "stretch", "exercise": "pigeon"})
    drawn.clear()
    assert pigeon_done(client) == "true"
    assert drawn == ["today.html"]


def test_a_saved_notice_is_never_kept_for_the_next_visit(app: FastAPI) -> None:
    client = signed_up(TestClient(app), "ann@example.org")
    assert 'role="status">Saved' in client.get("/today?saved=stretch").text
    assert 'role="status">Saved' not in client.get("/today").text


def test_each_session_gets_today_with_its_own_csrf_token(app: FastAPI) -> None:
    phone = signed_up(TestClient(app), "ann@example.org")
    laptop = TestClient(app)
    token = csrf_of(laptop, "/signin")
    laptop.post(
        "/signin",
        data={"email": "ann@example.org", "password": PASSWORD, "csrf_token": token},
    )
    for client in (phone, laptop, phone, laptop):
        page = client.get("/today").text
        own = csrf_of(client, "/settings")
        tokens = set(re.findall(r'name="csrf_token" value="([0-9a-f]+)"', page))
        assert tokens == {own}
