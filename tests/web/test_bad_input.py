"""Bad input gives a 4xx with a clear message and changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import ANSWERED, CHECKIN_REST, PASSWORD, RUN_PAIN_FREE, TODAY, csrf_of


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("/checkin", {"pain_daily": "11"} | CHECKIN_REST, "less than or equal to 10"),
        ("/checkin", {"pain_daily": "2", "date": "2026-02-30"} | CHECKIN_REST, "is not a date"),
        ("/checkin", {"pain_daily": "2", "date": "2030-01-01"} | CHECKIN_REST, "in the future"),
        ("/checkin", {"pain_daily": "2", "date": "2020-01-01"} | CHECKIN_REST, "before the"),
        ("/checkin", {"pain_daily": "2"}, "Not answered: 9 questions, marked below"),
        ("/checkin", {"pain_daily": "2", "no_symptoms": "yes"}, "Not answered: How much does it"),
        ("/checkin", {"pain_rest": "0", "no_symptoms": "yes"}, "Not answered: How much"),
        ("/runs", {"minutes": "-5"} | RUN_PAIN_FREE, "greater than 0"),
        ("/runs", {"minutes": "abc"} | RUN_PAIN_FREE, "valid number"),
        ("/runs", {"minutes": "20"}, "Not answered: How much did your knee hurt"),
        ("/runs", {"minutes": "20", "pain_during": "3"}, "Did the pain get worse"),
        ("/today/done", {"kind": "roll", "exercise": "moonwalk"}, "items"),
        ("/today/done", {"kind": "ice"}, "kind"),
        ("/settings/profile", {"units": "metric", "timezone": "Mars/Olympus"}, "time zone"),
        (
            "/settings/profile",
            {"units": "metric", "strength_days": ["mon", "tue", "fri"]},
            "adjacent",
        ),
        ("/settings/delete", {"confirm": "nope"}, "enter your password"),
    ],
)
def test_bad_form_input_is_a_400_page_and_changes_nothing(
    runner: TestClient, path: str, data: dict[str, str], message: str
) -> None:
    before = runner.get("/api/export").json()
    response = runner.post(path, data={"csrf_token": csrf_of(runner)} | data)
    assert response.status_code == 400, response.text
    assert message in response.text and 'role="alert"' in response.text
    assert runner.get("/api/export").json() == before


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/checkins", {"pain_daily": 11}),
        ("/api/checkins", {"pain_daily": 1, "date": "2026-13-01"}),
        ("/api/runs", {"minutes": 0}),
        ("/api/events", {"type": "strength", "date": TODAY.isoformat(),
                         "exercises": [{"id": "moonwalk", "sets": [10], "pain": 0}]}),
        ("/api/events", {"type": "checkin", "date": "1999-01-01", "pain_daily": 1}),
        ("/api/import", {"format": "gerdy/2"}),
    ],
)  # fmt: skip
def test_bad_api_input_is_a_4xx_with_detail(runner: TestClient, path: str, body: object) -> None:
    before = runner.get("/api/export").json()
    response = runner.post(path, json=body, headers={"X-CSRF-Token": csrf_of(runner)})
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    assert runner.get("/api/export").json() == before


def test_a_huge_upload_is_refused_with_413(runner: TestClient) -> None:
    before = runner.get("/api/export").json()
    huge = b"x" * (5 * 1024 * 1024 + 10)
    response = runner.post(
        "/settings/import",
        data={"csrf_token": csrf_of(runner), "replace": "true"},
        files={"file": ("big.json", huge, "application/json")},
    )
    assert response.status_code == 413
    assert runner.get("/api/export").json() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"format": "gerdy/1", "profile": {}}', "profile"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_malformed_import_is_refused(runner: TestClient, content: bytes, message: str) -> None:
    before = runner.get("/api/export").json()
    response = runner.post(
        "/settings/import",
        data={"csrf_token": csrf_of(runner), "replace": "true"},
        files={"file": ("bad.json", content, "application/json")},
    )
    assert response.status_code == 400 and message in response.text
    assert runner.get("/api/export").json() == before


def test_unknown_pages_and_exercises_are_404(runner: TestClient) -> None:
    assert runner.get("/library/moonwalk").status_code == 404
    assert runner.get("/api/exercises/moonwalk").status_code == 404
    assert runner.get("/session/juggling").status_code == 400


def test_export_import_round_trip_and_account_deletion(runner: TestClient) -> None:
    token = csrf_of(runner)
    runner.post("/checkin", data={"csrf_token": token, "pain_daily": "3", "note": "round trip"})
    exported = runner.get("/settings/export")
    assert exported.headers["content-disposition"].startswith("attachment")
    document = json.loads(exported.text)
    refused = runner.post(
        "/settings/import", data={"csrf_token": token},
        files={"file": ("r.json", exported.content, "application/json")},
    )  # fmt: skip
    assert refused.status_code == 409  # not empty, replace not ticked
    runner.post(
        "/settings/import", data={"csrf_token": token, "replace": "true"},
        files={"file": ("r.json", exported.content, "application/json")},
    )  # fmt: skip
    assert runner.get("/api/export").json() == document
    deleted = runner.post("/settings/delete", data={"csrf_token": token, "password": PASSWORD})
    assert deleted.status_code == 200 and "were deleted" in deleted.text
    assert runner.get("/api/me").status_code == 401


def test_account_deletion_removes_the_record(runner: TestClient) -> None:
    from sqlalchemy import func, select

    from gerdy.storage.tables import accounts, events, people, web_sessions

    engine = cast(FastAPI, runner.app).state.gerdy.engine
    token = csrf_of(runner)
    runner.post("/api/checkins", json=ANSWERED | {"pain_daily": 1}, headers={"X-CSRF-Token": token})
    response = runner.request(
        "DELETE", "/api/account", json={"password": PASSWORD}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 204
    with engine.connect() as connection:
        for table in (accounts, people, events, web_sessions):
            assert connection.execute(select(func.count()).select_from(table)).scalar() == 0


def test_a_date_in_the_runners_time_zone_decides_today(runner: TestClient) -> None:
    # 09:30 UTC is still the day before in Honolulu (UTC-10)
    token = csrf_of(runner)
    runner.post("/settings/profile", data={"csrf_token": token, "units": "metric",
                                           "timezone": "Pacific/Honolulu"})  # fmt: skip
    assert runner.get("/api/me").json()["today"] == (TODAY - dt.timedelta(days=1)).isoformat()
