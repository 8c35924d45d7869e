"""Which day's plan may be asked for is a record rule (`services.rules.check_plan_date`): not
before the programme's start date, and at most a year ahead. `gerdy today --date` and
`GET /api/plan/{date}` refuse the same day with the same sentence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gerdy.cli import options
from gerdy.cli.app import app as cli_app
from gerdy.web.app import create_app

from .conftest import csrf_of, sign_up

START = "2026-01-05"


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()  # the runner's time zone is UTC


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("GERDY_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setattr(options, "FORCE_INTERACTIVE", False)
    runner = CliRunner()
    init = ["init", "--start-date", START, "--side", "right", "--weekly-minutes", "120",
            "--timezone", "UTC", "--no-red-flags"]  # fmt: skip
    assert runner.invoke(cli_app, init).exit_code == 0
    return runner


@pytest.fixture
def web(sqlite_url: str) -> Iterator[TestClient]:
    app = create_app(sqlite_url)  # the real clock, as the CLI's
    client = TestClient(app)
    sign_up(client, "plan@example.org")
    profile = {"start_date": START, "side": "right", "baseline_weekly_run_minutes": 120,
               "timezone": "UTC"}  # fmt: skip
    saved = client.put("/api/profile", json=profile, headers={"X-CSRF-Token": csrf_of(client)})
    assert saved.status_code == 200, saved.text
    yield client
    app.state.gerdy.engine.dispose()


@pytest.mark.parametrize(
    ("day", "sentence"),
    [
        (lambda: dt.date(2026, 1, 4), "2026-01-04 is before the programme's start date 2026-01-05"),
        (lambda: today() + dt.timedelta(days=367), "plans reach at most a year ahead"),
    ],
    ids=["before-start", "over-a-year-ahead"],
)
def test_plan_date_refused_with_one_sentence_by_cli_and_api(
    cli: CliRunner, web: TestClient, day: Callable[[], dt.date], sentence: str
) -> None:
    date = day()
    result = cli.invoke(cli_app, ["today", "--date", date.isoformat()])
    assert result.exit_code != 0 and result.stdout == ""
    said_by_cli = result.stderr.removeprefix("error: ").strip()
    response = web.get(f"/api/plan/{date.isoformat()}")
    assert response.status_code in {400, 422}, response.text
    assert response.json()["detail"] == said_by_cli
    assert sentence in said_by_cli


def test_plan_date_a_year_ahead_is_still_planned(cli: CliRunner, web: TestClient) -> None:
    date = (today() + dt.timedelta(days=366)).isoformat()
    assert cli.invoke(cli_app, ["today", "--date", date, "--json"]).exit_code == 0
    assert web.get(f"/api/plan/{date}").status_code == 200
