"""Web fixtures: an app on a temp SQLite database with a fixed clock, and signed-in clients.

`signed_up(client, email)` creates an account through the sign-up form and answers the intake,
so the client holds a live session; `csrf_of(client)` reads the page's CSRF token.

In every web test a database connection opened on the event loop's thread fails the test
(`loop_guard`): routes, dependencies and handlers that reach the database are plain `def`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import pytest
from fastapi import FastAPI
from fastapi.templating import Jinja2Templates
from fastapi.testclient import TestClient
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from typer.testing import CliRunner

from gerdy.cli import options, session
from gerdy.cli.app import app as cli_app
from gerdy.intake import RED_11_FIELDS, RED_FLAG_FIELDS
from gerdy.services.clock import Clock
from gerdy.web import app as web_app
from gerdy.web import templating
from gerdy.web.app import create_app
from gerdy.web.state import WebSettings

from ..conftest import copy_of_migrated
from .loop_guard import guard_engines

NOW = dt.datetime(2026, 6, 10, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
PASSWORD = "correct horse battery staple"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def fixed_clock() -> dt.datetime:
    return NOW


@pytest.fixture(autouse=True)
def no_database_work_on_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    guard_engines(monkeypatch)


class CompiledOnce(BytecodeCache):
    """Jinja's compiled templates, kept in memory for the whole test process (each entry
    checked against its template's source by Jinja, so an edited template compiles again)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_ONCE = CompiledOnce()


@pytest.fixture(autouse=True)
def templates_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each app still gets its own templates, but they share what Jinja compiled. A server
    makes one app and compiles each page once; the web tests make an app per test, and
    compiling the pages again was about a third of a signed-in runner's set-up."""

    def make_templates() -> Jinja2Templates:
        templates = templating.make_templates()
        templates.env.bytecode_cache = COMPILED_ONCE
        return templates

    monkeypatch.setattr(web_app, "make_templates", make_templates)


TEST_HOST = "testserver"  # the Host header of Starlette's TestClient


@pytest.fixture(autouse=True)
def test_client_host_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app serves only the hosts it is told (localhost by default): the test client's
    too, here."""
    monkeypatch.setenv("GERDY_ALLOWED_HOSTS", f"{TEST_HOST},localhost,127.0.0.1")


class MakeApp(Protocol):
    """The `make_app` fixture: the app on the test's SQLite file (or `url`) at the fixed
    clock (or `clock`), disposed of after the test."""

    def __call__(
        self,
        url: str | None = None,
        *,
        demo: bool = False,
        settings: WebSettings | None = None,
        clock: Clock | None = None,
    ) -> FastAPI: ...


@pytest.fixture
def sqlite_url(tmp_path: Path, migrated_sqlite: Path) -> str:
    """The web tests' database: a copy of `migrated_sqlite` (tests/conftest.py)."""
    return f"sqlite:///{copy_of_migrated(migrated_sqlite, tmp_path / 'gerdy.db')}"


@pytest.fixture
def make_app(sqlite_url: str) -> Iterator[MakeApp]:
    apps: list[FastAPI] = []

    def _make(
        url: str | None = None,
        *,
        demo: bool = False,
        settings: WebSettings | None = None,
        clock: Clock | None = None,
    ) -> FastAPI:
        if settings is not None:
            settings = replace(settings, allowed_hosts=(*settings.allowed_hosts, TEST_HOST))
        app = create_app(
            url or sqlite_url, demo=demo, clock=clock or fixed_clock, settings=settings
        )
        apps.append(app)
        return app

    yield _make
    for app in apps:
        app.state.gerdy.close()


@pytest.fixture
def app(make_app: MakeApp) -> FastAPI:
    return make_app()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


# The check-in's other answers, as a runner gives them on the page: no pain at rest and "none
# of these" for the symptoms (answered, never assumed: the page refuses a form without them).
CHECKIN_REST = {"pain_rest": "0", "no_symptoms": "yes"}
# A run's answers beside its minutes: pain during (0: it did not get worse); the 2-hour
# question left for later.
RUN_PAIN_FREE = {"pain_during": "0"}
# A JSON API check-in's answers besides daily pain: rest pain, and every symptom answered no.
ANSWERED: dict[str, object] = {"pain_rest": 0, "none_of_these": True}


def csrf_of(client: TestClient, path: str = "/settings") -> str:
    """The CSRF token a page's forms carry (signed in: the session's)."""
    response = client.get(path)
    found = CSRF_FIELD.search(response.text)
    assert found, f"no CSRF field on {path} ({response.status_code})"
    return found.group(1)


def sign_up(client: TestClient, email: str, password: str = PASSWORD) -> None:
    token = csrf_of(client, "/signup")
    response = client.post(
        "/signup", data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303, response.text


ALL_NO = dict.fromkeys(
    (
        "pain_within_first_mile", "pain_persists_after_activity", *(n for _f, n in RED_FLAG_FIELDS),
        "red_11", *RED_11_FIELDS,
    ),
    "no",
)  # fmt: skip


def answer_intake(client: TestClient, **answers: str) -> None:
    token = csrf_of(client, "/intake")
    data = {"csrf_token": token, "side": "right", "weekly_minutes": "120"} | ALL_NO
    data["start_date"] = (TODAY - dt.timedelta(days=20)).isoformat()
    response = client.post("/intake", data=data | answers, follow_redirects=False)
    assert response.status_code == 303, response.text


def signed_up(client: TestClient, email: str, **answers: str) -> TestClient:
    sign_up(client, email)
    answer_intake(client, **answers)
    return client


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> int:
    token = csrf_of(client, "/signin")
    response = client.post(
        "/signin", data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    status: int = response.status_code
    return status


@pytest.fixture
def runner(app: FastAPI) -> TestClient:
    """A signed-in runner who answered the intake (start 20 days ago)."""
    return signed_up(TestClient(app), "runner@example.org")


SAME_RUNNER_START = "2026-01-05"


@pytest.fixture
def same_runner_web(make_app: MakeApp) -> TestClient:
    """A signed-in runner (started 2026-01-05, time zone UTC) on the app at the fixed clock,
    as `same_runner_cli` has it: for comparing the two edges' answers on the same day."""
    client = TestClient(make_app())
    sign_up(client, "runner@example.org")
    profile = {"start_date": SAME_RUNNER_START, "side": "right",
               "baseline_weekly_run_minutes": 120, "timezone": "UTC"}  # fmt: skip
    saved = client.put("/api/profile", json=profile, headers={"X-CSRF-Token": csrf_of(client)})
    assert saved.status_code == 200, saved.text
    return client


@pytest.fixture
def same_runner_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The same runner as `same_runner_web`, started with `gerdy init` in its own database,
    with the CLI at the same fixed clock."""
    monkeypatch.setenv("GERDY_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setattr(options, "FORCE_INTERACTIVE", False)
    monkeypatch.setattr(session, "CLOCK", fixed_clock)
    runner = CliRunner()
    init = ["init", "--start-date", SAME_RUNNER_START, "--side", "right", "--weekly-minutes",
            "120", "--timezone", "UTC", "--no-red-flags"]  # fmt: skip
    assert runner.invoke(cli_app, init).exit_code == 0
    return runner
