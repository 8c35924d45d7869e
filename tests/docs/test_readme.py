"""The README speaks for the repository as it is: its architecture section lists the layers of
the import-linter contract in the same order with every top-level module of the package, its
two quick-start commands come first and agree with .ci/run, and it links to nothing outside
the clone."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")
PACKAGE = ROOT / "src" / "gerdy"


def contract_layers() -> list[list[str]]:
    """The `layers` contract's layers, innermost first, each a list of module names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    [layers] = [c["layers"] for c in contracts if c["type"] == "layers"]
    return [[name.strip() for name in layer.split("|")] for layer in reversed(layers)]


def readme_layers() -> list[list[str]]:
    """The numbered items of the README's Architecture section: the modules each names."""
    section = README[README.index("### Architecture") :]
    items = re.findall(r"^\d+\. (.*?)(?= \u2014|\n   - )", section, re.M | re.S)
    return [re.findall(r"`src/gerdy/(\w+)(?:/|\.py)`", item) for item in items]


def test_the_architecture_section_lists_the_contracts_layers_in_order() -> None:
    assert readme_layers() == contract_layers()


def test_every_top_level_module_of_the_package_is_in_a_layer() -> None:
    modules = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules |= {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert modules == {name for layer in contract_layers() for name in layer}


def test_the_two_quick_start_commands_come_first_and_ci_runs_the_same_tools() -> None:
    quick = README[README.index("## Quick start") : README.index("## For runners")]
    commands = re.findall(r"^(uv run [^#\n]*?)\s*#", quick, re.M)
    assert commands == ["uv run gerdy serve --demo", "uv run --group dev pytest"]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    # CI runs the README's own test command, word for word, after installing every group.
    assert "--all-groups" in ci
    assert re.search(r"^uv run --group dev pytest( |$)", ci, re.M), "CI's pytest line"


def test_nothing_points_outside_the_repository() -> None:
    """No relative path that climbs out of the clone (a sibling folder of data or tools)."""
    for path in [ROOT / "README.md", ROOT / ".ci" / "run", *(ROOT / "docs").glob("*.md")]:
        assert not re.search(r"\.\./\w", path.read_text("utf-8")), path
