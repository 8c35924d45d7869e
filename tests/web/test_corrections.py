"""Everything is correctable in the browser without breaking the append-only record: History
edits (corrections) and deletes (retractions), a clearance recorded on Today, the intake's
answers edited in Settings; and a new runner must answer every intake question."""

from __future__ import annotations

import html
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.protocol import load_protocol
from gerdy.questions import checkin_questions, run_questions
from gerdy.web.views import SYMPTOMS

from .conftest import ALL_NO, CHECKIN_REST, TODAY, csrf_of, sign_up


def red_flags(client: TestClient) -> list[str]:
    plan = client.get("/api/plan/today").json()
    return [a["rule"] for a in plan["alerts"] if a["level"] == "red_flag"]


def test_red_10_a_swelling_checkin_corrected_in_history_loses_its_flag(
    runner: TestClient,
) -> None:
    token = csrf_of(runner, "/checkin")
    runner.post(
        "/checkin", data={"csrf_token": token, "pain_daily": "1", "swelling": "yes"} | CHECKIN_REST
    )
    checkin = runner.get("/api/events").json()[-1]
    swelling = dict(SYMPTOMS)["swelling"]
    assert swelling in runner.get("/history").text
    page = runner.get(f"/history/{checkin['id']}/edit").text
    assert 'name="swelling" value="yes" checked' in page
    response = runner.post(
        f"/history/{checkin['id']}/edit",
        data={"csrf_token": token, "date": TODAY.isoformat(), "pain_daily": "1", "pain_rest": "0"}
        | dict.fromkeys((name for name, _ in SYMPTOMS), "no"),
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    fixed = runner.get("/api/events").json()[-1]
    assert fixed["supersedes"] == checkin["id"] and fixed["swelling"] is False
    assert f'id="entry-{checkin["id"]}"' not in runner.get("/history").text


def test_a_deleted_run_is_retracted_and_the_export_holds_the_retraction(
    runner: TestClient,
) -> None:
    token = csrf_of(runner, "/runs")
    runner.post("/runs", data={"csrf_token": token, "minutes": "15", "pain_during": "0"})
    run = runner.get("/api/events").json()[-1]
    assert f'id="entry-{run["id"]}"' in runner.get("/history?kind=run").text
    response = runner.post(f"/history/{run['id']}/delete", data={"csrf_token": token})
    assert response.status_code == 200
    assert f'id="entry-{run["id"]}"' not in runner.get("/history").text
    exported = runner.get("/settings/export").json()["events"]
    assert exported[-1]["type"] == "retraction" and exported[-1]["retracts"] == run["id"]
    assert run["id"] in [e["id"] for e in exported]  # still in the record, no longer counted


def test_an_unknown_entry_cannot_be_edited_or_deleted(runner: TestClient) -> None:
    token = csrf_of(runner)
    assert runner.get("/history/nope/edit").status_code == 400
    response = runner.post("/history/nope/delete", data={"csrf_token": token})
    assert response.status_code == 400
    assert [e for e in runner.get("/api/events").json() if e["type"] == "retraction"] == []


def test_a_bad_edit_changes_nothing(runner: TestClient) -> None:
    token = csrf_of(runner, "/runs")
    runner.post("/runs", data={"csrf_token": token, "minutes": "15", "pain_during": "0"})
    before = runner.get("/api/events").json()
    run = before[-1]
    response = runner.post(
        f"/history/{run['id']}/edit",
        data={"csrf_token": token, "minutes": "-3", "pain_during": "0", "terrain": "road"},
    )
    assert response.status_code == 400
    assert runner.get("/api/events").json() == before


def test_red_1_clearance_recorded_on_today_lets_running_resume(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client, "flagged@example.org")
    token = csrf_of(client, "/intake")
    data = {"csrf_token": token, "side": "left", "weekly_minutes": "90", **ALL_NO}
    client.post("/intake", data=data | {"cannot_bear_weight": "yes"})
    assert red_flags(client) == ["RED-1"]
    today = client.get("/today").text
    assert 'id="clearance-form"' in today and 'id="cleared_by_role"' in today
    data = {"csrf_token": token, "rules": "RED-1", "cleared_by": "Dr Ames", "note": "X-ray clear"}
    assert client.post("/today/clearance", data=data).status_code == 400  # v1.2: and the role
    assert red_flags(client) == ["RED-1"]
    response = client.post("/today/clearance", data=data | {"cleared_by_role": "GP"})
    assert response.status_code == 200
    assert red_flags(client) == []
    clearance = client.get("/api/events").json()[-1]
    assert clearance["rules"] == ["RED-1"] and clearance["cleared_by"] == "Dr Ames"
    assert clearance["cleared_by_role"] == "GP"
    assert clearance["author"] == {"role": "runner", "name": "the runner"}
    today = client.get("/today").text
    assert 'id="clearance-form"' not in today
    notes = today.split('id="notes"', 1)[1].split("</section>", 1)[0]
    assert "Seen by Dr Ames (GP)" in notes and "Recorded by you," in notes


def test_red_9_every_intake_question_must_be_answered(app: FastAPI) -> None:
    client = TestClient(app)
    sign_up(client, "hasty@example.org")
    page = client.get("/intake").text
    assert " checked" not in page.split('id="red-flag-screen"')[1].split("</fieldset>")[0]
    assert 'name="side" value="left" required>' in page
    token = csrf_of(client, "/intake")
    partial = {"csrf_token": token, "side": "left", "weekly_minutes": "90", **ALL_NO}
    del partial["numbness"]
    response = client.post("/intake", data=partial)
    assert response.status_code == 400 and "answer every question" in response.text
    response = client.post("/intake", data={**partial, "numbness": "no", "side": ""})
    assert response.status_code == 400 and "which knee" in response.text
    assert client.get("/api/profile").status_code == 409


@pytest.mark.parametrize("field", ["weekly_minutes", "side"])
def test_intake_edited_in_settings_recomputes_the_plan(runner: TestClient, field: str) -> None:
    token = csrf_of(runner, "/settings")
    assert 'href="/intake?again=1"' in runner.get("/settings").text
    page = runner.get("/intake?again=1").text
    assert 'value="right" required checked' in page and 'value="120"' in page
    before = runner.get("/api/plan/today").json()
    changed = {"weekly_minutes": "300"} if field == "weekly_minutes" else {"side": "both"}
    data = {"csrf_token": token, "side": "right", "weekly_minutes": "120", **ALL_NO}
    data["start_date"] = runner.get("/api/profile").json()["start_date"]
    response = runner.post("/intake", data=data | changed, follow_redirects=False)
    assert response.headers["location"] == "/settings?saved=intake"
    profile = runner.get("/api/profile").json()
    if field == "weekly_minutes":
        assert profile["baseline_weekly_run_minutes"] == 300
    else:
        assert profile["side"] == "both"
    assert runner.get("/api/plan/today").json() != before or field == "side"


def edit_form_values(page: str) -> dict[str, str]:
    """name → value of the edit form's number inputs."""
    found = re.findall(r'<input type="number" id="f-[\w]+" name="(\w+)" value="([^"]*)"', page)
    return dict(found)


def set_units(client: TestClient, units: str) -> None:
    token = csrf_of(client)
    response = client.post("/settings/profile", data={"csrf_token": token, "units": units})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("units", "label", "shown", "typed", "stored"),
    [
        ("metric", "Distance in km", "8.05", "10", 10.0),
        ("imperial", "Distance in miles", "5", "6.2", round(6.2 * 1.609344, 3)),
    ],
)
def test_the_run_edit_form_shows_distance_in_the_runners_units(
    runner: TestClient, units: str, label: str, shown: str, typed: str, stored: float
) -> None:
    set_units(runner, units)
    token = csrf_of(runner, "/runs")
    runner.post(
        "/runs", data={"csrf_token": token, "minutes": "40", "distance": shown, "pain_during": "0"}
    )
    run = runner.get("/api/events").json()[-1]
    form = runner.get(f"/history/{run['id']}/edit").text
    assert label in form
    assert edit_form_values(form)["distance_km"] == shown

    unchanged = edit_form_values(form) | {"csrf_token": token, "terrain": "road"}
    runner.post(f"/history/{run['id']}/edit", data=unchanged)
    kept = runner.get("/api/events").json()[-1]
    assert kept["supersedes"] == run["id"]
    assert kept["distance_km"] == run["distance_km"]  # saved unchanged: the very same km

    changed = unchanged | {"distance_km": typed}
    runner.post(f"/history/{kept['id']}/edit", data=changed)
    assert runner.get("/api/events").json()[-1]["distance_km"] == pytest.approx(stored)


def test_the_edit_forms_ask_the_check_in_and_run_questions_in_their_words(
    runner: TestClient,
) -> None:
    """History's Edit renders the check-in's and the run's questions from gerdy.questions,
    as the Check-in and Runs pages ask them; symptoms are answered yes or no."""
    protocol = load_protocol()
    token = csrf_of(runner, "/checkin")
    runner.post("/checkin", data={"csrf_token": token, "pain_daily": "1"} | CHECKIN_REST)
    checkin = runner.get("/api/events").json()[-1]
    form = html.unescape(runner.get(f"/history/{checkin['id']}/edit").text)
    for question in checkin_questions(protocol).all:
        assert question.text in form, question.name
    for question in checkin_questions(protocol).symptoms:
        assert f'name="{question.name}" value="no" checked' in form
    runner.post("/runs", data={"csrf_token": token, "minutes": "15", "pain_during": "0"})
    run = runner.get("/api/events").json()[-1]
    form = html.unescape(runner.get(f"/history/{run['id']}/edit").text)
    for question in run_questions(protocol).all:
        assert question.text in form, question.name


def test_a_check_in_edit_leaving_a_symptom_open_is_refused_and_changes_nothing(
    runner: TestClient,
) -> None:
    token = csrf_of(runner, "/checkin")
    runner.post("/checkin", data={"csrf_token": token, "pain_daily": "1"} | CHECKIN_REST)
    before = runner.get("/api/events").json()
    checkin = before[-1]
    answered = dict.fromkeys((name for name, _ in SYMPTOMS[1:]), "no")
    response = runner.post(
        f"/history/{checkin['id']}/edit",
        data={"csrf_token": token, "date": TODAY.isoformat(), "pain_daily": "1",
              "pain_rest": "0"} | answered,
    )  # fmt: skip
    assert response.status_code == 400
    assert "Not answered" in html.unescape(response.text)
    assert SYMPTOMS[0][1] in html.unescape(response.text)
    assert runner.get("/api/events").json() == before


def test_a_refused_edit_comes_back_as_the_form_with_every_answer_kept(
    runner: TestClient,
) -> None:
    """Not a bare error page: the edit form again, the refusal above it, the answers as typed."""
    token = csrf_of(runner, "/checkin")
    runner.post("/checkin", data={"csrf_token": token, "pain_daily": "1"} | CHECKIN_REST)
    before = runner.get("/api/events").json()
    checkin = before[-1]
    answered = dict.fromkeys((name for name, _ in SYMPTOMS[1:]), "no") | {SYMPTOMS[1][0]: "yes"}
    response = runner.post(
        f"/history/{checkin['id']}/edit",
        data={"csrf_token": token, "date": TODAY.isoformat(), "pain_daily": "7",
              "pain_rest": "3", "note": "after the long walk"} | answered,
    )  # fmt: skip
    page = html.unescape(response.text)
    assert response.status_code == 400
    assert 'id="edit-form"' in page and 'role="alert"' in page and "Not answered" in page
    assert re.search(r'name="pain_daily" value="7"', page)
    assert re.search(r'name="pain_rest" value="3"', page)
    assert f'name="{SYMPTOMS[1][0]}" value="yes" checked' in page
    assert f'name="{SYMPTOMS[0][0]}" value="yes" checked' not in page
    assert f'name="{SYMPTOMS[0][0]}" value="no" checked' not in page
    assert "after the long walk</textarea>" in page
    assert runner.get("/api/events").json() == before
