"""Intake: a new runner's first page, the `gerdy init` questions (side, usual running, the
P1-2 track questions and the RED-9 red-flag screen in the protocol's own words). After saving,
the welcome page shows any intake red flag first (RED-9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request, Response

from gerdy.domain.errors import InvalidInput
from gerdy.domain.profile import Profile
from gerdy.intake import (
    CADENCE_QUESTION,
    SIDE_QUESTION,
    SIDES,
    START_DATE_QUESTION,
    WEEKDAYS,
    WEEKLY_MINUTES_QUESTION,
    IntakeAnswers,
    IntakeQuestions,
    answers_shown,
    intake_questions,
    profile_data,
    record_answer,
)
from gerdy.services import today_for
from gerdy.web.forms import SubmittedForm
from gerdy.web.pages.common import see_other
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)


def question_context(current: Viewer) -> dict[str, Any]:
    """The intake's questions (`gerdy.intake`, the same `gerdy init` asks), for the page."""
    protocol = current.coach.protocol
    return {
        "questions": intake_questions(protocol),
        "side_question": SIDE_QUESTION,
        "weekly_minutes_question": WEEKLY_MINUTES_QUESTION,
        "start_date_question": START_DATE_QUESTION,
        "cadence_question": CADENCE_QUESTION,
        "sides": SIDES,
        "weekdays": WEEKDAYS,
        "red_9": protocol.red_flag("RED-9"),
    }


@router.get("/intake")
def intake_page(request: Request, current: CurrentViewer) -> Response:
    """A new runner's questions, every one unanswered; with `?again`, the same questions with
    the runner's saved answers filled in, to correct or update them."""
    editing = current.has_profile()
    if editing and request.query_params.get("again") is None:
        return see_other("/today")
    profile = current.profile() if editing else None
    questions = question_context(current)
    days: tuple[str, ...] = ()
    if profile is not None:
        # a physio's days (or the runner's own change) in force are the ones to edit
        in_force = current.coach.settings_in_force()["strength_days"]
        value = in_force.value
        days = value if in_force.changed and isinstance(value, tuple) else ()
        days = days or profile.strength_days or ()
    context = {
        "checked_days": days,
        "title": "Your answers" if editing else "Getting started",
        "today": today_for(None, current.now),
        "editing": editing,
        "profile": profile,
        "answers": (
            answers_shown(profile.intake.model_dump(), questions["questions"]) if profile else None
        ),
    }
    return render(request, "intake.html", context | questions)


def yes(form: Any, name: str) -> bool:
    """A yes/no answer, which must be given: a question left unanswered is refused."""
    value = form.get(name)
    if value not in ("yes", "no"):
        raise InvalidInput("please answer every question (yes or no); nothing was saved")
    return bool(value == "yes")


def answers_from(form: Any, today: dt.date, questions: IntakeQuestions) -> IntakeAnswers:
    def number(name: str) -> float | None:
        text = str(form.get(name) or "").strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError as exc:
            raise InvalidInput(f"{name.replace('_', ' ')}: {text!r} is not a number") from exc

    start_text = str(form.get("start_date") or "").strip()
    try:
        start = dt.date.fromisoformat(start_text) if start_text else today
    except ValueError as exc:
        raise InvalidInput(f"start date: {start_text!r} is not a date (YYYY-MM-DD)") from exc
    weekly = number("weekly_minutes")
    if weekly is None:
        raise InvalidInput("give your usual running minutes per week (0 if none)")
    cadence = number("cadence")
    if not form.get("side"):
        raise InvalidInput("choose which knee hurts; nothing was saved")
    intake: dict[str, bool | None] = {}
    for question in questions.all:
        for follow_up in record_answer(intake, question, yes(form, question.name)):
            record_answer(intake, follow_up, yes(form, follow_up.name))
    days = tuple(str(d) for d in form.getlist("strength_days")) or None
    return IntakeAnswers(
        start_date=start,
        side=str(form.get("side") or "") or None,
        weekly_minutes=weekly,
        cadence=None if cadence is None else int(cadence),
        strength_days=days,
        timezone=str(form.get("timezone") or "").strip() or None,
        units=str(form.get("units") or "metric"),
        intake=intake,
    )


@router.post("/intake")
def save_intake(current: CurrentViewer, form: SubmittedForm) -> Response:
    answers = answers_from(
        form, today_for(None, current.now), intake_questions(current.coach.protocol)
    )
    assert answers.start_date is not None
    data = profile_data(answers, answers.start_date)
    track = str(form.get("track") or "")
    if track:
        data["track"] = track
    editing = current.has_profile()
    if editing:
        # What the questions do not ask (protocol settings) is kept as it was.
        kept = current.profile().model_dump(mode="json", include={"settings"})
        data = kept | data
    if editing:
        current.coach.edit_profile(Profile.model_validate(data))
    else:
        current.coach.start(Profile.model_validate(data))
    return see_other("/settings?saved=intake" if editing else "/welcome")


@router.get("/welcome")
def welcome_page(request: Request, current: CurrentViewer) -> Response:
    profile = current.profile()
    protocol = current.coach.protocol
    plan = current.coach.plan(max(profile.start_date, current.today()))
    flags = [a for a in plan.alerts if a.level == "red_flag" and a.since == profile.start_date]
    return render(
        request,
        "welcome.html",
        {
            "title": "Welcome",
            "profile": profile,
            "plan": plan,
            "flags": [(a, protocol.red_flag(a.rule)) for a in flags],
            "red_9": protocol.red_flag("RED-9"),
            "rules": protocol.rules,
        },
    )
