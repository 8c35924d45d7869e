"""Notes and changes on Today (issue 12, item 3): a physio's note, clearance or settings
change shows on the runner's Today for two weeks from its date, with who made it; the
runner's own note shows as theirs; an older one does not. History lists them too."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.domain.events import parse_event

from .clinic import clinician_client, runner_id, shared
from .conftest import TODAY, csrf_of

PHYSIO = {"role": "clinician", "name": "Dr. Ines Okafor"}
PHYSIO_ACCOUNT = 99


def with_events(app: FastAPI, runner: TestClient, *events: dict[str, object]) -> None:
    """Add the events to the runner's record through an import, a physio's signed by this
    server (as if they had recorded them: an unsigned one would be kept as "reported")."""
    document = runner.get("/api/export").json()
    handle = app.state.gerdy.accounts.by_email("runner@example.org").person_handle
    authorship = app.state.gerdy.authorship
    for index, data in enumerate(events):
        event = parse_event({"id": f"physio-{index}", **data})
        if event.by_clinician:
            event = authorship.sign(event, handle, PHYSIO_ACCOUNT)
        document["events"].append(event.model_dump(mode="json", exclude_none=True))
    response = runner.post(
        "/api/import?replace=true", json=document, headers={"X-CSRF-Token": csrf_of(runner)}
    )
    assert response.status_code == 200, response.text


def test_a_physios_note_clearance_and_change_show_on_today_with_who(
    app: FastAPI, runner: TestClient
) -> None:
    assert 'id="notes"' not in runner.get("/today").text
    old = (TODAY - dt.timedelta(days=14)).isoformat()
    with_events(
        app,
        runner,
        {"type": "note", "date": TODAY.isoformat(), "text": "Flat routes only.", "author": PHYSIO},
        {"type": "clearance", "date": TODAY.isoformat(), "rules": ["RED-4"], "author": PHYSIO},
        {"type": "settings_change", "date": TODAY.isoformat(), "gate_days": 5,
         "author": PHYSIO},
        {"type": "note", "date": old, "text": "An old word.", "author": PHYSIO},
    )  # fmt: skip
    page = runner.get("/today").text
    notes = page.split('id="notes"', 1)[1].split("</section>", 1)[0]
    assert "Flat routes only." in notes and "Dr. Ines Okafor (clinician)" in notes
    assert "Cleared: RED-4" in notes
    assert "return-to-run gate after 5 pain-free days (RTR-0)" in notes
    assert "An old word." not in page


def test_the_runners_own_note_shows_as_theirs(runner: TestClient) -> None:
    response = runner.post(
        "/api/events",
        json={"type": "note", "date": TODAY.isoformat(), "text": "Ask about the hills."},
        headers={"X-CSRF-Token": csrf_of(runner)},
    )
    assert response.status_code == 201
    notes = runner.get("/today").text.split('id="notes"', 1)[1]
    assert "Ask about the hills." in notes and "You," in notes


def test_history_lists_a_physios_entries_with_who_made_them(
    app: FastAPI, runner: TestClient
) -> None:
    with_events(
        app,
        runner,
        {"type": "note", "date": TODAY.isoformat(), "text": "Flat routes only.", "author": PHYSIO},
        {"type": "settings_change", "date": TODAY.isoformat(), "hills_track_week": 8,
         "author": PHYSIO},
    )  # fmt: skip
    page = runner.get("/history").text
    assert "Flat routes only." in page
    assert "hills and track from return week 8 (RTR-5)" in page
    assert page.count("Dr. Ines Okafor (clinician)") == 2
    assert runner.get("/history?kind=settings_change").status_code == 200


def test_a_clinician_reading_the_file_sees_the_runners_note_as_the_runners(
    app: FastAPI, runner: TestClient
) -> None:
    response = runner.post(
        "/api/events",
        json={"type": "note", "date": TODAY.isoformat(), "text": "Ask about the hills."},
        headers={"X-CSRF-Token": csrf_of(runner)},
    )
    assert response.status_code == 201
    physio = clinician_client(app)
    shared(app, runner, physio)
    page = physio.get(f"/clinic/runners/{runner_id(app, 'runner@example.org')}").text
    notes = page.split('id="notes"', 1)[1].split("</section>", 1)[0]
    assert "Ask about the hills." in notes and "The runner," in notes and "You," not in notes
