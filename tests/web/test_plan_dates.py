"""Which day's plan may be asked for is a record rule (`services.rules.check_plan_date`): not
before the programme's start date, and at most a year ahead. `gerdy today --date` and
`GET /api/plan/{date}` refuse the same day with the same sentence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gerdy.cli.app import app as cli_app

from .conftest import SAME_RUNNER_START, TODAY

START = SAME_RUNNER_START


def today() -> dt.date:
    return TODAY  # both edges' fixed clock; the runner's time zone is UTC


@pytest.mark.parametrize(
    ("day", "sentence"),
    [
        (lambda: dt.date(2026, 1, 4), "2026-01-04 is before the programme's start date 2026-01-05"),
        (lambda: today() + dt.timedelta(days=367), "plans reach at most a year ahead"),
    ],
    ids=["before-start", "over-a-year-ahead"],
)
def test_plan_date_refused_with_one_sentence_by_cli_and_api(
    same_runner_cli: CliRunner,
    same_runner_web: TestClient,
    day: Callable[[], dt.date],
    sentence: str,
) -> None:
    date = day()
    result = same_runner_cli.invoke(cli_app, ["today", "--date", date.isoformat()])
    assert result.exit_code != 0 and result.stdout == ""
    said_by_cli = result.stderr.removeprefix("error: ").strip()
    response = same_runner_web.get(f"/api/plan/{date.isoformat()}")
    assert response.status_code in {400, 422}, response.text
    assert response.json()["detail"] == said_by_cli
    assert sentence in said_by_cli


def test_plan_date_a_year_ahead_is_still_planned(
    same_runner_cli: CliRunner, same_runner_web: TestClient
) -> None:
    date = (today() + dt.timedelta(days=366)).isoformat()
    assert same_runner_cli.invoke(cli_app, ["today", "--date", date, "--json"]).exit_code == 0
    assert same_runner_web.get(f"/api/plan/{date}").status_code == 200
