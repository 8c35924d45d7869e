"""Finding, creating and migrating the database: URL resolution, first use, the cheap path."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from gerdy.domain.errors import InvalidInput
from gerdy.storage import database
from gerdy.storage.database import (
    DatabaseTooNew,
    current_revision,
    make_engine,
    resolve_url,
    writing,
)
from gerdy.storage.migrate import alembic_config, head_revision
from gerdy.storage.opening import newest_revision, open_database
from gerdy.storage.store import RecordStore
from gerdy.storage.tables import metadata

from .records import one_of_each, sample_profile


def test_the_newest_migration_file_is_alembics_head() -> None:
    """The start-up path reads the newest revision from the migration files' names, without
    Alembic; it must be the head Alembic finds."""
    assert newest_revision() == head_revision()


def test_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GERDY_DATABASE_URL", "sqlite:////somewhere/else.db")
    assert resolve_url() == "sqlite:////somewhere/else.db"
    assert resolve_url("sqlite:///given.db") == "sqlite:///given.db"


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_plain_postgres_urls_use_psycopg(scheme: str) -> None:
    url = f"{scheme}://gerdy:secret@127.0.0.1:5432/gerdy"
    assert resolve_url(url) == "postgresql+psycopg://gerdy:secret@127.0.0.1:5432/gerdy"
    assert resolve_url("postgresql+psycopg://h/db") == "postgresql+psycopg://h/db"


def test_default_is_a_sqlite_file_in_the_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data" / "gerdy"
    monkeypatch.delenv("GERDY_DATABASE_URL", raising=False)
    monkeypatch.setattr(database, "user_data_dir", lambda *args, **kwargs: str(data_dir))

    assert resolve_url() == f"sqlite:///{data_dir / 'gerdy.db'}"
    assert data_dir.is_dir()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url at all", "not valid"),
        ("nosuchdb://user:secret@host/db", "no database driver for 'nosuchdb'"),
        ("postgresql+nosuchdriver://user:secret@host/db", "no database driver"),
    ],
)
def test_an_unusable_url_is_a_user_error_that_hides_the_password(url: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        make_engine(url)
    assert "secret" not in str(caught.value)


def test_sqlite_connections_enforce_foreign_keys_and_wait_when_busy(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            timeout = connection.execute(text("PRAGMA busy_timeout")).scalar()
            assert timeout == database.SQLITE_BUSY_TIMEOUT_MS
    finally:
        engine.dispose()


def test_sqlite_files_use_the_write_ahead_log_so_readers_never_wait_on_a_writer(
    sqlite_url: str,
) -> None:
    """WAL: a reader reads the last committed version while another connection holds the
    write lock (in the default rollback journal it would wait, then fail "locked")."""
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            connection.execute(text("CREATE TABLE t (n INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            connection.commit()
        with writing(engine) as writer, writer.begin():
            writer.execute(text("INSERT INTO t VALUES (2)"))
            with engine.connect() as reader:
                assert reader.execute(text("SELECT count(*) FROM t")).scalar() == 1
    finally:
        engine.dispose()


def test_first_use_creates_and_migrates(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
    finally:
        engine.dispose()

    engine = open_database(database_url)
    try:
        assert current_revision(engine) == newest_revision()
        tables = set(inspect(engine).get_table_names())
        assert {"people", "events", "alembic_version"} <= tables
    finally:
        engine.dispose()


def test_second_open_is_idempotent(open_test_store: Callable[..., RecordStore]) -> None:
    first = open_test_store()
    first.save_profile(sample_profile())
    events = first.append(one_of_each())
    first.close()

    second = open_test_store()

    assert current_revision(second.engine) == newest_revision()
    assert second.events() == events
    assert second.profile() == sample_profile()


def test_models_match_the_migrations(database_url: str) -> None:
    """The hand-written migrations create exactly what models.py describes."""
    engine = open_database(database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_migrations_downgrade_and_upgrade_again(database_url: str) -> None:
    engine = open_database(database_url)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert not {"people", "events"} & set(inspect(engine).get_table_names())
        assert current_revision(engine) is None
    finally:
        engine.dispose()

    engine = open_database(database_url)
    try:
        assert current_revision(engine) == newest_revision()
    finally:
        engine.dispose()


def test_a_database_from_a_newer_gerdy_is_refused(database_url: str) -> None:
    open_database(database_url).dispose()
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()

    with pytest.raises(DatabaseTooNew, match="'9999'"):
        open_database(database_url)


def test_opening_an_up_to_date_database_does_not_import_alembic(database_url: str) -> None:
    """The start-up path is one query, and imports neither Alembic (needed only to create or
    migrate) nor the ORM."""
    open_database(database_url).dispose()
    script = textwrap.dedent(
        """
        import sys
        from gerdy.storage import open_store
        with open_store(sys.argv[1]) as store:
            store.events()
        assert "alembic" not in sys.modules, "alembic was imported"
        assert "sqlalchemy.orm" not in sys.modules, "the ORM was imported"
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, database_url], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
