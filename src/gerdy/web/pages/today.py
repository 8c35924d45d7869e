"""Today: alerts first (red flags, then back-off signs), the day's tasks in order with their
dose and "why?", a tick to log each one, then the run allowance, the gate and cadence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Request, Response

from gerdy.domain.errors import InvalidInput
from gerdy.engine.plan import DayPlan
from gerdy.web.pages.common import day_from, is_htmx, log_event, see_other
from gerdy.web.sessions import Viewer, viewer
from gerdy.web.templating import render
from gerdy.web.views import TICKABLE

router = APIRouter(include_in_schema=False)
CurrentViewer = Annotated[Viewer, Depends(viewer)]


def today_context(current: Viewer, plan: DayPlan) -> dict[str, Any]:
    protocol = current.coach.protocol
    alerts = plan.alerts  # the engine orders them: red flags, back-off, information
    return {
        "title": "Today",
        "plan": plan,
        "tasks": plan.tasks,  # in the order to do them (engine.tasks)
        "alerts": alerts,
        "units": current.units,
        "tickable": TICKABLE,
        "rules": protocol.rules,
    }


@router.get("/today")
def today_page(request: Request) -> Response:
    # The viewer is resolved here, not as a dependency: a sync dependency is one more hop to
    # the threadpool, and this is the most visited page. Same lookup, same NotSignedIn.
    current = viewer(request)
    plan = current.today_plan()
    context = today_context(current, plan) | {"saved": request.query_params.get("saved")}
    return render(request, "today.html", context)


def tick_event(
    kind: str,
    exercise: str | None,
    *,
    sets: int | None,
    count: int | None,
    pain: int,
    effort: str,
    minutes: float | None,
    activity: str | None,
) -> dict[str, Any]:
    """The event a tick logs: the exercise as prescribed (strength: sets x count), a run or
    cross-training of the minutes given."""
    if kind == "roll":
        return {"type": "roll", "items": [exercise]}
    if kind == "stretch":
        return {"type": "stretch", "items": [exercise]}
    if kind == "strength":
        if not sets or count is None:
            raise InvalidInput("a strength tick needs its sets and reps")
        return {
            "type": "strength",
            "exercises": [{"id": exercise, "sets": [count] * sets, "pain": pain, "effort": effort}],
        }
    if kind == "run":
        return {"type": "run", "minutes": minutes, "pain_during": pain}
    if kind == "cross":
        return {"type": "cross", "activity": activity or "cross-training", "minutes": minutes}
    raise InvalidInput(f"{kind!r} tasks are not logged with a tick")


@router.post("/today/done")
def tick(
    request: Request,
    current: CurrentViewer,
    kind: Annotated[Literal["roll", "stretch", "strength", "run", "cross"], Form()],
    exercise: Annotated[str | None, Form(max_length=64)] = None,
    sets: Annotated[int | None, Form(ge=1, le=10)] = None,
    count: Annotated[int | None, Form(ge=0, le=200)] = None,
    pain: Annotated[int, Form(ge=0, le=10)] = 0,
    effort: Annotated[Literal["easy", "right", "hard"], Form()] = "right",
    minutes: Annotated[float | None, Form(gt=0, le=1440)] = None,
    activity: Annotated[str | None, Form(max_length=40)] = None,
) -> Response:
    data = tick_event(
        kind, exercise, sets=sets, count=count, pain=pain, effort=effort, minutes=minutes,
        activity=activity,
    )  # fmt: skip
    _stored, plan = log_event(current, {**data, "date": current.today()})
    if is_htmx(request):
        return render(request, "_today_main.html", today_context(current, plan))
    return see_other(f"/today?saved={kind}")


@router.post("/today/clearance")
def record_clearance(
    current: CurrentViewer,
    rules: Annotated[list[str], Form(min_length=1, max_length=20)],
    cleared_by: Annotated[str, Form(min_length=1, max_length=200)],
    date: Annotated[str | None, Form(max_length=20)] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """RED-n: a professional has cleared these flags (who, when, a note); the plan resumes."""
    event = {
        "type": "clearance",
        "date": day_from(current, date),
        "rules": rules,
        "cleared_by": cleared_by.strip() or None,
        "note": (note or "").strip() or None,
    }
    log_event(current, event)
    return see_other("/today?saved=clearance")
