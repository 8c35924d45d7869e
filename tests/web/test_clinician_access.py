"""Authorization of the clinician's side, route by route: a clinician reaches only the records
shared with them, a revoked share is 404 on the next request, a runner never reaches a
clinician's route, a clinician can never log pain, sessions or runs, and every new form needs
its CSRF token."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, redeem, runner_id, share_code, shared
from .conftest import TODAY, csrf_of, signed_up
from .routes import SAFE, concrete, routes

CLINIC_PREFIXES = ("/caseload", "/clinic/", "/api/clinic/")


def clinic_routes(app: FastAPI) -> list[tuple[str, str]]:
    return [(m, p) for m, p in routes(app) if p.startswith(CLINIC_PREFIXES)]


def runner_routes(app: FastAPI) -> list[tuple[str, str]]:
    """The routes that act on the signed-in runner's own record or account."""
    public = {"/", "/healthz", "/favicon.ico", "/signin", "/signup", "/api/csrf", "/signout",
              "/signout/everywhere", "/calendar/feed/{token}.ics", "/api/openapi.json",
              "/api/docs"}  # fmt: skip
    # the account's own pages, a clinician's as much as a runner's (test_account_recovery.py)
    public |= {"/settings", "/settings/password", "/settings/email", "/settings/delete"}
    public |= {"/api/account/password", "/api/account/email"}
    public |= {"/manifest.webmanifest", "/sw.js", "/offline"}  # the installable app's, nobody's
    return [
        (m, p)
        for m, p in routes(app)
        if p not in public
        and not p.startswith(("/api/session", *CLINIC_PREFIXES))
        and not p.startswith("/static")
    ]


def test_there_are_clinician_routes_to_check(app: FastAPI) -> None:
    paths = {p for _m, p in clinic_routes(app)}
    assert {"/caseload", "/caseload/redeem", "/clinic/runners/{runner_id}"} <= paths
    assert "/clinic/runners/{runner_id}/history" in paths


def test_a_clinician_reaches_only_runners_who_shared(app: FastAPI, runner: TestClient) -> None:
    other = signed_up(TestClient(app), "other@example.org")
    physio = clinician_client(app)
    shared(app, other, physio, alias="Other")
    not_shared = runner_id(app, "runner@example.org")
    for method, path in clinic_routes(app):
        if method not in SAFE or "{runner_id}" not in path:
            continue
        url = concrete(path, {"runner_id": str(not_shared)})
        response = physio.request(method, url)
        assert response.status_code == 404, (path, response.status_code)
        assert "runner@example.org" not in response.text
    # the shared one opens, and a made-up id is the same 404 as a real unshared one
    assert physio.get(f"/clinic/runners/{runner_id(app, 'other@example.org')}").status_code == 200
    assert physio.get("/clinic/runners/999999").status_code == 404
    caseload = physio.get("/caseload").text
    assert "Other" in caseload and "runner@example.org" not in caseload


def test_nothing_is_shared_without_the_code(app: FastAPI, runner: TestClient) -> None:
    physio = clinician_client(app)
    assert 'data-runner="' not in physio.get("/caseload").text
    assert redeem(physio, "ABCD-EFGH-JKMN") == 400  # a guess
    assert physio.get(f"/clinic/runners/{runner_id(app, 'runner@example.org')}").status_code == 404


def test_a_code_works_once(app: FastAPI, runner: TestClient) -> None:
    code = share_code(runner)
    first, second = clinician_client(app), clinician_client(app, "second@example.org", "Bo Li")
    assert redeem(first, code) == 303
    assert redeem(second, code) == 400
    assert second.get(f"/clinic/runners/{runner_id(app, 'runner@example.org')}").status_code == 404


def test_a_revoked_share_is_404_on_the_next_request(app: FastAPI, runner: TestClient) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    assert physio.get(file).status_code == 200
    clinician_id = app.state.gerdy.accounts.by_email("physio@example.org").id
    response = runner.post(
        f"/sharing/{clinician_id}/revoke", data={"csrf_token": csrf_of(runner, "/sharing")},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303
    for path in (file, file + "/progress", file + "/history", f"/api/clinic{file[7:]}/progress"):
        assert physio.get(path).status_code == 404, path
    caseload = physio.get("/caseload").text
    rows = caseload.split('id="caseload"', 1)[1].split("</ol>", 1)[0]
    assert 'data-runner="' not in rows and f'href="{file}"' not in caseload  # no row, no link
    assert "Sam stopped sharing on" in caseload  # named as such (issue 18), nothing more
    assert "Ana Ruiz" not in runner.get("/sharing").text.split("Access log")[0]


def test_a_runner_never_reaches_clinician_routes(app: FastAPI, runner: TestClient) -> None:
    other = signed_up(TestClient(app), "other@example.org")
    physio = clinician_client(app)
    shared(app, other, physio)
    token = csrf_of(runner)
    target = str(runner_id(app, "other@example.org"))
    for method, path in clinic_routes(app):
        url = concrete(path, {"runner_id": target})
        response = runner.request(
            method, url, data={"csrf_token": token, "code": "X"}, follow_redirects=False
        )
        assert response.status_code == 403, (method, path, response.status_code)


def test_a_clinician_can_never_log_pain_sessions_or_runs(app: FastAPI, runner: TestClient) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    before = runner.get("/api/export").json()
    token = csrf_of(physio, "/caseload")
    headers = {"X-CSRF-Token": token}
    attempts: dict[str, Any] = {
        "type": "checkin", "date": TODAY.isoformat(), "pain_daily": 9, "kind": "run",
        "minutes": 30, "pain": 9, "csrf_token": token,
    }  # fmt: skip
    for method, path in runner_routes(app):
        if method in SAFE:
            continue
        url = concrete(path)
        form = physio.request(method, url, data=attempts, headers=headers, follow_redirects=False)
        api = physio.request(method, url, json=attempts, headers=headers, follow_redirects=False)
        assert form.status_code == 403, (method, path, form.status_code)
        assert api.status_code in (403, 422), (method, path, api.status_code)
    # nor by aiming a runner's route at the shared record under the file's path
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    for suffix in ("/checkin", "/today/done", "/today/session-done", "/runs", "/api/checkins"):
        response = physio.post(file + suffix, data=attempts, headers=headers)
        assert response.status_code in (404, 405), suffix
    assert runner.get("/api/export").json() == before


def test_a_clinician_has_no_record_of_their_own(app: FastAPI) -> None:
    physio = clinician_client(app)
    for path in ("/today", "/intake", "/settings/export", "/api/me", "/api/plan/today"):
        assert physio.get(path, follow_redirects=False).status_code == 403, path
    settings = physio.get("/settings").text  # their account's, without a record's settings
    assert 'id="password-form"' in settings and 'id="settings-form"' not in settings
    token = csrf_of(physio, "/caseload")
    response = physio.put("/api/profile", json={}, headers={"X-CSRF-Token": token})
    assert response.status_code in (403, 422)


def test_every_new_form_needs_its_csrf_token(app: FastAPI, runner: TestClient) -> None:
    physio = clinician_client(app)
    code = share_code(runner)
    clinician_id = app.state.gerdy.accounts.by_email("physio@example.org").id
    # no token, then a wrong one: refused and nothing happens
    for data in ({"code": code}, {"code": code, "csrf_token": "0" * 64}):
        assert physio.post("/caseload/redeem", data=data).status_code == 403
    assert redeem(physio, code) == 303  # the code still works: the refused posts did nothing
    for data in ({"alias": "Sam"}, {"alias": "Sam", "csrf_token": "0" * 64}):
        assert runner.post("/sharing/code", data=data).status_code == 403
        revoke = runner.post(f"/sharing/{clinician_id}/revoke", data=data)
        assert revoke.status_code == 403
    assert physio.get(f"/clinic/runners/{runner_id(app, 'runner@example.org')}").status_code == 200
