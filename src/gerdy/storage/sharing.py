"""Sharing a runner's record with clinicians, on SQLAlchemy Core: one-time share codes (only
their SHA-256 is stored), the shares they open, and the access log the runner reads.

This module only stores and reads; what a code looks like, how long it lives and who may do
what are the rules of `gerdy.services.sharing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, Select, Text, cast, func, insert, select, update

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
class Grant:
    """A clinician who reads a runner's record (as the runner sees it)."""

    clinician_id: int
    name: str
    email: str
    since: dt.datetime


@dataclass(frozen=True)
class AccessEntry:
    clinician_name: str
    what: str
    at: dt.datetime


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

    def revoke(self, runner_id: int, clinician_id: int, now: dt.datetime) -> bool:
        """End the clinician's access to the runner's record (False: there was none)."""
        with writing(self.engine) as connection, connection.begin():
            result = connection.execute(
                update(shares)
                .where(shares.c.runner_id == runner_id)
                .where(shares.c.clinician_id == clinician_id)
                .where(shares.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        return result.rowcount > 0

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

    def access_log(self, runner_id: int, limit: int) -> list[AccessEntry]:
        """The runner's access log, newest first."""
        query = (
            select(access_log.c.clinician_name, access_log.c.what, access_log.c.at)
            .where(access_log.c.runner_id == runner_id)
            .order_by(access_log.c.at.desc(), access_log.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [AccessEntry(*row) for row in connection.execute(query)]


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
