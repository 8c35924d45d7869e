"""The clinician's pages: the caseload (their home), redeeming a runner's share code, and a
runner's file — that runner's Today, Progress and History, read-only, through the same views
and templates the runner uses. Every look is checked against the runner's consent and logged by
`services.sharing` (no share now: 404, whatever the runner id)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Request, Response

from gerdy.domain.errors import InvalidInput
from gerdy.reports.progress import Progress, progress_series
from gerdy.services.sharing import REPEAT_LOG_EVERY, SharedRecord
from gerdy.web.caseload_view import SPARK_HEIGHT, SPARK_WIDTH, spark_segments, spark_text
from gerdy.web.pages.common import see_other
from gerdy.web.pages.history import history_context
from gerdy.web.pages.progress import progress_context
from gerdy.web.pages.today import today_context
from gerdy.web.sessions import ClinicianViewer, Viewer, clinician
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/clinic", tags=["clinic"])
CurrentClinician = Annotated[ClinicianViewer, Depends(clinician)]
FILE_BASE = "/clinic/runners"
Section = Literal["today", "progress", "history"]


def caseload_context(request: Request, current: ClinicianViewer) -> dict[str, Any]:
    state = app_state(request)
    sharing = state.sharing(lambda: current.now)
    records = sharing.records(current.account)
    rows = state.caseload(lambda: current.now).rows(records)
    sharing.log_caseload(current.account, records)
    return {
        "title": "Caseload",
        "rows": rows,
        "file_base": FILE_BASE,
        "spark": spark_segments,
        "spark_text": spark_text,
        "spark_width": SPARK_WIDTH,
        "spark_height": SPARK_HEIGHT,
        "added": request.query_params.get("added"),
    }


@router.get("/caseload")
def caseload_page(request: Request, current: CurrentClinician) -> Response:
    return render(request, "caseload.html", caseload_context(request, current))


@router.post("/caseload/redeem")
def redeem(
    request: Request, current: CurrentClinician, code: Annotated[str, Form(max_length=100)]
) -> Response:
    """A runner's share code opens their record to this clinician."""
    try:
        app_state(request).sharing(lambda: current.now).redeem(current.account, code)
    except InvalidInput as exc:
        context = caseload_context(request, current) | {"error": str(exc), "code": code}
        return render(request, "caseload.html", context, status_code=400)
    return see_other("/caseload?added=1")


def open_file(
    request: Request, current: ClinicianViewer, runner_id: int, what: str, *, repeated: bool = False
) -> tuple[Viewer, SharedRecord]:
    """The runner's record as a read-only Viewer, if shared with this clinician now (the look
    is logged; `repeated` looks at most once an hour); NotShared otherwise."""
    state = app_state(request)
    sharing = state.sharing(lambda: current.now)
    once_per = REPEAT_LOG_EVERY if repeated else None
    shared = sharing.open(current.account, runner_id, what, once_per=once_per)
    coach = state.coach_for(shared.person_handle, lambda: current.now)
    return Viewer(current.account, current.csrf_token, coach, current.now), shared


def file_page(
    request: Request,
    current: ClinicianViewer,
    runner_id: int,
    section: Section,
    template: str,
    context_of: Callable[[Viewer, str], dict[str, Any]],
) -> Response:
    record, shared = open_file(request, current, runner_id, section)
    base = f"{FILE_BASE}/{runner_id}"
    file = {"runner_id": runner_id, "alias": shared.alias, "base": base, "section": section}
    if not record.has_profile():
        context = {"title": shared.alias, "file": file}
        return render(request, "clinic_no_record.html", context)
    context = context_of(record, base) | {
        "file": file,
        "read_only": True,
        "title": f"{shared.alias}: {section.capitalize()}",
    }
    return render(request, template, context)


@router.get(FILE_BASE + "/{runner_id}")
def file_today(request: Request, current: CurrentClinician, runner_id: int) -> Response:
    return file_page(
        request, current, runner_id, "today", "today.html",
        lambda record, _base: today_context(record, record.today_plan()),
    )  # fmt: skip


@router.get(FILE_BASE + "/{runner_id}/progress")
def file_progress(request: Request, current: CurrentClinician, runner_id: int) -> Response:
    return file_page(
        request, current, runner_id, "progress", "progress.html",
        lambda record, _base: progress_context(record)
        | {"series_base": f"/api/clinic/runners/{runner_id}/progress"},
    )  # fmt: skip


@router.get(FILE_BASE + "/{runner_id}/history")
def file_history(request: Request, current: CurrentClinician, runner_id: int) -> Response:
    return file_page(
        request, current, runner_id, "history", "history.html",
        lambda record, base: history_context(request, record, f"{base}/history"),
    )  # fmt: skip


@api.get("/runners/{runner_id}/progress", response_model=Progress)
def file_progress_series(request: Request, current: CurrentClinician, runner_id: int) -> Progress:
    """A shared runner's Progress series (what their Progress charts draw)."""
    record, _shared = open_file(request, current, runner_id, "progress charts", repeated=True)
    return progress_series(record.coach, record.today())


@api.get("/runners/{runner_id}/progress/{series}")
def file_progress_part(
    request: Request,
    current: CurrentClinician,
    runner_id: int,
    series: Literal["pain", "weekly-minutes", "adherence", "gate"],
) -> list[dict[str, Any]]:
    """One series of a shared runner's Progress, as `/api/progress/{series}` gives the runner."""
    record, _shared = open_file(request, current, runner_id, "progress charts", repeated=True)
    found = progress_series(record.coach, record.today())
    points = getattr(found, series.replace("-", "_"))
    return [point.model_dump(mode="json") for point in points]
