"""At a terminal, missing values are asked for; the red-flag screen uses the protocol's own
intake questions. Prompts go to stderr, so `--json` output stays clean."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import Result

from gerdy.protocol import load_protocol

from .helpers import START, Gerdy

pytestmark = pytest.mark.usefixtures("interactive")


def ok_json(result: Result) -> Any:
    """The JSON printed after the prompts (CliRunner echoes typed answers to stdout, where a
    terminal would show them; the prompts themselves go to stderr)."""
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(("{", "[")))
    return json.loads("\n".join(lines[first:]))


def test_red_9_init_asks_the_protocols_intake_questions(gerdy: Gerdy) -> None:
    answers = [
        "left",  # which knee
        "120",  # weekly minutes
        START,  # start date
        "",  # cadence: skipped
        "y",  # pain within the first mile
        "n",  # pain after activity
        "n", "n", "n", "n",  # RED-1..4
        "y",  # RED-5: front of the knee
        "n", "n",  # RED-6, RED-7
        "y", "n", "y",  # RED-11, then: not outside the knee? no; not activity-related? yes
    ]  # fmt: skip
    result = gerdy("init", "--json", input="\n".join(answers) + "\n")
    profile = ok_json(result)
    assert profile["side"] == "left" and profile["baseline_weekly_run_minutes"] == 120
    assert profile["start_date"] == START and profile["cadence_spm"] is None
    assert profile["intake"]["pain_within_first_mile"] is True
    assert profile["intake"]["front_of_knee"] is True
    assert profile["intake"]["not_activity_related"] is True
    assert profile["intake"]["atypical_location"] is False
    protocol = load_protocol()
    for flag in ("RED-1", "RED-5", "RED-7", "RED-11"):
        question = protocol.red_flag(flag).intake_question or ""
        assert question.split()[0] in result.stderr


def test_init_asks_only_what_options_left_open(gerdy: Gerdy) -> None:
    answers = ["", "n", "n"] + ["n"] * 8  # start date (today), cadence, P1-2 x2, RED screen
    result = gerdy(
        "init", "--side", "right", "--weekly-minutes", "60", "--cadence", "170",
        "--pain-first-mile", "--json", input="\n".join(answers) + "\n",
    )  # fmt: skip
    profile = ok_json(result)
    assert profile["cadence_spm"] == 170
    assert profile["intake"]["pain_within_first_mile"] is True
    assert "Which knee" not in result.stderr


def test_checkin_asks_pain_then_rest_pain_and_every_symptom(started: Gerdy) -> None:
    result = started("checkin", "--date", "2026-01-06", "--json", input="12\n3\n1\ny\n")
    logged = ok_json(result)
    assert logged["event"]["pain_daily"] == 3 and logged["event"]["pain_rest"] == 1
    assert "None of these?" in result.stderr  # "y": every symptom answered no
    assert "0 to 10" in result.stderr  # 12 was refused and asked again


def test_log_strength_asks_each_exercise_with_the_prescription(started: Gerdy) -> None:
    lines = []
    for index in range(6):
        lines += ["", "0", "easy"] if index else ["-"]  # skip the clamshell
    result = started("log", "strength", "--date", "2026-01-12", "--json",
                     input="\n".join(lines) + "\n")  # fmt: skip
    exercises = ok_json(result)["event"]["exercises"]
    assert exercises[0]["id"] == "side_lying_abduction" and len(exercises) == 5
    assert exercises[0]["sets"] == [12, 12, 12] and exercises[0]["effort"] == "easy"


def test_log_run_asks_minutes_pain_and_the_warning_signs(started: Gerdy) -> None:
    result = started("log", "run", "--date", "2026-01-06", "--json", input="15\n3\ny\n3\n")
    run = ok_json(result)["event"]
    assert run["minutes"] == 15 and run["pain_during"] == 3
    assert run["pain_worsened"] is True and run["pain_after_hours"] == 3


def test_st_1_log_strength_all_asks_the_pain_it_never_assumes(started: Gerdy) -> None:
    result = started("log", "strength", "--date", "2026-01-12", "--all", "--json", input="\n3\n")
    exercises = ok_json(result)["event"]["exercises"]
    assert {e["pain"] for e in exercises} == {3}  # the empty answer was asked again
    assert result.stderr.count("Pain during the exercises") == 2


def test_st_1_each_exercise_s_pain_is_asked_without_a_default(started: Gerdy) -> None:
    lines = ["", "", "2", "easy"] + ["-"] * 5  # the clamshell: pain asked again when empty
    result = started("log", "strength", "--date", "2026-01-12", "--json",
                     input="\n".join(lines) + "\n")  # fmt: skip
    [clamshell] = ok_json(result)["event"]["exercises"]
    assert clamshell["id"] == "clamshell" and clamshell["pain"] == 2
    assert "pain during it (0-10) [0]" not in result.stderr
