"""Settings → Account: changing the password (the current one asked, the sign-up rules, every
other session ended) and the e-mail address (the password asked, a taken address refused in
words that do not say it is taken by someone, changes limited per hour). A refusal changes
nothing."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.services.accounts import EMAIL_UNAVAILABLE

from .conftest import PASSWORD, csrf_of, sign_in, sign_up, signed_up

NEW_PASSWORD = "a quiet walk along the river bank"


def change_password(
    client: TestClient, current: str, new: str, token: str | None = None
) -> httpx.Response:
    data = {"current_password": current, "new_password": new}
    data["csrf_token"] = csrf_of(client) if token is None else token
    response: httpx.Response = client.post("/settings/password", data=data, follow_redirects=False)
    return response


def change_email(client: TestClient, email: str, password: str = PASSWORD) -> httpx.Response:
    data = {"email": email, "password": password, "csrf_token": csrf_of(client)}
    response: httpx.Response = client.post("/settings/email", data=data, follow_redirects=False)
    return response


def signed_in(app: FastAPI, email: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(app)
    assert sign_in(client, email, password) == 303
    return client


def test_a_password_change_signs_out_every_other_session(app: FastAPI) -> None:
    here = signed_up(TestClient(app), "ann@example.org")
    phone = signed_in(app, "ann@example.org")
    laptop = signed_in(app, "ann@example.org")
    bob = signed_up(TestClient(app), "bob@example.org")
    old_cookie = here.cookies.get("gerdy_session")

    response = change_password(here, PASSWORD, NEW_PASSWORD)

    assert response.status_code == 303
    assert response.headers["location"] == "/settings?saved=password#settings-notice"
    assert here.cookies.get("gerdy_session") != old_cookie  # a fresh session for this browser
    assert here.get("/api/me").status_code == 200
    assert "Password changed" in here.get("/settings?saved=password").text
    assert phone.get("/api/me").status_code == 401
    assert laptop.get("/api/me").status_code == 401
    assert bob.get("/api/me").status_code == 200  # another account is untouched
    stale = TestClient(app, cookies={"gerdy_session": old_cookie})
    assert stale.get("/api/me").status_code == 401  # the replaced session is closed too
    assert sign_in(TestClient(app), "ann@example.org", PASSWORD) == 401
    assert sign_in(TestClient(app), "ann@example.org", NEW_PASSWORD) == 303


def test_a_wrong_current_password_changes_nothing(app: FastAPI) -> None:
    here = signed_up(TestClient(app), "ann@example.org")
    other = signed_in(app, "ann@example.org")

    response = change_password(here, "not my password at all", NEW_PASSWORD)

    assert response.status_code == 401
    assert "your current password is not right. Nothing was changed." in response.text
    assert 'id="password-error"' in response.text
    assert other.get("/api/me").status_code == 200
    assert sign_in(TestClient(app), "ann@example.org", NEW_PASSWORD) == 401
    assert sign_in(TestClient(app), "ann@example.org", PASSWORD) == 303


@pytest.mark.parametrize(
    ("new", "says"),
    [
        ("short", "a password needs 10 to 1024 characters"),
        ("password123", "among the most common ones"),
        ("aaaaaaaaaaaa", "one character repeated"),
        ("ann@example.org", "made from your e-mail address"),
        ("ann_____________2026", "made from your e-mail address"),
    ],
)
def test_a_weak_new_password_is_refused_with_the_sign_up_rules(
    app: FastAPI, new: str, says: str
) -> None:
    here = signed_up(TestClient(app), "ann@example.org")
    other = signed_in(app, "ann@example.org")

    response = change_password(here, PASSWORD, new)

    assert response.status_code == 400
    assert says in response.text and "Nothing was changed." in response.text
    assert other.get("/api/me").status_code == 200
    assert here.get("/api/me").status_code == 200
    assert sign_in(TestClient(app), "ann@example.org", PASSWORD) == 303


def test_a_password_change_without_the_csrf_token_is_refused(app: FastAPI) -> None:
    here = signed_up(TestClient(app), "ann@example.org")
    other = signed_in(app, "ann@example.org")
    for token in ("", "f" * 64, csrf_of(other)):  # none, forged, another session's
        response = change_password(here, PASSWORD, NEW_PASSWORD, token=token)
        assert response.status_code == 403, token
    assert other.get("/api/me").status_code == 200
    assert sign_in(TestClient(app), "ann@example.org", PASSWORD) == 303


def test_the_email_changes_with_the_password(app: FastAPI) -> None:
    here = signed_up(TestClient(app), "ann@example.org")

    response = change_email(here, "  Ann.New@Example.org ")

    assert response.status_code == 303
    assert "sign in with ann.new@example.org" in here.get("/settings?saved=email").text
    assert sign_in(TestClient(app), "ann.new@example.org") == 303
    assert sign_in(TestClient(app), "ann@example.org") == 401
    assert here.get("/api/me").status_code == 200


def test_an_email_change_with_a_wrong_password_changes_nothing(app: FastAPI) -> None:
    here = signed_up(TestClient(app), "ann@example.org")
    response = change_email(here, "ann.new@example.org", "not my password at all")
    assert response.status_code == 401
    assert 'id="email-error"' in response.text
    assert sign_in(TestClient(app), "ann@example.org") == 303
    assert sign_in(TestClient(app), "ann.new@example.org") == 401


def test_a_taken_email_is_refused_without_saying_whose_it_is(app: FastAPI) -> None:
    sign_up(TestClient(app), "bob@example.org")
    here = signed_up(TestClient(app), "ann@example.org")

    taken = change_email(here, "BOB@example.org")

    assert taken.status_code == 400
    assert EMAIL_UNAVAILABLE in taken.text
    for word in ("exists", "already", "taken", "another account", "in use"):
        assert word not in EMAIL_UNAVAILABLE
    assert sign_in(TestClient(app), "ann@example.org") == 303
    assert sign_in(TestClient(app), "bob@example.org") == 303
    invalid = change_email(here, "not an address")
    assert invalid.status_code == 400 and "give a valid email address" in invalid.text


def test_email_changes_are_limited_per_account(app: FastAPI) -> None:
    for n in range(3):
        sign_up(TestClient(app), f"taken{n}@example.org")
    here = signed_up(TestClient(app), "ann@example.org")
    limit = app.state.gerdy.settings.email_changes_per_hour
    for n in range(limit):
        assert change_email(here, f"taken{n % 3}@example.org").status_code == 400
    refused = change_email(here, "free@example.org")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "too many e-mail changes" in refused.text
    assert sign_in(TestClient(app), "free@example.org") == 401
