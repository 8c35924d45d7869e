"""A `settings_change` through `POST /api/events`: a value the spec allows changes the plan
from that day on; one it does not (RTR-0 gate days 6) is a 400 naming the rule and changes
nothing. A clinician-authored check-in is refused by the contract itself."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import TODAY, csrf_of


def test_gate_days_five_applies_from_its_day(runner: TestClient) -> None:
    token = csrf_of(runner)
    assert runner.get("/api/plan/today").json()["gate"]["needed_days"] == 7
    response = runner.post(
        "/api/events",
        json={"type": "settings_change", "date": TODAY.isoformat(), "gate_days": 5},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 201, response.text
    assert runner.get("/api/plan/today").json()["gate"]["needed_days"] == 5


def test_gate_days_six_is_refused_and_changes_nothing(runner: TestClient) -> None:
    token = csrf_of(runner)
    before = runner.get("/api/export").json()
    response = runner.post(
        "/api/events",
        json={"type": "settings_change", "date": TODAY.isoformat(), "gate_days": 6},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 400
    assert "RTR-0" in response.text
    assert runner.get("/api/export").json() == before


def test_a_checkin_authored_by_a_clinician_is_refused(runner: TestClient) -> None:
    token = csrf_of(runner)
    before = runner.get("/api/export").json()
    response = runner.post(
        "/api/events",
        json={
            "type": "checkin",
            "date": TODAY.isoformat(),
            "pain_daily": 0,
            "author": {"role": "clinician", "name": "Someone"},
        },
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code in (400, 422)
    assert runner.get("/api/export").json() == before


def test_a_runner_cannot_sign_a_note_as_a_clinician(runner: TestClient) -> None:
    token = csrf_of(runner)
    response = runner.post(
        "/api/events",
        json={
            "type": "note",
            "date": TODAY.isoformat(),
            "text": "All clear, run as you like.",
            "author": {"role": "clinician", "name": "Dr. Made Up"},
        },
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 400
    assert "as the runner" in response.text


def test_a_document_with_a_settings_change_the_spec_refuses_does_not_load(
    runner: TestClient,
) -> None:
    before = runner.get("/api/export").json()
    document = dict(before)
    document["events"] = [
        *before["events"],
        {"type": "settings_change", "date": TODAY.isoformat(), "hills_track_week": 9},
    ]
    response = runner.post(
        "/api/import?replace=true", json=document, headers={"X-CSRF-Token": csrf_of(runner)}
    )
    assert response.status_code == 400
    assert "RTR-5" in response.text and "settings_change" in response.text
    assert runner.get("/api/export").json() == before
