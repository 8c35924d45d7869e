"""The schema as SQLAlchemy Core tables: `people` (one row per runner, the profile as JSON)
and `events` (append-only, each the whole `gerdy/1` event as JSON plus a few columns to query).

This is the schema's single source of truth for the store and for migrations (a test checks
the migrations build exactly this). It is Core, not ORM, because `sqlalchemy.orm` costs about
a third of a bare `import sqlalchemy` and `gerdy today` must start fast; the typed ORM classes
in `models.py` map onto these same tables for code that wants them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
)

ID_LENGTH = 64  # the contract's max length of an event id
HANDLE_LENGTH = 64
# Deterministic constraint names, the same on SQLite and PostgreSQL (migrations refer to them).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime on every backend (SQLite stores no offset, so one is re-attached)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


metadata = MetaData(naming_convention=NAMING_CONVENTION)

# A runner. `handle` is "local" for the CLI; the web app's accounts will map to handles.
# `profile` is the Profile as `model_dump(mode="json")`, NULL until `gerdy init`.
people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handle", String(HANDLE_LENGTH), nullable=False, unique=True),
    Column("profile", JSON(none_as_null=True), nullable=True),
    Column("created_at", UTCDateTime, nullable=False, default=utc_now),
    Column("updated_at", UTCDateTime, nullable=False, default=utc_now, onupdate=utc_now),
)

# One event. `seq` is the global insertion order; `payload` is the whole event as
# `model_dump(mode="json", exclude_none=True)`. Ids are unique per person, not globally, so
# one exported document can be loaded into more than one person's record.
events = Table(
    "events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(ID_LENGTH), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(20), nullable=False),
    Column("date", Date, nullable=False),
    Column("supersedes", String(ID_LENGTH), nullable=True),
    Column("payload", JSON, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False, default=utc_now),
    Column("source_sha256", String(64), nullable=True, index=True),
    UniqueConstraint("person_id", "id"),
    Index("ix_events_person_id_date", "person_id", "date"),
)
