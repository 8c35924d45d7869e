"""The CLI's help and prompts name the models' bounds and the protocol's words: nothing the
check-in asks or allows is written a second time in the CLI."""

from __future__ import annotations

import pytest

from gerdy.protocol import load_protocol

from .helpers import Gerdy


def test_ws_4_red_checkin_flags_say_the_protocols_symptom_questions(
    gerdy: Gerdy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # one help line per option
    shown = gerdy("checkin", "--help").stdout
    checkin = load_protocol().checkin
    for symptom in checkin.symptoms:
        assert f"{symptom.question} ({symptom.rule})" in shown
    assert checkin.pain_daily in shown and checkin.pain_rest in shown


@pytest.mark.usefixtures("interactive")
def test_run_prompts_refuse_with_the_models_bounds(started: Gerdy) -> None:
    result = started("log", "run", "--date", "2026-01-06", "--json", input="0\n1441\n20\n11\n0\n\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("give a number above 0 and at most 1440") == 2
    assert "give a whole number from 0 to 10" in result.stderr
