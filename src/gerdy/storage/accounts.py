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

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from gerdy.domain.errors import InvalidInput
from gerdy.storage.database import writing
from gerdy.storage.tables import accounts, people, rate_limits, web_sessions
from gerdy.storage.tables import events as event_table


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    password_hash: str
    person_handle: str
    calendar_token: str


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
)


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
        self, email: str, password_hash: str, *, person_handle: str | None = None
    ) -> Account:
        values = {
            "email": email,
            "password_hash": password_hash,
            "person_handle": person_handle or new_person_handle(),
            "calendar_token": new_calendar_token(),
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

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(password_hash=password_hash)
            )

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
            connection.execute(delete(accounts).where(accounts.c.id == account_id))

    # -- sessions ----------------------------------------------------------------------------

    def open_session(
        self, account_id: int, token_hash: str, csrf_token: str, expires_at: dt.datetime
    ) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(
                insert(web_sessions).values(
                    token_hash=token_hash,
                    account_id=account_id,
                    csrf_token=csrf_token,
                    expires_at=expires_at,
                )
            )

    def session(self, token_hash: str, now: dt.datetime) -> WebSession | None:
        """The live session with this token hash (None when unknown or expired)."""
        query = (
            select(*ACCOUNT_COLUMNS, web_sessions.c.csrf_token, web_sessions.c.expires_at)
            .join(accounts, accounts.c.id == web_sessions.c.account_id)
            .where(web_sessions.c.token_hash == token_hash)
            .where(web_sessions.c.expires_at > now)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        if row is None:
            return None
        return WebSession(account=Account(*row[:5]), csrf_token=row[5], expires_at=row[6])

    def close_session(self, token_hash: str) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))

    def close_sessions_of(self, account_id: int) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(delete(web_sessions).where(web_sessions.c.account_id == account_id))

    def purge_expired(self, now: dt.datetime) -> int:
        with writing(self.engine) as connection, connection.begin():
            result = connection.execute(
                delete(web_sessions).where(web_sessions.c.expires_at <= now)
            )
        return result.rowcount

    # -- rate limits -------------------------------------------------------------------------

    def count_attempts(self, bucket: str, since: dt.datetime) -> int:
        query = (
            select(func.count())
            .select_from(rate_limits)
            .where(rate_limits.c.bucket == bucket)
            .where(rate_limits.c.occurred_at > since)
        )
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def record_attempt(self, bucket: str, now: dt.datetime, *, forget_before: dt.datetime) -> None:
        """Count one attempt against the bucket; rows older than `forget_before` are dropped."""
        with writing(self.engine) as connection, connection.begin():
            connection.execute(
                delete(rate_limits)
                .where(rate_limits.c.bucket == bucket)
                .where(rate_limits.c.occurred_at <= forget_before)
            )
            connection.execute(insert(rate_limits).values(bucket=bucket, occurred_at=now))

    def clear_attempts(self, bucket: str) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(delete(rate_limits).where(rate_limits.c.bucket == bucket))
