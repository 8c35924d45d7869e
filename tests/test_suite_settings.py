"""The test suite's own settings: how many workers `-n auto` starts, and how many examples
each property test draws (all of them in CI, a quarter elsewhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import names_one_file
from .properties.examples import example_count

HERE = Path(__file__).resolve().parent


def test_one_file_or_its_tests_run_without_workers() -> None:
    this = str(HERE / "test_suite_settings.py")
    assert names_one_file([this])
    assert names_one_file([f"{this}::test_one", f"{this}::test_two"])


def test_more_than_one_file_or_a_folder_gets_workers() -> None:
    assert not names_one_file([])  # the whole suite (pyproject's testpaths)
    assert not names_one_file([str(HERE / "docs")])
    assert not names_one_file([str(HERE / "conftest.py"), str(HERE / "test_suite_settings.py")])


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"HYPOTHESIS_PROFILE": "ci"}, 120),
        ({"CI": "true"}, 120),
        ({}, 30),  # a quarter, outside CI
        ({"HYPOTHESIS_PROFILE": "dev"}, 30),
        ({"GERDY_EXAMPLES_SCALE": "1"}, 120),
        ({"GERDY_EXAMPLES_SCALE": "10", "CI": "true"}, 1200),
    ],
)
def test_property_tests_draw_all_their_examples_in_ci_and_a_quarter_elsewhere(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: int
) -> None:
    for name in ("HYPOTHESIS_PROFILE", "CI", "GERDY_EXAMPLES_SCALE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert example_count(120) == expected


def test_a_small_count_keeps_a_few_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HYPOTHESIS_PROFILE", "CI", "GERDY_EXAMPLES_SCALE"):
        monkeypatch.delenv(name, raising=False)
    assert example_count(8) == 5
