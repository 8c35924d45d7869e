"""Storage: the SQLAlchemy tables, the Alembic migrations and the event store.

`open_store()` gives a `RecordStore` for one person; the database is created and migrated
automatically on first use. Nothing here decides what the events mean (that is the engine's).
"""

from gerdy.storage.store import RecordStore, open_store

__all__ = ["RecordStore", "open_store"]
