"""Abuse cases from the security review of the web app: each test replays one attack and
checks the app holds (passwords, private caching, failure wording, sessions, CSRF, sign-in
throttling, trusted hosts...)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from starlette.types import Message

from gerdy.storage.tables import rate_limits, web_sessions
from gerdy.web.app import create_app
from gerdy.web.sessions import ANON_CSRF_COOKIE, SESSION_COOKIE

from .conftest import NOW, PASSWORD, MakeApp, csrf_of, sign_in, sign_up


def try_sign_up(client: TestClient, email: str, password: str) -> tuple[int, str]:
    token = csrf_of(client, "/signup")
    response = client.post(
        "/signup", data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    return response.status_code, response.text


@pytest.mark.parametrize(
    "password",
    ["1234567890", " " * 10, "qwertyuiop", "aaaaaaaaaaaa", "ann.smith@example.org", "annsmith2024"],
)
def test_weak_passwords_are_refused_at_sign_up(app: FastAPI, password: str) -> None:
    """NIST SP 800-63B: at least 10 characters, not a common password, not the e-mail."""
    status, text = try_sign_up(TestClient(app), "ann.smith@example.org", password)
    assert status == 400
    assert "password" in text


def test_a_long_uncommon_password_is_accepted(app: FastAPI) -> None:
    status, _ = try_sign_up(TestClient(app), "ann@example.org", "violet kettle under rain")
    assert status == 303


def test_personal_responses_are_never_stored_by_the_browser(runner: TestClient) -> None:
    """After sign-out, Back must not show Progress from the disk cache."""
    for path in ("/today", "/progress", "/settings", "/api/me", "/api/progress", "/api/export"):
        response = runner.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers.get("cache-control", ""), path
    anonymous = TestClient(runner.app)
    assert "no-store" in anonymous.get("/signin").headers.get("cache-control", "")


def test_import_failures_are_told_in_words_not_exception_names(
    runner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A decoder bug (here a TypeError) is reported to the runner without Python's names."""
    import fitdecode  # type: ignore[import-untyped]

    from gerdy.importers import pipeline

    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("unsupported operand type(s) for +: 'NoneType' and 'int'")

    monkeypatch.setattr(fitdecode, "FitReader", broken)
    from gerdy.importers.base import ImportFailure
    from gerdy.importers.fit_library import decode_fit

    with pytest.raises(ImportFailure) as failure:
        decode_fit(b"\x0e\x10" + b"\x00" * 30)
    assert "TypeError" not in failure.value.reason and "corrupt" in failure.value.reason

    monkeypatch.setattr(pipeline, "decode_activity_file", broken)
    token = csrf_of(runner)
    parts = [("files", ("run.gpx", b"<gpx></gpx>", "application/gpx+xml"))]
    response = runner.post("/api/imports", files=parts, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    [failed] = response.json()["failed"]
    assert "TypeError" not in failed["reason"] and "NoneType" not in failed["reason"]
    assert "could not be read" in failed["reason"]


# --- sign-in throttling (per account with a progressive delay, per address) ----------------
NAT = ("203.0.113.7", 40000)


def sign_in_from(app: FastAPI, address: str, email: str, password: str) -> Response:
    client = TestClient(app, client=(address, 40000))
    token = csrf_of(client, "/signin")
    response: Response = client.post(
        "/signin", data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    return response


def test_wrong_passwords_from_the_owners_address_do_not_lock_the_owner_out(app: FastAPI) -> None:
    """Someone at the same address (a clinic's or a home's NAT) guesses; the owner's browser,
    which signed in before, still gets in at once."""
    owner = TestClient(app, client=NAT)
    sign_up(owner, "ann@example.org")
    owner.post("/signout", data={"csrf_token": csrf_of(owner, "/intake")})
    for _ in range(6):
        assert sign_in_from(app, NAT[0], "ann@example.org", "guess guess guess").status_code in {
            401,
            429,
        }
    assert sign_in(owner, "ann@example.org") == 303


def test_guesses_against_one_account_are_slowed_whatever_the_address(app: FastAPI) -> None:
    """Rotating addresses (or a forged X-Forwarded-For) does not reset the account's count;
    the refusal says when to come back."""
    sign_up(TestClient(app), "ann@example.org")
    codes = [
        sign_in_from(app, f"198.51.100.{n}", "ann@example.org", "guess guess guess").status_code
        for n in range(1, 9)
    ]
    assert codes[:5] == [401] * 5
    refused = sign_in_from(app, "198.51.100.77", "ann@example.org", PASSWORD)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1


def test_one_address_guessing_many_accounts_is_refused_with_retry_after(app: FastAPI) -> None:
    codes = [
        sign_in_from(app, "192.0.2.9", f"user{n}@example.org", "guess guess guess").status_code
        for n in range(40)
    ]
    assert codes[0] == 401 and codes[-1] == 429
    response = sign_in_from(app, "192.0.2.9", "other@example.org", "guess guess guess")
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0
    api = TestClient(app, client=("192.0.2.9", 1))
    token = api.get("/api/csrf").json()["csrf_token"]
    response = api.post(
        "/api/session",
        json={"email": "x@example.org", "password": "guess guess guess"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0


def test_proxy_headers_are_trusted_only_from_the_addresses_given(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    """Without --forwarded-allow-ips nobody may set the client address by X-Forwarded-For."""
    import uvicorn
    from typer.testing import CliRunner

    from gerdy.cli.app import app as cli

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    monkeypatch.setenv("GERDY_DATABASE_URL", sqlite_url)
    assert CliRunner().invoke(cli, ["serve"]).exit_code == 0
    assert calls[-1].get("proxy_headers") is False
    assert CliRunner().invoke(cli, ["serve", "--forwarded-allow-ips", "10.0.0.2"]).exit_code == 0
    assert calls[-1]["proxy_headers"] is True
    assert calls[-1]["forwarded_allow_ips"] == "10.0.0.2"


# --- sign-up ----------------------------------------------------------------------------------
def test_sign_up_does_not_say_an_account_exists_and_is_limited_per_address(
    app: FastAPI,
) -> None:
    sign_up(TestClient(app), "ann@example.org")
    prober = TestClient(app, client=("192.0.2.50", 1))
    status, text = try_sign_up(prober, "ann@example.org", "a different passphrase")
    assert status == 400 and "exist" not in text.lower()
    codes = [
        try_sign_up(prober, f"new{n}@example.org", "violet kettle under rain")[0] for n in range(12)
    ]
    assert codes[-1] == 429


# --- sessions ---------------------------------------------------------------------------------
def test_signing_in_replaces_the_browsers_old_session(app: FastAPI) -> None:
    sign_up(TestClient(app), "ann@example.org")
    sign_up(TestClient(app), "bob@example.org")
    browser = TestClient(app)
    assert sign_in(browser, "ann@example.org") == 303
    ann_cookie = browser.cookies[SESSION_COOKIE]
    assert sign_in_over(browser, "bob@example.org") == 303
    stale = TestClient(app, cookies={SESSION_COOKIE: ann_cookie})
    assert stale.get("/api/me").status_code == 401


def sign_in_over(client: TestClient, email: str) -> int:
    """Post the sign-in form while a session is live (another person on the same browser)."""
    token = csrf_of(client, "/intake")
    response = client.post(
        "/signin", data={"email": email, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    status: int = response.status_code
    return status


def test_an_account_keeps_at_most_twenty_live_sessions(app: FastAPI) -> None:
    first = TestClient(app)
    sign_up(first, "ann@example.org")
    for _ in range(24):
        assert sign_in(TestClient(app), "ann@example.org") == 303
    with app.state.gerdy.engine.connect() as connection:
        live = connection.execute(select(func.count()).select_from(web_sessions)).scalar()
    assert live == 20
    assert first.get("/api/me").status_code == 401  # the oldest was dropped


def test_sign_out_everywhere_ends_every_session_of_the_account(app: FastAPI) -> None:
    one = TestClient(app)
    sign_up(one, "ann@example.org")
    two = TestClient(app)
    assert sign_in(two, "ann@example.org") == 303
    bob = TestClient(app)
    sign_up(bob, "bob@example.org")
    response = one.post("/signout/everywhere", data={"csrf_token": csrf_of(one, "/intake")})
    assert response.status_code == 200
    assert one.get("/api/me").status_code == 401 and two.get("/api/me").status_code == 401
    assert bob.get("/api/me").status_code == 200
    three = TestClient(app)
    assert sign_in(three, "ann@example.org") == 303
    token = three.get("/api/csrf").json()["csrf_token"]
    assert three.delete("/api/sessions", headers={"X-CSRF-Token": token}).status_code == 204
    assert three.get("/api/me").status_code == 401


def test_restarting_the_demo_ends_the_old_demo_sessions(make_app: MakeApp) -> None:
    first = make_app(demo=True)
    email, password = first.state.gerdy.demo_credentials
    visitor = TestClient(first)
    assert sign_in(visitor, email, password) == 303
    make_app(demo=True)  # the server restarts with --demo
    assert visitor.get("/api/me").status_code == 401


def test_deleting_the_account_needs_the_password(runner: TestClient) -> None:
    token = csrf_of(runner)
    refused = runner.post("/settings/delete", data={"csrf_token": token, "confirm": "delete"})
    assert refused.status_code in {400, 401}
    wrong = runner.post(
        "/settings/delete", data={"csrf_token": token, "password": "not my password"}
    )
    assert wrong.status_code in {400, 401}
    api = runner.request(
        "DELETE", "/api/account", json={"confirm": "delete"}, headers={"X-CSRF-Token": token}
    )
    assert api.status_code in {400, 401, 422}
    assert runner.get("/api/me").status_code == 200  # nothing was deleted
    done = runner.request(
        "DELETE", "/api/account", json={"password": PASSWORD}, headers={"X-CSRF-Token": token}
    )
    assert done.status_code == 204
    assert runner.get("/api/me").status_code == 401


# --- CSRF -------------------------------------------------------------------------------------
def test_a_cookie_chosen_by_an_attacker_does_not_pass_the_csrf_check(app: FastAPI) -> None:
    """Login CSRF: someone able to set cookies for the host picks the anonymous cookie and
    puts the same value in the form; the token must be the server's signature, not a copy."""
    sign_up(TestClient(app), "mallory@example.org")
    victim = TestClient(app, cookies={ANON_CSRF_COOKIE: "a" * 64})
    response = victim.post(
        "/signin",
        data={"email": "mallory@example.org", "password": PASSWORD, "csrf_token": "a" * 64},
        follow_redirects=False,
    )
    assert response.status_code == 403


# --- rate_limits rows -------------------------------------------------------------------------
def test_rate_limit_rows_are_keyed_secretly_and_leave_with_the_account(
    make_app: MakeApp, sqlite_url: str
) -> None:
    app = make_app(sqlite_url)
    owner = TestClient(app)
    sign_up(owner, "ann@example.org")
    for _ in range(3):
        sign_in(TestClient(app), "ann@example.org", "guess guess guess")
    with app.state.gerdy.engine.connect() as connection:
        buckets = set(connection.execute(select(rate_limits.c.bucket)).scalars())
    guessable = {
        hashlib.sha256(text.encode()).hexdigest()
        for text in (
            "login:ann@example.org|testclient",
            "login:ann@example.org",
            "ann@example.org",
            "testclient",
        )
    }
    assert buckets and not buckets & guessable
    with app.state.gerdy.engine.connect() as connection:
        before = connection.execute(select(func.count()).select_from(rate_limits)).scalar()
    state = app.state.gerdy
    state.accounts.delete(state.accounts.by_email("ann@example.org").id)
    with app.state.gerdy.engine.connect() as connection:
        after = connection.execute(select(func.count()).select_from(rate_limits)).scalar()
    assert after < before  # the account's own rows went with it
    # rows older than every window are dropped
    later = create_app(sqlite_url, clock=lambda: NOW + dt.timedelta(days=2))
    sign_in(TestClient(later), "nobody@example.org", "guess guess guess")
    with later.state.gerdy.engine.connect() as connection:
        times = connection.execute(select(rate_limits.c.occurred_at)).scalars().all()
    later.state.gerdy.engine.dispose()
    assert times and min(times) > NOW + dt.timedelta(days=1)


# --- imports: one shared pool, one at a time per account, unpacked bytes capped -------------
def fit_names(count: int) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [
        ("files", (f"a{n}.fit", b"not a fit file", "application/octet-stream"))
        for n in range(count)
    ]


def test_uploads_share_one_bounded_pool_of_decoders(
    runner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many-file uploads used to start a pool of processes each; now there is one per server."""
    from concurrent.futures import ThreadPoolExecutor

    from gerdy.importers import pipeline

    made: list[int] = []

    class CountedPool(ThreadPoolExecutor):
        def __init__(self, max_workers: int | None = None, **_options: object) -> None:
            made.append(max_workers or 0)
            super().__init__(max_workers=max_workers)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", CountedPool)
    token = csrf_of(runner)
    for _ in range(3):
        response = runner.post("/api/imports", files=fit_names(30), headers={"X-CSRF-Token": token})
        assert response.status_code == 200, response.text
        assert len(response.json()["failed"]) == 30
    assert len(made) == 1 and made[0] <= 2


def test_one_import_at_a_time_per_account(runner: TestClient) -> None:
    state = cast(FastAPI, runner.app).state.gerdy
    account = state.accounts.by_email("runner@example.org")
    assert state.accounts.lock_import(account.id, NOW, stale_before=NOW - dt.timedelta(hours=1))
    token = csrf_of(runner)
    busy = runner.post("/api/imports", files=fit_names(1), headers={"X-CSRF-Token": token})
    assert busy.status_code in {409, 429} and "already" in busy.json()["detail"]
    state.accounts.unlock_import(account.id)
    assert (
        runner.post("/api/imports", files=fit_names(1), headers={"X-CSRF-Token": token}).status_code
        == 200
    )


def zip_of_zeros(members: int, size: int) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(members):
            archive.writestr(f"activities/{n}.fit", b"\0" * size)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_any_work(make_app: MakeApp) -> None:
    """80 members of 63 MB of zeros once meant a minute of work per 5 MB request; what an
    upload may unpack to is capped (here lowered to keep the test small), and so is a day's."""
    from gerdy.web.state import WebSettings

    from .conftest import signed_up

    settings = WebSettings(max_upload_unpacked_bytes=3_000_000, max_daily_unpacked_bytes=5_000_000)
    client = signed_up(TestClient(make_app(settings=settings)), "ann@example.org")
    token = csrf_of(client)
    bomb = zip_of_zeros(8, 1_000_000)
    response = client.post(
        "/api/imports", files=[("files", ("export.zip", bomb, "application/zip"))],
        headers={"X-CSRF-Token": token},
    )  # fmt: skip
    assert response.status_code == 413 and "unpack" in response.json()["detail"]
    page = client.post(
        "/runs/import", data={"csrf_token": token},
        files=[("files", ("export.zip", bomb, "application/zip"))],
    )  # fmt: skip
    assert page.status_code == 413 and "unpack" in page.text
    fine = zip_of_zeros(2, 1_000_000)
    for _ in range(2):
        response = client.post(
            "/api/imports", files=[("files", ("export.zip", fine, "application/zip"))],
            headers={"X-CSRF-Token": token},
        )  # fmt: skip
        assert response.status_code == 200, response.text
    response = client.post(
        "/api/imports", files=[("files", ("export.zip", fine, "application/zip"))],
        headers={"X-CSRF-Token": token},
    )  # fmt: skip
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0


# --- hosts, links, slow bodies ----------------------------------------------------------------
def test_unknown_hosts_are_refused_and_links_use_the_public_url(
    make_app: MakeApp,
) -> None:
    from gerdy.web.state import WebSettings

    from .conftest import signed_up

    settings = WebSettings(
        allowed_hosts=("gerdy.example.org",), public_url="https://gerdy.example.org"
    )
    app = make_app(settings=settings)
    assert TestClient(app, base_url="http://evil.example").get("/signin").status_code == 400
    client = signed_up(TestClient(app, base_url="http://gerdy.example.org"), "ann@example.org")
    page = client.get("/calendar", headers={"X-Forwarded-Host": "evil.example"}).text
    assert "https://gerdy.example.org/calendar/feed/" in page and "evil.example" not in page


def test_a_body_sent_too_slowly_is_cut_off(make_app: MakeApp) -> None:
    import asyncio

    from gerdy.web.state import WebSettings

    app = make_app(settings=WebSettings(body_timeout_s=0.2))
    sent: list[Message] = []
    chunks = iter([b"email=a%40example.org", b"&password=x"])

    async def slow_receive() -> Message:
        await asyncio.sleep(0.5)
        chunk = next(chunks, b"")
        return {"type": "http.request", "body": chunk, "more_body": bool(chunk)}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http", "method": "POST", "path": "/signin", "raw_path": b"/signin",
        "query_string": b"", "root_path": "", "scheme": "http", "http_version": "1.1",
        "headers": [(b"host", b"testserver"),
                    (b"content-type", b"application/x-www-form-urlencoded")],
        "client": ("192.0.2.1", 1), "server": ("testserver", 80),
    }  # fmt: skip
    asyncio.run(asyncio.wait_for(app(scope, slow_receive, send), timeout=5))
    assert sent and sent[0]["status"] == 408
