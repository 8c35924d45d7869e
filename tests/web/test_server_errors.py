"""What used to answer 500: an id of 2^63 or more in a URL (SQLite cannot hold it; PostgreSQL's
integer ends at 2^31), a deeply nested JSON document imported, and any bug's page, which also
went out without the security headers."""

from __future__ import annotations

import io

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client
from .conftest import csrf_of

HUGE_IDS = (str(2**63), str(2**63 + 1), str(2**31), "99999999999999999999999")


def test_ids_too_large_for_the_database_are_refused_not_a_500(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    token = csrf_of(physio, "/caseload")
    for huge in HUGE_IDS:
        for path in (f"/clinic/runners/{huge}", f"/clinic/runners/{huge}/history"):
            assert physio.get(path).status_code in (400, 404), path
        api = physio.get(f"/api/clinic/runners/{huge}/progress")
        assert api.status_code in (404, 422), huge
        note = physio.post(f"/clinic/runners/{huge}/note", data={"text": "hi", "csrf_token": token})
        assert note.status_code in (400, 404), huge
        revoke = runner.post(
            f"/sharing/{huge}/revoke", data={"csrf_token": csrf_of(runner, "/sharing")}
        )
        assert revoke.status_code in (400, 404), huge


def nested(depth: int) -> str:
    return '{"format": "gerdy/1", "profile": ' + "[" * depth + "]" * depth + "}"


def test_a_deeply_nested_document_is_refused_with_a_sentence(runner: TestClient) -> None:
    token = csrf_of(runner)
    document = nested(100_000)
    page = runner.post(
        "/settings/import",
        data={"csrf_token": token},
        files={"file": ("deep.json", io.BytesIO(document.encode()), "application/json")},
    )
    assert page.status_code == 400 and "nested" in page.text
    api = runner.post(
        "/api/import",
        content=document,
        headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
    )
    assert api.status_code == 400  # FastAPI's own refusal of a body it cannot parse


def test_a_bugs_page_carries_the_security_headers_and_says_nothing_inside(app: FastAPI) -> None:
    @app.get("/test-only/bug")
    def bug() -> None:
        raise RuntimeError("a secret detail of the bug")

    client = TestClient(app, raise_server_exceptions=False)
    for path, wanted in (("/test-only/bug", "text/html"),):
        response = client.get(path)
        assert response.status_code == 500
        assert response.headers["content-type"].startswith(wanted)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"
        assert "secret detail" not in response.text
