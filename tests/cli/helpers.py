"""Helpers for the CLI tests: the start date they share, reading a command's JSON, the
exported record (to check that a failed command changed nothing) and the one-line error check.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from typer.testing import Result

from gerdy.cli.intake import SCREEN_FLAGS

START = "2026-01-05"  # a Monday: strength days (Mon/Wed/Fri) from day 8 = 2026-01-12
NOW = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC)  # the commands' clock (conftest)
TODAY = NOW.date()
Gerdy = Callable[..., Result]


def screen(*yes: str) -> tuple[str, ...]:
    """`gerdy init` flags answering the whole safety screen: yes to `yes`, no to the rest."""
    return tuple(f"--{flag}" if flag in yes else f"--no-{flag}" for flag in SCREEN_FLAGS.values())


def ok_json(result: Result) -> Any:
    """The JSON a successful command printed (stdout must be nothing but JSON)."""
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def exported(gerdy: Gerdy) -> str:
    """The whole record as exported (to compare before/after a failed command)."""
    result = gerdy("export")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def assert_one_line_error(result: Result, code: int, *fragments: str) -> None:
    """A user error: exit `code`, nothing on stdout, one `error: ...` line, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
