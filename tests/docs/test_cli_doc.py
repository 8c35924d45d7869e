"""docs/cli.md, the command-line reference, is generated from the Typer app
(scripts/cli_doc.py): every command is there with its options, and the committed page is
the one the app gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from gerdy.cli.app import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[2]


def cli_doc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_doc", ROOT / "scripts" / "cli_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_page_is_what_the_app_gives() -> None:
    page = cli_doc().cli_markdown()
    assert (ROOT / "docs" / "cli.md").read_text("utf-8") == page, (
        "run `uv run python scripts/cli_doc.py`"
    )


def test_every_command_and_subcommand_has_its_section_with_its_options() -> None:
    page = cli_doc().cli_markdown()
    for name in COMMAND_MODULES:
        assert f"## `gerdy {name}`\n" in page
    assert "### `gerdy log run`\n" in page and "- `--pain-during 0-10`:" in page
    assert "### `gerdy users reset-password`\n" in page
    assert "- `--help`" not in page
