"""Where the database is and how to connect: URL resolution, the engine, transactions that
write, and the schema revision a database is at. Opening a database (creating or migrating
its schema) is `gerdy.storage.opening`'s. This module knows nothing of people or events.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError

from gerdy.domain.errors import GerdyError, InvalidInput

URL_ENV = "GERDY_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another's lock before "locked"
WRITE_OPTION = "gerdy_writes"  # execution option: this transaction will write


class DatabaseTooNew(GerdyError):
    """The database was migrated by a newer gerdy than this one."""


def default_url() -> str:
    """A SQLite file `gerdy.db` in the user's data directory (created if missing)."""
    directory = Path(user_data_dir("gerdy"))
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'gerdy.db'}"


def resolve_url(url: str | None = None) -> str:
    """The URL to use: the argument, else `$GERDY_DATABASE_URL`, else the default SQLite file.

    Plain `postgresql://` (and `postgres://`) URLs are mapped to the psycopg 3 driver.
    """
    chosen = url or os.environ.get(URL_ENV) or default_url()
    for prefix in ("postgresql://", "postgres://"):
        if chosen.startswith(prefix):
            return "postgresql+psycopg://" + chosen[len(prefix) :]
    return chosen


def _on_sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    # Leave transactions to us (see _on_sqlite_begin) instead of pysqlite's implicit ones,
    # so reads, writes and DDL (migrations) in one `begin()` block are really one transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        # Write-ahead log: readers never wait on a writer (nor a writer on readers); a file
        # keeps the mode, an in-memory database answers "memory" and stays as it is.
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    # A writer takes the write lock up front, so it waits (busy timeout) instead of failing
    # when another process writes between its first read and its first write.
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def make_engine(url: str | None = None) -> Engine:
    """An engine for the resolved URL; SQLite gets foreign keys on, a busy timeout, the
    write-ahead log and real transactions (the SQLAlchemy-documented pysqlite recipe)."""
    try:
        resolved = make_url(resolve_url(url))
    except ArgumentError as exc:  # the message would echo the URL, password and all
        raise InvalidInput(f"the database URL is not valid (check ${URL_ENV})") from exc
    try:
        if resolved.get_backend_name() != "sqlite":
            return create_engine(resolved, pool_pre_ping=True)
        engine = create_engine(resolved)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        hint = " (install gerdy[postgres])" if resolved.get_backend_name() == "postgresql" else ""
        raise InvalidInput(
            f"no database driver for {resolved.drivername!r} URLs{hint}: {exc}"
        ) from exc
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def database_busy(exc: BaseException) -> bool:
    """Whether `exc` is SQLite's "database is locked": another connection held the write lock
    for longer than the busy timeout. Nothing was written; trying again later may work."""
    if not isinstance(exc, OperationalError):
        return False
    return "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


def writing(engine: Engine) -> Connection:
    """A connection for a transaction that will write (`with writing(e) as c, c.begin():`)."""
    return engine.connect().execution_options(**{WRITE_OPTION: True})


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None when it has no schema yet."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):
            connection.rollback()
            if inspect(connection).has_table("alembic_version"):
                raise
            return None
