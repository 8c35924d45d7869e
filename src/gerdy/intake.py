"""The intake's questions and answers, shared by `gerdy init` and the web intake page: what is
asked (the P1-2 track questions and the RED-9 safety screen, the red flags in the protocol's own
`intake_question` words), which intake field each answer sets, and how the answers become a
`gerdy/1` profile object. Both edges render these questions and record answers through
`record_answer`, so a runner gets the same profile from either. No I/O; the Profile model
validates the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, get_args

from gerdy.domain.profile import WEEKDAYS, Side
from gerdy.protocol.schema import Protocol

__all__ = [
    "ALSO_SET_BY",
    "CADENCE_QUESTION",
    "RED_11_FIELDS",
    "RED_FLAG_FIELDS",
    "SIDES",
    "SIDE_QUESTION",
    "START_DATE_QUESTION",
    "WEEKDAYS",
    "WEEKLY_MINUTES_QUESTION",
    "IntakeAnswers",
    "IntakeQuestions",
    "YesNoQuestion",
    "answers_shown",
    "intake_questions",
    "profile_data",
    "record_answer",
    "unanswered",
]

SIDES: tuple[str, ...] = get_args(Side)
SIDE_QUESTION = "Which knee hurts?"
WEEKLY_MINUTES_QUESTION = "Your usual running minutes per week (before the pain)"
START_DATE_QUESTION = "Start date (day 1)"
CADENCE_QUESTION = "Your running cadence in steps/min, both feet"

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


@dataclass(frozen=True)
class YesNoQuestion:
    """One yes/no question. `name` is the intake field a yes sets (and the form field and
    `gerdy init` flag that answer it); a question with `follow_up` sets no field of its own:
    a no answers each follow-up no, a yes asks them."""

    name: str
    rule: str
    text: str
    follow_up: tuple[YesNoQuestion, ...] = ()


@dataclass(frozen=True)
class IntakeQuestions:
    track: tuple[YesNoQuestion, ...]  # P1-2: the break or the reduced track
    screen: tuple[YesNoQuestion, ...]  # RED-9: RED-1..7 and RED-11 (with its follow-ups)

    @property
    def all(self) -> tuple[YesNoQuestion, ...]:
        return self.track + self.screen


def intake_questions(protocol: Protocol) -> IntakeQuestions:
    """The intake's yes/no questions, in the order they are asked."""
    mile = protocol.protect.first_mile_km
    track = (
        YesNoQuestion(
            "pain_within_first_mile",
            "P1-2",
            f"Does the pain start within the first mile ({mile:g} km) of a run?",
        ),
        YesNoQuestion(
            "pain_persists_after_activity",
            "P1-2",
            "Does the pain stay after you stop (after runs or other activity)?",
        ),
    )
    red_flags = tuple(
        YesNoQuestion(
            name,
            flag,
            protocol.red_flag(flag).intake_question or flag,
        )
        for flag, name in RED_FLAG_FIELDS
    )
    red_11 = YesNoQuestion(
        "red_11",
        "RED-11",
        protocol.red_flag("RED-11").intake_question or "RED-11",
        follow_up=(
            YesNoQuestion(
                "atypical_location",
                "RED-11",
                "Is the pain somewhere other than the outside of the knee?",
            ),
            YesNoQuestion(
                "not_activity_related",
                "RED-11",
                "Does it come on without running or repeated knee bending?",
            ),
        ),
    )
    return IntakeQuestions(track=track, screen=(*red_flags, red_11))


def unanswered(intake: dict[str, bool | None], question: YesNoQuestion) -> bool:
    """Whether the question is still open (for one with follow-ups: any of them)."""
    if question.follow_up:
        return any(intake.get(q.name) is None for q in question.follow_up)
    return intake.get(question.name) is None


def record_answer(
    intake: dict[str, bool | None], question: YesNoQuestion, yes: bool
) -> tuple[YesNoQuestion, ...]:
    """Record a yes or a no to `question`; returns the follow-up questions now to ask. A no to
    a question with follow-ups answers each follow-up not yet answered no. (What a yes to
    RED-2 records with it is added by `profile_data`, for answers given as flags too.)"""
    if question.follow_up:
        if yes:
            return tuple(q for q in question.follow_up if intake.get(q.name) is None)
        for q in question.follow_up:
            intake[q.name] = bool(intake.get(q.name))
        return ()
    intake[question.name] = yes
    return ()


def answers_shown(intake: dict[str, bool], questions: IntakeQuestions) -> dict[str, bool]:
    """Saved intake answers as the questions show them again: a question with follow-ups was
    a yes when any follow-up was."""
    shown = dict(intake)
    for question in questions.all:
        if question.follow_up:
            shown[question.name] = any(intake.get(q.name) for q in question.follow_up)
    return shown


@dataclass
class IntakeAnswers:
    """The answers given so far, from `gerdy init` options or the web form (None = not given)."""

    start_date: dt.date | None = None
    side: str | None = None
    weekly_minutes: float | None = None
    cadence: int | None = None
    strength_days: tuple[str, ...] | None = None
    timezone: str | None = None
    units: str = "metric"
    intake: dict[str, bool | None] = field(default_factory=dict)


def profile_data(answers: IntakeAnswers, start_date: dt.date) -> dict[str, Any]:
    """The `gerdy/1` profile object for these answers (validated by the Profile model). A yes
    given to RED-2's question also records what it asks about with it (`ALSO_SET_BY`), however
    it was given (a prompt, a form or a `gerdy init` flag)."""
    intake = dict(answers.intake)
    for flag, name in RED_FLAG_FIELDS:
        for also in ALSO_SET_BY.get(flag, ()):
            intake[also] = bool(intake.get(name)) or bool(intake.get(also))
    data: dict[str, Any] = {
        "start_date": start_date,
        "side": answers.side,
        "baseline_weekly_run_minutes": answers.weekly_minutes,
        "intake": {name: True for name, value in intake.items() if value},
        "units": answers.units,
    }
    if answers.cadence is not None:
        data["cadence_spm"] = answers.cadence
    if answers.strength_days is not None:
        data["strength_days"] = answers.strength_days
    if answers.timezone is not None:
        data["timezone"] = answers.timezone
    return data
