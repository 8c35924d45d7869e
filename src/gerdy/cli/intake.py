"""The intake questions of `gerdy init`: the P1-2 track questions and the red-flag screen
(RED-1..7, RED-11), asked at a terminal for every answer not given as an option. The red-flag
questions are the protocol's own `intake_question` texts.

This module only gathers answers into a `gerdy/1` profile object; the Coach saves it and the
engine decides what the answers mean.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import typer

from gerdy.cli.options import (
    UsageProblem,
    ask_choice,
    ask_number,
    ask_parsed,
    ask_yes_no,
    parse_iso_date,
    required,
    stdin_is_interactive,
)
from gerdy.domain.events import check_running_cadence
from gerdy.intake import (
    ALSO_SET_BY,
    RED_11_FIELDS,
    RED_FLAG_FIELDS,
    SIDES,
    WEEKDAYS,
    IntakeAnswers,
)
from gerdy.protocol.schema import Protocol


def parse_weekdays(value: str) -> tuple[str, ...]:
    """'mon,wed,fri' -> ('mon', 'wed', 'fri'); the profile checks that no two are adjacent."""
    days = tuple(part.strip().lower()[:3] for part in value.split(",") if part.strip())
    unknown = [day for day in days if day not in WEEKDAYS]
    if unknown or not days:
        raise UsageProblem(f"--strength-days {value!r}: give three weekdays like mon,wed,fri")
    return days


def optional_int(text: str, low: int, high: int) -> int | None:
    if not text:
        return None
    number = int(text)
    if not low <= number <= high:
        raise ValueError(f"give a number from {low} to {high}, or press Enter to skip")
    return number


def ask_missing(answers: IntakeAnswers, protocol: Protocol, default_start: dt.date) -> None:
    """Fill the required answers (prompting at a terminal) and, at a terminal, the optional
    questions that were not answered by options."""
    answers.side = required(answers.side, "--side", lambda: ask_choice("Which knee?", SIDES))
    answers.weekly_minutes = required(
        answers.weekly_minutes,
        "--weekly-minutes",
        lambda: ask_number("Your usual running minutes per week (before the pain)", 0, 3000),
    )
    if not stdin_is_interactive():
        return
    if answers.start_date is None:
        answers.start_date = ask_parsed(
            "Start date (day 1)", parse_iso_date, default=default_start.isoformat()
        )
    if answers.cadence is None:
        answers.cadence = ask_parsed(
            "Your running cadence in steps/min, both feet (Enter to skip)",
            parse_cadence,
            default="",
        )
    ask_track_questions(answers.intake, protocol)
    ask_red_flag_questions(answers.intake, protocol)


def parse_cadence(text: str) -> int | None:
    """RF-1: a running cadence the profile accepts (the message offers the doubled value
    when one foot was counted), or None to skip."""
    value = optional_int(text, 1, 1000)
    if value is not None:
        check_running_cadence(value)
    return value


def ask_track_questions(intake: dict[str, bool | None], protocol: Protocol) -> None:
    """P1-2: the two answers that choose the break or the reduced track."""
    mile = protocol.protect.first_mile_km
    questions = {
        "pain_within_first_mile": f"Does the pain start within the first mile ({mile:g} km) "
        "of a run?",
        "pain_persists_after_activity": "Does the pain stay after you stop (after runs or "
        "other activity)?",
    }
    for name, question in questions.items():
        if intake.get(name) is None:
            intake[name] = ask_yes_no(question)


def ask_red_flag_questions(intake: dict[str, bool | None], protocol: Protocol) -> None:
    """RED-9: the red-flag screen, in the protocol's own words."""
    unanswered = [(flag, name) for flag, name in RED_FLAG_FIELDS if intake.get(name) is None]
    red_11_open = any(intake.get(name) is None for name in RED_11_FIELDS)
    if unanswered or red_11_open:
        typer.echo("\nA few safety questions (RED-9). Answer for the sore knee.", err=True)
    for flag, name in unanswered:
        question = protocol.red_flag(flag).intake_question or flag
        intake[name] = ask_yes_no(f"{flag}: {question}")
        for also in ALSO_SET_BY.get(flag, ()):
            intake[also] = intake[name] or bool(intake.get(also))
    if red_11_open:
        question = protocol.red_flag("RED-11").intake_question or "RED-11"
        if ask_yes_no(f"RED-11: {question}"):
            ask_red_11_detail(intake)
        else:
            intake.update({name: intake.get(name) or False for name in RED_11_FIELDS})


def ask_red_11_detail(intake: dict[str, bool | None]) -> None:
    follow_up: dict[str, Callable[[], bool]] = {
        "atypical_location": lambda: ask_yes_no(
            "  Is the pain somewhere other than the outside of the knee?"
        ),
        "not_activity_related": lambda: ask_yes_no(
            "  Does it come on without running or repeated knee bending?"
        ),
    }
    for name, ask in follow_up.items():
        if intake.get(name) is None:
            intake[name] = ask()
