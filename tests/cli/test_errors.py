"""Bad input gets one line on stderr (`error: ...`), a non-zero exit (1 for domain errors, 2
for usage errors), never a traceback, and leaves the record exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import START, Gerdy, assert_one_line_error, exported


def test_today_before_the_start_is_an_error_and_changes_nothing(started: Gerdy) -> None:
    before = exported(started)
    result = started("today", "--date", "2026-01-04")
    assert_one_line_error(result, 1, "before the programme's start date")
    assert exported(started) == before


@pytest.mark.parametrize("command", ["status", "plan"])
def test_status_and_plan_before_the_start(started: Gerdy, command: str) -> None:
    option = "--from" if command == "plan" else "--date"
    assert_one_line_error(started(command, option, "2025-12-31"), 1, "start date")


def test_checkin_pain_11_is_refused_and_changes_nothing(started: Gerdy) -> None:
    before = exported(started)
    # The bounds are the event model's: the same sentence as the web gives.
    too_much = "pain_daily: Input should be less than or equal to 10"
    assert_one_line_error(
        started("checkin", "--pain", "11", "--rest-pain", "0", "--none-of-these"), 1, too_much
    )
    assert_one_line_error(
        started("checkin", "--pain", "2", "--rest-pain", "-1", "--none-of-these"), 1, "pain_rest"
    )
    assert exported(started) == before


def test_checkin_before_the_start_changes_nothing(started: Gerdy) -> None:
    before = exported(started)
    result = started(
        "checkin", "--date", "2026-01-01", "--pain", "1", "--rest-pain", "0", "--none-of-these"
    )
    assert_one_line_error(result, 1, "before the programme's start date")
    assert exported(started) == before


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "yesterday", "2026-1-5"])
def test_an_impossible_date_is_a_usage_error(started: Gerdy, date: str) -> None:
    assert_one_line_error(started("today", "--date", date), 2, "--date")


def test_unknown_exercise_in_a_strength_log_changes_nothing(started: Gerdy) -> None:
    before = exported(started)
    result = started("log", "strength", "--date", START, "--exercise", "burpee:10,10,10:0")
    assert_one_line_error(result, 1, "unknown strength exercise 'burpee'")
    assert exported(started) == before


@pytest.mark.parametrize(
    "spec",
    ["clamshell", "clamshell:15,x", "clamshell:15:11", "clamshell:15:0:meh", "a:b:c:d:e"],
)
def test_malformed_strength_specs(started: Gerdy, spec: str) -> None:
    assert_one_line_error(started("log", "strength", "--exercise", spec), 2, "--exercise")


def test_unknown_roll_item(started: Gerdy) -> None:
    assert_one_line_error(started("log", "roll", "it_band"), 1, "unknown roll exercise")


def test_unknown_exercise_card(gerdy: Gerdy) -> None:
    assert_one_line_error(gerdy("exercises", "burpee"), 1, "unknown exercise 'burpee'")


def test_unknown_learn_topic(gerdy: Gerdy) -> None:
    assert_one_line_error(gerdy("learn", "ED-9"), 1, "unknown topic")


def test_truncated_json_load_names_the_problem_and_changes_nothing(
    started: Gerdy, tmp_path: Path
) -> None:
    text = exported(started)
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    before = exported(started)
    result = started("load", str(path), "--replace")
    assert_one_line_error(result, 1, "not valid JSON", "line")
    assert exported(started) == before


def test_load_names_the_bad_event_and_writes_nothing(started: Gerdy, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{"format": "gerdy/1", "profile": {"start_date": "2026-01-05", "side": "left",'
        ' "baseline_weekly_run_minutes": 60}, "events": ['
        '{"type": "checkin", "date": "2026-01-05", "pain_daily": 1},'
        '{"type": "checkin", "date": "2026-01-06", "pain_daily": 11}]}',
        encoding="utf-8",
    )
    before = exported(started)
    result = started("load", str(path), "--replace")
    assert_one_line_error(result, 1, "event #2 checkin dated 2026-01-06", "pain_daily")
    assert exported(started) == before


def test_load_a_missing_file(started: Gerdy, tmp_path: Path) -> None:
    result = started("load", str(tmp_path / "nope.json"))
    assert_one_line_error(result, 1, "cannot read", "nope.json")


def test_export_to_an_unwritable_place(started: Gerdy, tmp_path: Path) -> None:
    result = started("export", "--output", str(tmp_path / "no" / "such" / "dir.json"))
    assert_one_line_error(result, 1, "cannot write")


def test_commands_before_init_say_what_to_do(gerdy: Gerdy) -> None:
    for args in (
        ["today"],
        ["status"],
        ["plan"],
        ["export"],
        ["checkin", "--pain", "1", "--rest-pain", "0", "--none-of-these"],
    ):
        assert_one_line_error(gerdy(*args), 1, "gerdy init")


def test_missing_required_values_without_a_terminal(gerdy: Gerdy) -> None:
    assert_one_line_error(gerdy("init", "--weekly-minutes", "60"), 2, "missing --side")
    assert_one_line_error(gerdy("init", "--side", "left"), 2, "missing --weekly-minutes")


def test_missing_required_log_values_without_a_terminal(started: Gerdy) -> None:
    assert_one_line_error(started("checkin"), 2, "Not answered: --pain ")
    assert_one_line_error(
        started("log", "run", "--minutes", "10"), 2, "Not answered: --pain-during"
    )
    assert_one_line_error(started("log", "strength"), 2, "--exercise or --all")
    assert_one_line_error(started("log", "cross", "--minutes", "10"), 2, "missing --activity")
    assert_one_line_error(started("log", "clearance"), 2, "missing --rule")


def test_bad_choices_and_unknown_commands(started: Gerdy) -> None:
    assert_one_line_error(started("init", "--side", "middle", "--replace"), 2, "--side")
    assert_one_line_error(started("log", "run", "--terrain", "sand"), 2, "--terrain")
    assert_one_line_error(started("tody"), 2, "today")


def test_clearance_of_an_unknown_rule(started: Gerdy) -> None:
    result = started("log", "clearance", "--rule", "RED-9", "--by", "A. Ruiz", "--role", "GP")
    assert_one_line_error(result, 1, "rules")


def test_correct_with_bad_json_or_unknown_id(started: Gerdy) -> None:
    before = exported(started)
    assert_one_line_error(started("correct", "x", "--json-event", "{"), 2, "not valid JSON")
    event = '{"type": "checkin", "date": "2026-01-06", "pain_daily": 0}'
    assert_one_line_error(started("correct", "x", "--json-event", event), 1, "no event")
    assert exported(started) == before


def test_a_bad_timezone(gerdy: Gerdy) -> None:
    result = gerdy("init", "--side", "left", "--weekly-minutes", "1", "--timezone", "Mars/Base",
                   "--no-red-flags")  # fmt: skip
    assert_one_line_error(result, 1, "unknown time zone")


@pytest.mark.parametrize(
    "args",
    [("--all",), ("--exercise", "clamshell:15,15,15"), ("--exercise", "clamshell:15,15,15::easy")],
)
def test_st_1_strength_pain_is_never_taken_as_0(started: Gerdy, args: tuple[str, ...]) -> None:
    """Answered, never assumed: without --pain (or the exercise's own) and no terminal to ask,
    the log is refused naming the option, and nothing is saved."""
    before = exported(started)
    result = started("log", "strength", "--date", "2026-01-12", *args)
    assert_one_line_error(result, 2, "missing --pain", "nothing was saved")
    assert exported(started) == before


def test_st_1_an_exercise_s_own_pain_needs_no_pain_option(started: Gerdy) -> None:
    result = started("log", "strength", "--date", "2026-01-12", "--exercise", "clamshell:15:3")
    assert result.exit_code == 0, result.stderr
