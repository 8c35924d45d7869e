"""Check-in: the check-in's questions (`gerdy.questions`, as `gerdy checkin` asks them): pain in
daily life and at rest on a 0-10 scale that starts unset, and each symptom yes or no ("none of
these" answers the rest no), saved as one `checkin` event; Today then shows whatever it
changed (red flags first). A form with a question left open, or a value the record refuses,
is shown again with the refusal and every answer kept; nothing is saved."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Checkin
from gerdy.questions import NONE_OF_THESE_FIELD, checkin_answers, unanswered_text
from gerdy.web.forms import SubmittedForm
from gerdy.web.pages.common import day_from, log_event, refusal, saved_url, see_other
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.templating import render
from gerdy.web.views import CHECKIN_QUESTIONS

router = APIRouter(include_in_schema=False)


def page(
    request: Request,
    current: Viewer,
    answers: dict[str, Any] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    today = current.today()
    standing, _replaced = current.coach.checkins_of(today)
    if answers is None and standing is not None:
        answers = answers_of(standing)
    context = {
        "title": "Check-in",
        "questions": CHECKIN_QUESTIONS,
        "none_of_these_field": NONE_OF_THESE_FIELD,
        "today": today,
        "answers": answers or {},
        "error": error,
        "open": set((answers or {}).get("open", ())),
        "standing": standing,
        "standing_at": (
            current.coach.runners_time(standing.recorded_at)
            if standing is not None and standing.recorded_at is not None
            else None
        ),
    }
    return render(request, "checkin.html", context, status)


def answers_of(checkin: Checkin) -> dict[str, Any]:
    """A saved check-in's answers as the form shows them again."""
    shown: dict[str, Any] = {"note": checkin.note or ""}
    for question in CHECKIN_QUESTIONS.all:
        value = getattr(checkin, question.name)
        shown[question.name] = ("yes" if value else "no") if isinstance(value, bool) else str(value)
    return shown


@router.get("/checkin")
def checkin_page(request: Request, current: CurrentViewer) -> Response:
    return page(request, current)


def given_answers(form: FormData) -> dict[str, Any]:
    """The form's answers as given, to show them again."""
    names = [q.name for q in CHECKIN_QUESTIONS.all] + [NONE_OF_THESE_FIELD, "date", "note"]
    return {name: str(form.get(name) or "").strip() for name in names}


@router.post("/checkin")
def checkin(request: Request, current: CurrentViewer, form: SubmittedForm) -> Response:
    given = given_answers(form)
    answers = checkin_answers(CHECKIN_QUESTIONS, given, given[NONE_OF_THESE_FIELD] == "yes")
    if answers.open:
        shown = given | {"open": [q.name for q in answers.open]}
        return page(request, current, shown, unanswered_text(answers.open), 400)
    data: dict[str, object] = {
        "type": "checkin",
        **answers.values,
        "note": given["note"] or None,
    }
    try:
        data["date"] = day_from(current, given["date"])
        stored, _plan = log_event(current, data)
    except (InvalidInput, ValidationError) as refused:
        return page(request, current, given, refusal(refused), 400)
    return see_other(saved_url("/today", "checkin", stored))
