"""The guided session page (`/session/roll|stretch|strength`): today's exercises of that kind
as steps whose durations, holds, lowering tempo and rests are `data-` attributes for the
JavaScript player. Without JavaScript it is a list with one form that logs the session,
asking effort and pain per exercise."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from gerdy.domain.errors import InvalidInput
from gerdy.engine.plan import Task
from gerdy.formatting import in_units
from gerdy.protocol.schema import Protocol
from gerdy.web.forms import SubmittedForm
from gerdy.web.pages.common import log_event, saved_url, see_other
from gerdy.web.pages.library import figure
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.templating import render
from gerdy.web.today_view import REST_BETWEEN_SETS_S, SWITCH_SIDES_S, Dose, dose_seconds, minutes_of

router = APIRouter(include_in_schema=False)
SessionKind = Literal["roll", "stretch", "strength"]


class Step(BaseModel):
    """One exercise of a guided session, as the player needs it."""

    exercise: str
    name: str
    rule: str
    why: str
    sets: int
    reps: int | None = None
    steps: int | None = None
    seconds: int | None = None
    seconds_max: int | None = None
    per_side: bool = False
    per_direction: bool = False
    hold_s: int | None = None
    lower_s_min: int | None = None
    lower_s_max: int | None = None
    rest_s: int = REST_BETWEEN_SETS_S
    switch_sides_s: int | None = None
    level: str | None = None
    done: bool = False
    cues: tuple[str, ...] = ()  # the exercise's form cues, shown with its figure on every step


def step_of(task: Task, protocol: Protocol, units: str = "metric") -> Step:
    assert task.exercise is not None
    exercise = protocol.exercise(task.exercise)
    tempo = exercise.tempo
    sides = task.per_side
    return Step(
        exercise=task.exercise,
        name=exercise.name,
        rule=task.rule,
        why=task.why,
        sets=task.sets or 1,
        reps=task.reps,
        steps=task.steps,
        seconds=task.seconds,
        seconds_max=task.seconds_max,
        per_side=sides,
        per_direction=task.per_direction,
        hold_s=tempo.hold_top_s if tempo else None,
        lower_s_min=tempo.lower_s.min if tempo and tempo.lower_s else None,
        lower_s_max=tempo.lower_s.max if tempo and tempo.lower_s else None,
        switch_sides_s=SWITCH_SIDES_S if sides else None,
        level=task.level,
        done=task.done,
        cues=tuple(in_units(cue, units) for cue in exercise.cues),
    )


def session_steps(current: Viewer, kind: SessionKind) -> list[Step]:
    plan = current.coach.plan(current.today())
    protocol = current.coach.protocol
    units = current.units
    seen: set[str] = set()
    steps = []
    for task in plan.tasks:
        if task.kind == kind and task.exercise and task.exercise not in seen:
            seen.add(task.exercise)
            steps.append(step_of(task, protocol, units))
    return steps


def step_seconds(step: Step) -> int:
    """A rough length of one step: `today_view.dose_seconds`, the one estimate."""
    return dose_seconds(
        Dose(
            sets=step.sets, reps=step.reps, steps=step.steps, seconds=step.seconds,
            seconds_max=step.seconds_max, per_side=step.per_side,
            per_direction=step.per_direction, hold_s=step.hold_s, lower_s_max=step.lower_s_max,
        )
    )  # fmt: skip


def side_order(side: str) -> tuple[str, str]:
    """Per-side work starts with the sore leg (the weaker one); "both" starts on the left."""
    return ("right", "left") if side == "right" else ("left", "right")


@router.get("/session/{kind}")
def session_page(request: Request, kind: SessionKind, current: CurrentViewer) -> Response:
    steps = session_steps(current, kind)
    side = current.profile().side
    return render(
        request,
        "session.html",
        {
            "title": f"Guided {kind} session",
            "kind": kind,
            "steps": steps,
            "units": current.units,
            "minutes": minutes_of(sum(step_seconds(s) for s in steps)),
            "sides": side_order(side),
            "first_side": side if side in ("left", "right") else None,
            "figures": {s.exercise: figure(s.exercise) for s in steps},
            "date": current.today().isoformat(),
        },
    )


def whole(text: Any) -> Any:
    """A form's whole number as an int; anything else as given, for the model to refuse."""
    return int(text) if isinstance(text, str) and text.isdigit() else text


def strength_logs(form: Any, steps: list[Step]) -> list[dict[str, Any]]:
    """The exercises ticked as done, as the event's logs. A done exercise's pain is answered,
    never assumed: one left at "choose" refuses the whole session, naming it."""
    logs = []
    unanswered = []
    for step in steps:
        prefix = f"ex-{step.exercise}"
        if form.get(f"{prefix}-done") != "yes":
            continue
        sides = [form.get(f"{prefix}-pain-{side}") for side in ("left", "right")]
        if form.get(f"{prefix}-pain") in (None, "") and any(p in (None, "") for p in sides):
            unanswered.append(step.name)  # neither one pain nor each side's
        sets = [form.get(f"{prefix}-set-{n}") for n in range(1, step.sets + 1)]
        log: dict[str, Any] = {
            "id": step.exercise,
            "sets": [s for s in sets if s not in (None, "")],
            "pain": form.get(f"{prefix}-pain"),
            "effort": form.get(f"{prefix}-effort") or "right",
            "knee_caved_in": form.get(f"{prefix}-caved") == "yes",
        }
        left, right = form.get(f"{prefix}-pain-left"), form.get(f"{prefix}-pain-right")
        if left not in (None, "") and right not in (None, ""):
            log["pain_by_side"] = {"left": whole(left), "right": whole(right)}
            log["pain"] = None  # the contract makes it the larger side
        logs.append(log)
    if unanswered:
        raise InvalidInput(
            f"Choose the pain you felt (0 to 10) in: {', '.join(unanswered)}. Nothing was saved."
        )
    return logs


@router.post("/session/{kind}")
def log_session(kind: SessionKind, current: CurrentViewer, form: SubmittedForm) -> Response:
    steps = session_steps(current, kind)
    if kind == "strength":
        logs = strength_logs(form, steps)
        if not logs:
            raise InvalidInput("tick at least one exercise you did")
        data: dict[str, Any] = {"type": "strength", "exercises": logs}
    else:
        items = [str(item) for item in form.getlist("items")]
        if not items:
            raise InvalidInput("tick at least one exercise you did")
        data = {"type": kind, "items": items}
    stored, _plan = log_event(current, {**data, "date": current.today()})
    return see_other(saved_url("/today", kind, stored))
