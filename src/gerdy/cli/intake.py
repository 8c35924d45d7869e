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

# The safety screen's intake fields (RED-1..7, RED-11) -> the `gerdy init` flag that answers it.
SCREEN_FLAGS: dict[str, str] = {
    "cannot_bear_weight": "cannot-bear-weight",
    "instability": "instability",
    "numbness": "numbness",
    "locking": "locking",
    "front_of_knee": "front-of-knee",
    "worse_knee_pushed_outward": "worse-pushed-outward",
    "tender_swelling": "tender-swelling",
    "atypical_location": "atypical-location",
    "not_activity_related": "not-activity-related",
}


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


def settle_screen(intake: dict[str, bool | None], *, no_red_flags: bool, interactive: bool) -> None:
    """RED-9: the safety screen must be answered, never assumed. `--no-red-flags` answers "no"
    to every question (refused next to a "yes"); without a terminal to ask at, every screen
    flag not given is named in a usage error. At a terminal the questions are asked later."""
    if no_red_flags:
        said_yes = [f"--{flag}" for name, flag in SCREEN_FLAGS.items() if intake.get(name)]
        if said_yes:
            raise UsageProblem(
                f"--no-red-flags says no to every safety question, but {', '.join(said_yes)} "
                "says yes: give one or the other"
            )
        for name in SCREEN_FLAGS:
            intake[name] = False
        if intake.get("swelling") is None:
            intake["swelling"] = False
        return
    missing = [flag for name, flag in SCREEN_FLAGS.items() if intake.get(name) is None]
    if missing and not interactive:
        flags = ", ".join(f"--{flag}/--no-{flag}" for flag in missing)
        raise UsageProblem(
            f"the safety screen (RED-9) needs an answer to each question: missing {flags} "
            "(or give --no-red-flags if every answer is no)"
        )


def ask_missing(
    answers: IntakeAnswers, protocol: Protocol, default_start: dt.date, *, no_red_flags: bool
) -> None:
    """Fill the required answers (prompting at a terminal), settle the safety screen (see
    `settle_screen`) and, at a terminal, ask the questions that options left open."""
    answers.side = required(answers.side, "--side", lambda: ask_choice("Which knee?", SIDES))
    answers.weekly_minutes = required(
        answers.weekly_minutes,
        "--weekly-minutes",
        lambda: ask_number("Your usual running minutes per week (before the pain)", 0, 3000),
    )
    interactive = stdin_is_interactive()
    settle_screen(answers.intake, no_red_flags=no_red_flags, interactive=interactive)
    if not interactive:
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
