"""The per-process plan cache behind Today is validated against the database on every request:
a change made through another app server (another `create_app` on the same database) shows at
once, and a record replaced with other events of the same count is not mistaken for the old."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.domain.document import Document
from gerdy.domain.events import parse_event
from gerdy.engine import plan_day
from gerdy.web.sessions import SESSION_COOKIE

from .conftest import TODAY, csrf_of, signed_up

PIGEON = re.compile(r'data-exercise="pigeon" data-done="(true|false)"')


def pigeon_done(client: TestClient) -> str:
    page = client.get("/today")
    assert page.status_code == 200
    found = PIGEON.search(page.text)
    assert found, "no pigeon stretch on Today"
    return found.group(1)


def test_a_cached_plan_is_invalidated_by_an_event_logged_on_another_server(
    make_app: Callable[..., FastAPI], database_url: str
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


def test_a_cached_plan_follows_a_profile_change_and_a_replaced_record(
    make_app: Callable[..., FastAPI], database_url: str
) -> None:
    first, second = make_app(database_url), make_app(database_url)
    signed_up(TestClient(first), "ann@example.org")
    one, other = first.state.gerdy, second.state.gerdy
    account = one.accounts.by_email("ann@example.org")
    assert account is not None
    writer = one.coach_for(account.person_handle)
    reader = other.coach_for(account.person_handle)
    profile, plan = reader.profile_and_plan()
    assert reader.profile_and_plan() == (profile, plan)  # cached
    writer.start(profile.model_copy(update={"units": "imperial"}), replace=True)
    assert reader.profile_and_plan()[0].units == "imperial"
    # The same number of events, re-inserted by a replace (SQLite may reuse their `seq`).
    stretch = parse_event({"type": "stretch", "date": TODAY.isoformat(), "items": ["pigeon"]})
    writer.load(Document(profile, (stretch,)), replace=True)
    before = reader.profile_and_plan()[1]
    roll = parse_event({"type": "roll", "date": TODAY.isoformat(), "items": ["tfl_roll"]})
    writer.load(Document(profile, (roll,)), replace=True)
    after = reader.profile_and_plan()[1]
    assert after == plan_day(other.protocol, profile, [roll], TODAY) != before
