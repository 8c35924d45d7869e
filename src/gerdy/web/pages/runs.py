"""Runs: log a run by hand, see the return-to-run ladder (where you are, what is allowed next
and why) and the cadence target (RF-1) with hooks for the metronome."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Request, Response

from gerdy.domain.events import Run
from gerdy.engine.plan import RETURN_LADDER
from gerdy.formatting import km_from
from gerdy.web.pages.common import day_from, log_event, see_other
from gerdy.web.sessions import Viewer, viewer
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
CurrentViewer = Annotated[Viewer, Depends(viewer)]
RECENT_RUNS = 20


def recent_runs(current: Viewer) -> list[Run]:
    events = current.coach.events()
    superseded = {e.supersedes for e in events if e.supersedes}
    runs = [e for e in events if isinstance(e, Run) and e.id not in superseded]
    return sorted(runs, key=lambda run: run.date, reverse=True)[:RECENT_RUNS]


@router.get("/runs")
def runs_page(request: Request, current: CurrentViewer) -> Response:
    plan = current.coach.plan(current.today())
    protocol = current.coach.protocol
    ladder = [(week.stage, week, protocol.rules[week.rule]) for week in protocol.return_weeks]
    return render(
        request,
        "runs.html",
        {
            "title": "Runs",
            "plan": plan,
            "ladder": ladder,
            "ladder_stages": RETURN_LADDER,
            "progress_rule": protocol.rules[protocol.progress.rule],
            "runs": recent_runs(current),
            "units": current.units,
            "today": current.today(),
            "rules": protocol.rules,
            "form_cues": protocol.form_cues,
            "saved": request.query_params.get("saved"),
        },
    )


@router.post("/runs")
def log_run(
    current: CurrentViewer,
    minutes: Annotated[float, Form(gt=0, le=1440)],
    date: Annotated[str | None, Form(max_length=20)] = None,
    distance: Annotated[float | None, Form(ge=0, le=1000)] = None,
    pain_during: Annotated[int | None, Form(ge=0, le=10)] = None,
    pain_after_hours: Annotated[float | None, Form(ge=0, le=240)] = None,
    cadence_spm: Annotated[float | None, Form(ge=60, le=260)] = None,
    terrain: Annotated[Literal["flat", "hills", "track", "road"], Form()] = "road",
    note: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    imperial = current.units == "imperial"
    log_event(
        current,
        {
            "type": "run",
            "date": day_from(current, date),
            "minutes": minutes,
            "distance_km": km_from(None if imperial else distance, distance if imperial else None),
            "pain_during": pain_during,
            "pain_after_hours": pain_after_hours,
            "cadence_spm": cadence_spm,
            "terrain": terrain,
            "note": (note or "").strip() or None,
        },
    )
    return see_other("/runs?saved=run")
