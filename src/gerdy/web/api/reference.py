"""API routes for what the pages draw: progress series, guided-session steps, the exercise
library and the education texts."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request

from gerdy.protocol.schema import Exercise
from gerdy.reports.progress import (
    AdherencePoint,
    GatePoint,
    PainPoint,
    ProgressReport,
    WeekPoint,
)
from gerdy.web.api.models import Education
from gerdy.web.pages.library import LEARN_RULES, find_exercise
from gerdy.web.pages.progress import prepared_series
from gerdy.web.pages.session import SessionKind, Step, session_steps
from gerdy.web.sessions import CurrentViewer

router = APIRouter(prefix="/api", tags=["reference"])
ERRORS: dict[int | str, dict[str, object]] = {
    401: {"description": "not signed in"},
    404: {"description": "unknown"},
    409: {"description": "no profile yet"},
}


@router.get("/progress", response_model=ProgressReport, responses=ERRORS)
def progress(request: Request, current: CurrentViewer) -> ProgressReport:
    return prepared_series(request, current)


@router.get("/progress/pain", response_model=list[PainPoint], responses=ERRORS)
def progress_pain(request: Request, current: CurrentViewer) -> list[PainPoint]:
    return prepared_series(request, current).pain


@router.get("/progress/weekly-minutes", response_model=list[WeekPoint], responses=ERRORS)
def progress_weekly_minutes(request: Request, current: CurrentViewer) -> list[WeekPoint]:
    return prepared_series(request, current).weekly_minutes


@router.get("/progress/adherence", response_model=list[AdherencePoint], responses=ERRORS)
def progress_adherence(request: Request, current: CurrentViewer) -> list[AdherencePoint]:
    return prepared_series(request, current).adherence


@router.get("/progress/gate", response_model=list[GatePoint], responses=ERRORS)
def progress_gate(request: Request, current: CurrentViewer) -> list[GatePoint]:
    return prepared_series(request, current).gate


@router.get("/session/{kind}", response_model=list[Step], responses=ERRORS)
def session(current: CurrentViewer, kind: SessionKind) -> list[Step]:
    """Today's steps of a guided session, with the player's timings."""
    return session_steps(current, kind)


@router.get("/exercises", response_model=list[Exercise], responses=ERRORS)
def exercises(
    current: CurrentViewer, kind: Literal["roll", "stretch", "strength"] | None = None
) -> list[Exercise]:
    protocol = current.coach.protocol
    return list(protocol.exercises_of(kind) if kind else protocol.exercises)


@router.get("/exercises/{exercise_id}", response_model=Exercise, responses=ERRORS)
def exercise(current: CurrentViewer, exercise_id: str) -> Exercise:
    return find_exercise(current.coach.protocol, exercise_id)


@router.get("/education", response_model=list[Education], responses=ERRORS)
def education(current: CurrentViewer) -> list[Education]:
    protocol = current.coach.protocol
    items = [Education(id=e.id, title=e.title, text=e.text) for e in protocol.education]
    for rule_id in LEARN_RULES:
        rule = protocol.rules[rule_id]
        items.append(Education(id=rule_id, title=rule.title, text=rule.detail or rule.why))
    return items
