"""The intake questions of `gerdy init`: the P1-2 track questions and the red-flag screen
(RED-1..7, RED-11), asked at a terminal for every answer not given as an option. The red-flag
questions are the protocol's own `intake_question` texts.

This module only gathers answers into a `gerdy/1` profile object; the Coach saves it and the
engine decides what the answers mean.
"""

from __future__ import annotations

import datetime as dt

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
from gerdy.domain.bounds import bounds_of
from gerdy.domain.events import check_running_cadence
from gerdy.domain.profile import Profile
from gerdy.intake import (
    CADENCE_QUESTION,
    SIDE_QUESTION,
    SIDES,
    START_DATE_QUESTION,
    WEEKDAYS,
    WEEKLY_MINUTES_QUESTION,
    IntakeAnswers,
    intake_questions,
    record_answer,
    unanswered,
)
from gerdy.protocol.schema import Protocol

WEEKLY_MINUTES = bounds_of(Profile, "baseline_weekly_run_minutes")
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
    answers.side = required(answers.side, "--side", lambda: ask_choice(SIDE_QUESTION, SIDES))
    answers.weekly_minutes = required(
        answers.weekly_minutes,
        "--weekly-minutes",
        lambda: ask_number(WEEKLY_MINUTES_QUESTION, WEEKLY_MINUTES),
    )
    interactive = stdin_is_interactive()
    settle_screen(answers.intake, no_red_flags=no_red_flags, interactive=interactive)
    if not interactive:
        return
    if answers.start_date is None:
        answers.start_date = ask_parsed(
            START_DATE_QUESTION, parse_iso_date, default=default_start.isoformat()
        )
    if answers.cadence is None:
        answers.cadence = ask_parsed(
            f"{CADENCE_QUESTION} (Enter to skip)",
            parse_cadence,
            default="",
        )
    ask_yes_no_questions(answers.intake, protocol)


def parse_cadence(text: str) -> int | None:
    """RF-1: a running cadence the profile accepts (the message offers the doubled value
    when one foot was counted), or None to skip."""
    if not text:
        return None
    if not text.strip().isdigit():
        raise ValueError("give a whole number of steps per minute, or press Enter to skip")
    return int(check_running_cadence(int(text)))


def ask_yes_no_questions(intake: dict[str, bool | None], protocol: Protocol) -> None:
    """P1-2's two track questions, then the RED-9 safety screen in the protocol's own words:
    each question options left open, and the follow-ups a yes opens."""
    questions = intake_questions(protocol)
    for question in questions.track:
        if unanswered(intake, question):
            record_answer(intake, question, ask_yes_no(question.text))
    screen = [question for question in questions.screen if unanswered(intake, question)]
    if screen:
        typer.echo("\nA few safety questions (RED-9). Answer for the sore knee.", err=True)
    for question in screen:
        asked = ask_yes_no(f"{question.rule}: {question.text}")
        for follow_up in record_answer(intake, question, asked):
            record_answer(intake, follow_up, ask_yes_no(f"  {follow_up.text}"))
