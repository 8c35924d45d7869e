"""The `gerdy` command: the Typer app, its commands, and the one place where an error a user
can cause becomes one line on stderr (`error: ...`) with exit status 1 (a domain error: bad
data, no record yet, a date before the start) or 2 (a usage error: a missing or malformed
option). A traceback always means a bug.

Keep this module light to import: the command modules import their heavy dependencies
(storage, engine, Rich rendering) inside the commands.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, TyperException

from gerdy.cli.options import CommandFailed, UsageProblem
from gerdy.domain.errors import GerdyError


def user_error(exc: BaseException) -> tuple[str, int] | None:
    """(one-line message, exit status) for an error the user caused; None for a bug."""
    if isinstance(exc, UsageProblem | CommandFailed):
        return str(exc), exc.exit_code
    if isinstance(exc, GerdyError):
        return str(exc), 1
    if isinstance(exc, TyperException):  # click's usage errors (bad option values, ...)
        return exc.format_message().replace("Value error, ", ""), exc.exit_code
    if isinstance(exc, Abort):
        return "aborted", 1
    if "pydantic" in sys.modules:
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            from gerdy.domain.document import describe_validation_error

            return describe_validation_error(exc).replace("Value error, ", ""), 1
    if "sqlalchemy" in sys.modules:
        from sqlalchemy.exc import ArgumentError, OperationalError

        if isinstance(exc, ArgumentError):  # its message may echo the URL, password and all
            return "cannot use the database: the database URL is not valid", 1
        if isinstance(exc, OperationalError):  # the driver's reason, without SQL or links
            return f"cannot use the database: {exc.orig or exc}", 1
    return None


def one_line(message: str) -> str:
    return re.sub(r"\s+", " ", message).strip()


class GerdyGroup(TyperGroup):
    """Runs the command and turns user errors into `error: ...` (see `user_error`)."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except Exception as exc:
            found = user_error(exc)
            if found is None:
                raise
            message, code = found
            sys.stderr.write(f"error: {one_line(message)}\n")
            if not standalone_mode:
                raise
            sys.exit(code)
        code = result if isinstance(result, int) else 0
        if standalone_mode:
            sys.exit(code)
        return result


def new_app() -> typer.Typer:
    """The root `gerdy` app with its settings and callback, but no commands yet."""
    root_app = typer.Typer(
        cls=GerdyGroup,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    root_app.callback(invoke_without_command=True)(root)
    return root_app


def root(
    ctx: typer.Context,
    record: str | None = typer.Option(
        None,
        "--record",
        envvar="GERDY_RECORD",
        help="Whose record to use (default: your own, 'local'; the sample is 'demo').",
    ),
) -> None:
    """gerdy coaches you through IT band syndrome rehab, one day at a time.

    Start with `gerdy init` (or `gerdy demo` to try a sample runner), then `gerdy today`.
    Educational only, not medical advice (see `gerdy learn ED-6`).
    """
    from gerdy.cli import session

    session.chosen_record = record
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


# Which module registers each command: `gerdy X` imports only X's module (start-up is
# benchmarked); `app` (the full app, for --help and tests) imports them all.
COMMAND_MODULES = {
    "init": "record_commands",
    "demo": "record_commands",
    "export": "record_commands",
    "load": "record_commands",
    "correct": "record_commands",
    "today": "plan_commands",
    "status": "plan_commands",
    "plan": "plan_commands",
    "checkin": "log_commands",
    "log": "log_commands",
    "exercises": "library_commands",
    "learn": "library_commands",
    "import": "import_commands",
    "analyze": "analyze_commands",
    "serve": "serve_commands",
}


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with only the command `only`."""
    built = new_app()
    modules = [COMMAND_MODULES[only]] if only else list(dict.fromkeys(COMMAND_MODULES.values()))
    for module in modules:
        importlib.import_module(f"gerdy.cli.{module}").register(built)
    if only:
        built.registered_commands = [c for c in built.registered_commands if c.name == only]
        built.registered_groups = [g for g in built.registered_groups if g.name == only]
    return built


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app for this command line: only the command it names when that is a known one."""
    words = [arg for i, arg in enumerate(args) if i == 0 or args[i - 1] != "--record"]
    name = next((arg for arg in words if not arg.startswith("-")), None)
    return build_app(name) if name in COMMAND_MODULES else build_app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the full app, built on first use
        full = build_app()
        globals()["app"] = full
        return full
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point (`gerdy`)."""
    app_for(sys.argv[1:])()
