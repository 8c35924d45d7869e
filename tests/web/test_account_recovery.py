"""After `gerdy users reset-password`: the one-time password opens the account only to choose
a new one; the browsers that had signed in before no longer skip the sign-in delay, and the
calendar feed's old address stops working. A deleted account's id is never another's, so its
device cookie is worth nothing to the next account either."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.services.accounts import reset_password

from .conftest import PASSWORD, csrf_of, sign_in, signed_up
from .test_account_settings import change_password

NEW_PASSWORD = "a quiet walk along the river bank"


def reset(app: FastAPI, email: str) -> str:
    return reset_password(app.state.gerdy.accounts, email).password


def test_the_one_time_password_must_be_changed_at_the_next_sign_in(app: FastAPI) -> None:
    signed_up(TestClient(app), "ann@example.org")
    one_time = reset(app, "ann@example.org")
    browser = TestClient(app)
    token = csrf_of(browser, "/signin")
    signed = browser.post(
        "/signin",
        data={"email": "ann@example.org", "password": one_time, "csrf_token": token},
        follow_redirects=False,
    )
    assert signed.status_code == 303
    assert signed.headers["location"] == "/settings/password"
    page = browser.get("/settings/password")
    assert page.status_code == 200 and 'id="password-form"' in page.text
    for path in ("/today", "/settings", "/history"):
        held = browser.get(path, follow_redirects=False)
        assert (held.status_code, held.headers["location"]) == (303, "/settings/password")
    assert browser.get("/api/me").status_code == 403
    api = TestClient(app)
    refused = api.post(
        "/api/session",
        json={"email": "ann@example.org", "password": one_time},
        headers={"X-CSRF-Token": api.get("/api/csrf").json()["csrf_token"]},
    )
    assert refused.status_code == 403 and "new password" in refused.json()["detail"]
    assert change_password(browser, one_time, NEW_PASSWORD).status_code == 303
    assert browser.get("/today").status_code == 200
    assert sign_in(TestClient(app), "ann@example.org", one_time) == 401
    assert sign_in(TestClient(app), "ann@example.org", NEW_PASSWORD) == 303


def wrong_tries(client: TestClient, email: str, count: int) -> list[int]:
    return [sign_in(client, email, f"wrong guess number {n}") for n in range(count)]


def test_a_reset_ends_the_device_cookie_and_the_calendar_feed(app: FastAPI) -> None:
    ann = signed_up(TestClient(app), "ann@example.org")  # this browser holds the device cookie
    account = app.state.gerdy.accounts.by_email("ann@example.org")
    feed = f"/calendar/feed/{account.calendar_token}.ics"
    assert ann.get(feed).status_code == 200
    assert 429 not in wrong_tries(ann, "ann@example.org", 7)  # the owner's browser is trusted
    reset(app, "ann@example.org")
    assert TestClient(app).get(feed).status_code == 404
    assert 429 in wrong_tries(ann, "ann@example.org", 7)


def test_a_deleted_accounts_device_cookie_does_not_trust_the_next_account(app: FastAPI) -> None:
    """The device cookie names an account id; ids used to be given again after a deletion."""
    old = signed_up(TestClient(app), "old@example.org")
    signed_up(TestClient(app), "keep@example.org")
    victim_browser = signed_up(TestClient(app), "gone@example.org")
    deleted = victim_browser.post(
        "/settings/delete",
        data={"password": PASSWORD, "csrf_token": csrf_of(victim_browser)},
        follow_redirects=False,
    )
    assert deleted.status_code == 303
    signed_up(TestClient(app), "new@example.org")
    new_id = app.state.gerdy.accounts.by_email("new@example.org").id
    assert new_id != 3
    assert old.get("/api/me").status_code == 200
    assert 429 in wrong_tries(victim_browser, "new@example.org", 7)


def test_clinicians_manage_their_account_as_runners_do(app: FastAPI) -> None:
    from .clinic import clinician_client, shared

    runner = signed_up(TestClient(app), "runner@example.org")
    physio = clinician_client(app)
    shared(app, runner, physio)
    page = physio.get("/settings")
    assert page.status_code == 200
    for form in ("password-form", "email-form", "signout-everywhere-form", "delete-form"):
        assert f'id="{form}"' in page.text
    assert 'href="/settings"' in physio.get("/caseload").text
    assert change_password(physio, PASSWORD, NEW_PASSWORD).status_code == 303
    assert sign_in(TestClient(app), "physio@example.org", NEW_PASSWORD) == 303
    moved = physio.post(
        "/settings/email",
        data={"email": "ana@example.org", "password": NEW_PASSWORD, "csrf_token": csrf_of(physio)},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    other = TestClient(app)
    assert sign_in(other, "ana@example.org", NEW_PASSWORD) == 303
    ended = physio.post(
        "/signout/everywhere", data={"csrf_token": csrf_of(physio)}, follow_redirects=False
    )
    assert ended.status_code == 303
    assert other.get("/caseload", follow_redirects=False).status_code == 303
    assert sign_in(physio, "ana@example.org", NEW_PASSWORD) == 303
    gone: httpx.Response = physio.post(
        "/settings/delete",
        data={"password": NEW_PASSWORD, "csrf_token": csrf_of(physio)},
        follow_redirects=False,
    )
    assert gone.status_code == 303
    assert app.state.gerdy.accounts.by_email("ana@example.org") is None
    assert "data-clinician=" not in runner.get("/sharing").text  # their access went with them
