"""Request and response models of the JSON API (they make the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from gerdy.domain.events import CheckinAnswers, RedFlagId, RunReport
from gerdy.engine.plan import Alert, Gate, LinkedRun, Milestone, RunAllowance, RunQuestion, Stage
from gerdy.protocol import load_protocol
from gerdy.questions import Question, checkin_questions, run_questions
from gerdy.services.passwords import PASSWORD_MAX

CHECKIN_QUESTIONS = checkin_questions(load_protocol())
RUN_QUESTIONS = run_questions(load_protocol())


def asked(*questions: Question, omitted: str | None = None) -> Any:
    """A model's schema with each field described by the question it answers, in the words
    the check-in and Runs pages and `gerdy checkin` / `gerdy log run` ask it (`gerdy.questions`);
    `omitted` says what a field left out means."""

    def describe(schema: dict[str, Any]) -> None:
        properties = schema.get("properties", {})
        for question in questions:
            if question.name in properties:
                words = question.words
                if omitted is not None and question.kind == "yes_no":
                    words += f" {omitted}"
                properties[question.name]["description"] = words

    return describe


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckinIn(CheckinAnswers):
    """A check-in: the check-in's questions, as the Check-in page and `gerdy checkin` ask
    them; `date` defaults to today in the runner's time zone."""

    model_config = ConfigDict(
        json_schema_extra=asked(*CHECKIN_QUESTIONS.all, omitted="Left out: no.")
    )

    date: dt.date | None = None
    note: str | None = Field(default=None, max_length=2000)


class RunIn(RunReport):
    """A run logged by hand, with the run's questions as the Runs page and `gerdy log run`
    ask them (a question left out waits for its answer: `POST /api/runs/{id}/answers`);
    distances are kilometres (the API is metric)."""

    model_config = ConfigDict(json_schema_extra=asked(*RUN_QUESTIONS.all))

    date: dt.date | None = None
    note: str | None = Field(default=None, max_length=2000)


class RunAnswersIn(_In):
    """A run's answers given after it was logged (v1.2): pain during, whether it worsened,
    pain 2 h after (hours it lasted, 0 if none), or `confirmed` for an imported run outside
    the plausible bounds. Only what is given changes."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=asked(*RUN_QUESTIONS.answers))

    pain_during: int | None = Field(default=None, ge=0, le=10)
    pain_worsened: bool | None = None
    pain_after_hours: float | None = Field(default=None, ge=0, le=240)
    confirmed: bool | None = None


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
