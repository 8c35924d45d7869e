"""The intake questions of `gerdy init`: the P1-2 track questions and the red-flag screen
(RED-1..7, RED-11), asked at a terminal for every answer not given as an option. The red-flag
questions are the protocol's own `intake_question` texts.

This module only gathers answers into a `gerdy/1` profile object; the Coach saves it and the
engine decides what the answers mean.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from gerdy.protocol.schema import Protocol

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SIDES = ("left", "right", "both")
# RED-n -> the intake field a "yes" to its question sets (the gerdy/1 contract names).
RED_FLAG_FIELDS: tuple[tuple[str, str], ...] = (
    ("RED-1", "cannot_bear_weight"),
    ("RED-2", "instability"),
    ("RED-3", "numbness"),
    ("RED-4", "locking"),
    ("RED-5", "front_of_knee"),
    ("RED-6", "worse_knee_pushed_outward"),
    ("RED-7", "tender_swelling"),
)
RED_11_FIELDS = ("atypical_location", "not_activity_related")
# RED-2's question asks about swelling and giving way together: a yes records both.
ALSO_SET_BY = {"RED-2": ("swelling",)}


def parse_weekdays(value: str) -> tuple[str, ...]:
    """'mon,wed,fri' -> ('mon', 'wed', 'fri'); the profile checks that no two are adjacent."""
    days = tuple(part.strip().lower()[:3] for part in value.split(",") if part.strip())
    unknown = [day for day in days if day not in WEEKDAYS]
    if unknown or not days:
        raise UsageProblem(f"--strength-days {value!r}: give three weekdays like mon,wed,fri")
    return days


@dataclass
class IntakeAnswers:
    """What `gerdy init` was given as options (None = not given)."""

    start_date: dt.date | None = None
    side: str | None = None
    weekly_minutes: float | None = None
    cadence: int | None = None
    strength_days: tuple[str, ...] | None = None
    timezone: str | None = None
    units: str = "metric"
    intake: dict[str, bool | None] = field(default_factory=dict)


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
            lambda text: optional_int(text, 100, 250),
            default="",
        )
    ask_track_questions(answers.intake, protocol)
    ask_red_flag_questions(answers.intake, protocol)


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


def profile_data(answers: IntakeAnswers, start_date: dt.date) -> dict[str, Any]:
    """The `gerdy/1` profile object for these answers (validated by the Profile model)."""
    data: dict[str, Any] = {
        "start_date": start_date,
        "side": answers.side,
        "baseline_weekly_run_minutes": answers.weekly_minutes,
        "intake": {name: bool(value) for name, value in answers.intake.items() if value},
        "units": answers.units,
    }
    if answers.cadence is not None:
        data["cadence_spm"] = answers.cadence
    if answers.strength_days is not None:
        data["strength_days"] = answers.strength_days
    if answers.timezone is not None:
        data["timezone"] = answers.timezone
    return data
