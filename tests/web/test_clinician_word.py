"""A clinician's word in a shared record (issue 12): a clearance of named red flags, a note, an
adjustment of what the spec lets a professional adjust — each an event signed with their name
that the runner sees on Today; refused when not shared, for a runner, without the CSRF token,
or outside the spec (nothing written)."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, runner_id, shared
from .conftest import csrf_of
from .test_clinic_pages import check_in


def file_of(app: FastAPI) -> str:
    return f"/clinic/runners/{runner_id(app, 'runner@example.org')}"


def post(client: TestClient, path: str, data: Mapping[str, str]) -> int:
    token = csrf_of(client, "/caseload")
    response = client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
    status: int = response.status_code
    return status


def test_a_clearance_resumes_the_plan_and_names_the_clinician(
    app: FastAPI, runner: TestClient
) -> None:
    check_in(runner, 2, cannot_bear_weight=True)
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = file_of(app)
    page = physio.get(file).text
    assert 'id="clinician-clearance-form"' in page and 'value="RED-1"' in page
    assert post(physio, file + "/clearance", {"rules": "RED-1", "note": "Seen today"}) == 303
    today = runner.get("/today").text
    assert 'data-alert-level="red_flag"' not in today
    notes = today.split('id="notes"')[1]
    assert "Ana Ruiz" in notes and "RED-1" in notes
    events = runner.get("/api/export").json()["events"]
    clearance = next(e for e in events if e["type"] == "clearance")
    author = clearance["author"]
    assert (author["role"], author["name"]) == ("clinician", "Ana Ruiz")
    assert "clearance recorded" in runner.get("/sharing").text


def test_a_note_and_an_adjustment(app: FastAPI, runner: TestClient) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = file_of(app)
    assert post(physio, file + "/note", {"text": "Keep the strength work going"}) == 303
    assert post(physio, file + "/settings", {"gate_days": "7"}) == 303
    assert runner.get("/api/plan/today").json()["gate"]["needed_days"] == 7
    today = runner.get("/today").text
    assert "Keep the strength work going" in today and "Ana Ruiz" in today


def test_outside_the_spec_is_refused_and_nothing_is_written(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = file_of(app)
    before = runner.get("/api/export").json()
    assert post(physio, file + "/settings", {"gate_days": "6"}) == 400
    assert post(physio, file + "/settings", {"hills_track_week": "9"}) == 400
    assert post(physio, file + "/settings", {}) == 400  # nothing to change
    assert post(physio, file + "/note", {"text": "   "}) == 400
    assert post(physio, file + "/clearance", {"rules": "RED-99"}) == 400
    assert runner.get("/api/export").json() == before


def test_refused_when_not_shared_for_a_runner_and_without_the_token(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    file = file_of(app)
    forms = {"/clearance": {"rules": "RED-1"}, "/note": {"text": "hi"},
             "/settings": {"gate_days": "7"}}  # fmt: skip
    before = runner.get("/api/export").json()
    for suffix, data in forms.items():
        assert post(physio, file + suffix, data) == 404, suffix  # not shared
    shared(app, runner, physio)
    for suffix, data in forms.items():
        assert physio.post(file + suffix, data=data).status_code == 403, suffix  # no token
        wrong = {**data, "csrf_token": "0" * 64}
        assert physio.post(file + suffix, data=wrong).status_code == 403, suffix
        token = csrf_of(runner, "/today")
        as_runner = runner.post(file + suffix, data={**data, "csrf_token": token})
        assert as_runner.status_code == 403, suffix  # a runner is no clinician
    assert runner.get("/api/export").json() == before
