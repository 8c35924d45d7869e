"""The clinician's pages: the caseload (their home), redeeming a runner's share code, and a
runner's file — that runner's Today, Progress and History, read-only, through the same views
and templates the runner uses. Every look is checked against the runner's consent and logged by
`services.sharing` (no share now: 404, whatever the runner id)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Request, Response
from pydantic import ValidationError

from gerdy.domain.errors import InvalidInput
from gerdy.domain.refusals import refusal as refusal_of
from gerdy.reports.progress import ProgressReport
from gerdy.services.coach import Signer
from gerdy.services.plan_settings import SETTING_NAMES
from gerdy.services.sharing import (
    CLEARANCE_RECORDED,
    NOTE_LEFT,
    REPEAT_LOG_EVERY,
    SETTINGS_CHANGED,
    SharedRecord,
    clinician_name,
)
from gerdy.web.caseload_view import SPARK_HEIGHT, SPARK_WIDTH, spark_segments, spark_text
from gerdy.web.clinic_view import ClinicForm, FormRefusal, form_refusal, setting_now
from gerdy.web.limits import TooManyAttempts, check_share_code, count_wrong_share_code
from gerdy.web.pages.common import AccountId, see_other
from gerdy.web.pages.history import history_context
from gerdy.web.pages.progress import prepared_series, progress_context
from gerdy.web.pages.today import today_context
from gerdy.web.sessions import ClinicianViewer, Viewer, clinician
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/clinic", tags=["clinic"])
CurrentClinician = Annotated[ClinicianViewer, Depends(clinician)]
FILE_BASE = "/clinic/runners"
PAGE_SIZE = 50  # caseload rows on a page, the most in need first
Section = Literal["today", "progress", "history"]


def caseload_context(request: Request, current: ClinicianViewer) -> dict[str, Any]:
    """The caseload's first `shown` rows by need (PAGE_SIZE unless asked); only the rows
    shown are logged as seen."""
    try:
        shown = min(max(int(request.query_params.get("shown") or PAGE_SIZE), 1), 100_000)
    except ValueError as exc:
        raise InvalidInput("shown: give a whole number") from exc
    state = app_state(request)
    sharing = state.sharing(lambda: current.now)
    records = sharing.records(current.account)
    rows = state.caseload(lambda: current.now).rows(records)
    seen = {row.runner_id for row in rows[:shown]}
    sharing.log_caseload(current.account, [r for r in records if r.runner_id in seen])
    return {
        "title": "Caseload",
        "rows": rows[:shown],
        "total": len(rows),
        "more_url": f"/caseload?shown={shown + PAGE_SIZE}" if len(rows) > shown else None,
        "file_base": FILE_BASE,
        "spark": spark_segments,
        "spark_text": spark_text,
        "spark_width": SPARK_WIDTH,
        "spark_height": SPARK_HEIGHT,
        "added": request.query_params.get("added"),
        "ended": sharing.ended(current.account),
        "rules": state.protocol.rules,
    }


@router.get("/caseload")
def caseload_page(request: Request, current: CurrentClinician) -> Response:
    return render(request, "caseload.html", caseload_context(request, current))


@router.post("/caseload/redeem")
def redeem(
    request: Request, current: CurrentClinician, code: Annotated[str, Form(max_length=100)]
) -> Response:
    """A runner's share code opens their record to this clinician. Wrong codes are counted
    (per account, and per address for a clinician who never opened a share: see
    `web.limits`) and refused past the limit with a 429."""
    sharing = app_state(request).sharing(lambda: current.now)
    established = sharing.has_opened_a_share(current.account)
    try:
        check_share_code(request, current.account.id, established=established)
        try:
            sharing.redeem(current.account, code)
        except InvalidInput:
            count_wrong_share_code(request, current.account.id, established=established)
            raise
    except (InvalidInput, TooManyAttempts) as exc:
        context = caseload_context(request, current) | {"error": str(exc), "code": code}
        limited = isinstance(exc, TooManyAttempts)
        response = render(request, "caseload.html", context, status_code=429 if limited else 400)
        if isinstance(exc, TooManyAttempts):
            response.headers["retry-after"] = str(exc.retry_after)
        return response
    return see_other("/caseload?added=1")


def open_file(
    request: Request,
    current: ClinicianViewer,
    runner_id: int,
    what: str | None,
    *,
    repeated: bool = False,
) -> tuple[Viewer, SharedRecord]:
    """The runner's record as a Viewer, if shared with this clinician now (the look `what` is
    logged, unless None; `repeated` looks at most once an hour); NotShared otherwise. Only
    `Coach.record_as_clinician` writes through it (runner routes refuse a clinician)."""
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
    *,
    opened: tuple[Viewer, SharedRecord] | None = None,
    status_code: int = 200,
) -> Response:
    """One section of the runner's file (`opened`: the file already opened, and logged)."""
    record, shared = opened or open_file(request, current, runner_id, section)
    base = f"{FILE_BASE}/{runner_id}"
    file = {"runner_id": runner_id, "alias": shared.alias, "base": base, "section": section}
    if not record.has_profile():
        context = {"title": shared.alias, "file": file}
        return render(request, "clinic_no_record.html", context, status_code=status_code)
    context = context_of(record, base) | {
        "file": file,
        "read_only": True,
        "title": f"{shared.alias}: {section.capitalize()}",
    }
    return render(request, template, context, status_code=status_code)


def file_today_context(
    request: Request, current: ClinicianViewer, record: Viewer, refusal: FormRefusal | None
) -> dict[str, Any]:
    """The file's Today, with the clinician's forms: every plan setting in force (who set it,
    when) and, after a refused form, its refusal and the answers given."""
    in_force = record.coach.settings_in_force()
    return today_context(record, record.today_plan()) | {
        "saved": None if refusal else request.query_params.get("saved"),
        "settings_now": {
            name: setting_now(source, current.account.id) for name, source in in_force.items()
        },
        "refusal": refusal,
    }


@router.get(FILE_BASE + "/{runner_id}")
def file_today(request: Request, current: CurrentClinician, runner_id: AccountId) -> Response:
    return file_page(
        request, current, runner_id, "today", "today.html",
        lambda record, _base: file_today_context(request, current, record, None),
    )  # fmt: skip


def clinician_word(
    request: Request,
    current: ClinicianViewer,
    runner_id: int,
    what: str,
    data: dict[str, Any],
    form: ClinicForm,
    values: dict[str, object],
) -> Response:
    """Record the clinician's clearance, note or settings change in the shared record, signed
    with their name (the Coach refuses anything else), log it for the runner, back to the
    file's Today. Refused: the file's Today again (400), the refusal next to the field of
    `form` it concerns and the answers given (`values`) kept; nothing written."""
    record, shared = open_file(request, current, runner_id, None)
    signer = Signer(clinician_name(current.account), current.account.id)
    try:
        record.coach.record_as_clinician(signer, data)
    except (InvalidInput, ValidationError) as exc:
        said = refusal_of(exc) if isinstance(exc, ValidationError) else str(exc)
        return refused(request, current, (record, shared), form_refusal(form, said, values))
    app_state(request).sharing(lambda: current.now).log(current.account, [shared], what)
    return see_other(f"{FILE_BASE}/{runner_id}?saved={what.split()[0]}")


def refused(
    request: Request,
    current: ClinicianViewer,
    opened: tuple[Viewer, SharedRecord],
    refusal: FormRefusal,
) -> Response:
    runner_id = opened[1].runner_id
    return file_page(
        request, current, runner_id, "today", "today.html",
        lambda record, _base: file_today_context(request, current, record, refusal),
        opened=opened, status_code=400,
    )  # fmt: skip


@router.post(FILE_BASE + "/{runner_id}/clearance")
def file_clearance(
    request: Request,
    current: CurrentClinician,
    runner_id: AccountId,
    rules: Annotated[list[str] | None, Form(max_length=20)] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """RED-n: the clinician has assessed and cleared these flags; the plan resumes."""
    name = clinician_name(current.account)
    values: dict[str, object] = {"rules": rules or [], "note": note or ""}
    if not rules:
        message = "Tick the red flags you have assessed and cleared (at least one)."
        refusal = FormRefusal("clearance", "rules", message, values)
        return refused(request, current, open_file(request, current, runner_id, None), refusal)
    data = {"type": "clearance", "rules": rules, "cleared_by": name,
            "note": (note or "").strip() or None}  # fmt: skip
    return clinician_word(
        request, current, runner_id, CLEARANCE_RECORDED, data, "clearance", values
    )


@router.post(FILE_BASE + "/{runner_id}/note")
def file_note(
    request: Request,
    current: CurrentClinician,
    runner_id: AccountId,
    text: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    data = {"type": "note", "text": text}
    return clinician_word(request, current, runner_id, NOTE_LEFT, data, "note", {"text": text})


NOTHING_TO_CHANGE = "Nothing to change: choose a new value for at least one setting."


@router.post(FILE_BASE + "/{runner_id}/settings")
def file_settings(
    request: Request,
    current: CurrentClinician,
    runner_id: AccountId,
    gate_days: Annotated[str, Form(max_length=4)] = "",
    hills_track_week: Annotated[str, Form(max_length=4)] = "",
    track: Annotated[str, Form(max_length=20)] = "",
    strength_days: Annotated[list[str] | None, Form(max_length=7)] = None,
) -> Response:
    """What the spec lets a professional adjust (RTR-0, RTR-5, ST-0, P1-2), from today on.
    The form shows the strength days in force ticked: the same days again are no change."""
    values: dict[str, object] = {"gate_days": gate_days, "hills_track_week": hills_track_week,
                                 "track": track, "strength_days": strength_days or []}  # fmt: skip
    opened = open_file(request, current, runner_id, None)
    days = tuple(strength_days or ())
    in_force = opened[0].coach.settings_in_force()["strength_days"].value
    data = {
        "type": "settings_change",
        "gate_days": whole_number(gate_days),
        "hills_track_week": whole_number(hills_track_week),
        "track": track or None,
        "strength_days": list(days) if days and days != in_force else None,
    }
    for name in ("gate_days", "hills_track_week"):
        if data[name] == NOT_A_NUMBER:
            refusal = FormRefusal("settings", name, "Choose one of the values offered.", values)
            return refused(request, current, opened, refusal)
    if all(data[name] is None for name in SETTING_NAMES):
        refusal = FormRefusal("settings", None, NOTHING_TO_CHANGE, values)
        return refused(request, current, opened, refusal)
    return clinician_word(request, current, runner_id, SETTINGS_CHANGED, data, "settings", values)


NOT_A_NUMBER = -1


def whole_number(text: str) -> int | None:
    """A form's whole number; None when empty (no change), NOT_A_NUMBER when not a number."""
    if not text.strip():
        return None
    try:
        return int(text)
    except ValueError:
        return NOT_A_NUMBER


@router.get(FILE_BASE + "/{runner_id}/progress")
def file_progress(request: Request, current: CurrentClinician, runner_id: AccountId) -> Response:
    return file_page(
        request, current, runner_id, "progress", "progress.html",
        lambda record, _base: progress_context(record, request)
        | {"series_base": f"/api/clinic/runners/{runner_id}/progress"},
    )  # fmt: skip


@router.get(FILE_BASE + "/{runner_id}/history")
def file_history(request: Request, current: CurrentClinician, runner_id: AccountId) -> Response:
    return file_page(
        request, current, runner_id, "history", "history.html",
        lambda record, base: history_context(
            request, record, f"{base}/history", to_clinician=True
        ),
    )  # fmt: skip


@api.get("/runners/{runner_id}/progress", response_model=ProgressReport)
def file_progress_series(
    request: Request, current: CurrentClinician, runner_id: AccountId
) -> ProgressReport:
    """A shared runner's Progress series (what their Progress charts draw)."""
    record, _shared = open_file(request, current, runner_id, "progress charts", repeated=True)
    return prepared_series(request, record)


@api.get("/runners/{runner_id}/progress/{series}")
def file_progress_part(
    request: Request,
    current: CurrentClinician,
    runner_id: AccountId,
    series: Literal["pain", "weekly-minutes", "adherence", "gate"],
) -> list[dict[str, Any]]:
    """One series of a shared runner's Progress, as `/api/progress/{series}` gives the runner."""
    record, _shared = open_file(request, current, runner_id, "progress charts", repeated=True)
    found = prepared_series(request, record)
    points = getattr(found, series.replace("-", "_"))
    return [point.model_dump(mode="json") for point in points]
