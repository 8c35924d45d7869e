"""The same questions everywhere (v1.2): the check-in's and the run's questions live in one
place (`gerdy.questions`) and every edge renders them from it, in the same words: `gerdy
checkin` and `gerdy log run` (their prompts and their `--help`), the web Check-in and Runs
forms and the JSON API's schema. The same answers store the same event from the CLI and the
web; no question is answered for the runner (answered, never assumed)."""

from __future__ import annotations

import html
import json
import re
from typing import Any, cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gerdy.cli import options
from gerdy.cli.app import app as cli_app
from gerdy.protocol import load_protocol
from gerdy.questions import NONE_OF_THESE, Question, checkin_questions, run_questions

from .conftest import TODAY, csrf_of

CHECKIN = checkin_questions(load_protocol())
RUN = run_questions(load_protocol())
DAY = TODAY.isoformat()


def words(text: str) -> str:
    """Text as shown, with markup, entities, box drawing and line breaks taken out."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def asked_in(shown: str, questions: tuple[Question, ...]) -> set[str]:
    """The questions whose words are in `shown`."""
    return {q.name for q in questions if words(q.text) in words(shown)}


def cli_help(runner: CliRunner, *command: str) -> str:
    result = runner.invoke(cli_app, [*command, "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.stdout


def openapi_descriptions(client: TestClient, model: str) -> str:
    """The descriptions of a request model's fields in the app's OpenAPI document."""
    schema = cast(FastAPI, client.app).openapi()["components"]["schemas"][model]
    return " ".join(str(p.get("description", "")) for p in schema["properties"].values())


def test_the_checkin_and_the_run_ask_one_set_of_questions_in_the_same_words(
    same_runner_cli: CliRunner, runner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    every_checkin = {q.name for q in CHECKIN.all}
    every_run = {q.name for q in RUN.all}
    # --help: each option says its question, and each question has its option.
    checkin_help = cli_help(same_runner_cli, "checkin")
    run_help = cli_help(same_runner_cli, "log", "run")
    assert asked_in(checkin_help, CHECKIN.all) == every_checkin
    assert asked_in(run_help, RUN.all) == every_run
    assert all(q.option in checkin_help for q in CHECKIN.all)
    assert all(q.option in run_help for q in RUN.all)
    assert f"--{'none-of-these'}" in checkin_help and NONE_OF_THESE in checkin_help

    # the prompts: nothing given, every question is asked at a terminal.
    monkeypatch.setattr(options, "FORCE_INTERACTIVE", True)
    symptoms = "\n".join("n" for _ in CHECKIN.symptoms)
    prompted = same_runner_cli.invoke(
        cli_app, ["checkin", "--date", DAY], input=f"2\n1\nn\n{symptoms}\n"
    )
    assert prompted.exit_code == 0, prompted.stderr
    assert asked_in(prompted.stderr, CHECKIN.all) == every_checkin
    ran = same_runner_cli.invoke(cli_app, ["log", "run", "--date", DAY], input="20\n3\nn\n\n")
    assert ran.exit_code == 0, ran.stderr
    assert asked_in(ran.stderr, RUN.all) == every_run

    # the web forms and the API's schema.
    assert asked_in(runner.get("/checkin").text, CHECKIN.all) == every_checkin
    assert NONE_OF_THESE in runner.get("/checkin").text
    assert asked_in(runner.get("/runs").text, RUN.all) == every_run
    assert asked_in(openapi_descriptions(runner, "CheckinIn"), CHECKIN.all) == every_checkin
    assert asked_in(openapi_descriptions(runner, "RunIn"), RUN.all) == every_run
    answers_later = openapi_descriptions(runner, "RunAnswersIn")
    assert asked_in(answers_later, RUN.all) == {q.name for q in RUN.answers}


def cli_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(cli_app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    event: dict[str, Any] = json.loads(result.stdout)["event"]
    return event


def web_event(client: TestClient, path: str, form: dict[str, str]) -> dict[str, Any]:
    response = client.post(path, data={"csrf_token": csrf_of(client)} | form)
    assert response.status_code == 200, response.text  # followed the redirect
    event: dict[str, Any] = client.get("/api/events").json()[-1]
    return event


def answers_of(event: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in event.items() if k not in ("id", "date", "recorded_at")}


def test_ws_4_red_1_the_same_checkin_answers_store_the_same_event_from_cli_and_web(
    same_runner_cli: CliRunner, same_runner_web: TestClient
) -> None:
    from_cli = cli_json(
        same_runner_cli, "checkin", "--date", DAY, "--pain", "3", "--rest-pain", "1",
        "--swelling", "--cannot-bear-weight", "--none-of-these",
    )  # fmt: skip
    from_web = web_event(same_runner_web, "/checkin", {
        "date": DAY, "pain_daily": "3", "pain_rest": "1", "swelling": "yes",
        "cannot_bear_weight": "yes", "no_symptoms": "yes",
    })  # fmt: skip
    assert answers_of(from_cli) == answers_of(from_web)
    assert from_web["swelling"] is True and from_web["instability"] is False


def test_ws_1_the_same_run_answers_store_the_same_event_from_cli_and_web(
    same_runner_cli: CliRunner, same_runner_web: TestClient
) -> None:
    from_cli = cli_json(
        same_runner_cli, "log", "run", "--date", DAY, "--minutes", "12", "--pain-during", "3",
        "--pain-worsened",
    )  # fmt: skip
    from_web = web_event(same_runner_web, "/runs", {
        "date": DAY, "minutes": "12", "pain_during": "3", "pain_worsened": "yes",
        "terrain": "road",
    })  # fmt: skip
    assert answers_of(from_cli) == answers_of(from_web)
    assert from_web["pain_worsened"] is True and "pain_after_hours" not in from_web


@pytest.mark.parametrize(
    ("args", "open_"),
    [
        (["--pain", "0"], "--rest-pain"),
        (["--pain", "0", "--rest-pain", "0"], "--swelling or --no-swelling"),
        (["--rest-pain", "0", "--none-of-these"], "--pain "),
    ],
)
def test_checkin_options_that_leave_a_question_open_are_refused_without_a_terminal(
    same_runner_cli: CliRunner, args: list[str], open_: str
) -> None:
    before = same_runner_cli.invoke(cli_app, ["export"]).stdout
    result = same_runner_cli.invoke(cli_app, ["checkin", "--date", DAY, *args])
    assert result.exit_code == 2 and "Not answered" in result.stderr and open_ in result.stderr
    assert same_runner_cli.invoke(cli_app, ["export"]).stdout == before


def test_ws_1_a_run_that_hurt_asks_whether_the_pain_got_worse(same_runner_cli: CliRunner) -> None:
    refused = same_runner_cli.invoke(
        cli_app, ["log", "run", "--date", DAY, "--minutes", "10", "--pain-during", "2"]
    )
    assert refused.exit_code == 2 and "--pain-worsened or --pain-steady" in refused.stderr
    steady = cli_json(
        same_runner_cli, "log", "run", "--date", DAY, "--minutes", "10", "--pain-during", "2",
        "--pain-steady",
    )  # fmt: skip
    assert steady["pain_worsened"] is False


def test_an_unanswered_checkin_is_refused_on_the_page_with_the_answers_kept(
    runner: TestClient,
) -> None:
    """An untouched form is not a pain-free day: it is refused, naming what is open, and the
    answers given are shown again; nothing is saved."""
    before = runner.get("/api/export").json()
    untouched = runner.post("/checkin", data={"csrf_token": csrf_of(runner)})
    assert untouched.status_code == 400 and "Not answered" in untouched.text
    partial = runner.post("/checkin", data={"csrf_token": csrf_of(runner), "pain_rest": "4",
                                            "locking": "yes", "note": "kept"})  # fmt: skip
    assert partial.status_code == 400
    assert re.search(r'name="pain_rest" value="4" required checked', partial.text)
    assert re.search(r'name="locking" value="yes" checked', partial.text)
    assert ">kept</textarea>" in partial.text
    assert not re.search(r'name="pain_daily" value="\d+" required checked', partial.text)
    assert runner.get("/api/export").json() == before
