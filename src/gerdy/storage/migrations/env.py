"""Alembic's environment for gerdy: runs on the connection `gerdy.storage.migrate` hands in.

With no connection given (e.g. `alembic` driven by hand with a Config from `alembic_config()`),
it connects to the URL gerdy would use (`$GERDY_DATABASE_URL` or the default SQLite file).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from gerdy.storage.database import make_engine, resolve_url
from gerdy.storage.tables import metadata

config = context.config
target_metadata = metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs batch mode for ALTER in future migrations
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=resolve_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        run_on(given)
        return
    engine = make_engine()
    try:
        with engine.begin() as connection:
            run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
