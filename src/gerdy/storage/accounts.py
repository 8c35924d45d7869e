"""Web accounts, server-side sessions and rate-limit counters, on SQLAlchemy Core.

Everything the web app must share between app servers lives here, in the database: who an
account is, which session tokens are valid (only their SHA-256 is stored) and how many failed
sign-ins a bucket had recently. Password hashing, cookies and the rules (how many failures,
how long a session lives) belong to `gerdy.web`; this module only stores and counts.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from gerdy.domain.errors import InvalidInput
from gerdy.storage.database import writing
from gerdy.storage.tables import (
    accounts,
    import_locks,
    people,
    rate_limits,
    server_secrets,
    web_sessions,
)
from gerdy.storage.tables import events as event_table


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    password_hash: str
    person_handle: str
    calendar_token: str
    role: str = "runner"  # or "clinician": no record of their own, reads what is shared
    display_name: str | None = None  # a clinician's name, signing their events
    must_change_password: bool = False  # after `gerdy users reset-password`

    @property
    def is_clinician(self) -> bool:
        return self.role == "clinician"


@dataclass(frozen=True)
class WebSession:
    account: Account
    csrf_token: str
    expires_at: dt.datetime


ACCOUNT_COLUMNS = (
    accounts.c.id,
    accounts.c.email,
    accounts.c.password_hash,
    accounts.c.person_handle,
    accounts.c.calendar_token,
    accounts.c.role,
    accounts.c.display_name,
    accounts.c.must_change_password,
)
# A live session and its account, asked on every signed-in request (built once).
SESSION_QUERY = (
    select(*ACCOUNT_COLUMNS, web_sessions.c.csrf_token, web_sessions.c.expires_at)
    .join(accounts, accounts.c.id == web_sessions.c.account_id)
    .where(web_sessions.c.token_hash == bindparam("token_hash"))
    .where(web_sessions.c.expires_at > bindparam("now"))
)


@dataclass(frozen=True)
class Attempts:
    """A bucket's rows inside a window: their summed amount, the oldest and newest times."""

    total: int
    oldest: dt.datetime | None
    newest: dt.datetime | None


class EmailTaken(InvalidInput):
    """Sign-up with an email that already has an account."""


def new_person_handle() -> str:
    return f"user:{uuid.uuid4().hex}"


def new_calendar_token() -> str:
    return secrets.token_hex(32)


class AccountStore:
    """Accounts and sessions in one gerdy database (any number of app servers may share it)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- accounts ----------------------------------------------------------------------------

    def create(
        self,
        email: str,
        password_hash: str,
        *,
        person_handle: str | None = None,
        role: str = "runner",
        display_name: str | None = None,
    ) -> Account:
        values: dict[str, Any] = {
            "email": email,
            "password_hash": password_hash,
            "person_handle": person_handle or new_person_handle(),
            "calendar_token": new_calendar_token(),
            "role": role,
            "display_name": display_name,
        }
        try:
            with writing(self.engine) as connection, connection.begin():
                account_id = connection.execute(
                    insert(accounts).values(**values).returning(accounts.c.id)
                ).scalar_one()
        except IntegrityError as exc:
            raise EmailTaken("an account with this email exists already") from exc
        return Account(id=account_id, **values)

    def by_email(self, email: str) -> Account | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(*ACCOUNT_COLUMNS).where(accounts.c.email == email)
            ).one_or_none()
        return None if row is None else Account(*row)

    def by_calendar_token(self, token: str) -> Account | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(*ACCOUNT_COLUMNS).where(accounts.c.calendar_token == token)
            ).one_or_none()
        return None if row is None else Account(*row)

    def set_password_hash(
        self, account_id: int, password_hash: str, *, must_change: bool = False
    ) -> None:
        """A new password hash; `must_change` says whether the account must choose another at
        its next sign-in (after a reset by the server's owner)."""
        with writing(self.engine) as connection, connection.begin():
            connection.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(password_hash=password_hash, must_change_password=must_change)
            )

    def reset_password(self, account_id: int, password_hash: str) -> int:
        """The server owner's reset, in one transaction: the new (one-time) hash, to be changed
        at the next sign-in; a new calendar-feed token; every session ended (how many)."""
        with writing(self.engine) as connection, connection.begin():
            connection.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(
                    password_hash=password_hash,
                    must_change_password=True,
                    calendar_token=new_calendar_token(),
                )
            )
            result = connection.execute(
                delete(web_sessions).where(web_sessions.c.account_id == account_id)
            )
        return result.rowcount

    def set_email(self, account_id: int, email: str) -> None:
        """EmailTaken when another account has this address."""
        try:
            with writing(self.engine) as connection, connection.begin():
                connection.execute(
                    update(accounts).where(accounts.c.id == account_id).values(email=email)
                )
        except IntegrityError as exc:
            raise EmailTaken("an account with this email exists already") from exc

    def renew_calendar_token(self, account_id: int) -> str:
        token = new_calendar_token()
        with writing(self.engine) as connection, connection.begin():
            connection.execute(
                update(accounts).where(accounts.c.id == account_id).values(calendar_token=token)
            )
        return token

    def delete(self, account_id: int) -> None:
        """Remove the account, its sessions and its whole record, in one transaction."""
        with writing(self.engine) as connection, connection.begin():
            handle = connection.execute(
                select(accounts.c.person_handle).where(accounts.c.id == account_id)
            ).scalar_one_or_none()
            if handle is None:
                return
            person_id = connection.execute(
                select(people.c.id).where(people.c.handle == handle)
            ).scalar_one_or_none()
            if person_id is not None:
                connection.execute(delete(event_table).where(event_table.c.person_id == person_id))
                connection.execute(delete(people).where(people.c.id == person_id))
            connection.execute(delete(web_sessions).where(web_sessions.c.account_id == account_id))
            connection.execute(delete(rate_limits).where(rate_limits.c.account_id == account_id))
            connection.execute(delete(import_locks).where(import_locks.c.account_id == account_id))
            connection.execute(delete(accounts).where(accounts.c.id == account_id))

    # -- sessions ----------------------------------------------------------------------------

    def open_session(
        self,
        account_id: int,
        token_hash: str,
        csrf_token: str,
        expires_at: dt.datetime,
        *,
        keep: int | None = None,
        replacing: str | None = None,
    ) -> None:
        """Store a new session; `replacing` (a token hash) is closed in the same transaction,
        and beyond `keep` live sessions the account's oldest are dropped."""
        with writing(self.engine) as connection, connection.begin():
            if replacing is not None:
                connection.execute(
                    delete(web_sessions).where(web_sessions.c.token_hash == replacing)
                )
            connection.execute(
                insert(web_sessions).values(
                    token_hash=token_hash,
                    account_id=account_id,
                    csrf_token=csrf_token,
                    expires_at=expires_at,
                    created_at=dt.datetime.now(dt.UTC),
                )
            )
            if keep is not None:
                kept = (
                    select(web_sessions.c.token_hash)
                    .where(web_sessions.c.account_id == account_id)
                    .order_by(web_sessions.c.created_at.desc(), web_sessions.c.expires_at.desc())
                    .limit(keep)
                )
                connection.execute(
                    delete(web_sessions)
                    .where(web_sessions.c.account_id == account_id)
                    .where(web_sessions.c.token_hash.not_in(kept.scalar_subquery()))
                )

    def session(self, token_hash: str, now: dt.datetime) -> WebSession | None:
        """The live session with this token hash (None when unknown or expired)."""
        with self.engine.connect() as connection:
            row = connection.execute(
                SESSION_QUERY, {"token_hash": token_hash, "now": now}
            ).one_or_none()
        if row is None:
            return None
        width = len(ACCOUNT_COLUMNS)
        return WebSession(
            account=Account(*row[:width]), csrf_token=row[width], expires_at=row[width + 1]
        )

    def close_session(self, token_hash: str) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))

    def close_sessions_of(self, account_id: int, *, keeping: str | None = None) -> int:
        """Close the account's sessions, all but `keeping` (a token hash); how many closed."""
        query = delete(web_sessions).where(web_sessions.c.account_id == account_id)
        if keeping is not None:
            query = query.where(web_sessions.c.token_hash != keeping)
        with writing(self.engine) as connection, connection.begin():
            result = connection.execute(query)
        return result.rowcount

    def purge_expired(self, now: dt.datetime) -> int:
        with writing(self.engine) as connection, connection.begin():
            result = connection.execute(
                delete(web_sessions).where(web_sessions.c.expires_at <= now)
            )
        return result.rowcount

    # -- rate limits ---------------------------------------------------------------------------

    def attempts(self, bucket: str, since: dt.datetime) -> Attempts:
        query = (
            select(
                func.coalesce(func.sum(rate_limits.c.amount), 0),
                func.min(rate_limits.c.occurred_at),
                func.max(rate_limits.c.occurred_at),
            )
            .where(rate_limits.c.bucket == bucket)
            .where(rate_limits.c.occurred_at > since)
        )
        with self.engine.connect() as connection:
            total, oldest, newest = connection.execute(query).one()
        return Attempts(int(total), oldest, newest)

    def count_attempts(self, bucket: str, since: dt.datetime) -> int:
        return self.attempts(bucket, since).total

    def record_attempt(
        self,
        bucket: str,
        now: dt.datetime,
        *,
        forget_before: dt.datetime,
        account_id: int | None = None,
        amount: int = 1,
    ) -> None:
        """Count `amount` against the bucket (owned by `account_id`, if any); every row older
        than `forget_before`, whatever its bucket, is deleted."""
        with writing(self.engine) as connection, connection.begin():
            connection.execute(
                delete(rate_limits).where(rate_limits.c.occurred_at <= forget_before)
            )
            connection.execute(
                insert(rate_limits).values(
                    bucket=bucket, occurred_at=now, amount=amount, account_id=account_id
                )
            )

    def clear_attempts(self, bucket: str) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(delete(rate_limits).where(rate_limits.c.bucket == bucket))

    # -- the server's secret -----------------------------------------------------------------

    def server_secret(self, name: str = "server") -> str:
        """The named secret, made (random, 64 bytes as hex) on first use; when two servers
        start at once, the first insert wins and both use it."""
        query = select(server_secrets.c.value).where(server_secrets.c.name == name)
        with self.engine.connect() as connection:
            found = connection.execute(query).scalar_one_or_none()
        if found is not None:
            return str(found)
        try:
            with writing(self.engine) as connection, connection.begin():
                connection.execute(
                    insert(server_secrets).values(name=name, value=secrets.token_hex(64))
                )
        except IntegrityError:
            pass
        with self.engine.connect() as connection:
            return str(connection.execute(query).scalar_one())

    # -- imports -----------------------------------------------------------------------------

    def lock_import(self, account_id: int, now: dt.datetime, *, stale_before: dt.datetime) -> bool:
        """Take the account's import lock (False when an import started after `stale_before`
        still holds it; an older lock is left by a crashed server and is taken over)."""
        try:
            with writing(self.engine) as connection, connection.begin():
                connection.execute(
                    delete(import_locks)
                    .where(import_locks.c.account_id == account_id)
                    .where(import_locks.c.started_at <= stale_before)
                )
                connection.execute(
                    insert(import_locks).values(account_id=account_id, started_at=now)
                )
        except IntegrityError:
            return False
        return True

    def unlock_import(self, account_id: int) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(delete(import_locks).where(import_locks.c.account_id == account_id))
