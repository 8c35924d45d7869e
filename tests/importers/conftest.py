"""Importer fixtures: the corpus of real activity files (`tests/data/corpus`, with their
sources and licences in its README), its reference values, a profile and an import runner.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gerdy.domain.profile import Profile
from gerdy.importers.pipeline import ImportOptions, ImportSummary
from gerdy.services import Coach
from gerdy.storage.store import RecordStore

from ..conftest import copy_of_migrated

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
START = dt.date(2010, 1, 1)  # before every corpus activity but the 1901 placeholder track


def corpus_reference() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((CORPUS / "reference.json").read_text())
    return entries


REFERENCE = corpus_reference()
BY_NAME = {entry["file"]: entry for entry in REFERENCE}


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    assert path.is_file(), f"{name} is not in the corpus ({CORPUS})"
    return path


def names(fmt: str, *, valid: bool | None = None) -> list[str]:
    return [
        e["file"]
        for e in REFERENCE
        if e["format"] == fmt and (valid is None or e["valid"] == valid)
    ]


@pytest.fixture
def profile() -> Profile:
    return Profile(start_date=START, side="right", baseline_weekly_run_minutes=120, timezone="UTC")


@pytest.fixture
def sqlite_store(tmp_path: Path, migrated_sqlite: Path) -> Iterator[RecordStore]:
    from gerdy.storage.store import open_store

    store = open_store(f"sqlite:///{copy_of_migrated(migrated_sqlite, tmp_path / 'import.db')}")
    yield store
    store.close()


ImportRunner = Callable[..., ImportSummary]


@pytest.fixture
def run_import(sqlite_store: RecordStore, profile: Profile) -> ImportRunner:
    """Import paths into a fresh SQLite record whose programme starts on START."""
    sqlite_store.save_profile(profile)

    def run(*paths: Path, **options: Any) -> ImportSummary:
        return Coach.open(sqlite_store).import_files(list(paths), ImportOptions(**options))

    return run
