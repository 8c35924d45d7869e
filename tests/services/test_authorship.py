"""Signed authorship (`services.authorship`): a clinician's event is signed over its canonical
form, their account and the record; it verifies only unchanged, on the same server, for the
same record; a load keeps anything else naming a clinician as the runner's, "reported"."""

from __future__ import annotations

import datetime as dt

import pytest

from gerdy.domain.document import Document
from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event, Note, parse_event, signing_form
from gerdy.domain.profile import Profile
from gerdy.domain.refusals import RUNNER_RECORDS_AS_RUNNER
from gerdy.protocol import load_protocol
from gerdy.services import Coach
from gerdy.services.authorship import Authorship, settle
from gerdy.storage.store import RecordStore

KEY = b"this server's secret"
START = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC)
PROFILE = Profile(start_date=START, side="left", baseline_weekly_run_minutes=100)


def clinician_note(text: str = "Flat routes only.") -> Event:
    return parse_event({"id": "n1", "type": "note", "date": "2026-03-10", "text": text,
                        "author": {"role": "clinician", "name": "Dr. Ines Okafor"}})  # fmt: skip


def test_a_signature_verifies_only_unchanged_for_the_same_record_and_server() -> None:
    server = Authorship(lambda: KEY)
    signed = server.sign(clinician_note(), "user:a", 7)
    assert server.verifies(signed, "user:a")
    assert not server.verifies(signed, "user:b")  # moved to another record
    assert not Authorship(lambda: b"another server").verifies(signed, "user:a")
    altered = signed.model_copy(update={"text": "Race on Sunday."})
    assert not server.verifies(altered, "user:a")
    assert signed.author is not None
    other_account = signed.author.model_copy(update={"account": 8})
    assert not server.verifies(signed.model_copy(update={"author": other_account}), "user:a")


def test_the_signing_form_survives_a_trip_through_json_and_leaves_the_signature_out() -> None:
    signed = Authorship(lambda: KEY).sign(clinician_note(), "user:a", 7)
    again = parse_event(signed.model_dump(mode="json", exclude_none=True))
    assert signing_form(again, "user:a") == signing_form(signed, "user:a")
    assert b"v1:" not in signing_form(signed, "user:a")
    assert b'"account":7' in signing_form(signed, "user:a")


def test_settle_keeps_the_verified_and_reports_the_rest() -> None:
    server = Authorship(lambda: KEY)
    signed = server.sign(clinician_note(), "user:a", 7)
    forged = clinician_note("Race on Sunday.").model_copy(update={"id": "n2"})
    runner_note = Note(id="n3", date=START, text="mine")
    kept, reported = settle([signed, forged, runner_note], "user:a", server.verifies)
    assert kept[0] == signed and kept[2] == runner_note
    assert kept[1].author is not None and kept[1].author.role == "reported"
    assert reported == 1
    # a reported event that carries a good signature is the clinician's again where it was made
    reported_signed = settle([signed], "user:b", server.verifies)[0][0]
    assert settle([reported_signed], "user:a", server.verifies) == ([signed], 0)


def test_without_the_servers_secret_a_clinicians_event_loads_as_reported(
    store: RecordStore,
) -> None:
    coach = Coach(store, load_protocol(), lambda: NOW)
    loaded = coach.load(Document(PROFILE, (clinician_note(),)))
    assert loaded.reported == 1
    author = coach.events()[0].author
    assert author is not None and author.role == "reported"


def test_the_runner_cannot_log_an_event_as_reported_or_signed(store: RecordStore) -> None:
    coach = Coach(store, load_protocol(), lambda: NOW, authorship=Authorship(lambda: KEY))
    coach.start(PROFILE)
    reported = parse_event({"type": "note", "date": "2026-03-10", "text": "hi",
                            "author": {"role": "reported", "name": "Dr. X"}})  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        coach.log(reported)
    assert str(refused.value) == RUNNER_RECORDS_AS_RUNNER
    assert coach.events() == []
