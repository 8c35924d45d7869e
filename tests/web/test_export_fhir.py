"""`GET /api/export/fhir`: the signed-in runner's record as a FHIR R4 Bundle."""

from __future__ import annotations

from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle

from .conftest import ANSWERED, csrf_of


def test_api_export_fhir_is_the_signed_in_runners_bundle(runner: TestClient) -> None:
    token = csrf_of(runner)
    posted = runner.post(
        "/api/checkins", json=ANSWERED | {"pain_daily": 4}, headers={"X-CSRF-Token": token}
    )
    assert posted.status_code == 201
    response = runner.get("/api/export/fhir")
    assert response.status_code == 200
    bundle = response.json()
    Bundle.model_validate(bundle)
    values = [
        e["resource"].get("valueInteger")
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    assert values == [4]


def test_api_export_fhir_needs_a_session(client: TestClient) -> None:
    assert client.get("/api/export/fhir").status_code == 401
