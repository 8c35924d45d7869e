"""The schema as SQLAlchemy Core tables: `people` (one row per runner, the profile as JSON)
and `events` (append-only, each the whole `gerdy/1` event as JSON plus a few columns to query),
and the web app's `accounts`, `web_sessions` and `rate_limits` (kept in the database so that
several app servers can share one PostgreSQL).

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
    BigInteger,
    Boolean,
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
    false,
)

ID_LENGTH = 64  # the contract's max length of an event id
HANDLE_LENGTH = 64
EMAIL_LENGTH = 254  # RFC 5321
TOKEN_HASH_LENGTH = 64  # a SHA-256 hex digest
ROLE_LENGTH = 16
NAME_LENGTH = 100
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


def account_ref(
    name: str,
    *,
    ondelete: str = "CASCADE",
    nullable: bool = False,
    index: bool = False,
    primary_key: bool = False,
) -> Column[int]:
    """A column naming an account: its row goes with the account (or, with `ondelete="SET
    NULL"`, forgets it)."""
    return Column(
        name,
        Integer,
        ForeignKey("accounts.id", ondelete=ondelete),
        nullable=nullable,
        index=index,
        primary_key=primary_key,
    )


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
    # One more at every write of the record (profile or events), in the write's transaction:
    # the version of many records is then read from this table alone (the caseload).
    Column("version", Integer, nullable=False, default=0, server_default="0"),
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
    # The id a client gave the entry (the offline queue, any API client's retry): one entry
    # per client id and record, so a request sent twice is written once. Not part of the
    # `gerdy/1` event: an export leaves it out.
    Column("client_id", String(ID_LENGTH), nullable=True),
    UniqueConstraint("person_id", "id"),
    Index("ix_events_person_id_date", "person_id", "date"),
    Index("ix_events_person_id_client_id", "person_id", "client_id", unique=True),
)

# A web account: an email, an argon2 password hash, and the handle of the `people` row that holds
# its record (random, `user:<hex>`, so a deleted account's record is never reused). Ids are never
# given twice (AUTOINCREMENT on SQLite; PostgreSQL's sequence), so an id in a URL, a device
# cookie or a share never comes to name another account.
# `calendar_token` is the unguessable capability in the account's calendar-feed URL; it is kept
# as is because the URL is shown again on the calendar page (it grants no more than the record
# this same database holds).
accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(EMAIL_LENGTH), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("person_handle", String(HANDLE_LENGTH), nullable=False, unique=True),
    Column("calendar_token", String(TOKEN_HASH_LENGTH), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False, default=utc_now),
    # "runner" (the account holds a record) or "clinician" (reads the records shared with it).
    Column("role", String(ROLE_LENGTH), nullable=False, server_default="runner"),
    # The name a clinician signs their events with (runners: unset).
    Column("display_name", String(NAME_LENGTH), nullable=True),
    # Set by `gerdy users reset-password`: the account chooses its own at its next sign-in.
    Column("must_change_password", Boolean, nullable=False, server_default=false()),
    sqlite_autoincrement=True,
)

# A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy
# of the database does not let anyone sign in. `csrf_token` is this session's CSRF secret.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(TOKEN_HASH_LENGTH), primary_key=True),
    account_ref("account_id", index=True),
    Column("csrf_token", String(TOKEN_HASH_LENGTH), nullable=False),
    Column("created_at", UTCDateTime, nullable=False, default=utc_now),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)

# One counted thing (a failed sign-in, a sign-up, the bytes of an import) against a bucket, the
# HMAC under the server's secret of e.g. "login-account:<email>", so a copy of the table does
# not tell who tried from where. A limiter sums `amount` over a bucket's rows inside its window;
# rows older than the longest window are deleted, and an account's own rows go with it.
rate_limits = Table(
    "rate_limits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bucket", String(TOKEN_HASH_LENGTH), nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False, index=True),
    Column("amount", BigInteger, nullable=False, default=1),
    account_ref("account_id", nullable=True, index=True),
    Index("ix_rate_limits_bucket_occurred_at", "bucket", "occurred_at"),
)

# Random secrets made on first start and shared by every app server on this database (the key
# of the CSRF tokens and of the rate-limit buckets).
server_secrets = Table(
    "server_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(128), nullable=False),
    Column("created_at", UTCDateTime, nullable=False, default=utc_now),
)

# The account's import in progress: one at a time per account, whichever app server runs it.
import_locks = Table(
    "import_locks",
    metadata,
    account_ref("account_id", primary_key=True),
    Column("started_at", UTCDateTime, nullable=False),
)


# A runner's one-time share code. Only its SHA-256 is kept; it is good once (`used_at`), until
# `expires_at`, and carries the alias the runner wants the clinician to see.
share_codes = Table(
    "share_codes",
    metadata,
    Column("code_hash", String(TOKEN_HASH_LENGTH), primary_key=True),
    account_ref("runner_id", index=True),
    Column("alias", String(NAME_LENGTH), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime, nullable=True),
)

# A clinician's access to a runner's record, from a redeemed code until the runner revokes it.
shares = Table(
    "shares",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    account_ref("runner_id", index=True),
    account_ref("clinician_id", index=True),
    Column("alias", String(NAME_LENGTH), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
)

# Who looked at (or wrote to) which runner's record, what, and when: the runner reads it. The
# clinician's name is kept as it was, so the log outlives a deleted clinician account.
access_log = Table(
    "access_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    account_ref("runner_id"),
    account_ref("clinician_id", ondelete="SET NULL", nullable=True),
    Column("clinician_name", String(NAME_LENGTH), nullable=False),
    Column("what", String(40), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_access_log_runner_id_at", "runner_id", "at"),
    Index("ix_access_log_clinician_id_at", "clinician_id", "at"),
)
