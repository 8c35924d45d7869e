"""Today: alerts first (red flags, then back-off signs, with a way to record a clearance),
the check-in if today has none, a summary of the day's sessions with their length and a Start
for each, then the tasks grouped by session (one "done as prescribed" per session, a tick for
each task), the run allowance, the gate and cadence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request, Response
from pydantic import ValidationError

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event
from gerdy.engine.plan import DayPlan
from gerdy.formatting import WORD_DAYS, word_lines
from gerdy.services import ClinicianWord
from gerdy.services.record_cache import Slot
from gerdy.web.pages.common import (
    MAX_ENTRY_ID,
    day_from,
    feedback_context,
    is_htmx,
    log_event,
    refusal,
    saved_url,
    see_other,
)
from gerdy.web.sessions import CurrentViewer, Viewer, viewer
from gerdy.web.templating import cached_page, render
from gerdy.web.today_view import sessions_of, total_minutes
from gerdy.web.views import TICKABLE

router = APIRouter(include_in_schema=False)


def today_context(
    current: Viewer, plan: DayPlan, word: list[ClinicianWord] | None = None
) -> dict[str, Any]:
    """What Today shows; `word` (the notes, clearances and settings changes of the last two
    weeks) is read here unless given."""
    protocol = current.coach.protocol
    alerts = plan.alerts  # the engine orders them: red flags, back-off, information
    sessions = sessions_of(plan, protocol)
    return {
        "title": "Today",
        "plan": plan,
        "sessions": sessions,
        "total_minutes": total_minutes(sessions),
        "checked_in": plan.checked_in,
        "tasks": plan.tasks,  # in the order to do them (engine.tasks)
        "alerts": alerts,
        "units": current.units,
        "tickable": TICKABLE,
        "rules": protocol.rules,
        "word": word_lines(recent_word(current, plan.date) if word is None else word, protocol),
        "runs_to_rate": current.coach.runs_to_rate(plan.date),
    }


def recent_word(current: Viewer, today: dt.date) -> list[ClinicianWord]:
    """The notes, clearances and settings changes of the last two weeks, newest first."""
    return current.coach.clinician_word(today - dt.timedelta(days=WORD_DAYS - 1), today)


# The page drawn for one version of the record, one day and one session's CSRF token (one
# per record in the record cache): Today is the most visited page, and drawing it costs more
# than everything else the request does.
TODAY_PAGE = Slot[bytes]("today page", len)


@router.get("/today")
def today_page(request: Request) -> Response:
    # The viewer is resolved here, not as a dependency: a sync dependency is one more hop to
    # the threadpool, and this is the most visited page. Same lookup, same NotSignedIn.
    current = viewer(request)
    query = request.query_params
    saved, entry, open_log = query.get("saved"), query.get("entry"), query.get("log")
    plain = saved is None and entry is None and open_log is None
    # What Today asks of the runs changes with the clock too (the 2-hour question comes 2 h
    # after the run): the page drawn is kept for what it asks.
    asked = tuple((r.question.event_id, r.asks) for r in current.coach.runs_to_rate())
    page = (current.today(), current.csrf_token, asked)
    if plain and (body := current.coach.recall(TODAY_PAGE, page)) is not None:
        return cached_page(request, body)
    plan, word = current.today_plan_and_word(WORD_DAYS)
    context = today_context(current, plan, word()) | {"saved": saved, "open_log": open_log}
    context |= feedback_context(current, entry)
    response = render(request, "today.html", context)
    if plain:
        current.coach.keep(TODAY_PAGE, page, bytes(response.body))
    return response


def tick_event(
    kind: str,
    exercise: str | None,
    *,
    sets: int | None,
    count: int | None,
    pain: int | None,
    effort: str,
    minutes: float | None,
    activity: str | None,
) -> dict[str, Any]:
    """The event a tick logs: the exercise as prescribed (strength: sets x count, with the
    pain chosen: never assumed), a run or cross-training of the minutes given."""
    if kind == "roll":
        return {"type": "roll", "items": [exercise]}
    if kind == "stretch":
        return {"type": "stretch", "items": [exercise]}
    if kind == "strength":
        if not sets or count is None:
            raise InvalidInput("a strength tick needs its sets and reps")
        if pain is None:
            raise InvalidInput(PAIN_NOT_CHOSEN)
        return {
            "type": "strength",
            "exercises": [{"id": exercise, "sets": [count] * sets, "pain": pain, "effort": effort}],
        }
    if kind == "run":  # one tap: unrated until its questions are answered (v1.2)
        return {"type": "run", "minutes": minutes}
    if kind == "cross":
        return {"type": "cross", "activity": activity or "cross-training", "minutes": minutes}
    raise InvalidInput(f"{kind!r} tasks are not logged with a tick")


# A strength log's pain is chosen, never assumed (v1.2): the select starts at "choose".
PAIN_NOT_CHOSEN = "Choose the pain you felt during the exercise (0 if none)"


def refused_tick(
    request: Request, current: Viewer, message: str, given: dict[str, Any]
) -> Response:
    """Today again with the refusal at the top and the form's answers kept (its task open):
    in place for htmx, the whole page otherwise; nothing saved."""
    context = today_context(current, current.today_plan())
    context |= {"tick_error": message, "tick_given": given}
    if is_htmx(request):
        return render(request, "_today_main.html", context, 400)
    return render(request, "today.html", context | feedback_context(current, None), 400)


@router.post("/today/done")
def tick(
    request: Request,
    current: CurrentViewer,
    kind: Annotated[Literal["roll", "stretch", "strength", "run", "cross"], Form()],
    exercise: Annotated[str | None, Form(max_length=64)] = None,
    sets: Annotated[int | None, Form(ge=1, le=10)] = None,
    count: Annotated[int | None, Form()] = None,
    pain: Annotated[int | None, Form()] = None,
    effort: Annotated[Literal["easy", "right", "hard"], Form()] = "right",
    minutes: Annotated[float | None, Form()] = None,
    activity: Annotated[str | None, Form(max_length=40)] = None,
) -> Response:
    try:
        data = tick_event(
            kind, exercise, sets=sets, count=count, pain=pain, effort=effort, minutes=minutes,
            activity=activity,
        )  # fmt: skip
        stored, plan = log_event(current, {**data, "date": current.today()})
    except (InvalidInput, ValidationError) as refused:
        if kind == "strength" and pain is None:  # the answer asked for, the others kept
            given = {"form": exercise, "effort": effort}
            return refused_tick(request, current, PAIN_NOT_CHOSEN, given)
        if not is_htmx(request):
            raise
        # redrawn in place with the refusal at the top (htmx swaps it: app.js), nothing saved
        context = today_context(current, current.today_plan()) | {"tick_error": refusal(refused)}
        return render(request, "_today_main.html", context, 400)
    if kind == "run":  # its questions at once: the run counts as pain-free only when answered
        rate = f"/runs/{stored.id}/rate"
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": rate})
        return see_other(rate)
    if is_htmx(request):
        return render(request, "_today_main.html", saved_context(current, plan, stored))
    return see_other(saved_url("/today", kind, stored))


@router.post("/today/session-done")
def session_done(
    request: Request,
    current: CurrentViewer,
    kind: Annotated[Literal["roll", "stretch", "strength"], Form()],
    pain: Annotated[int | None, Form(ge=0, le=10)] = None,
) -> Response:
    """One tick for a whole session, done as prescribed (strength: with the pain felt, which
    is chosen, never assumed: refused without it, the session's form kept open)."""
    if kind == "strength" and pain is None:
        return refused_tick(request, current, PAIN_NOT_CHOSEN, {"form": "session-strength"})
    felt = 0 if pain is None else pain  # only strength asks it: rolling and stretching ignore it
    event = current.coach.as_prescribed(kind, current.today(), pain=felt)
    stored, plan = log_event(current, event)
    if is_htmx(request):
        return render(request, "_today_main.html", saved_context(current, plan, stored))
    return see_other(saved_url("/today", kind, stored))


def saved_context(current: Viewer, plan: DayPlan, stored: Event) -> dict[str, Any]:
    """Today redrawn in place after a tick: the page and the feedback on what was saved."""
    return today_context(current, plan) | feedback_context(current, stored.id)


@router.post("/today/undo")
def undo(
    request: Request,
    current: CurrentViewer,
    entry: Annotated[str, Form(min_length=1, max_length=MAX_ENTRY_ID)],
) -> Response:
    """Undo what was just saved: a retraction of it (the record keeps both), then Today."""
    current.coach.retract_counted(entry, note="undone right after it was saved")
    if is_htmx(request):
        plan = current.today_plan()
        return render(request, "_today_main.html", today_context(current, plan) | {"undone": True})
    return see_other("/today?saved=undo#undone")


@router.post("/today/clearance")
def record_clearance(
    current: CurrentViewer,
    rules: Annotated[list[str], Form(min_length=1, max_length=20)],
    cleared_by: Annotated[str, Form(min_length=1, max_length=200)],
    cleared_by_role: Annotated[str, Form(min_length=1, max_length=120)],
    date: Annotated[str | None, Form(max_length=20)] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """RED-n: a professional has cleared these flags (who, when, a note); the plan resumes."""
    event = {
        "type": "clearance",
        "date": day_from(current, date),
        "rules": rules,
        "cleared_by": cleared_by.strip() or None,
        "cleared_by_role": cleared_by_role.strip() or None,
        "note": (note or "").strip() or None,
    }
    log_event(current, event)
    return see_other("/today?saved=clearance")
