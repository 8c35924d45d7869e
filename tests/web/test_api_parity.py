"""The JSON API does what the pages do: correct and delete an entry, record a clearance,
change the password and the e-mail address; every write is once per client id
(`Idempotency-Key`), on SQLite and PostgreSQL. Each new route keeps the API's rules: signed in
(401), the CSRF header (403), a runner's record only for its runner."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client
from .conftest import PASSWORD, TODAY, MakeApp, csrf_of, sign_in, signed_up

CHECKIN = {
    "pain_daily": 2, "pain_rest": 0, "swelling": False, "instability": False,
    "numbness": False, "locking": False, "cannot_bear_weight": False, "front_of_knee": False,
    "tender_swelling": False, "worse_knee_pushed_outward": False,
}  # fmt: skip
STRETCH = {"type": "stretch", "date": TODAY.isoformat(), "items": ["pigeon"]}
NEW_ROUTES = (
    ("PUT", "/api/events/x", STRETCH),
    ("DELETE", "/api/events/x", None),
    ("POST", "/api/clearances", {"rules": ["RED-1"], "cleared_by": "A", "cleared_by_role": "B"}),
    ("PUT", "/api/account/password", {"current_password": PASSWORD, "new_password": "x" * 12}),
    ("PUT", "/api/account/email", {"email": "new@example.org", "password": PASSWORD}),
)


def headers(client: TestClient, key: str | None = None) -> dict[str, str]:
    found = {"X-CSRF-Token": csrf_of(client)}
    return found | ({"Idempotency-Key": key} if key else {})


def events(client: TestClient) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.get("/api/events").json()
    return found


def send(client: TestClient, method: str, path: str, body: object, **extra: str) -> Any:
    return client.request(method, path, json=body, headers=extra)


@pytest.mark.parametrize(("method", "path", "body"), NEW_ROUTES)
def test_new_routes_need_a_session_and_the_csrf_header(
    app: FastAPI, runner: TestClient, method: str, path: str, body: object
) -> None:
    token = csrf_of(runner)
    assert send(TestClient(app), method, path, body, **{"X-CSRF-Token": token}).status_code in (
        401,
        403,
    )
    assert send(runner, method, path, body).status_code == 403, "no CSRF header"
    assert send(runner, method, path, body, **{"X-CSRF-Token": "0" * 64}).status_code == 403


@pytest.mark.parametrize(("method", "path", "body"), NEW_ROUTES[:3])
def test_a_clinician_cannot_write_a_record_through_the_api(
    app: FastAPI, method: str, path: str, body: object
) -> None:
    clinician = clinician_client(app)
    token = csrf_of(clinician, "/settings")
    response = send(clinician, method, path, body, **{"X-CSRF-Token": token})
    assert response.status_code == 403


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_backend_runner(request: pytest.FixtureRequest, make_app: MakeApp) -> TestClient:
    url = None if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    return signed_up(TestClient(make_app(url)), "runner@example.org")


def test_a_check_in_sent_twice_is_written_once(any_backend_runner: TestClient) -> None:
    runner = any_backend_runner
    before = len(events(runner))
    first = runner.post("/api/checkins", json=CHECKIN, headers=headers(runner, "offline-0001"))
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    again = runner.post("/api/checkins", json=CHECKIN, headers=headers(runner, "offline-0001"))
    assert again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["event"] == first.json()["event"]
    assert len(events(runner)) == before + 1
    other = runner.post("/api/checkins", json=CHECKIN, headers=headers(runner, "offline-0002"))
    assert other.status_code == 201
    assert len(events(runner)) == before + 2


def test_every_write_route_is_once_per_client_id(runner: TestClient) -> None:
    run = {"minutes": 20, "pain_during": 0, "pain_worsened": False}
    sends = [
        ("POST", "/api/runs", run),
        ("POST", "/api/events", STRETCH),
        ("POST", "/api/clearances", None),  # filled in below, after a red flag
    ]
    flagged = dict(CHECKIN, numbness=True)
    assert runner.post("/api/checkins", json=flagged, headers=headers(runner)).status_code == 201
    sends[2] = (
        "POST",
        "/api/clearances",
        {"rules": ["RED-3"], "cleared_by": "Dr Lee", "cleared_by_role": "sports physician"},
    )
    for number, (method, path, body) in enumerate(sends):
        key = f"client-key-{number:04d}"
        before = len(events(runner))
        first = send(runner, method, path, body, **headers(runner, key))
        assert first.status_code == 201, (path, first.text)
        again = send(runner, method, path, body, **headers(runner, key))
        assert again.status_code == 200, (path, again.text)
        assert again.json()["event"]["id"] == first.json()["event"]["id"]
        assert len(events(runner)) == before + 1, path


def test_a_client_id_of_another_kind_of_entry_is_refused(runner: TestClient) -> None:
    assert runner.post("/api/events", json=STRETCH, headers=headers(runner, "k-00000001"))
    before = len(events(runner))
    run = {"minutes": 20, "pain_during": 0, "pain_worsened": False}
    refused = runner.post("/api/runs", json=run, headers=headers(runner, "k-00000001"))
    assert refused.status_code == 409
    assert "another entry" in refused.json()["detail"]
    assert len(events(runner)) == before


@pytest.mark.parametrize("key", ["short", "x" * 65, "has space!", "ünïcode-key"])
def test_a_malformed_client_id_is_refused(runner: TestClient, key: str) -> None:
    sent: dict[str, str | bytes] = {**headers(runner), "Idempotency-Key": key.encode()}
    response = runner.post("/api/events", json=STRETCH, headers=sent)
    assert response.status_code == 422


def test_client_ids_are_per_account(app: FastAPI, runner: TestClient) -> None:
    other = signed_up(TestClient(app), "other@example.org")
    key = "shared-key-0001"
    assert runner.post("/api/events", json=STRETCH, headers=headers(runner, key)).status_code == 201
    response = other.post("/api/events", json=STRETCH, headers=headers(other, key))
    assert response.status_code == 201, "the same id in another record is another entry"


def test_correct_an_entry(runner: TestClient) -> None:
    logged = runner.post("/api/events", json=STRETCH, headers=headers(runner)).json()["event"]
    fixed = dict(STRETCH, items=["pigeon", "figure_four"])
    corrected = runner.put(
        f"/api/events/{logged['id']}", json=fixed, headers=headers(runner, "fix-00000001")
    )
    assert corrected.status_code == 201, corrected.text
    event = corrected.json()["event"]
    assert event["supersedes"] == logged["id"] and event["items"] == ["pigeon", "figure_four"]
    again = runner.put(
        f"/api/events/{logged['id']}", json=fixed, headers=headers(runner, "fix-00000001")
    )
    assert again.status_code == 200 and again.json()["event"]["id"] == event["id"]
    twice = runner.put(f"/api/events/{logged['id']}", json=fixed, headers=headers(runner))
    assert twice.status_code == 404, "it was corrected already: correct the correction"
    assert "no such entry" in twice.json()["detail"]
    kept = [e for e in events(runner) if e["type"] == "stretch"]
    assert [e["id"] for e in kept] == [logged["id"], event["id"]], "nothing is lost"


def test_a_correction_is_checked_like_a_new_entry(runner: TestClient) -> None:
    logged = runner.post("/api/events", json=STRETCH, headers=headers(runner)).json()["event"]
    future = dict(STRETCH, date="2027-01-01")
    refused = runner.put(f"/api/events/{logged['id']}", json=future, headers=headers(runner))
    assert refused.status_code == 400 and "future" in refused.json()["detail"]
    bad = dict(STRETCH, items=["no_such_stretch"])
    assert runner.put(
        f"/api/events/{logged['id']}", json=bad, headers=headers(runner)
    ).status_code in (400, 422)
    assert len(events(runner)) == 1


def test_delete_an_entry_is_idempotent(runner: TestClient) -> None:
    logged = runner.post("/api/events", json=STRETCH, headers=headers(runner)).json()["event"]
    gone = runner.delete(f"/api/events/{logged['id']}", headers=headers(runner))
    assert gone.status_code == 204
    again = runner.delete(f"/api/events/{logged['id']}", headers=headers(runner))
    assert again.status_code == 204, "deleted already: nothing changes"
    retractions = [e for e in events(runner) if e["type"] == "retraction"]
    assert [r["retracts"] for r in retractions] == [logged["id"]]
    assert runner.delete("/api/events/no-such-id", headers=headers(runner)).status_code == 404
    plan = runner.get("/api/plan/today").json()
    assert not any(t["done"] for t in plan["tasks"] if t["kind"] == "stretch")


def test_a_runner_cannot_touch_another_runners_entry(app: FastAPI, runner: TestClient) -> None:
    other = signed_up(TestClient(app), "other@example.org")
    theirs = other.post("/api/events", json=STRETCH, headers=headers(other)).json()["event"]
    path = f"/api/events/{theirs['id']}"
    assert runner.put(path, json=STRETCH, headers=headers(runner)).status_code == 404
    assert runner.delete(path, headers=headers(runner)).status_code == 404
    assert events(other) == [theirs]


def test_record_a_clearance(runner: TestClient) -> None:
    flagged = dict(CHECKIN, numbness=True)
    runner.post("/api/checkins", json=flagged, headers=headers(runner))
    assert any(a["rule"] == "RED-3" for a in runner.get("/api/plan/today").json()["alerts"])
    body = {"rules": ["RED-3"], "cleared_by": "Dr Lee", "cleared_by_role": "sports physician"}
    unnamed = runner.post("/api/clearances", json={"rules": ["RED-3"]}, headers=headers(runner))
    assert unnamed.status_code == 422
    done = runner.post("/api/clearances", json=body, headers=headers(runner))
    assert done.status_code == 201, done.text
    event = done.json()["event"]
    assert event["author"]["role"] == "runner" and event["date"] == TODAY.isoformat()
    assert not any(a["rule"] == "RED-3" for a in done.json()["alerts"])
    unknown = body | {"rules": ["RED-99"]}
    assert runner.post("/api/clearances", json=unknown, headers=headers(runner)).status_code == 422


def test_change_the_password(app: FastAPI, runner: TestClient) -> None:
    elsewhere = TestClient(app)
    assert sign_in(elsewhere, "runner@example.org") == 303
    old_token = csrf_of(runner)
    wrong = runner.put(
        "/api/account/password",
        json={"current_password": "not it at all", "new_password": "a new long passphrase 7"},
        headers=headers(runner),
    )
    assert wrong.status_code == 401
    weak = runner.put(
        "/api/account/password",
        json={"current_password": PASSWORD, "new_password": "password1"},
        headers=headers(runner),
    )
    assert weak.status_code == 400
    new = "a new long passphrase 7"
    done = runner.put(
        "/api/account/password",
        json={"current_password": PASSWORD, "new_password": new},
        headers=headers(runner),
    )
    assert done.status_code == 200, done.text
    token = done.json()["csrf_token"]
    assert token != old_token
    assert runner.get("/api/me").status_code == 200, "this client keeps a (new) session"
    stale = runner.post("/api/events", json=STRETCH, headers={"X-CSRF-Token": old_token})
    assert stale.status_code == 403
    fresh = runner.post("/api/events", json=STRETCH, headers={"X-CSRF-Token": token})
    assert fresh.status_code == 201
    assert elsewhere.get("/api/me").status_code == 401, "every other session ended"
    assert sign_in(TestClient(app), "runner@example.org", new) == 303
    assert sign_in(TestClient(app), "runner@example.org") == 401


def test_change_the_email(app: FastAPI, runner: TestClient) -> None:
    signed_up(TestClient(app), "taken@example.org")
    body = {"email": "new@example.org", "password": "wrong password here"}
    assert runner.put("/api/account/email", json=body, headers=headers(runner)).status_code == 401
    taken = {"email": "taken@example.org", "password": PASSWORD}
    assert runner.put("/api/account/email", json=taken, headers=headers(runner)).status_code == 400
    done = runner.put(
        "/api/account/email",
        json={"email": "New@Example.org", "password": PASSWORD},
        headers=headers(runner),
    )
    assert done.status_code == 200 and done.json()["email"] == "new@example.org"
    assert runner.get("/api/me").json()["email"] == "new@example.org"
    assert sign_in(TestClient(app), "new@example.org") == 303


def test_a_clinician_changes_their_password_through_the_api(app: FastAPI) -> None:
    clinician = clinician_client(app)
    token = csrf_of(clinician, "/settings")
    done = clinician.put(
        "/api/account/password",
        json={"current_password": PASSWORD, "new_password": "a new long passphrase 7"},
        headers={"X-CSRF-Token": token},
    )
    assert done.status_code == 200, done.text


def http_date(moment: dt.datetime) -> str:
    return format_datetime(moment.astimezone(dt.UTC), usegmt=True)


def counted_checkin(runner: TestClient) -> dict[str, Any]:
    """Today's check-in that counts: the latest one recorded."""
    found = [e for e in events(runner) if e["type"] == "checkin" and e["date"] == TODAY.isoformat()]
    return found[-1]


def test_a_check_in_made_before_a_later_one_was_saved_does_not_replace_it(
    any_backend_runner: TestClient,
) -> None:
    """The offline queue says when a check-in was made (If-Unmodified-Since): one made at
    08:40 on a phone without signal never replaces the check-in saved online at 09:12."""
    runner = any_backend_runner
    made_offline = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30)
    online = runner.post("/api/checkins", json=CHECKIN | {"date": TODAY.isoformat()},
                         headers=headers(runner))  # fmt: skip
    assert online.status_code == 201
    before = events(runner)
    late = CHECKIN | {"date": TODAY.isoformat(), "pain_daily": 6, "swelling": True}
    refused = runner.post(
        "/api/checkins", json=late,
        headers=headers(runner, "offline-0003") | {"If-Unmodified-Since": http_date(made_offline)},
    )  # fmt: skip
    assert refused.status_code == 412, refused.text
    assert "was saved after this one was made" in refused.json()["detail"]
    assert events(runner) == before, "nothing was saved"
    assert counted_checkin(runner)["pain_daily"] == CHECKIN["pain_daily"]
    made_after = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
    newer = runner.post(
        "/api/checkins", json=late,
        headers=headers(runner, "offline-0004") | {"If-Unmodified-Since": http_date(made_after)},
    )  # fmt: skip
    assert newer.status_code == 201, "made after the one saved: it replaces it"
    assert counted_checkin(runner)["pain_daily"] == 6
    other_day = CHECKIN | {"date": (TODAY - dt.timedelta(days=1)).isoformat()}
    elsewhere = runner.post(
        "/api/checkins", json=other_day,
        headers=headers(runner, "offline-0005") | {"If-Unmodified-Since": http_date(made_offline)},
    )  # fmt: skip
    assert elsewhere.status_code == 201, "no later check-in of that day"


def test_a_check_in_sent_again_after_a_later_one_is_still_a_repeat(runner: TestClient) -> None:
    """The queue's retry of a check-in the server wrote (its answer lost) stays a repeat, even
    when a later check-in of the day was saved meanwhile."""
    made = http_date(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5))
    sent = headers(runner, "offline-0006") | {"If-Unmodified-Since": made}
    first = runner.post("/api/checkins", json=CHECKIN, headers=sent)
    assert first.status_code == 201
    assert runner.post("/api/checkins", json=CHECKIN, headers=headers(runner)).status_code == 201
    again = runner.post("/api/checkins", json=CHECKIN, headers=sent)
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"


@pytest.mark.parametrize("given", ["yesterday", "10 Jun 2026", "Wed, 10 Jun 2026 07:40:00"])
def test_a_made_at_that_is_not_an_http_date_is_refused(runner: TestClient, given: str) -> None:
    before = len(events(runner))
    refused = runner.post(
        "/api/checkins", json=CHECKIN, headers=headers(runner) | {"If-Unmodified-Since": given}
    )
    assert refused.status_code == 400, refused.text
    assert "is not an HTTP date" in refused.json()["detail"]
    assert len(events(runner)) == before
