"""Accounts: sign-up, sign-in, sign-out, server-side sessions shared by app servers, the login
rate limit (kept in the database), cookie flags."""

from __future__ import annotations

import hashlib

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from gerdy.storage.tables import accounts, rate_limits, web_sessions
from gerdy.web.sessions import SESSION_COOKIE

from .conftest import PASSWORD, MakeApp, csrf_of, sign_in, sign_up


def test_sign_up_sign_out_and_sign_in_again(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client, "Ann@Example.org")
    assert client.get("/intake").status_code == 200
    client.post("/signout", data={"csrf_token": csrf_of(client, "/intake")})
    assert client.get("/today", follow_redirects=False).headers["location"].startswith("/signin")
    assert sign_in(client, "ann@example.org") == 303
    assert client.get("/intake").status_code == 200


def test_password_is_stored_as_an_argon2_hash_and_the_session_token_hashed(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client, "ann@example.org")
    token = client.cookies[SESSION_COOKIE]
    with app.state.gerdy.engine.connect() as connection:
        stored = connection.execute(select(accounts.c.password_hash)).scalar_one()
        hashes = connection.execute(select(web_sessions.c.token_hash)).scalars().all()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert hashes == [hashlib.sha256(token.encode()).hexdigest()]


def test_session_cookie_flags(app: FastAPI) -> None:
    client = TestClient(app)
    token = csrf_of(client, "/signup")
    response = client.post(
        "/signup",
        data={"email": "a@example.org", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age" in cookie
    assert "secure" not in cookie  # plain http test server; https gets Secure (below)


def test_cookies_are_secure_over_https(make_app: MakeApp) -> None:
    client = TestClient(make_app(), base_url="https://testserver")
    token = csrf_of(client, "/signup")
    response = client.post(
        "/signup",
        data={"email": "a@example.org", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert "secure" in response.headers["set-cookie"].lower()


def test_two_app_servers_on_one_database_share_a_session(
    make_app: MakeApp, database_url: str
) -> None:
    """On SQLite and on PostgreSQL (the shared-database deployment)."""
    first, second = make_app(database_url), make_app(database_url)
    one = TestClient(first)
    sign_up(one, "ann@example.org")
    other = TestClient(second, cookies={SESSION_COOKIE: one.cookies[SESSION_COOKIE]})
    assert other.get("/api/me").json()["email"] == "ann@example.org"


def test_wrong_password_and_unknown_email_are_refused_alike(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client, "ann@example.org")
    stranger = TestClient(app)
    assert sign_in(stranger, "ann@example.org", "wrong password!") == 401
    assert sign_in(stranger, "nobody@example.org") == 401


def test_login_is_rate_limited_per_account_and_ip_in_the_database(
    make_app: MakeApp, sqlite_url: str
) -> None:
    app = make_app(sqlite_url)
    sign_up(TestClient(app), "ann@example.org")
    attacker = TestClient(app)
    for _ in range(5):
        assert sign_in(attacker, "ann@example.org", "guess guess guess") == 401
    response_code = sign_in(attacker, "ann@example.org", PASSWORD)
    assert response_code == 429  # even the right password waits
    page = attacker.post(
        "/signin",
        data={
            "email": "ann@example.org",
            "password": "x",
            "csrf_token": csrf_of(attacker, "/signin"),
        },
    )
    assert page.status_code == 429 and "too many failed sign-ins" in page.text
    with app.state.gerdy.engine.connect() as connection:  # per account and per address
        assert connection.execute(select(func.count()).select_from(rate_limits)).scalar() >= 10
    # another app server on the same database sees the same count
    assert sign_in(TestClient(make_app(sqlite_url)), "ann@example.org", PASSWORD) == 429
    # the API sign-in too
    api = TestClient(app)
    token = api.get("/api/csrf").json()["csrf_token"]
    response = api.post(
        "/api/session",
        json={"email": "ann@example.org", "password": PASSWORD},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 429


def test_api_sign_in_returns_the_csrf_token_and_sign_out_ends_the_session(app: FastAPI) -> None:
    sign_up(TestClient(app), "ann@example.org")
    api = TestClient(app)
    token = api.get("/api/csrf").json()["csrf_token"]
    response = api.post(
        "/api/session",
        json={"email": "ann@example.org", "password": PASSWORD},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 200
    csrf = response.json()["csrf_token"]
    assert api.get("/api/me").status_code == 200
    assert api.delete("/api/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert api.get("/api/me").status_code == 401


def test_sign_up_refuses_a_taken_email_and_a_short_password(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client, "ann@example.org")
    other = TestClient(app)
    token = csrf_of(other, "/signup")
    taken = other.post(
        "/signup", data={"email": "ANN@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert taken.status_code == 400 and "sign in instead" in taken.text
    short = other.post(
        "/signup", data={"email": "bob@example.org", "password": "short", "csrf_token": token}
    )
    assert short.status_code == 400 and "10 to" in short.text


def test_an_open_redirect_is_not_followed_after_sign_in(app: FastAPI) -> None:
    sign_up(TestClient(app), "ann@example.org")
    client = TestClient(app)
    token = csrf_of(client, "/signin")
    response = client.post(
        "/signin",
        data={"email": "ann@example.org", "password": PASSWORD, "csrf_token": token,
              "next": "//evil.example/"},
        follow_redirects=False,
    )  # fmt: skip
    assert response.headers["location"] == "/today"


def test_signing_in_removes_expired_sessions(app: FastAPI) -> None:
    import datetime as dt

    from sqlalchemy import func, select

    from gerdy.storage.tables import web_sessions

    state = app.state.gerdy
    client = TestClient(app)
    sign_up(client, "tidy@example.org")
    account = state.accounts.by_email("tidy@example.org")
    state.accounts.open_session(account.id, "e" * 64, "c" * 64, state.now() - dt.timedelta(days=1))

    def stored_sessions() -> int:
        with state.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(web_sessions)).scalar())

    before = stored_sessions()
    sign_in(TestClient(app), "tidy@example.org")
    assert stored_sessions() == before  # one expired row gone, one new session added


def test_ed_6_the_sign_in_page_says_what_gerdy_is_and_what_it_is_not(app: FastAPI) -> None:
    page = TestClient(app).get("/signin").text
    assert 'id="about-gerdy"' in page and "IT band syndrome" in page
    ed_6 = next(e for e in app.state.gerdy.protocol.education if e.id == "ED-6")
    assert 'id="disclaimer"' in page and ed_6.text[:60] in page
