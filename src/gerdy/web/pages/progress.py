"""Progress: tables of daily pain, weekly running minutes against the cap, adherence and the
gate's streak, with chart hooks (`data-chart`, `data-src`) the JavaScript draws from; and the
PDF report. Both replay the whole record, so they are heavy work: computed once per record
version in the heavy-work pool (`services/heavy_work.py`), kept in the record cache."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import APIRouter, Request, Response

from gerdy.reports.progress import PROGRESS, ProgressReport, progress_series, series_size
from gerdy.services import Coach
from gerdy.services.record_cache import Slot
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.state import app_state
from gerdy.web.templating import render

if TYPE_CHECKING:
    from gerdy.reports.pdf import PdfAndSeries

router = APIRouter(include_in_schema=False)
TABLE_DAYS = 28  # the no-JS tables show the last four weeks of daily values
SIDE_ROWS = 20  # the newest exercises logged with pain per side
REPORT_PDF = Slot["PdfAndSeries"](
    "report pdf", lambda made: len(made.pdf) + series_size(made.series)
)
T = TypeVar("T")


def prepared(
    request: Request,
    current: Viewer,
    slot: Slot[T],
    key: Hashable,
    work: Callable[[Coach], T],
    also: Callable[[Coach, int | None, T], None] | None = None,
) -> T:
    """What `work` makes of the viewer's record, kept per record version in `slot` with `key`
    (and by `also`, given the version it was made from, whatever else it holds): from the
    record cache, else from the heavy-work pool (`HeavyWork.run`: each account's requests in
    turn, each server's in turn)."""
    coach = current.coach
    found = coach.recall(slot, key)
    if found is not None:
        return found
    state = app_state(request)

    def keep(version: int | None, value: T) -> None:
        coach.keep(slot, key, value, version)
        if also is not None:
            also(coach, version, value)

    return state.heavy.run(
        current.account.id,
        (coach.identity, slot.name, key, coach.version()),
        state.job(coach, work),
        lambda: coach.recall(slot, key),
        keep,
    )


def prepared_series(request: Request, current: Viewer) -> ProgressReport:
    """The viewer's Progress series up to their today (see `prepared`)."""
    today = current.today()
    return prepared(request, current, PROGRESS, today, partial(progress_series, today=today))


@router.get("/progress")
def progress_page(request: Request, current: CurrentViewer) -> Response:
    return render(request, "progress.html", progress_context(current, request))


def progress_context(current: Viewer, request: Request) -> dict[str, Any]:
    series = prepared_series(request, current)
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
    # ReportLab, only when a report is asked for: about 670 M instructions (~140 ms) off the
    # start of every server process and heavy-work worker.
    from gerdy.reports.pdf import pdf_and_series

    today = current.today()
    alias = current.account.email.split("@")[0]
    work = partial(pdf_and_series, today=today, now=current.now, alias=alias)

    def keep_series(coach: Coach, version: int | None, made: PdfAndSeries) -> None:
        coach.keep(PROGRESS, today, made.series, version)  # the Progress page's, for free

    made = prepared(request, current, REPORT_PDF, (today, alias), work, keep_series)
    return Response(
        made.pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="gerdy-report-{today}.pdf"'},
    )
