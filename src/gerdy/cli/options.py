"""Shared pieces of the commands: option types (`--date`, `--json`, pain), value parsers,
interactive prompts for missing values, the two CLI-level errors, and which record the
command uses.

Prompts are asked only when stdin is a terminal; otherwise a missing required value is a
usage error (exit 2). Prompts go to stderr, so `--json` output on stdout stays clean.
This module must stay light to import: typer and the standard library only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from gerdy.domain.bounds import Bounds

T = TypeVar("T")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LOCAL_RECORD = "local"
DEMO_RECORD = "demo"
chosen_record: str | None = None  # set by the root `--record` option


def current_record() -> str:
    """`gerdy --record NAME`, else `$GERDY_RECORD`, else the local runner's record."""
    return chosen_record or os.environ.get("GERDY_RECORD") or LOCAL_RECORD


class UsageProblem(Exception):
    """A usage error (a value missing or malformed): one line on stderr, exit status 2."""

    exit_code = 2


class CommandFailed(Exception):
    """A failure outside the domain (a file that cannot be read or written): exit status 1."""

    exit_code = 1


# --- value parsers ----------------------------------------------------------------------------
def parse_iso_date(value: str) -> dt.date:
    """YYYY-MM-DD, a real calendar day (2026-02-30 is refused)."""
    if isinstance(value, dt.date):  # typer passes defaults through the parser too
        return value
    text = value.strip()
    if not ISO_DATE.match(text):
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a real date ({exc})") from exc


# --- shared options ---------------------------------------------------------------------------
DateOption = Annotated[
    dt.date | None,
    typer.Option(
        "--date",
        parser=parse_iso_date,
        metavar="YYYY-MM-DD",
        help="Act as of this day (default: today in your time zone).",
        show_default=False,
    ),
]
JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON only (on stdout).")
]


def pain_option(flag: str, help_text: str, bounds: Bounds) -> Any:
    """A pain option; its bounds are the event model's (checked when the event is built)."""
    return typer.Option(flag, metavar=bounds.span, help=help_text, show_default=False)


def emit_json(data: object) -> None:
    """Machine output: one JSON document on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


# --- interactive prompts ----------------------------------------------------------------------
# None: ask when stdin is a terminal. Tests set True to drive the prompts through CliRunner.
FORCE_INTERACTIVE: bool | None = None


def stdin_is_interactive() -> bool:
    """Whether we may ask questions."""
    if FORCE_INTERACTIVE is not None:
        return FORCE_INTERACTIVE
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def required(value: T | None, option: str, ask: Callable[[], T]) -> T:
    """The value given as an option, else asked for at a terminal, else a usage error."""
    if value is not None:
        return value
    if not stdin_is_interactive():
        raise UsageProblem(f"missing {option} (no terminal to ask: pass it as an option)")
    return ask()


def ask_text(prompt: str, default: str | None = None) -> str:
    answer: str = typer.prompt(prompt, default=default, err=True, show_default=default != "")
    return answer.strip()


def ask_parsed(prompt: str, parse: Callable[[str], T], default: str | None = None) -> T:
    """Ask until the answer parses; the parser raises ValueError or BadParameter to re-ask."""
    while True:
        answer = ask_text(prompt, default)
        try:
            return parse(answer)
        except (ValueError, typer.BadParameter) as exc:
            typer.echo(f"  {exc}", err=True)


def ask_number(prompt: str, bounds: Bounds, default: str | None = None) -> float:
    """A number within `bounds` (the model's, see `gerdy.domain.bounds`), asked until given."""

    def parse(text: str) -> float:
        number = float(text)
        if number not in bounds:
            raise ValueError(bounds.refusal())
        return number

    return ask_parsed(prompt, parse, default)


def ask_int(prompt: str, bounds: Bounds, default: str | None = None) -> int:
    """A whole number within `bounds`, asked until given."""

    def parse(text: str) -> int:
        if not text.strip().lstrip("-").isdigit() or int(text) not in bounds:
            raise ValueError(bounds.refusal(whole=True))
        return int(text)

    return ask_parsed(prompt, parse, default)


def ask_choice(prompt: str, choices: Sequence[str], default: str | None = None) -> str:
    def parse(text: str) -> str:
        if text.lower() not in choices:
            raise ValueError(f"answer one of: {', '.join(choices)}")
        return text.lower()

    return ask_parsed(f"{prompt} ({'/'.join(choices)})", parse, default)


def ask_yes_no(prompt: str, default: bool | None = False) -> bool:
    """A yes or a no; with `default` None, asked until one is typed (no answer assumed)."""
    return bool(typer.confirm(prompt, default=default, err=True))
