"""The `gerdy` command: the Typer app, its commands, and the one place where an error a user
can cause becomes one line on stderr (`error: ...`) with exit status 1 (a domain error: bad
data, no record yet, a date before the start) or 2 (a usage error: a missing or malformed
option). A traceback always means a bug.

Commands are loaded lazily: the root group knows each command's name and the module that
defines it (`COMMAND_MODULES`), and imports a module only when one of its commands is run or
listed in the help. `gerdy today` therefore imports the plan commands and what they need, not
the importers, the video analysis or the web server. Keep this module light to import.
"""

from __future__ import annotations

import gc
import importlib
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from pydantic import ValidationError
from typer._click import Command, Context  # Typer's own copy of click, which TyperGroup uses
from typer.core import TyperGroup
from typer.exceptions import Abort, TyperException

from gerdy.cli import options
from gerdy.cli.options import CommandFailed, UsageProblem
from gerdy.domain.document import describe_validation_error
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
    if isinstance(exc, ValidationError):
        return describe_validation_error(exc).replace("Value error, ", ""), 1
    if "sqlalchemy" in sys.modules:
        # Only a command that opened the database can fail there; importing the session (the
        # database, the services) would add about 740 M instructions, ~160 ms, to `gerdy
        # learn` and the other commands that never open it (bench/startup.py --instructions).
        from gerdy.cli.session import database_problem

        problem = database_problem(exc)
        if problem is not None:
            return problem, 1
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


# Which module defines each command, in the order `gerdy --help` lists them. Each module has a
# `register(app)` adding its commands to a Typer app.
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
    "users": "users_commands",
    "report": "report_commands",
}


def load_command(name: str) -> Command:
    """The click command `name`, built from the module of `COMMAND_MODULES` that registers it
    (only that command is built: building a command's options takes time too)."""
    commands = typer.Typer()
    importlib.import_module(f"gerdy.cli.{COMMAND_MODULES[name]}").register(commands)
    commands.registered_commands = [c for c in commands.registered_commands if c.name == name]
    commands.registered_groups = [g for g in commands.registered_groups if g.name == name]
    command = typer.main.get_group(commands).commands[name]
    if command.short_help is None and command.help:
        # the list in `gerdy --help`: the first paragraph, without the source's line breaks
        command.short_help = " ".join(command.help.split("\n\n")[0].split())
    return command


class LazyCommandGroup(GerdyGroup):
    """The root group: lists every command of `COMMAND_MODULES` and imports a command's module
    the first time the command is asked for."""

    def list_commands(self, ctx: Context) -> list[str]:
        return [*COMMAND_MODULES, *(name for name in self.commands if name not in COMMAND_MODULES)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        if args and args[0] not in COMMAND_MODULES and not args[0].startswith("-"):
            for name in COMMAND_MODULES:  # every command, so a typo gets suggestions
                self.get_command(ctx, name)
        resolved = super().resolve_command(ctx, args)
        resume_collection()
        return resolved


def new_app() -> typer.Typer:
    """The root `gerdy` app: its settings, its callback and every command, loaded lazily."""
    root_app = typer.Typer(
        cls=LazyCommandGroup,
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
    options.chosen_record = record
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


app = new_app()


def resume_collection() -> None:
    """Start the garbage collector again if `main` paused it, once the command's modules are
    loaded; what they built lives as long as the process and is frozen out of later collections."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main() -> None:
    """Console-script entry point (`gerdy`). The garbage collector waits while the command's
    modules load: imports build many objects that live for the whole run, and collecting during
    them only scans those again and again (about 180 M instructions, ~40 ms, of `gerdy
    today`'s start-up: bench/startup.py --instructions)."""
    gc.disable()
    app()
