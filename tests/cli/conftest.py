"""CLI test fixtures: every test gets its own SQLite file (via `GERDY_DATABASE_URL`), the
commands' clock fixed at `NOW` (`gerdy.cli.session.CLOCK`: "today" is the same for the test
and the command, whatever day the tests run) and a `gerdy(...)` runner that drives the
commands in-process with Typer's CliRunner.

Each command opens and closes its own store, so nothing stays open between tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gerdy.cli import options, session
from gerdy.cli.app import app

from ..conftest import copy_of_migrated
from .helpers import NOW, START, Gerdy


@pytest.fixture
def database_file(tmp_path: Path, migrated_sqlite: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own database: an empty copy of the migrated one (tests/conftest.py)."""
    path = copy_of_migrated(migrated_sqlite, tmp_path / "t.db")
    monkeypatch.setenv("GERDY_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setattr(session, "CLOCK", lambda: NOW)
    return path


@pytest.fixture
def gerdy(database_file: Path) -> Gerdy:
    """Run `gerdy ARGS...` in-process; stdout and stderr are kept apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return run


@pytest.fixture
def started(gerdy: Gerdy) -> Gerdy:
    """A record on the break track (pain within the first mile), day 1 = START."""
    forced, options.FORCE_INTERACTIVE = options.FORCE_INTERACTIVE, False  # no intake questions
    try:
        result = gerdy(
            "init", "--start-date", START, "--side", "right", "--weekly-minutes", "120",
            "--pain-first-mile", "--cadence", "160", "--no-red-flags",
        )  # fmt: skip
    finally:
        options.FORCE_INTERACTIVE = forced
    assert result.exit_code == 0, result.stderr
    return gerdy


@pytest.fixture
def interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the commands prompt (CliRunner's stdin is not a terminal)."""
    monkeypatch.setattr(options, "FORCE_INTERACTIVE", True)
