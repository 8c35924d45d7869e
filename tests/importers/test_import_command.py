"""`gerdy import` driven in-process: the JSON contract, the summary table, one-line errors.
The full app loads the import command's module when the command is asked for."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from gerdy.cli import session
from gerdy.cli.app import new_app

from .conftest import corpus_file

FENIX_RUN = "fitparse__garmin-fenix-5-run.fit"  # a run of 0.948 min on Sun 11 Jun 2017


@pytest.fixture
def gerdy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setenv("GERDY_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return new_app()


def invoke(app: typer.Typer, *args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def start(app: typer.Typer) -> None:
    result = invoke(
        app, "init", "--start-date", "2010-01-01", "--side", "right", "--weekly-minutes", "90",
        "--no-red-flags",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def test_json_contract(gerdy: typer.Typer) -> None:
    start(gerdy)
    run = str(corpus_file(FENIX_RUN))
    bad = str(corpus_file("fitparse__nick.fit"))
    result = invoke(gerdy, "import", run, bad, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"imported", "duplicates", "skipped", "failed"}
    assert data["imported"] == [
        {
            "file": run,
            "type": "run",
            "date": "2017-06-11",
            "minutes": 0.948,
            "distance_km": 0.158,
            "cadence_spm": 167.3,
        }
    ]
    assert data["duplicates"] == 0 and data["skipped"] == {}
    assert [f["file"] for f in data["failed"]] == [bad]
    again = json.loads(invoke(gerdy, "import", run, "--json").stdout)
    assert (again["imported"], again["duplicates"]) == ([], 1)


def test_summary_table(gerdy: typer.Typer) -> None:
    start(gerdy)
    result = invoke(gerdy, "import", str(corpus_file("fitparse__sample_mulitple_header.fit")))
    assert result.exit_code == 0, result.stderr
    assert "Imported 3 activities (1 run)" in result.stdout
    assert "transition" in result.stdout


def at(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    now = dt.datetime.fromisoformat(f"{day}T20:00:00+00:00")
    monkeypatch.setattr(session, "CLOCK", lambda: now)


def words(result: Result) -> str:
    return " ".join(result.stdout.split())


def test_rtr_1_a_recent_imported_run_waits_for_its_answers(
    gerdy: typer.Typer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answered, never assumed (v1.2): the summary asks for a recent imported run's answers,
    with the command that gives them."""
    at(monkeypatch, "2017-06-12")
    start(gerdy)
    result = invoke(gerdy, "import", str(corpus_file(FENIX_RUN)))
    assert result.exit_code == 0, result.stderr
    assert "The imported run of Sun 11 Jun (0.948 min) waits for its answers: gerdy log rate" in (
        words(result)
    )


def test_rtr_1_an_imported_run_also_typed_by_hand_counts_once_and_is_not_asked_about(
    gerdy: typer.Typer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One run, not two (v1.2): the run typed with its answers, then imported from the
    watch, counts once with the typed answers, so the summary asks nothing of it."""
    at(monkeypatch, "2017-06-12")
    start(gerdy)
    typed = invoke(gerdy, "log", "run", "--date", "2017-06-11", "--minutes", "1",
                   "--pain-during", "0", "--pain-after-hours", "0", "--json")  # fmt: skip
    assert typed.exit_code == 0, typed.stderr
    result = invoke(gerdy, "import", str(corpus_file(FENIX_RUN)))
    assert result.exit_code == 0, result.stderr
    assert "waits for its answers" not in words(result)
    assert "pain rating" not in words(result)


def test_missing_path_is_a_one_line_error(gerdy: typer.Typer, tmp_path: Path) -> None:
    start(gerdy)
    result = invoke(gerdy, "import", str(tmp_path / "nope.fit"))
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: no such file or folder")


def test_no_profile_is_a_one_line_error(gerdy: typer.Typer) -> None:
    result = invoke(gerdy, "import", str(corpus_file("fitparse__garmin-fenix-5-run.fit")))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no profile yet")
