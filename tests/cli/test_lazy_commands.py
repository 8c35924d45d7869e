"""The root group loads a command's module only when the command is asked for, so `gerdy X`
imports what X needs and no more (start-up time is benchmarked by bench/startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer._click import Context
from typer.main import get_command

from gerdy.cli.app import COMMAND_MODULES, LazyCommandGroup, app

PROBE = """
import json, sys
from gerdy.cli.app import main
sys.argv = ["gerdy", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_loaded_by(tmp_path: Path, *args: str) -> set[str]:
    """The modules imported by a fresh interpreter running `gerdy ARGS`."""
    env = {"GERDY_DATABASE_URL": f"sqlite:///{tmp_path / 'lazy.db'}", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: list[str] = json.loads(result.stderr.strip().splitlines()[-1])
    return set(loaded)


def loaded_under(modules: set[str], *prefixes: str) -> set[str]:
    return {name for name in modules if name.split(".")[0] in prefixes or name.startswith(prefixes)}


def test_today_loads_only_the_plan_commands(tmp_path: Path) -> None:
    modules = modules_loaded_by(tmp_path, "today", "--json")
    assert "gerdy.cli.plan_commands" in modules
    others = {f"gerdy.cli.{m}" for m in COMMAND_MODULES.values()} - {"gerdy.cli.plan_commands"}
    assert not modules & others
    assert not loaded_under(modules, "gerdy.importers", "gerdy.video", "gerdy.web", "fastapi")


def test_learn_does_not_open_the_database(tmp_path: Path) -> None:
    modules = modules_loaded_by(tmp_path, "learn", "ED-1")
    assert "gerdy.cli.library_commands" in modules
    assert not loaded_under(modules, "sqlalchemy", "gerdy.storage", "gerdy.services")


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_every_command_is_listed_and_found(name: str) -> None:
    group = get_command(app)
    assert isinstance(group, LazyCommandGroup)
    context = Context(group)
    assert name in group.list_commands(context)
    command = group.get_command(context, name)
    assert command is not None and command.name == name


@pytest.mark.parametrize("name", list(COMMAND_MODULES))
def test_each_commands_line_in_the_help_is_one_paragraph(name: str) -> None:
    """`gerdy --help` lists each command with its docstring's first paragraph, its source
    line breaks removed (rich keeps them, so lines broke mid-sentence)."""
    from gerdy.cli.app import load_command

    short = load_command(name).short_help
    assert short and "\n" not in short


GC_PROBE = """
import gc, sys
from gerdy.cli.app import main
sys.argv = ["gerdy", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)
"""


def test_garbage_collection_resumes_once_the_command_is_loaded(tmp_path: Path) -> None:
    """`main` pauses the collector only while the command's modules load: the command itself
    runs with it on, and what the imports built is frozen out of later collections."""
    result = subprocess.run(
        [sys.executable, "-c", GC_PROBE, "learn", "ED-6"],
        capture_output=True,
        text=True,
        env={"GERDY_DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}", "PATH": ""},
        check=False,
    )
    assert result.stderr.strip().splitlines()[-1] == "True True", result.stderr
