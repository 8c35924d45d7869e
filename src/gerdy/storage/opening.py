"""Opening the database: an engine whose database exists and is at the newest migration.

The normal path costs one query: read the revision stamped in the database and compare it
with the newest migration's, read from the names of the migration files. Only a new or
outdated database imports `gerdy.storage.migrate` and Alembic with it: importing them costs
about 480 M instructions, some 100 ms, which `gerdy today` would otherwise pay on every
start (`bench/startup.py --instructions`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import Engine

from gerdy.storage.database import current_revision, make_engine

VERSIONS = Path(__file__).parent / "migrations" / "versions"


@cache
def newest_revision() -> str:
    """The revision of the newest migration. Each migration file's name starts with its
    revision, numbered in order (`0005_record_version.py`); a test checks that this is
    Alembic's head."""
    return max(path.name.split("_", 1)[0] for path in VERSIONS.glob("[0-9]*_*.py"))


def ensure_schema(engine: Engine) -> None:
    """Create or migrate the schema when it is not at the newest revision (the first use)."""
    if current_revision(engine) == newest_revision():
        return
    from gerdy.storage.migrate import upgrade_to_head  # Alembic: see the module docstring

    upgrade_to_head(engine)


def open_database(url: str | None = None) -> Engine:
    """An engine whose database exists and is at the newest revision."""
    engine = make_engine(url)
    try:
        ensure_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
