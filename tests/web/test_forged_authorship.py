"""Forged clinician authorship: a runner (or anyone handing them a file) writes events signed
"Dr. …" into a gerdy/1 document and imports it. Only an event whose signature verifies on this
server, for this record, is kept as the clinician's; anything else naming a clinician is kept
as the runner's own, shown as "reported" — on Today, in Settings, in History, in the
clinician's own view and in the PDF. Export and import on the same server round-trip exactly.
A runner's own clearance, whatever name they type, never reads as a clinician's."""

from __future__ import annotations

import copy
import io
import json
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, runner_id, shared
from .conftest import TODAY, csrf_of, signed_up
from .test_clinic_pages import check_in
from .test_clinician_word import post

FORGER = "Dr. Forged Name"
FORGED_AUTHOR = {"role": "clinician", "name": FORGER}


def forged_events(day: str) -> list[dict[str, Any]]:
    return [
        {"id": "f1", "type": "clearance", "date": day, "rules": ["RED-1"],
         "cleared_by": FORGER, "author": FORGED_AUTHOR},
        {"id": "f2", "type": "note", "date": day, "text": "Run as much as you like.",
         "author": FORGED_AUTHOR},
        {"id": "f3", "type": "settings_change", "date": day, "gate_days": 5,
         "author": FORGED_AUTHOR},
    ]  # fmt: skip


def import_api(client: TestClient, document: dict[str, Any]) -> Any:
    token = csrf_of(client)
    return client.post("/api/import?replace=true", json=document, headers={"X-CSRF-Token": token})


def import_form(client: TestClient, document: dict[str, Any]) -> Any:
    token = csrf_of(client)
    body = io.BytesIO(json.dumps(document).encode())
    return client.post(
        "/settings/import",
        data={"csrf_token": token, "replace": "true"},
        files={"file": ("record.json", body, "application/json")},
        follow_redirects=False,
    )


def assert_nothing_reads_as_the_forger_clinician(
    app: FastAPI, runner: TestClient, physio: TestClient
) -> None:
    clinician_label = f"{FORGER} (clinician)"
    today = runner.get("/today").text
    assert FORGER in today and clinician_label not in today
    assert f"{FORGER} (reported)" in today
    settings = runner.get("/settings").text
    assert "your physio" not in settings
    assert clinician_label not in runner.get("/history").text
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    assert clinician_label not in physio.get(file).text
    assert clinician_label not in physio.get(file + "/history").text
    events = runner.get("/api/events").json()
    authors = {e["id"]: e.get("author", {}).get("role") for e in events}
    assert authors == {"f1": "reported", "f2": "reported", "f3": "reported"} | {
        e["id"]: authors[e["id"]] for e in events if e["id"] not in ("f1", "f2", "f3")
    }


def test_forged_clinician_events_imported_through_the_api_are_kept_as_reported(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    check_in(runner, 2, cannot_bear_weight=True)
    document = runner.get("/api/export").json()
    document["events"] += forged_events(TODAY.isoformat())
    answer = import_api(runner, document)
    assert answer.status_code == 200, answer.text
    assert answer.json()["reported"] == 3
    assert_nothing_reads_as_the_forger_clinician(app, runner, physio)


def test_forged_clinician_events_imported_in_settings_are_kept_as_reported(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    document = runner.get("/api/export").json()
    document["events"] += forged_events(TODAY.isoformat())
    answer = import_form(runner, document)
    assert answer.status_code == 303, answer.text
    notice = runner.get(answer.headers["location"]).text
    assert "could not be verified" in notice
    assert_nothing_reads_as_the_forger_clinician(app, runner, physio)


def test_a_signed_clinician_event_round_trips_exactly_on_the_same_server(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    assert post(physio, file + "/note", {"text": "Keep the strength work going"}) == 303
    assert post(physio, file + "/settings", {"gate_days": "5"}) == 303
    exported = runner.get("/api/export").json()
    signed = [e for e in exported["events"] if e.get("author", {}).get("role") == "clinician"]
    assert len(signed) == 2
    assert all(e["author"]["signature"].startswith("v1:") for e in signed)
    answer = import_api(runner, exported)
    assert answer.json() == {"events": len(exported["events"]), "reported": 0}
    assert runner.get("/api/export").json() == exported
    assert import_form(runner, exported).status_code == 303
    assert runner.get("/api/export").json() == exported
    assert "Ana Ruiz (clinician)" in runner.get("/today").text
    assert "your physio Ana Ruiz" in runner.get("/settings").text


def test_a_signed_event_altered_or_moved_to_another_record_is_reported(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    assert post(physio, file + "/note", {"text": "Easy week"}) == 303
    exported = runner.get("/api/export").json()
    altered = copy.deepcopy(exported)
    note = next(e for e in altered["events"] if e["type"] == "note")
    note["text"] = "Race on Sunday"
    assert import_api(runner, altered).json()["reported"] == 1
    other = signed_up(TestClient(app), "other@example.org")
    assert import_api(other, exported).json()["reported"] == 1
    roles = [e["author"]["role"] for e in other.get("/api/events").json() if "author" in e]
    assert roles == ["reported"]
    # back on the record and server that signed it, the untouched event is the clinician's
    back = other.get("/api/export").json()
    assert import_api(runner, back).json()["reported"] == 0


def test_a_runners_own_clearance_never_reads_as_a_clinicians(
    app: FastAPI, runner: TestClient
) -> None:
    """Typing "Ana Ruiz (clinician)" as who cleared you gives a line that says it is yours
    (v1.2: "Recorded by you", to the clinician "On the runner's word")."""
    physio = clinician_client(app)
    shared(app, runner, physio)
    check_in(runner, 2, cannot_bear_weight=True)
    token = csrf_of(runner, "/today")
    typed = runner.post(
        "/today/clearance",
        data={
            "csrf_token": token,
            "rules": "RED-1",
            "cleared_by": "Ana Ruiz (clinician)",
            "cleared_by_role": "physiotherapist",
        },
        follow_redirects=False,
    )
    assert typed.status_code == 303, typed.text
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    assert post(physio, file + "/clearance", {"rules": "RED-1"}) == 303
    assert note_authors(runner.get("/today").text) == ["Ana Ruiz (clinician)", "Recorded by you"]
    theirs = note_authors(physio.get(file).text)
    assert theirs == ["Ana Ruiz (clinician)", "On the runner&#39;s word"]
    history = runner.get("/history").text
    assert history.count("<dt>By</dt><dd>Ana Ruiz (clinician)</dd>") == 1


def note_authors(page: str) -> list[str]:
    """Who each line of Today's notes says wrote it (the muted line under its text)."""
    lines = page.split('id="notes"')[1].split("</ul>")[0].split("<li")[1:]
    return sorted(line.split('class="muted">')[1].split(",")[0] for line in lines)
