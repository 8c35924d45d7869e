"""The check-in's and the run's questions (v1.2: the same questions everywhere), shared by
`gerdy checkin`, `gerdy log run` and `gerdy log rate`, the web Check-in, Runs and rate forms,
and the JSON API's schema: the words of each question (the check-in's are the protocol's own,
`checkin` in the protocol data), the `gerdy/1` field its answer sets (also the form field),
the command-line option that answers it and the rule the answer feeds.

Answered, never assumed (v1.2): no question here has a default answer. `checkin_answers` and
`run_answers` read what a form or the options gave and name the questions left open, so each
edge refuses the same gaps in the same words. No I/O; the event models check the values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from gerdy.protocol.schema import Protocol

__all__ = [
    "NONE_OF_THESE",
    "NONE_OF_THESE_FIELD",
    "NONE_OF_THESE_FLAG",
    "Answers",
    "CheckinQuestions",
    "Question",
    "RunQuestions",
    "after_question_from",
    "checkin_answers",
    "checkin_questions",
    "run_answers",
    "run_questions",
    "unanswered_text",
]

Kind = Literal["pain", "yes_no", "minutes", "hours"]

# "None of these": one answer for every symptom question not answered yes (each one "no").
NONE_OF_THESE = "None of these"
NONE_OF_THESE_FIELD = "no_symptoms"
NONE_OF_THESE_FLAG = "none-of-these"
SYMPTOMS_LEGEND = "Since yesterday"


@dataclass(frozen=True)
class Question:
    """One question: `name` is the `gerdy/1` field its answer sets (and the form field),
    `flag` the command-line option that answers it (without the dashes; a yes/no question's
    "no" is `--no-<flag>`, a run's worsening `--pain-steady`), `kind` what the answer is,
    `rule` the rule the answer feeds (None: no rule reads it), `later` whether it may be left
    for later (the 2-hour question)."""

    name: str
    flag: str
    text: str
    kind: Kind
    rule: str | None = None
    later: bool = False

    @property
    def option(self) -> str:
        return f"--{self.flag}"

    @property
    def options(self) -> str:
        """How the option is written in a message: both forms for a yes/no question."""
        if self.kind != "yes_no":
            return self.option
        return f"{self.option} or {self.no_option}"

    @property
    def no_option(self) -> str:
        return "--pain-steady" if self.name == "pain_worsened" else f"--no-{self.flag}"

    @property
    def words(self) -> str:
        """The question with the rule its answer feeds, as help texts and schemas say it."""
        return f"{self.text} ({self.rule})" if self.rule else self.text


@dataclass(frozen=True)
class CheckinQuestions:
    """The daily check-in: pain in daily life and at rest, then each symptom a WS or RED
    rule reads from a check-in (yes/no; "none of these" answers them all no)."""

    pain: tuple[Question, ...]
    symptoms: tuple[Question, ...]
    symptoms_legend: str = SYMPTOMS_LEGEND
    none_of_these: str = NONE_OF_THESE

    @property
    def all(self) -> tuple[Question, ...]:
        return self.pain + self.symptoms


@dataclass(frozen=True)
class RunQuestions:
    """A run: how long, then its answers (v1.2): pain during, whether it got worse (WS-1) and
    the 2-hour question (WS-2), which may be answered later."""

    minutes: Question
    pain_during: Question
    pain_worsened: Question
    pain_after_hours: Question

    @property
    def answers(self) -> tuple[Question, ...]:
        """The questions a run may also be asked after it was logged (`gerdy log rate`)."""
        return (self.pain_during, self.pain_worsened, self.pain_after_hours)

    @property
    def all(self) -> tuple[Question, ...]:
        return (self.minutes, *self.answers)


# The command-line option of each check-in field (the names `gerdy checkin` has always had).
CHECKIN_FLAGS = {
    "pain_daily": "pain",
    "pain_rest": "rest-pain",
    "worse_knee_pushed_outward": "worse-pushed-outward",
}


def checkin_questions(protocol: Protocol) -> CheckinQuestions:
    """The check-in's questions in the order they are asked, in the protocol's words."""
    checkin = protocol.checkin
    pain = (
        Question("pain_daily", "pain", checkin.pain_daily, "pain", "RTR-0"),
        Question("pain_rest", "rest-pain", checkin.pain_rest, "pain"),
    )
    symptoms = tuple(
        Question(
            s.field,
            CHECKIN_FLAGS.get(s.field, s.field.replace("_", "-")),
            s.question,
            "yes_no",
            s.rule,
        )
        for s in checkin.symptoms
    )
    return CheckinQuestions(pain=pain, symptoms=symptoms)


def run_questions(protocol: Protocol) -> RunQuestions:
    """A run's questions, in the order they are asked."""
    hours = protocol.pain_lasts.pain_after_hours
    return RunQuestions(
        minutes=Question("minutes", "minutes", "How many minutes did you run?", "minutes"),
        pain_during=Question(
            "pain_during",
            "pain-during",
            "How much did your knee hurt during the run, at worst (0-10)?",
            "pain",
            "WS-1",
        ),
        pain_worsened=Question(
            "pain_worsened",
            "pain-worsened",
            "Did the pain get worse during the run?",
            "yes_no",
            "WS-1",
        ),
        pain_after_hours=Question(
            "pain_after_hours",
            "pain-after-hours",
            f"The {hours:g}-hour question: for how many hours did your knee hurt after the "
            "run (0 if not at all)?",
            "hours",
            "WS-2",
            later=True,
        ),
    )


def after_question_from(
    run_date: dt.date, recorded_at: dt.datetime | None, today: dt.date, hours: float
) -> dt.datetime | None:
    """The 2-hour question (v1.2) is asked from `hours` after the run: the time it comes for
    a run of `today` recorded at `recorded_at`; None when it is asked at once (a run of an
    earlier day, or one whose time is not known)."""
    if run_date < today or recorded_at is None:
        return None
    return recorded_at + dt.timedelta(hours=hours)


def _yes_no(value: object) -> bool | None:
    """A yes/no answer as forms and options give it (None: not answered)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "true", "on", "1"):
        return True
    if text in ("no", "false", "off", "0"):
        return False
    return None


def _given(value: object) -> object | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class Answers:
    """What was answered (the `gerdy/1` fields, values as given: the event model checks them)
    and the questions left open, in the order they are asked."""

    values: dict[str, object]
    open: tuple[Question, ...]


def checkin_answers(
    questions: CheckinQuestions, given: Mapping[str, object], none_of_these: bool = False
) -> Answers:
    """The check-in's answers from a form or the options (`given`: field -> value; a
    symptom's value yes/no or a bool). `none_of_these` answers no to each symptom not
    answered yes (a yes is never dropped). Each question not answered is open."""
    values: dict[str, object] = {}
    open_: list[Question] = []
    for question in questions.pain:
        value = _given(given.get(question.name))
        if value is None:
            open_.append(question)
        else:
            values[question.name] = value
    for question in questions.symptoms:
        answer = _yes_no(given.get(question.name))
        if none_of_these and not answer:
            answer = False
        if answer is None:
            open_.append(question)
        else:
            values[question.name] = answer
    return Answers(values, tuple(open_))


def run_answers(
    questions: RunQuestions, given: Mapping[str, object], *, later: bool = True
) -> Answers:
    """A run's answers from a form or the options. Pain during is asked, and whether the pain
    got worse when it hurt at all (pain 0 at worst did not get worse); the 2-hour question may
    be left for later (`later`), an unanswered one stays open otherwise."""
    values: dict[str, object] = {}
    open_: list[Question] = []
    for question in questions.all:
        value = _given(given.get(question.name))
        if question.kind == "yes_no":
            value = _yes_no(value)
        if value is None:
            if question is questions.pain_worsened and _no_pain(values):
                values[question.name] = False
            elif not (question.later and later):
                open_.append(question)
            continue
        values[question.name] = value
    return Answers(values, tuple(open_))


def _no_pain(values: Mapping[str, object]) -> bool:
    pain = values.get("pain_during")
    try:
        return pain is not None and int(str(pain)) == 0
    except ValueError:
        return False


def unanswered_text(
    open_: tuple[Question, ...], name: Callable[[Question], str] | None = None
) -> str:
    """The sentence a form or a command gives for the questions left open (more than two:
    how many, the form marks them)."""
    if name is None and len(open_) > 2:
        return (
            f"Please answer every question (nothing was saved). Not answered: {len(open_)} "
            "questions, marked below."
        )
    listed = "; ".join((name or _text)(question) for question in open_)
    return f"Please answer every question (nothing was saved). Not answered: {listed}"


def _text(question: Question) -> str:
    return question.text
