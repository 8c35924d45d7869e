"""The JSON API's request models build cleanly: generating the OpenAPI document and taking a
check-in, a run and a profile raise no pydantic warning (a warning there means a field's
metadata was silently dropped)."""

from __future__ import annotations

import warnings

from fastapi.testclient import TestClient

from .conftest import TODAY, MakeApp, csrf_of, signed_up


def test_the_api_models_build_without_pydantic_warnings(
    make_app: MakeApp,
) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("error", module="pydantic")
        warnings.filterwarnings("error", message=".*has no effect in the context.*")
        app = make_app()
        document = app.openapi()
        runner = signed_up(TestClient(app), "runner@example.org")
        headers = {"X-CSRF-Token": csrf_of(runner)}
        profile = runner.get("/api/profile").json()
        assert runner.put("/api/profile", json=profile, headers=headers).status_code == 200
        checkin = {
            "date": TODAY.isoformat(),
            "pain_daily": 1,
            "pain_rest": 0,
            "none_of_these": True,
        }
        assert runner.post("/api/checkins", json=checkin, headers=headers).status_code == 201
        run = {"date": TODAY.isoformat(), "minutes": 10, "pain_during": 0}
        assert runner.post("/api/runs", json=run, headers=headers).status_code in (201, 400)
    bodies = {
        path: operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if path in ("/api/profile", "/api/checkins", "/api/runs") and method in ("put", "post")
    }
    assert bodies == {
        "/api/profile": "#/components/schemas/Profile",
        "/api/checkins": "#/components/schemas/CheckinIn",
        "/api/runs": "#/components/schemas/RunIn",
    }
