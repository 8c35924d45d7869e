"""RecordStore on every backend: round trips, ordering, atomicity, isolation, load/export."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from sqlalchemy import select

from gerdy.domain.document import dump_document, parse_document, parse_document_text
from gerdy.domain.errors import InvalidInput
from gerdy.domain.event_types import EVENT_TYPES
from gerdy.domain.events import Checkin, Cross, Event, Retraction, Run, Source
from gerdy.storage.store import RecordStore
from gerdy.storage.tables import events as event_table
from gerdy.storage.tables import people

from .records import SHA_A, SHA_B, day, one_of_each, sample_profile

OpenStore = Callable[..., RecordStore]


def without_ids(events: list[Event]) -> list[Event]:
    return [event.model_copy(update={"id": None}) for event in events]


def test_a_new_store_is_empty(store: RecordStore) -> None:
    assert store.is_empty()
    assert store.profile() is None
    assert store.events() == []
    assert not store.has_source(SHA_A)


def test_profile_round_trip_and_overwrite(store: RecordStore) -> None:
    profile = sample_profile()
    store.save_profile(profile)
    assert store.profile() == profile
    assert not store.is_empty()

    changed = sample_profile(side="both", cadence_spm=None)
    store.save_profile(changed)
    assert store.profile() == changed


def test_every_event_type_round_trips(store: RecordStore) -> None:
    events = [*one_of_each(), Retraction(date=day(6), retracts="an-earlier-id")]
    assert {event.type for event in events} == set(EVENT_TYPES)

    stored = store.append(events)

    assert store.events() == stored
    assert without_ids(stored) == events


def test_append_gives_uuid_hex_ids_and_keeps_given_ones(store: RecordStore) -> None:
    given = Checkin(id="my-own-id", date=day(0), pain_daily=1)
    fresh = Checkin(date=day(0), pain_daily=2)

    stored = store.append([given, fresh])

    assert stored[0].id == "my-own-id"
    assert stored[1].id is not None
    assert len(stored[1].id) == 32
    int(stored[1].id, 16)  # hex
    assert [event.id for event in store.events()] == [event.id for event in stored]


def test_events_come_back_in_insertion_order_not_date_order(store: RecordStore) -> None:
    late = store.append([Checkin(date=day(9), pain_daily=1)])
    early = store.append([Checkin(date=day(1), pain_daily=2), Checkin(date=day(5), pain_daily=3)])

    assert store.events() == late + early


def test_append_of_nothing_writes_nothing(store: RecordStore) -> None:
    assert store.append([]) == []
    assert store.is_empty()


def test_supersedes_is_stored(store: RecordStore) -> None:
    [original] = store.append([Checkin(date=day(0), pain_daily=6)])
    assert original.id is not None
    [correction] = store.append(
        [Checkin(date=day(0), pain_daily=2, supersedes=original.id, note="typo")]
    )

    assert store.events() == [original, correction]
    assert store.events()[1].supersedes == original.id
    with store.engine.connect() as connection:
        column = connection.execute(
            select(event_table.c.supersedes).where(event_table.c.id == correction.id)
        ).scalar_one()
    assert column == original.id


def test_a_batch_that_fails_midway_leaves_nothing(store: RecordStore) -> None:
    [first] = store.append([Checkin(date=day(0), pain_daily=1)])
    batch = [
        Checkin(date=day(1), pain_daily=2),
        Checkin(date=day(2), pain_daily=3),
        Checkin(id=first.id, date=day(3), pain_daily=4),  # the database refuses this one
    ]

    with pytest.raises(InvalidInput, match="already in the record"):
        store.append(batch)

    assert store.events() == [first]


def test_a_batch_repeating_an_id_leaves_no_trace_not_even_the_person(store: RecordStore) -> None:
    batch = [Checkin(id="twice", date=day(0), pain_daily=1)] * 2

    with pytest.raises(InvalidInput, match="'twice'"):
        store.append(batch)

    assert store.is_empty()
    with store.engine.connect() as connection:
        assert connection.execute(select(people.c.id)).first() is None


def test_replace_swaps_the_whole_record_keeping_ids(store: RecordStore) -> None:
    store.save_profile(sample_profile())
    store.append([Checkin(date=day(0), pain_daily=5)])
    new_profile = sample_profile(side="right")
    new_events: list[Event] = [
        Checkin(id="e1", date=day(1), pain_daily=1),
        Checkin(id="e2", date=day(1), pain_daily=0, supersedes="e1"),
        Run(date=day(2), minutes=20),
    ]

    stored = store.replace(new_profile, new_events)

    assert store.profile() == new_profile
    assert store.events() == stored
    assert [event.id for event in stored][:2] == ["e1", "e2"]
    assert stored[2].id is not None
    assert without_ids(stored)[2] == new_events[2]


def test_replace_is_all_or_nothing(store: RecordStore) -> None:
    old_profile = sample_profile()
    store.save_profile(old_profile)
    old_events = store.append(one_of_each())
    bad = [
        Checkin(id="dup", date=day(0), pain_daily=1),
        Checkin(id="dup", date=day(1), pain_daily=1),
    ]

    with pytest.raises(InvalidInput, match="'dup'"):
        store.replace(sample_profile(side="right"), bad)

    assert store.profile() == old_profile
    assert store.events() == old_events


def test_replace_with_no_events_empties_the_events(store: RecordStore) -> None:
    store.append(one_of_each())
    store.replace(sample_profile(), [])
    assert store.events() == []
    assert not store.is_empty()


def test_is_empty_is_false_with_events_but_no_profile(store: RecordStore) -> None:
    store.append([Checkin(date=day(0), pain_daily=1)])
    assert store.profile() is None
    assert not store.is_empty()


def test_two_people_are_isolated(open_test_store: OpenStore) -> None:
    local = open_test_store()
    alice = open_test_store("alice")
    local.save_profile(sample_profile())
    shared_id = [Checkin(id="same-id", date=day(0), pain_daily=3)]
    local_events = local.append(shared_id + one_of_each())
    alice_events = alice.append(shared_id)  # ids are unique per person, not globally

    assert alice.profile() is None
    assert alice.events() == alice_events
    assert local.events() == local_events
    assert local.has_source(SHA_A)
    assert not alice.has_source(SHA_A)

    alice.delete_person()
    assert alice.is_empty()
    assert local.events() == local_events
    assert local.profile() == sample_profile()


def test_has_source_finds_imported_runs_and_cross_training(store: RecordStore) -> None:
    store.append(
        [
            Run(date=day(0), minutes=30, source=Source(file="a.fit", sha256=SHA_A)),
            Cross(date=day(0), activity="swim", minutes=30, source=Source(file="b", sha256=SHA_B)),
        ]
    )
    assert store.has_source(SHA_A)
    assert store.has_source(SHA_B)
    assert not store.has_source("c" * 64)


def test_delete_person_removes_everything_and_is_idempotent(store: RecordStore) -> None:
    store.save_profile(sample_profile())
    store.append(one_of_each())

    store.delete_person()
    store.delete_person()

    assert store.is_empty()
    assert store.events() == []
    with store.engine.connect() as connection:
        assert connection.execute(select(event_table.c.seq)).first() is None


def test_recorded_at_is_utc(store: RecordStore) -> None:
    before = dt.datetime.now(dt.UTC)
    store.append([Checkin(date=day(0), pain_daily=1)])
    with store.engine.connect() as connection:
        recorded = connection.execute(select(event_table.c.recorded_at)).scalar_one()
    assert recorded.tzinfo is not None
    assert recorded.utcoffset() == dt.timedelta(0)
    assert before - dt.timedelta(seconds=5) <= recorded <= dt.datetime.now(dt.UTC)


def test_a_store_reopened_sees_the_same_record(open_test_store: OpenStore) -> None:
    first = open_test_store()
    first.save_profile(sample_profile())
    events = first.append(one_of_each())
    first.close()

    again = open_test_store()
    assert again.profile() == sample_profile()
    assert again.events() == events


def test_export_shaped_round_trip(store: RecordStore) -> None:
    """A gerdy/1 document loaded into the store and exported again is the same document."""
    events = [
        *(event.model_copy(update={"id": f"e{n}"}) for n, event in enumerate(one_of_each())),
        Checkin(id="corrected", date=day(5), pain_daily=7),
        Checkin(id="correction", date=day(5), pain_daily=1, supersedes="corrected"),
        Retraction(id="deletion", date=day(6), retracts="e2", note="never ran that day"),
    ]
    text = json.dumps(dump_document(sample_profile(), events), indent=2)
    document = parse_document_text(text)

    store.replace(document.profile, document.events)
    profile = store.profile()
    assert profile is not None

    assert json.dumps(dump_document(profile, store.events()), indent=2) == text


def test_a_document_without_ids_gets_ids_on_load(store: RecordStore) -> None:
    original = dump_document(sample_profile(), one_of_each())
    document = parse_document(original)

    store.replace(document.profile, document.events)
    exported = dump_document(sample_profile(), store.events())

    assert all(len(event.pop("id")) == 32 for event in exported["events"])
    assert exported == original
