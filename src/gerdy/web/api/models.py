"""Request and response models of the JSON API (they make the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gerdy.domain.events import Pain, RedFlagId, RunReport
from gerdy.engine.plan import Alert, Gate, LinkedRun, Milestone, RunAllowance, RunQuestion, Stage
from gerdy.protocol import load_protocol
from gerdy.questions import (
    Answers,
    Question,
    checkin_answers,
    checkin_questions,
    run_answers,
    run_questions,
    unanswered_text,
)
from gerdy.services.passwords import PASSWORD_MAX

CHECKIN_QUESTIONS = checkin_questions(load_protocol())
RUN_QUESTIONS = run_questions(load_protocol())


NONE_OF_THESE_API = "none_of_these"


def asked(*questions: Question, omitted: str | None = None) -> Any:
    """A model's schema with each field described by the question it answers, in the words
    the check-in and Runs pages and `gerdy checkin` / `gerdy log run` ask it (`gerdy.questions`);
    `omitted` says what a field left out means."""

    def describe(schema: dict[str, Any]) -> None:
        properties = schema.get("properties", {})
        for question in questions:
            if question.name in properties:
                words = question.words
                if omitted is not None:
                    words += f" {omitted}"
                properties[question.name]["description"] = words

    return describe


def open_questions(answers: Answers) -> None:
    """Refuse a request that leaves questions open (v1.2: answered, never assumed), naming
    each in its own words with its field, as the forms and the CLI refuse it (422)."""
    if answers.open:
        raise ValueError(unanswered_text(answers.open, lambda q: f"{q.text} ({q.name})"))


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _checkin_words(schema: dict[str, Any]) -> None:
    """The check-in's schema: each question in its words, and that none may be left out."""
    asked(*CHECKIN_QUESTIONS.pain, omitted="Required.")(schema)
    asked(
        *CHECKIN_QUESTIONS.symptoms,
        omitted=f"Required (yes or no), unless `{NONE_OF_THESE_API}` answers it no.",
    )(schema)


class CheckinIn(_In):
    """A check-in: every question of the check-in, as the Check-in page and `gerdy checkin`
    ask them, must be answered (none has a default: a question left out is refused, 422,
    naming it). `none_of_these: true` answers no to each symptom not answered yes, as the
    page's "None of these" does. `date` defaults to today in the runner's time zone."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_checkin_words)

    pain_daily: Pain | None = None
    pain_rest: Pain | None = None
    swelling: bool | None = None
    instability: bool | None = None
    numbness: bool | None = None
    locking: bool | None = None
    cannot_bear_weight: bool | None = None
    front_of_knee: bool | None = None
    tender_swelling: bool | None = None
    worse_knee_pushed_outward: bool | None = None
    none_of_these: bool = Field(
        default=False,
        description=f"{CHECKIN_QUESTIONS.none_of_these}: answers no to each symptom question "
        "not answered yes (a yes is kept). Without it, every symptom must be answered.",
    )
    date: dt.date | None = None
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _every_question_answered(self) -> CheckinIn:
        open_questions(self.answers())
        return self

    def answers(self) -> Answers:
        given = {q.name: getattr(self, q.name) for q in CHECKIN_QUESTIONS.all}
        return checkin_answers(CHECKIN_QUESTIONS, given, self.none_of_these)

    def event(self) -> dict[str, Any]:
        """The `checkin` event the answers make."""
        data = {"type": "checkin", **self.answers().values, "date": self.date, "note": self.note}
        return {key: value for key, value in data.items() if value is not None}


class RunIn(RunReport):
    """A run logged by hand, with the run's questions as the Runs page and `gerdy log run`
    ask them. Its pain questions are answered together or left out together: left out, the
    run is stored unrated (never pain 0) and waits for its answers
    (`POST /api/runs/{id}/answers`); pain during above 0 asks whether it got worse, and a
    request that leaves it open is refused (422) naming it. The 2-hour question may be left
    for later. Distances are kilometres (the API is metric)."""

    model_config = ConfigDict(json_schema_extra=asked(*RUN_QUESTIONS.all))

    pain_worsened: bool | None = None  # type: ignore[assignment]
    date: dt.date | None = None
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _pain_answered_together(self) -> RunIn:
        if self.pain_during is None and self.pain_worsened is None:
            return self  # unrated: its questions wait for their answers
        given = self.model_dump(include={q.name for q in RUN_QUESTIONS.all})
        open_questions(run_answers(RUN_QUESTIONS, given, later=True))
        return self

    def event(self) -> dict[str, Any]:
        """The `run` event: no pain answer, no `pain_worsened` (it is asked with pain)."""
        data = self.model_dump(exclude_none=True) | {"type": "run"}
        if self.pain_during == 0:
            data["pain_worsened"] = False
        return data


class RunAnswersIn(_In):
    """A run's answers given after it was logged (v1.2): pain during, whether it worsened,
    pain 2 h after (hours it lasted, 0 if none), or `confirmed` for an imported run outside
    the plausible bounds. Only what is given changes; pain during above 0 asks whether the
    pain got worse (refused, 422, without it), pain 0 answers it no."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=asked(*RUN_QUESTIONS.answers))

    pain_during: int | None = Field(default=None, ge=0, le=10)
    pain_worsened: bool | None = None
    pain_after_hours: float | None = Field(default=None, ge=0, le=240)
    confirmed: bool | None = None

    @model_validator(mode="after")
    def _worse_asked_with_pain(self) -> RunAnswersIn:
        if self.pain_during is not None and self.pain_worsened is None:
            if self.pain_during == 0:
                self.pain_worsened = False
            else:
                open_questions(
                    run_answers(RUN_QUESTIONS, {"minutes": 1, "pain_during": self.pain_during})
                )
        return self


class Logged(BaseModel):
    """What a log changed: the stored event and that day's stage, gate and alerts (v1.2: an
    overrun's alert belongs to the day of the run), the next milestone (RTR-8), the runs
    waiting for answers and the day's hand-typed and imported runs taken as one."""

    event: dict[str, Any]
    stage: Stage
    gate: Gate
    alerts: list[Alert]
    next_milestone: Milestone | None = None
    runs_awaiting_answers: list[RunQuestion] = []
    linked_runs: list[LinkedRun] = []


class Me(BaseModel):
    email: str
    has_profile: bool
    today: dt.date | None
    units: Literal["metric", "imperial"] | None


class LadderRung(BaseModel):
    stage: str
    rule: str
    title: str
    why: str
    minutes_min: int
    minutes_max: int
    alternate_days: bool
    current: bool


class RunsOut(BaseModel):
    stage: Stage
    allowance: RunAllowance
    gate: Gate
    ladder: list[LadderRung]
    cadence_target_spm: int | None
    runs: list[dict[str, Any]]


class Imported(BaseModel):
    """What an import kept: its events, and how many named a clinician without a signature
    this server could verify (kept as the runner's own, the name shown as "reported")."""

    events: int
    reported: int = 0


class Education(BaseModel):
    id: str
    title: str
    text: str


class DeleteAccount(_In):
    """The account's password, asked again before everything is deleted."""

    password: str = Field(min_length=1, max_length=PASSWORD_MAX)


class ClearanceIn(_In):
    """A clearance the runner records (v1.2): the red flags a health professional cleared,
    that professional's name and role (both required), the day (default: today) and a note."""

    model_config = ConfigDict(extra="forbid")

    rules: list[RedFlagId] = Field(min_length=1, max_length=20)
    cleared_by: str = Field(min_length=1, max_length=200)
    cleared_by_role: str = Field(min_length=1, max_length=120)
    date: dt.date | None = None
    note: str | None = Field(default=None, max_length=2000)


class NewPassword(_In):
    """A new password: the current one (checked like a sign-in), and the new one (the sign-up
    rules apply: length, not common, not guessable from the e-mail address)."""

    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX)
    new_password: str = Field(min_length=1, max_length=PASSWORD_MAX)


class NewEmail(_In):
    """A new e-mail address for signing in, confirmed with the password."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=PASSWORD_MAX)


class AccountOut(BaseModel):
    """The account after a change; after a new password, the session is a new one: send its
    `csrf_token` from now on."""

    email: str
    csrf_token: str
