"""Write docs/cli.md, the command-line reference, from the `gerdy` Typer app itself: each
command's help, usage, arguments and options, as `gerdy COMMAND --help` shows them.

    uv run python scripts/cli_doc.py           write docs/cli.md
    uv run python scripts/cli_doc.py --check   exit 1 if it is not what the app gives

`.ci/run` runs the check: a command or option changed without regenerating fails CI.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import typer
from typer._click import Context  # Typer's own copy of click, which its commands use

from gerdy.cli.app import app

TARGET = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
HEADER = """# Command-line reference

Every `gerdy` command, with its arguments and options, as `gerdy COMMAND --help` shows them.
Every command that prints data also takes `--json`; `--record NAME` (before the command)
chooses whose record to use. This page is generated from the app by `scripts/cli_doc.py`.
"""


def paragraphs(text: str | None) -> list[str]:
    """A help text as Markdown paragraphs (click's `\\b` no-rewrap marks dropped)."""
    if not text:
        return []
    kept = [block.replace("\b\n", "").strip() for block in text.strip().split("\n\n")]
    return [block for block in kept if block]


def options_of(command: Any, ctx: Context) -> list[str]:
    lines = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None or "--help" in param.opts:
            continue
        names, text = record
        lines.append(f"- `{names}`" + (f": {' '.join(text.split())}" if text.strip() else ""))
    return lines


def command_section(command: Any, ctx: Context, level: int) -> list[str]:
    path = ctx.command_path
    out = [f"{'#' * level} `{path}`", ""]
    for paragraph in paragraphs(command.help):
        out += [paragraph, ""]
    out += ["```", command.get_usage(ctx), "```", ""]
    listed = options_of(command, ctx)
    if listed:
        out += [*listed, ""]
    subcommands = getattr(command, "list_commands", None)
    if subcommands is not None:
        for name in subcommands(ctx):
            sub = command.get_command(ctx, name)
            out += command_section(sub, Context(sub, info_name=name, parent=ctx), level + 1)
    return out


def cli_markdown() -> str:
    root = typer.main.get_command(app)
    ctx = Context(root, info_name="gerdy")
    out = [HEADER]
    for paragraph in paragraphs(root.help):
        out += [paragraph, ""]
    out += ["```", root.get_usage(ctx), "```", "", *options_of(root, ctx), ""]
    for name in root.list_commands(ctx):  # type: ignore[attr-defined]
        command = root.get_command(ctx, name)  # type: ignore[attr-defined]
        out += command_section(command, Context(command, info_name=name, parent=ctx), 2)
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the page is stale")
    args = parser.parse_args(argv)
    wanted = cli_markdown()
    if args.check:
        current = TARGET.read_text("utf-8") if TARGET.exists() else ""
        if current != wanted:
            print(f"{TARGET.name} is stale: run `uv run python scripts/cli_doc.py`")
            return 1
        print(f"{TARGET.name} is current")
        return 0
    TARGET.write_text(wanted, "utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
