"""The clinician's pages: the caseload lists shared runners with their summary and a pain
sparkline; a runner's file shows their Today, Progress and History read-only (the runner's own
templates, without a single form that writes); the runner sees who looked in the access log."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.web.pages import clinic

from .clinic import clinician_client, runner_id, shared
from .conftest import csrf_of, signed_up


def check_in(client: TestClient, pain: int, **symptoms: bool) -> None:
    response = client.post(
        "/api/checkins",
        json={"pain_daily": pain, "pain_rest": 0, **symptoms, "none_of_these": True},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
    assert response.status_code == 201, response.text


def calm_and_flagged_shared(app: FastAPI, runner: TestClient) -> TestClient:
    """A clinician with two runners shared: "Calm One" (pain 1, shared first) and `runner` as
    "Flagged One" (pain 2 and a red flag)."""
    other = signed_up(TestClient(app), "other@example.org")
    check_in(other, 1)
    check_in(runner, 2, cannot_bear_weight=True)
    physio = clinician_client(app)
    shared(app, other, physio, alias="Calm One")
    shared(app, runner, physio, alias="Flagged One")
    return physio


def test_the_caseload_lists_the_runner_with_a_red_flag_first(
    app: FastAPI, runner: TestClient
) -> None:
    physio = calm_and_flagged_shared(app, runner)
    page = physio.get("/caseload").text
    assert page.index("Flagged One") < page.index("Calm One")
    assert 'data-need="red flag"' in page and '<svg class="spark"' in page
    assert "now 2/10" in page and "<polyline" in page


def test_the_file_is_read_only(app: FastAPI, runner: TestClient) -> None:
    check_in(runner, 3, cannot_bear_weight=True)
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    today = physio.get(file)
    assert today.status_code == 200
    assert 'id="file-nav"' in today.text and "Sam" in today.text
    assert 'data-alert-level="red_flag"' in today.text
    for writing in ("/today/done", "/today/session-done", "/today/clearance", 'href="/checkin"'):
        assert writing not in today.text, writing
    progress = physio.get(file + "/progress")
    assert progress.status_code == 200 and "report.pdf" not in progress.text
    assert f'data-src="/api/clinic{file[7:]}/progress/pain"' in progress.text
    series = physio.get(f"/api/clinic{file[7:]}/progress/pain").json()
    assert series[-1]["pain_daily"] == 3
    history = physio.get(file + "/history")
    assert history.status_code == 200
    assert "/edit" not in history.text and "/delete" not in history.text
    assert f'href="{file}/history?kind=checkin"' in history.text


def test_the_runner_sees_who_looked(app: FastAPI, runner: TestClient) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    physio.get(f"/clinic/runners/{runner_id(app, 'runner@example.org')}/history")
    page = runner.get("/sharing").text
    access, log = page.split('id="access-log"')
    assert "Ana Ruiz" in access and "physio@example.org" in access
    assert "history" in log and "share opened" in log and "Ana Ruiz" in log


def test_the_caseload_comes_in_pages_most_in_need_first(
    app: FastAPI, runner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clinic, "PAGE_SIZE", 1)
    physio = calm_and_flagged_shared(app, runner)
    first = physio.get("/caseload").text
    assert "Flagged One" in first and "Calm One" not in first
    assert 'href="/caseload?shown=2"' in first
    both = physio.get("/caseload?shown=2").text
    assert "Calm One" in both and "more-runners" not in both
    assert physio.get("/caseload?shown=many").status_code == 400


def test_a_clinician_reads_learn_and_the_library(app: FastAPI) -> None:
    """The footer's ED-6 link and the exercise cards are for everyone signed in: a clinician
    reaching them got 403, a dead end."""
    physio = clinician_client(app)
    for path in ("/learn", "/library", "/library/clamshell"):
        response = physio.get(path)
        assert response.status_code == 200, (path, response.status_code)
    assert "ED-6" in physio.get("/learn").text
