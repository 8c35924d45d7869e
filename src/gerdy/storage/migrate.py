"""Running Alembic programmatically: no alembic.ini, the scripts live in storage/migrations.

Imported only when a database is new or behind (Alembic is slow to import, see
`gerdy.storage.opening`); the start-up path must not import this module.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from gerdy.storage.database import DatabaseTooNew, current_revision, writing

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    """A Config pointing into the package (env.py uses `attributes["connection"]` if set)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """Alembic's single head (there must be exactly one)."""
    head = script_directory().get_current_head()
    if head is None:
        raise RuntimeError("no migrations found in " + str(MIGRATIONS_DIR))
    return head


def _check_known(revision: str | None) -> None:
    if revision is None:
        return
    known = {script.revision for script in script_directory().walk_revisions()}
    if revision not in known:
        raise DatabaseTooNew(
            f"the database is at schema revision {revision!r}, which this gerdy does not know "
            "(it was written by a newer version); upgrade gerdy"
        )


def upgrade_to_head(engine: Engine) -> None:
    """Create the schema or bring it up to the head revision, in one transaction where the
    backend allows it. A concurrent upgrader that got there first is not an error.

    On SQLite, foreign keys are off while the migrations run (a table rebuilt in batch mode is
    dropped and renamed, and a drop with foreign keys on would cascade into the rows that
    refer to it) and checked before the transaction commits (SQLite's documented procedure)."""
    _check_known(current_revision(engine))
    config = alembic_config()
    try:
        with writing(engine) as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:  # outside any transaction: inside one the pragma does nothing
                _sqlite_foreign_keys(connection, on=False)
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                    if sqlite:
                        _check_foreign_keys(connection)
            finally:
                if sqlite:
                    _sqlite_foreign_keys(connection, on=True)
    except Exception:
        if current_revision(engine) != head_revision():
            raise


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    """Switch SQLite's foreign keys on the driver's connection, outside SQLAlchemy's
    transaction handling (which would open a transaction first)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"the upgrade would leave rows naming missing ones: {broken[:5]}")
