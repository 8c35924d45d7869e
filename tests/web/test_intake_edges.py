"""The intake asks the same questions on both edges and keeps the same answers: `gerdy init`
and the web intake page render one list of questions (`gerdy.intake`), so the same answers
store the same profile (RED-2's yes records the swelling it asks about, RED-11's follow-ups),
and the same words are shown at the terminal and on the page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gerdy.cli import options
from gerdy.cli.app import app as cli_app
from gerdy.cli.intake import SCREEN_FLAGS
from gerdy.intake import (
    CADENCE_QUESTION,
    SIDE_QUESTION,
    START_DATE_QUESTION,
    WEEKLY_MINUTES_QUESTION,
    intake_questions,
)
from gerdy.protocol import load_protocol

from .conftest import csrf_of, sign_in, sign_up

TRACK_FLAGS = {"pain_within_first_mile": "pain-first-mile",
               "pain_persists_after_activity": "pain-after-activity"}  # fmt: skip
ANSWERS = [
    pytest.param(set(), id="all-no"),
    pytest.param({"pain_within_first_mile", "instability"}, id="red-2-records-swelling"),
    pytest.param({"not_activity_related"}, id="red-11-one-follow-up"),
    pytest.param({"atypical_location", "not_activity_related", "locking"}, id="red-11-both"),
]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("GERDY_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return CliRunner()


def cli_profile(runner: CliRunner, yes: set[str]) -> Any:
    flags = TRACK_FLAGS | SCREEN_FLAGS
    answers = [f"--{flag}" if name in yes else f"--no-{flag}" for name, flag in flags.items()]
    args = ["init", "--start-date", "2026-05-01", "--side", "left", "--weekly-minutes", "90",
            "--cadence", "166", "--timezone", "UTC", "--json", *answers]  # fmt: skip
    result = runner.invoke(cli_app, args)
    assert result.exit_code == 0, result.stderr
    return runner.invoke(cli_app, ["export"]).stdout


def web_profile(app: FastAPI, yes: set[str]) -> Any:
    client = TestClient(app)
    sign_up(client, "intake@example.org")
    form = {"csrf_token": csrf_of(client, "/intake"), "start_date": "2026-05-01", "side": "left",
            "weekly_minutes": "90", "cadence": "166", "timezone": "UTC"}  # fmt: skip
    for question in intake_questions(load_protocol()).all:
        opened = yes & {follow_up.name for follow_up in question.follow_up}
        form[question.name] = "yes" if question.name in yes or opened else "no"
        form |= {f.name: "yes" if f.name in yes else "no" for f in question.follow_up}
    response = client.post("/intake", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client.get("/api/export").json()


@pytest.mark.parametrize("yes", ANSWERS)
def test_red_9_p1_2_the_same_answers_store_the_same_profile_from_cli_and_web(
    cli: CliRunner, app: FastAPI, yes: set[str]
) -> None:
    from_cli = json.loads(cli_profile(cli, yes))["profile"]
    from_web = web_profile(app, yes)["profile"]
    assert from_cli == from_web
    expected = yes | ({"swelling"} if "instability" in yes else set())
    assert {name for name, given in from_web.get("intake", {}).items() if given} == expected


def yes_no_prompts(stderr: str) -> list[str]:
    """The yes/no questions `gerdy init` asked, in order, without their rule prefix."""
    asked = re.split(r" \[y/N\]: ?", stderr)[:-1]
    return [re.sub(r"^RED-\d+: ", "", chunk.splitlines()[-1].strip()) for chunk in asked]


def yes_no_legends(page: str) -> list[str]:
    """The yes/no questions of the web intake form, in order, without their rule badge."""
    legends = re.findall(r'<fieldset class="yes-no"[^>]*><legend>(.*?)</legend>', page)
    return [html.unescape(re.sub(r"<span[^>]*>.*?</span>\s*", "", text)) for text in legends]


def test_red_9_cli_and_web_ask_the_same_questions_in_the_same_words(
    cli: CliRunner, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(options, "FORCE_INTERACTIVE", True)
    # Every yes/no question, RED-11's follow-ups too (a yes to RED-11 opens them).
    given = ["init", "--start-date", "2026-05-01", "--side", "left", "--weekly-minutes", "90",
             "--cadence", "166", "--json"]  # fmt: skip
    typed = ["n"] * 9 + ["y", "n", "n"]
    asked = cli.invoke(cli_app, given, input="\n".join(typed) + "\n")
    assert asked.exit_code == 0, asked.stderr
    client = TestClient(app)
    sign_up(client, "words@example.org")
    page = client.get("/intake").text
    expected = [q.text for question in intake_questions(load_protocol()).all
                for q in (question, *question.follow_up)]  # fmt: skip
    assert yes_no_prompts(asked.stderr) == expected
    assert yes_no_legends(page) == expected
    # The other questions: the knee, the usual running, day 1, the cadence.
    prompted = cli.invoke(cli_app, ["init", "--replace", "--no-red-flags"],
                          input="left\n90\n\n\n" + "n\n" * 2)  # fmt: skip
    assert prompted.exit_code == 0, prompted.stderr
    for label in (SIDE_QUESTION, WEEKLY_MINUTES_QUESTION, START_DATE_QUESTION, CADENCE_QUESTION):
        assert label in prompted.stderr and html.escape(label) in page


def test_red_11_saved_answers_reopen_with_the_question_and_its_follow_ups(app: FastAPI) -> None:
    web_profile(app, {"not_activity_related"})
    client = TestClient(app)
    assert sign_in(client, "intake@example.org") == 303
    page = client.get("/intake?again").text
    checked = dict(re.findall(r'name="(\w+)" value="(yes|no)"[^>]* checked', page))
    assert checked["red_11"] == "yes" and checked["not_activity_related"] == "yes"
    assert checked["atypical_location"] == "no" and checked["locking"] == "no"
