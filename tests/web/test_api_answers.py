"""Answered, never assumed (v1.2), through the JSON API as on the forms: a check-in answers
every question of `gerdy.questions` (its "none of these" answers no to each symptom not
answered yes); a run's pain questions are answered together or left for later (the run is
then unrated, never pain 0). A request that leaves a question open is refused in the
question's own words and changes nothing."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi.testclient import TestClient

from gerdy.protocol import load_protocol
from gerdy.questions import checkin_questions, run_questions

from .conftest import csrf_of

CHECKIN = checkin_questions(load_protocol())
RUN = run_questions(load_protocol())


def post(client: TestClient, path: str, body: Mapping[str, object]) -> tuple[int, str]:
    response = client.post(path, json=body, headers={"X-CSRF-Token": csrf_of(client)})
    return response.status_code, response.text


def events(client: TestClient) -> list[dict[str, object]]:
    found: list[dict[str, object]] = client.get("/api/events").json()
    return found


def test_rtr_0_a_check_in_with_only_daily_pain_is_refused_naming_the_open_questions(
    runner: TestClient,
) -> None:
    before = events(runner)
    status, text = post(runner, "/api/checkins", {"pain_daily": 0})
    assert status == 422, text
    assert "Please answer every question (nothing was saved)" in text
    for question in (*CHECKIN.pain[1:], *CHECKIN.symptoms):
        assert question.text in text, question.name  # the question's own words
        assert question.name in text
    assert CHECKIN.pain[0].text not in text  # answered
    assert events(runner) == before  # nothing changed


def test_ws_4_a_symptom_left_out_is_open_not_no(runner: TestClient) -> None:
    answered = {q.name: False for q in CHECKIN.symptoms[1:]}
    status, text = post(runner, "/api/checkins", {"pain_daily": 1, "pain_rest": 0, **answered})
    assert status == 422
    assert CHECKIN.symptoms[0].text in text
    assert not [e for e in events(runner) if e["type"] == "checkin" and e.get("pain_daily") == 1]


def test_red_none_of_these_answers_no_to_each_symptom_not_answered_yes(
    runner: TestClient,
) -> None:
    swelling = CHECKIN.symptoms[0].name
    status, text = post(
        runner,
        "/api/checkins",
        {"pain_daily": 2, "pain_rest": 1, swelling: True, "none_of_these": True},
    )
    assert status == 201, text
    stored = events(runner)[-1]
    assert stored[swelling] is True  # a yes is never dropped
    assert all(stored[q.name] is False for q in CHECKIN.symptoms[1:])
    assert "none_of_these" not in stored


def test_rtr_0_every_answer_given_saves_the_check_in(runner: TestClient) -> None:
    answered = {q.name: False for q in CHECKIN.symptoms}
    status, text = post(runner, "/api/checkins", {"pain_daily": 3, "pain_rest": 2, **answered})
    assert status == 201, text
    assert events(runner)[-1]["pain_daily"] == 3


def test_ws_1_a_run_without_pain_answers_is_stored_unrated_never_pain_0(
    runner: TestClient,
) -> None:
    status, text = post(runner, "/api/runs", {"minutes": 12})
    assert status == 201, text
    run = events(runner)[-1]
    assert run["type"] == "run" and "pain_during" not in run
    missing = [r["missing"] for r in runner.get("/api/plan/today").json()["runs_awaiting_answers"]]
    assert any("pain_during" in m for m in missing)


def test_ws_1_a_run_that_hurt_must_say_whether_the_pain_got_worse(runner: TestClient) -> None:
    before = events(runner)
    status, text = post(runner, "/api/runs", {"minutes": 12, "pain_during": 3})
    assert status == 422, text
    assert RUN.pain_worsened.text in text
    assert events(runner) == before
    status, text = post(runner, "/api/runs", {"minutes": 12, "pain_worsened": True})
    assert status == 422, text  # worse than what? pain during is asked with it
    assert RUN.pain_during.text in text
    assert events(runner) == before
    status, text = post(runner, "/api/runs", {"minutes": 12, "pain_during": 0})
    assert status == 201, text  # no pain did not get worse
    assert events(runner)[-1]["pain_worsened"] is False


def test_ws_1_a_later_answer_of_pain_asks_whether_it_got_worse(runner: TestClient) -> None:
    status, _ = post(runner, "/api/runs", {"minutes": 12})
    assert status == 201
    run_id = events(runner)[-1]["id"]
    before = events(runner)
    status, text = post(runner, f"/api/runs/{run_id}/answers", {"pain_during": 4})
    assert status == 422, text
    assert RUN.pain_worsened.text in text
    assert events(runner) == before
    status, text = post(
        runner, f"/api/runs/{run_id}/answers", {"pain_during": 4, "pain_worsened": True}
    )
    assert status == 201, text
    assert events(runner)[-1]["pain_worsened"] is True


def test_rtr_0_the_api_check_in_asks_exactly_the_check_in_questions() -> None:
    from gerdy.web.api.models import CheckinIn

    fields = set(CheckinIn.model_fields) - {"none_of_these", "date", "note"}
    assert fields == {q.name for q in CHECKIN.all}
    schema = CheckinIn.model_json_schema()
    assert not schema.get("required")  # "none of these" may answer the symptoms: checked on use
    for question in CHECKIN.all:
        assert "Required" in schema["properties"][question.name]["description"]
