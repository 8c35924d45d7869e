"""The event store: one person's profile and append-only events, read and written as domain
models.

Events are never updated or deleted in normal operation (a correction is a new event with
`supersedes`); the exceptions are `replace` (a whole-record load) and `delete_person`. Every
write is one transaction, which moves the record's version (`RecordVersion`) on exactly once.
This module holds no rules about what the events mean.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any, NamedTuple, NoReturn

from sqlalchemy import (
    Connection,
    Engine,
    Text,
    bindparam,
    cast,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Cross, Event, FormCheck, Run, parse_event
from gerdy.domain.profile import Profile
from gerdy.storage.database import writing
from gerdy.storage.opening import open_database
from gerdy.storage.tables import HANDLE_LENGTH, people, utc_now
from gerdy.storage.tables import events as event_table

DEFAULT_PERSON = "local"


def with_id(event: Event) -> Event:
    """The event itself if it has an id, else a copy with a fresh uuid4 hex id."""
    if event.id is not None:
        return event
    return event.model_copy(update={"id": uuid.uuid4().hex})


def event_row(
    person_id: int, event: Event, recorded_at: dt.datetime, client_id: str | None = None
) -> dict[str, Any]:
    source = event.source if isinstance(event, Run | Cross | FormCheck) else None
    return {
        "client_id": client_id,
        "id": event.id,
        "person_id": person_id,
        "type": event.type,
        "date": event.date,
        "supersedes": event.supersedes,
        "payload": event.model_dump(mode="json", exclude_none=True),
        "recorded_at": recorded_at,
        "source_sha256": source.sha256 if source is not None else None,
    }


class RecordVersion(NamedTuple):
    """A record's version: its profile as stored (None before the intake) and its write counter
    `people.version`, one more in the transaction of every write of the record (profile,
    events, a whole replace), so any change by any process changes it. A deleted record has
    no version; web records are never re-created under the same handle (each account gets a
    random one)."""

    profile_json: str | None
    version: int


def repeated_ids(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for event_id in ids:
        if event_id in seen and event_id not in repeated:
            repeated.append(event_id)
        seen.add(event_id)
    return repeated


# The record's version, asked before every cached read (built once: this runs on every page).
VERSION_QUERY = select(cast(people.c.profile, Text), people.c.version, people.c.id).where(
    people.c.handle == bindparam("handle")
)


class RecordStore:
    """One person's record in a gerdy database. Bound to an engine and a person's handle; the
    person's row is created by the first write."""

    def __init__(
        self, engine: Engine, person: str = DEFAULT_PERSON, *, owns_engine: bool = False
    ) -> None:
        if not 1 <= len(person) <= HANDLE_LENGTH:
            raise InvalidInput(f"a person's handle needs 1 to {HANDLE_LENGTH} characters")
        self.engine = engine
        self.person = person
        self._owns_engine = owns_engine

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Dispose the engine if this store opened it (see `open_store`)."""
        if self._owns_engine:
            self.engine.dispose()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------

    def profile(self) -> Profile | None:
        with self.engine.connect() as connection:
            data = connection.execute(
                select(people.c.profile).where(people.c.handle == self.person)
            ).scalar_one_or_none()
        return None if data is None else Profile.model_validate(data)

    def events(self) -> list[Event]:
        """Every event, corrections and corrected alike, in the order they were recorded."""
        query = (
            select(event_table.c.payload)
            .join(people, event_table.c.person_id == people.c.id)
            .where(people.c.handle == self.person)
            .order_by(event_table.c.seq)
        )
        with self.engine.connect() as connection:
            payloads = connection.execute(query).scalars().all()
        return [parse_event(payload) for payload in payloads]

    def by_client_id(self, client_id: str) -> Event | None:
        """The event recorded under this client id, if any."""
        with self.engine.connect() as connection:
            return self._by_client_id(connection, client_id)

    def _by_client_id(self, connection: Connection, client_id: str) -> Event | None:
        query = (
            select(event_table.c.payload)
            .join(people, event_table.c.person_id == people.c.id)
            .where(people.c.handle == self.person)
            .where(event_table.c.client_id == client_id)
        )
        payload = connection.execute(query).scalar_one_or_none()
        return None if payload is None else parse_event(payload)

    def last_recorded(self, kind: str, date: dt.date) -> dt.datetime | None:
        """When the newest event of this kind dated `date` was recorded (None: there is none):
        the check-in of a day that an entry made before then would replace."""
        query = (
            select(func.max(event_table.c.recorded_at))
            .join(people, event_table.c.person_id == people.c.id)
            .where(people.c.handle == self.person)
            .where(event_table.c.type == kind)
            .where(event_table.c.date == date)
        )
        with self.engine.connect() as connection:
            found: dt.datetime | None = connection.execute(query).scalar_one_or_none()
        if found is not None and found.tzinfo is None:  # an aggregate skips the column's type
            found = found.replace(tzinfo=dt.UTC)
        return found

    def is_empty(self) -> bool:
        """True when there is neither a profile nor any event."""
        has_events = exists().where(event_table.c.person_id == people.c.id)
        query = select(people.c.profile.is_not(None) | has_events).where(
            people.c.handle == self.person
        )
        with self.engine.connect() as connection:
            holds_something = connection.execute(query).scalar_one_or_none()
        return not holds_something

    @property
    def identity(self) -> str:
        """Which record this is, across every store object on the same database."""
        return f"{self.engine.url}|{self.person}"

    def version(self) -> RecordVersion | None:
        """The record's version (see `RecordVersion`); None when the person has no row yet."""
        with self.engine.connect() as connection:
            row = connection.execute(VERSION_QUERY, {"handle": self.person}).one_or_none()
        return None if row is None else RecordVersion(row[0], row[1])

    def read(self) -> tuple[RecordVersion | None, list[Event]]:
        """The record's version and every event (in the order recorded), read together: one
        transaction, on PostgreSQL at REPEATABLE READ, so the events are those of that version."""
        with self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execution_options(isolation_level="REPEATABLE READ")
            row = connection.execute(VERSION_QUERY, {"handle": self.person}).one_or_none()
            if row is None:
                return None, []
            query = select(event_table.c.payload).where(event_table.c.person_id == row[2])
            payloads = connection.execute(query.order_by(event_table.c.seq)).scalars().all()
        return RecordVersion(row[0], row[1]), [parse_event(payload) for payload in payloads]

    def has_source(self, sha256: str) -> bool:
        """Whether an event imported from the file with this SHA-256 is already recorded."""
        query = select(
            exists()
            .where(event_table.c.person_id == people.c.id)
            .where(people.c.handle == self.person)
            .where(event_table.c.source_sha256 == sha256)
        )
        with self.engine.connect() as connection:
            return bool(connection.execute(query).scalar())

    # -- writing -----------------------------------------------------------------------------

    def save_profile(self, profile: Profile) -> None:
        with writing(self.engine) as connection, connection.begin():
            person_id = self._person_id(connection)
            self._write_profile(connection, person_id, profile)
            self._new_version(connection, person_id)

    def save_profile_and_append(self, profile: Profile, events: Sequence[Event]) -> list[Event]:
        """Save the profile and record the events in one transaction (all or nothing)."""
        stored = [with_id(event) for event in events]
        try:
            with writing(self.engine) as connection, connection.begin():
                person_id = self._person_id(connection)
                self._write_profile(connection, person_id, profile)
                self._insert(connection, person_id, stored)
                self._new_version(connection, person_id)
        except IntegrityError as exc:
            self._explain_duplicates(exc, stored, check_recorded=True)
        return stored

    def append(self, events: Sequence[Event]) -> list[Event]:
        """Record the events in one transaction (all or nothing); ids are given to those that
        have none. Returns the events as stored."""
        stored = [with_id(event) for event in events]
        if not stored:
            return stored
        try:
            with writing(self.engine) as connection, connection.begin():
                person_id = self._person_id(connection)
                self._insert(connection, person_id, stored)
                self._new_version(connection, person_id)
        except IntegrityError as exc:
            self._explain_duplicates(exc, stored, check_recorded=True)
        return stored

    def append_once(self, event: Event, client_id: str) -> tuple[Event, bool]:
        """Record the event under the client's id, once: when an event of this record has that
        client id already (a request sent again), nothing is written and that event is
        returned. Returns the event as stored and whether it was written now. Two requests
        racing with one id write once: the unique index refuses the second, which then
        returns the first one's event."""
        stored = with_id(event)
        try:
            with writing(self.engine) as connection, connection.begin():
                person_id = self._person_id(connection)
                known = self._by_client_id(connection, client_id)
                if known is not None:
                    return known, False
                self._insert(connection, person_id, [stored], client_id=client_id)
                self._new_version(connection, person_id)
        except IntegrityError as exc:
            known = self.by_client_id(client_id)
            if known is not None:
                return known, False
            self._explain_duplicates(exc, [stored], check_recorded=True)
        return stored, True

    def replace(self, profile: Profile, events: Sequence[Event]) -> list[Event]:
        """Swap the whole record for this profile and these events, in one transaction. Events
        keep their ids; those without one get one. Returns the events as stored."""
        stored = [with_id(event) for event in events]
        try:
            with writing(self.engine) as connection, connection.begin():
                person_id = self._person_id(connection)
                connection.execute(delete(event_table).where(event_table.c.person_id == person_id))
                self._write_profile(connection, person_id, profile)
                self._insert(connection, person_id, stored)
                self._new_version(connection, person_id)
        except IntegrityError as exc:
            self._explain_duplicates(exc, stored, check_recorded=False)
        return stored

    def delete_person(self) -> None:
        """Remove the person and their whole record (nothing happens if there is none)."""
        with writing(self.engine) as connection, connection.begin():
            person_id = connection.execute(
                select(people.c.id).where(people.c.handle == self.person)
            ).scalar_one_or_none()
            if person_id is None:
                return
            connection.execute(delete(event_table).where(event_table.c.person_id == person_id))
            connection.execute(delete(people).where(people.c.id == person_id))

    # -- helpers -----------------------------------------------------------------------------

    def _person_id(self, connection: Connection) -> int:
        """The person's row id, creating the row (with no profile) if needed."""
        found: int | None = connection.execute(
            select(people.c.id).where(people.c.handle == self.person)
        ).scalar_one_or_none()
        if found is not None:
            return found
        created: int = connection.execute(
            insert(people).values(handle=self.person).returning(people.c.id)
        ).scalar_one()
        return created

    @staticmethod
    def _write_profile(connection: Connection, person_id: int, profile: Profile) -> None:
        connection.execute(
            update(people)
            .where(people.c.id == person_id)
            .values(profile=profile.model_dump(mode="json"), updated_at=utc_now())
        )

    @staticmethod
    def _new_version(connection: Connection, person_id: int) -> None:
        """The record's next version: once, last, in every write's transaction."""
        bump = people.c.version + 1
        connection.execute(update(people).where(people.c.id == person_id).values(version=bump))

    @staticmethod
    def _insert(
        connection: Connection,
        person_id: int,
        events: Sequence[Event],
        client_id: str | None = None,
    ) -> None:
        if not events:
            return
        now = utc_now()
        rows = [event_row(person_id, e, now, client_id) for e in events]
        connection.execute(insert(event_table), rows)

    def _explain_duplicates(
        self, exc: IntegrityError, events: Sequence[Event], *, check_recorded: bool
    ) -> NoReturn:
        """Turn a duplicate-id violation into InvalidInput naming the id; re-raise otherwise."""
        ids = [event.id for event in events if event.id is not None]
        duplicates = repeated_ids(ids)
        if check_recorded and not duplicates:
            recorded = {event.id for event in self.events()}
            duplicates = [event_id for event_id in ids if event_id in recorded]
        if not duplicates:
            raise exc
        raise InvalidInput(
            f"event id {duplicates[0]!r} is already in the record; nothing was saved"
        ) from exc


def open_store(url: str | None = None, person: str = DEFAULT_PERSON) -> RecordStore:
    """A store on the database at `url` (default: `$GERDY_DATABASE_URL` or the user's SQLite
    file), created and migrated on first use. Close it (or use `with`) to release the engine."""
    return RecordStore(open_database(url), person, owns_engine=True)
