"""An entry's client id, on every backend: a request sent twice (the offline queue's retry,
an API client's) is written once, even when the two race; ids are per record; the record's
version moves only for a write; an export leaves the client id out."""

from __future__ import annotations

import threading
from collections.abc import Callable

from gerdy.domain.document import dump_document
from gerdy.domain.events import Checkin, Event, Run
from gerdy.storage.store import RecordStore

from .records import day, sample_profile

OpenStore = Callable[..., RecordStore]


def test_a_client_id_is_written_once(store: RecordStore) -> None:
    store.save_profile(sample_profile())
    first, written = store.append_once(Checkin(date=day(0), pain_daily=2), "client-1")
    assert written
    version = store.version()
    again, written_again = store.append_once(Checkin(date=day(0), pain_daily=7), "client-1")
    assert not written_again
    assert again == first, "the entry first stored answers the repeat"
    assert store.events() == [first]
    assert store.version() == version, "a repeat writes nothing, not even the version"
    assert store.by_client_id("client-1") == first
    assert store.by_client_id("client-2") is None


def test_entries_without_a_client_id_never_collide(store: RecordStore) -> None:
    store.append([Checkin(date=day(0), pain_daily=1), Checkin(date=day(1), pain_daily=1)])
    _event, written = store.append_once(Checkin(date=day(2), pain_daily=1), "c")
    assert written
    store.append([Checkin(date=day(3), pain_daily=1)])
    assert len(store.events()) == 4


def test_client_ids_are_per_record(open_test_store: OpenStore) -> None:
    mine, theirs = open_test_store(), open_test_store("alice")
    _event, written = mine.append_once(Run(date=day(0), minutes=20), "same-client-id")
    _other, written_too = theirs.append_once(Run(date=day(0), minutes=25), "same-client-id")
    assert written and written_too
    assert [e.minutes for e in theirs.events() if isinstance(e, Run)] == [25]


def test_racing_repeats_write_once(open_test_store: OpenStore) -> None:
    """Eight requests with one client id at once: one row, and every request gets it."""
    store = open_test_store()
    store.save_profile(sample_profile())
    results: list[tuple[Event, bool]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def send(minutes: int) -> None:
        try:
            start.wait()
            results.append(store.append_once(Run(date=day(0), minutes=minutes), "racing"))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(20 + n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(store.events()) == 1
    assert sum(written for _event, written in results) == 1
    assert len(results) == 8 and len({event.id for event, _ in results}) == 1


def test_an_export_leaves_client_ids_out(store: RecordStore) -> None:
    store.save_profile(sample_profile())
    store.append_once(Checkin(date=day(0), pain_daily=2), "client-1")
    document = dump_document(sample_profile(), store.events())
    assert "client-1" not in str(document)
