"""Settings shows the plan settings in force (ST-0's strength days, RTR-0's pain-free days,
RTR-5's hills-and-track week, P1-2's track), with who changed them and when; a runner's edit
of a setting their physio changed takes effect from today as their own `settings_change`,
and leaves the plan before today and the physio's change in the record as they were."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from gerdy.storage.store import RecordStore

from .clinic import clinician_client, runner_id, shared
from .conftest import ALL_NO, TODAY, answer_intake, csrf_of

PHYSIO_ON = f"set by your physio Ana Ruiz on {TODAY.day} {TODAY:%b}"
BY_YOU_ON = f"set by you on {TODAY.day} {TODAY:%b}"


def physio_changes(app: FastAPI, runner: TestClient, data: dict[str, Any]) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    token = csrf_of(physio, "/caseload")
    response = physio.post(
        file + "/settings", data={**data, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


def setting_row(page: str, name: str) -> str:
    found = re.search(rf'<div id="setting-{name}">(.*?)</div>', page, re.S)
    assert found, f"no row for {name}"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def checked_days(page: str) -> set[str]:
    return set(re.findall(r'name="strength_days" value="(\w+)" checked', page))


def save_preferences(runner: TestClient, days: list[str]) -> httpx.Response:
    data = {"units": "metric", "strength_days": days, "csrf_token": csrf_of(runner)}
    response: httpx.Response = runner.post("/settings/profile", data=data, follow_redirects=False)
    return response


def edit_intake(runner: TestClient, days: list[str]) -> httpx.Response:
    data: dict[str, str | list[str]] = {"side": "right", "weekly_minutes": "120", **ALL_NO}
    data |= {"strength_days": days, "csrf_token": csrf_of(runner, "/intake?again=1")}
    data["start_date"] = (TODAY - dt.timedelta(days=20)).isoformat()
    response: httpx.Response = runner.post("/intake", data=data, follow_redirects=False)
    return response


def plan_settings(runner: TestClient) -> dict[str, Any]:
    settings: dict[str, Any] = runner.get("/api/plan/today").json()["settings"]
    return settings


def test_st_0_settings_show_the_physios_change_in_force(app: FastAPI, runner: TestClient) -> None:
    before = runner.get("/settings").text
    assert "physio" not in setting_row(before, "strength_days")
    physio_changes(app, runner, {"strength_days": ["tue", "thu", "sat"], "gate_days": "5"})
    page = runner.get("/settings").text
    assert setting_row(page, "strength_days") == f"Strength days ST-0 Tue, Thu, Sat — {PHYSIO_ON}"
    gate = setting_row(page, "gate_days")
    assert gate.startswith("Pain-free days before running again RTR-0 5") and PHYSIO_ON in gate
    assert "physio" not in setting_row(page, "hills_track_week")
    assert "physio" not in setting_row(page, "track")
    assert checked_days(page) == {"tue", "thu", "sat"}


def test_st_0_a_runners_edit_after_the_physios_takes_effect_from_today(
    app: FastAPI, runner: TestClient
) -> None:
    physio_changes(app, runner, {"strength_days": ["tue", "thu", "sat"]})
    profile_before = runner.get("/api/profile").json()
    assert save_preferences(runner, ["mon", "wed", "fri"]).status_code == 303
    assert plan_settings(runner)["strength_days"] == ["mon", "wed", "fri"]
    page = runner.get("/settings").text
    assert setting_row(page, "strength_days") == f"Strength days ST-0 Mon, Wed, Fri — {BY_YOU_ON}"
    assert checked_days(page) == {"mon", "wed", "fri"}
    events = runner.get("/api/export").json()["events"]
    changes = [e for e in events if e["type"] == "settings_change"]
    assert [c.get("author", {}).get("role", "runner") for c in changes] == ["clinician", "runner"]
    assert changes[-1]["strength_days"] == ["mon", "wed", "fri"]
    assert changes[-1]["date"] == TODAY.isoformat()
    # the profile, which sets the plan before the physio's change, is left alone
    assert runner.get("/api/profile").json()["strength_days"] == profile_before["strength_days"]


def test_st_0_saving_other_preferences_keeps_the_physios_days(
    app: FastAPI, runner: TestClient
) -> None:
    physio_changes(app, runner, {"strength_days": ["tue", "thu", "sat"]})
    assert save_preferences(runner, ["tue", "thu", "sat"]).status_code == 303
    assert checked_days(runner.get("/intake?again=1").text) == {"tue", "thu", "sat"}
    answer_intake(runner)  # the intake answers edited and saved again, days untouched
    assert edit_intake(runner, ["tue", "thu", "sat"]).status_code == 303  # the days shown
    assert plan_settings(runner)["strength_days"] == ["tue", "thu", "sat"]
    events = runner.get("/api/export").json()["events"]
    assert len([e for e in events if e["type"] == "settings_change"]) == 1
    assert PHYSIO_ON in setting_row(runner.get("/settings").text, "strength_days")


def test_st_0_without_a_change_the_profiles_days_are_edited_as_before(
    runner: TestClient,
) -> None:
    assert save_preferences(runner, ["tue", "thu", "sat"]).status_code == 303
    assert runner.get("/api/profile").json()["strength_days"] == ["tue", "thu", "sat"]
    assert plan_settings(runner)["strength_days"] == ["tue", "thu", "sat"]
    events = runner.get("/api/export").json()["events"]
    assert not [e for e in events if e["type"] == "settings_change"]
    assert setting_row(runner.get("/settings").text, "strength_days") == (
        "Strength days ST-0 Tue, Thu, Sat"
    )


def test_st_0_a_refused_edit_changes_nothing(app: FastAPI, runner: TestClient) -> None:
    physio_changes(app, runner, {"strength_days": ["tue", "thu", "sat"]})
    before = runner.get("/api/export").json()
    response = save_preferences(runner, ["mon", "tue", "wed"])  # two days in a row
    assert response.status_code == 400
    assert runner.get("/api/export").json() == before
    # told next to the form, on Settings itself
    error = re.search(r'<p class="error" role="alert" id="settings-error">(.*?)</p>', response.text)
    assert error, "no inline error on Settings"
    assert "adjacent days" in error.group(1) and "Nothing was changed" in error.group(1)
    assert 'id="settings-form"' in response.text


def test_st_0_a_profile_put_through_the_api_is_the_same_edit(
    app: FastAPI, runner: TestClient
) -> None:
    physio_changes(app, runner, {"strength_days": ["tue", "thu", "sat"]})
    profile = runner.get("/api/profile").json() | {"strength_days": ["mon", "wed", "fri"]}
    headers = {"X-CSRF-Token": csrf_of(runner)}
    response = runner.put("/api/profile", json=profile, headers=headers)
    assert response.status_code == 200, response.text
    assert plan_settings(runner)["strength_days"] == ["mon", "wed", "fri"]
    assert response.json() == runner.get("/api/profile").json()  # the profile as saved


def test_st_0_an_edit_that_fails_to_record_its_change_saves_nothing(
    app: FastAPI, runner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profile and the runner's own `settings_change` are written together or not at all:
    a database failure on the change leaves the profile as it was."""
    physio_changes(app, runner, {"strength_days": ["tue", "thu", "sat"]})
    before = runner.get("/api/export").json()

    def broken(*_args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(RecordStore, "_insert", staticmethod(broken))
    data = {"units": "imperial", "strength_days": ["mon", "wed", "fri"]}
    failing = TestClient(app, raise_server_exceptions=False, cookies=runner.cookies)
    response = failing.post(
        "/settings/profile", data={**data, "csrf_token": csrf_of(runner)}, follow_redirects=False
    )
    assert response.status_code >= 500
    monkeypatch.undo()
    assert runner.get("/api/export").json() == before
