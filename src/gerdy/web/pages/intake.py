"""Intake: a new runner's first page, the `gerdy init` questions (side, usual running, the
P1-2 track questions and the RED-9 red-flag screen in the protocol's own words). After saving,
the welcome page shows any intake red flag first (RED-9)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from gerdy.domain.errors import InvalidInput
from gerdy.domain.profile import WEEKDAYS, Profile
from gerdy.intake import (
    ALSO_SET_BY,
    RED_11_FIELDS,
    RED_FLAG_FIELDS,
    SIDES,
    IntakeAnswers,
    profile_data,
)
from gerdy.services import today_for
from gerdy.web.pages.common import see_other
from gerdy.web.sessions import Viewer, viewer
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
CurrentViewer = Annotated[Viewer, Depends(viewer)]
RED_11_QUESTIONS = {
    "atypical_location": "Is the pain somewhere other than the outside of the knee?",
    "not_activity_related": "Does it come on without running or repeated knee bending?",
}


def intake_questions(current: Viewer) -> dict[str, Any]:
    protocol = current.coach.protocol
    mile = protocol.protect.first_mile_km
    return {
        "track_questions": [
            (
                "pain_within_first_mile",
                f"Does the pain start within the first mile ({mile:g} km) of a run?",
            ),
            (
                "pain_persists_after_activity",
                "Does the pain stay after you stop (after runs or other activity)?",
            ),
        ],
        "red_flags": [
            (flag, name, protocol.red_flag(flag).intake_question or flag)
            for flag, name in RED_FLAG_FIELDS
        ],
        "red_11": (protocol.red_flag("RED-11").intake_question, RED_11_QUESTIONS),
        "sides": SIDES,
        "weekdays": WEEKDAYS,
        "red_9": protocol.red_flag("RED-9"),
    }


@router.get("/intake")
def intake_page(request: Request, current: CurrentViewer) -> Response:
    if current.has_profile() and request.query_params.get("again") is None:
        return see_other("/today")
    today = today_for(None, current.now)
    context = {"title": "Getting started", "today": today} | intake_questions(current)
    return render(request, "intake.html", context)


def yes(form: Any, name: str) -> bool | None:
    value = form.get(name)
    return None if value is None else value == "yes"


def answers_from(form: Any, today: dt.date) -> IntakeAnswers:
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
    intake: dict[str, bool | None] = {}
    for name in ("pain_within_first_mile", "pain_persists_after_activity"):
        intake[name] = yes(form, name)
    for flag, name in RED_FLAG_FIELDS:
        intake[name] = yes(form, name)
        for also in ALSO_SET_BY.get(flag, ()):
            intake[also] = bool(intake[name]) or bool(intake.get(also))
    for name in RED_11_FIELDS:
        intake[name] = yes(form, name)
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
async def save_intake(request: Request, current: CurrentViewer) -> Response:
    form = await request.form()
    answers = answers_from(form, today_for(None, current.now))
    if answers.side is None:
        raise InvalidInput("choose which knee hurts")
    assert answers.start_date is not None
    profile = Profile.model_validate(profile_data(answers, answers.start_date))
    current.coach.start(profile, replace=current.has_profile())
    return see_other("/welcome")


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
