"""Sharing a runner's record with clinicians, on SQLAlchemy Core: one-time share codes (only
their SHA-256 is stored), the shares they open, and the access log the runner reads.

This module only stores and reads; what a code looks like, how long it lives and who may do
what are the rules of `gerdy.services.sharing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    Select,
    Text,
    cast,
    exists,
    func,
    insert,
    select,
    update,
)

from gerdy.storage.database import writing
from gerdy.storage.store import RecordVersion
from gerdy.storage.tables import access_log, accounts, people, share_codes, shares


@dataclass(frozen=True)
class SharedRecord:
    """A runner's record as one clinician reaches it: the runner's account id (the id in the
    clinician's URLs), the record's handle, the alias the runner chose and since when."""

    runner_id: int
    person_handle: str
    alias: str
    since: dt.datetime


def shared_from(runner_id: int, handle: str, alias: str, since: dt.datetime) -> SharedRecord:
    return SharedRecord(runner_id, handle, alias, since)


@dataclass(frozen=True)
class EndedShare:
    """A runner who stopped sharing with one clinician (and has not shared with them again):
    the alias the clinician knew them by and when the access ended."""

    runner_id: int
    alias: str
    ended: dt.datetime


@dataclass(frozen=True)
class Grant:
    """A clinician who reads a runner's record (as the runner sees it)."""

    clinician_id: int
    name: str
    email: str
    since: dt.datetime


@dataclass(frozen=True)
class PendingCode:
    """A share code the runner made that is neither used nor expired (the code itself is not
    kept: only its hash)."""

    code_hash: str
    alias: str
    created_at: dt.datetime
    expires_at: dt.datetime


@dataclass(frozen=True)
class AccessEntry:
    clinician_name: str
    what: str
    at: dt.datetime


@dataclass(frozen=True)
class ViewsOfADay:
    """How often a clinician looked at one part of a runner's record on one day (UTC), and
    when last."""

    clinician_name: str
    day: dt.date
    what: str
    times: int
    last: dt.datetime


class ShareStore:
    """Codes, shares and the access log in one gerdy database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def database(self) -> str:
        """Which database this is (a key for what is kept per process about its records)."""
        return str(self.engine.url)

    def record_versions(self, handles: Sequence[str]) -> dict[str, RecordVersion]:
        return record_versions(self.engine, handles)

    # -- codes -------------------------------------------------------------------------------
    def add_code(
        self, runner_id: int, code_hash: str, alias: str, now: dt.datetime, expires: dt.datetime
    ) -> None:
        with writing(self.engine) as connection, connection.begin():
            connection.execute(
                insert(share_codes).values(
                    code_hash=code_hash,
                    runner_id=runner_id,
                    alias=alias,
                    created_at=now,
                    expires_at=expires,
                )
            )

    def pending_codes(self, runner_id: int, now: dt.datetime) -> list[PendingCode]:
        """The runner's codes still good at `now`, oldest first."""
        query = (
            select(
                share_codes.c.code_hash,
                share_codes.c.alias,
                share_codes.c.created_at,
                share_codes.c.expires_at,
            )
            .where(share_codes.c.runner_id == runner_id)
            .where(share_codes.c.used_at.is_(None))
            .where(share_codes.c.expires_at > now)
            .order_by(share_codes.c.created_at)
        )
        with self.engine.connect() as connection:
            return [PendingCode(*row) for row in connection.execute(query)]

    def cancel_codes(self, runner_id: int, now: dt.datetime, code_hash: str | None = None) -> int:
        """End the runner's codes still good at `now` (only `code_hash`, if given): they expire
        now. How many."""
        with writing(self.engine) as connection, connection.begin():
            return _cancel_codes(connection, runner_id, now, code_hash)

    def redeem(self, code_hash: str, clinician_id: int, now: dt.datetime) -> SharedRecord | None:
        """Use the code (once, before it expires) to open a share for the clinician, in one
        transaction; None when the code is unknown, used or expired. A runner already shared
        with this clinician keeps the one share."""
        with writing(self.engine) as connection, connection.begin():
            used = connection.execute(
                update(share_codes)
                .where(share_codes.c.code_hash == code_hash)
                .where(share_codes.c.used_at.is_(None))
                .where(share_codes.c.expires_at > now)
                .values(used_at=now)
                .returning(share_codes.c.runner_id, share_codes.c.alias)
            ).one_or_none()
            if used is None:
                return None
            runner_id, alias = used
            live = connection.execute(
                select(shares.c.id)
                .where(shares.c.runner_id == runner_id)
                .where(shares.c.clinician_id == clinician_id)
                .where(shares.c.revoked_at.is_(None))
            ).first()
            if live is None:
                connection.execute(
                    insert(shares).values(
                        runner_id=runner_id, clinician_id=clinician_id, alias=alias, created_at=now
                    )
                )
            else:
                connection.execute(update(shares).where(shares.c.id == live[0]).values(alias=alias))
        return self.shared_record(clinician_id, runner_id)

    # -- shares ------------------------------------------------------------------------------
    @staticmethod
    def _records_query(clinician_id: int) -> Select[int, str, str, dt.datetime]:
        return (
            select(
                shares.c.runner_id, accounts.c.person_handle, shares.c.alias, shares.c.created_at
            )
            .join(accounts, accounts.c.id == shares.c.runner_id)
            .where(shares.c.clinician_id == clinician_id)
            .where(shares.c.revoked_at.is_(None))
            .where(accounts.c.role == "runner")
        )

    def has_shares(self, clinician_id: int) -> bool:
        """Whether any share (live or revoked) was ever opened to the clinician."""
        query = select(exists().where(shares.c.clinician_id == clinician_id))
        with self.engine.connect() as connection:
            return bool(connection.execute(query).scalar())

    def shared_records(self, clinician_id: int) -> list[SharedRecord]:
        """The records shared with the clinician, oldest share first."""
        query = ShareStore._records_query(clinician_id).order_by(shares.c.id)
        with self.engine.connect() as connection:
            return [shared_from(*row) for row in connection.execute(query)]

    def shared_record(self, clinician_id: int, runner_id: int) -> SharedRecord | None:
        query = ShareStore._records_query(clinician_id).where(shares.c.runner_id == runner_id)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else shared_from(*row)

    def ended_shares(self, clinician_id: int, since: dt.datetime) -> list[EndedShare]:
        """The runners whose share with the clinician ended at `since` or later and who do
        not share with them now, the latest end first (one row per runner)."""
        again = shares.alias("again")
        live = (
            select(again.c.id)
            .where(again.c.runner_id == shares.c.runner_id)
            .where(again.c.clinician_id == clinician_id)
            .where(again.c.revoked_at.is_(None))
        )
        query = (
            select(shares.c.runner_id, shares.c.alias, shares.c.revoked_at)
            .join(accounts, accounts.c.id == shares.c.runner_id)
            .where(shares.c.clinician_id == clinician_id)
            .where(shares.c.revoked_at >= since)
            .where(accounts.c.role == "runner")
            .where(~exists(live))
            .order_by(shares.c.revoked_at.desc(), shares.c.id.desc())
        )
        ended: dict[int, EndedShare] = {}
        with self.engine.connect() as connection:
            for runner_id, alias, at in connection.execute(query):
                ended.setdefault(runner_id, EndedShare(runner_id, alias, as_utc(at)))
        return list(ended.values())

    def grants(self, runner_id: int) -> list[Grant]:
        """Who reads the runner's record now."""
        query = (
            select(
                shares.c.clinician_id,
                func.coalesce(accounts.c.display_name, accounts.c.email),
                accounts.c.email,
                func.min(shares.c.created_at),
            )
            .join(accounts, accounts.c.id == shares.c.clinician_id)
            .where(shares.c.runner_id == runner_id)
            .where(shares.c.revoked_at.is_(None))
            .group_by(shares.c.clinician_id, accounts.c.display_name, accounts.c.email)
            .order_by(func.min(shares.c.created_at))
        )
        with self.engine.connect() as connection:
            return [Grant(*row) for row in connection.execute(query)]

    def revoke(self, runner_id: int, clinician_id: int, now: dt.datetime) -> int | None:
        """End the clinician's access to the runner's record and, in the same transaction,
        every code of the runner still unused (any of them would let the clinician back in:
        a code does not say whom it was for). How many codes ended; None when the clinician
        had no access (and nothing changed)."""
        with writing(self.engine) as connection, connection.begin():
            result = connection.execute(
                update(shares)
                .where(shares.c.runner_id == runner_id)
                .where(shares.c.clinician_id == clinician_id)
                .where(shares.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            if result.rowcount == 0:
                return None
            return _cancel_codes(connection, runner_id, now, None)

    # -- the access log ----------------------------------------------------------------------
    def log(
        self,
        clinician_id: int,
        clinician_name: str,
        runner_ids: Iterable[int],
        what: str,
        now: dt.datetime,
        *,
        unless_since: dt.datetime | None = None,
    ) -> None:
        """Log that the clinician saw (or wrote) `what` of each runner's record; with
        `unless_since`, a runner whose record has the same entry since then is not logged again."""
        wanted = list(dict.fromkeys(runner_ids))
        if not wanted:
            return
        with writing(self.engine) as connection, connection.begin():
            if unless_since is not None:
                recent = set(
                    connection.execute(
                        select(access_log.c.runner_id)
                        .where(access_log.c.clinician_id == clinician_id)
                        .where(access_log.c.what == what)
                        .where(access_log.c.at > unless_since)
                    ).scalars()
                )
                wanted = [runner for runner in wanted if runner not in recent]
            if wanted:
                connection.execute(
                    insert(access_log),
                    [
                        {
                            "runner_id": runner,
                            "clinician_id": clinician_id,
                            "clinician_name": clinician_name,
                            "what": what,
                            "at": now,
                        }
                        for runner in wanted
                    ],
                )

    def access_log(
        self, runner_id: int, limit: int, *, only: Collection[str] | None = None
    ) -> list[AccessEntry]:
        """The runner's access log, newest first (with `only`: the entries of those kinds)."""
        query = (
            select(access_log.c.clinician_name, access_log.c.what, access_log.c.at)
            .where(access_log.c.runner_id == runner_id)
            .order_by(access_log.c.at.desc(), access_log.c.id.desc())
            .limit(limit)
        )
        if only is not None:
            query = query.where(access_log.c.what.in_(list(only)))
        with self.engine.connect() as connection:
            return [AccessEntry(*row) for row in connection.execute(query)]

    def views_per_day(
        self, runner_id: int, limit: int, *, excluding: Collection[str]
    ) -> list[ViewsOfADay]:
        """The runner's access log but `excluding`'s kinds, one row per clinician, day (UTC)
        and kind with how many times and when last: newest day first, `limit` rows."""
        day = utc_day(access_log.c.at, self.engine.dialect.name)
        last = func.max(access_log.c.at)
        query = (
            select(access_log.c.clinician_name, day, access_log.c.what, func.count(), last)
            .where(access_log.c.runner_id == runner_id)
            .where(access_log.c.what.not_in(list(excluding)))
            .group_by(access_log.c.clinician_name, day, access_log.c.what)
            .order_by(day.desc(), last.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [
            ViewsOfADay(name, as_date(on), what, int(times), as_utc(at))
            for name, on, what, times, at in rows
        ]


def _cancel_codes(
    connection: Connection, runner_id: int, now: dt.datetime, code_hash: str | None
) -> int:
    query = (
        update(share_codes)
        .where(share_codes.c.runner_id == runner_id)
        .where(share_codes.c.used_at.is_(None))
        .where(share_codes.c.expires_at > now)
        .values(expires_at=now)
    )
    if code_hash is not None:
        query = query.where(share_codes.c.code_hash == code_hash)
    return connection.execute(query).rowcount


def utc_day(column: ColumnElement[dt.datetime], dialect: str) -> ColumnElement[Any]:
    """The UTC day of a stored UTC time, in SQL (SQLite keeps the time as UTC text)."""
    if dialect == "sqlite":
        return func.date(column)
    return cast(func.timezone("UTC", column), Date)


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def as_utc(value: dt.datetime | str) -> dt.datetime:
    """An aggregate's time (SQLite's max() of text loses the column's type)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def record_versions(engine: Engine, handles: Sequence[str]) -> dict[str, RecordVersion]:
    """The version of many records in one query on `people` alone, by handle; a handle with
    no row yet is left out."""
    if not handles:
        return {}
    query = select(people.c.handle, cast(people.c.profile, Text), people.c.version).where(
        people.c.handle.in_(list(handles))
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return {handle: RecordVersion(profile, int(version)) for handle, profile, version in rows}
