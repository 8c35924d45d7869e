"""`gerdy import` driven in-process: the JSON contract, the summary table, one-line errors.
The full app loads the import command's module when the command is asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from gerdy.cli.app import new_app

from .conftest import corpus_file


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
    run = str(corpus_file("fitparse__garmin-fenix-5-run.fit"))
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
    assert "Imported 3 activities (1 runs)" in result.stdout
    assert "transition" in result.stdout
    assert "1 imported runs need a pain rating" in result.stdout


def test_missing_path_is_a_one_line_error(gerdy: typer.Typer, tmp_path: Path) -> None:
    start(gerdy)
    result = invoke(gerdy, "import", str(tmp_path / "nope.fit"))
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: no such file or folder")


def test_no_profile_is_a_one_line_error(gerdy: typer.Typer) -> None:
    result = invoke(gerdy, "import", str(corpus_file("fitparse__garmin-fenix-5-run.fit")))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no profile yet")
