"""Progress: tables of daily pain, weekly running minutes against the cap, adherence and the
gate's streak, with chart hooks (`data-chart`, `data-src`) the JavaScript draws from."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from gerdy.reports.progress import progress_series
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
TABLE_DAYS = 28  # the no-JS tables show the last four weeks of daily values
SIDE_ROWS = 20  # the newest exercises logged with pain per side


@router.get("/progress")
def progress_page(request: Request, current: CurrentViewer) -> Response:
    return render(request, "progress.html", progress_context(current))


def progress_context(current: Viewer) -> dict[str, Any]:
    series = progress_series(current.coach, current.today())
    return {
        "title": "Progress",
        "series": series,
        "recent_pain": list(reversed(series.pain[-TABLE_DAYS:])),
        "recent_gate": series.gate[-1] if series.gate else None,
        "recent_adherence": series.adherence[-1] if series.adherence else None,
        "side_pain": list(reversed(series.side_pain[-SIDE_ROWS:])),
        "sore_side": current.profile().side,
    }


@router.get("/progress/report.pdf")
def report_pdf(request: Request, current: CurrentViewer) -> Response:
    """The PDF report of the record so far (the same as `gerdy report --pdf`)."""
    from gerdy.reports.gather import report_data
    from gerdy.reports.pdf import render_report

    today = current.today()
    alias = current.account.email.split("@")[0]
    data = report_data(current.coach, today, app_state(request).now(), alias)
    return Response(
        render_report(data),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="gerdy-report-{today}.pdf"'},
    )
