"""Progress: tables of daily pain, weekly running minutes against the cap, adherence and the
gate's streak, with chart hooks (`data-chart`, `data-src`) the JavaScript draws from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from gerdy.web.progress import progress_series
from gerdy.web.sessions import Viewer, viewer
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
CurrentViewer = Annotated[Viewer, Depends(viewer)]
TABLE_DAYS = 28  # the no-JS tables show the last four weeks of daily values


@router.get("/progress")
def progress_page(request: Request, current: CurrentViewer) -> Response:
    series = progress_series(current.coach, current.today())
    return render(
        request,
        "progress.html",
        {
            "title": "Progress",
            "series": series,
            "recent_pain": list(reversed(series.pain[-TABLE_DAYS:])),
            "recent_gate": series.gate[-1] if series.gate else None,
            "recent_adherence": series.adherence[-1] if series.adherence else None,
        },
    )
