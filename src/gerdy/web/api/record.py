"""API routes over the runner's own record: who am I, profile, plan, check-ins, events, runs,
export/import, activity-file imports and account deletion."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Query, Request, Response, UploadFile

from gerdy.domain import profile as domain
from gerdy.domain.document import parse_document
from gerdy.domain.events import Event
from gerdy.engine.plan import DayPlan
from gerdy.reports.gather import fhir_bundle
from gerdy.web.api.entries import WRITES, ClientId, MadeAt, http_date, logged_answer
from gerdy.web.api.models import (
    CheckinIn,
    DeleteAccount,
    Imported,
    LadderRung,
    Logged,
    Me,
    RunAnswersIn,
    RunIn,
    RunsOut,
)
from gerdy.web.auth import authenticate
from gerdy.web.pages.runs import import_uploads, recent_runs
from gerdy.web.sessions import CurrentViewer, end_session
from gerdy.web.state import app_state

router = APIRouter(prefix="/api", tags=["record"])
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "bad input; nothing was changed"},
    401: {"description": "not signed in"},
    403: {"description": "missing or wrong X-CSRF-Token"},
    409: {"description": "no profile yet, or the record is not empty"},
}


@router.get("/me", response_model=Me, responses=ERRORS)
def me(current: CurrentViewer) -> Me:
    has_profile = current.has_profile()
    return Me(
        email=current.account.email,
        has_profile=has_profile,
        today=current.today() if has_profile else None,
        units=current.units if has_profile else None,
    )


@router.get("/profile", response_model=domain.Profile, responses=ERRORS)
def get_profile(current: CurrentViewer) -> domain.Profile:
    return current.profile()


@router.put("/profile", response_model=domain.Profile, responses=ERRORS)
def put_profile(current: CurrentViewer, profile: domain.Profile) -> domain.Profile:
    """Save the intake, or change it (allowed while no event predates the new start date) as
    Settings does: a new value for a plan setting a `settings_change` set becomes the runner's
    own change from today, and the answer is the profile as saved."""
    if not current.has_profile():
        current.coach.start(profile)
        return profile
    current.coach.edit_profile(profile)
    return current.coach.profile()


@router.get("/plan/today", response_model=DayPlan, responses=ERRORS)
def plan_today(current: CurrentViewer) -> DayPlan:
    return current.coach.plan(current.today())


@router.get("/plan/{date}", response_model=DayPlan, responses=ERRORS)
def plan_on(current: CurrentViewer, date: dt.date) -> DayPlan:
    """The plan of `date`: from the start date on, at most a year ahead (the Coach checks)."""
    return current.coach.plan(date)


REPLACED: dict[int | str, dict[str, Any]] = {
    412: {
        "description": "If-Unmodified-Since: another check-in of the day was saved after that "
        "time, and stands; nothing was saved"
    }
}


@router.post("/checkins", response_model=Logged, status_code=201, responses=WRITES | REPLACED)
def post_checkin(
    current: CurrentViewer,
    response: Response,
    checkin: CheckinIn,
    client_id: ClientId = None,
    made_at: MadeAt = None,
) -> Logged:
    """Save the check-in of a day: every question answered (`none_of_these` answers the
    symptoms not answered yes); one that leaves a question open is refused (422) naming it,
    and nothing changes. The day's latest check-in counts, so this one replaces any saved
    before it. With `If-Unmodified-Since` (when the check-in was made: the offline queue
    sends it), a check-in of the day saved after that time is not replaced: 412."""
    done = current.coach.record(checkin.event(), client_id=client_id, made_at=http_date(made_at))
    return logged_answer(done, response)


@router.get("/events", responses=ERRORS)
def get_events(current: CurrentViewer) -> list[dict[str, Any]]:
    """Every event of the record, corrections and corrected alike, in recording order."""
    return [e.model_dump(mode="json", exclude_none=True) for e in current.coach.events()]


@router.post("/events", response_model=Logged, status_code=201, responses=WRITES)
def post_event(
    current: CurrentViewer,
    response: Response,
    event: Annotated[Event, Body()],
    client_id: ClientId = None,
    made_at: MadeAt = None,
) -> Logged:
    """Log any `gerdy/1` event (a correction names the event it replaces in `supersedes`).
    With `If-Unmodified-Since`, it is recorded at that time (not before its day, not in the
    future)."""
    data = event.model_dump(exclude_none=True)
    done = current.coach.record(data, client_id=client_id, made_at=http_date(made_at))
    return logged_answer(done, response)


@router.get("/runs", response_model=RunsOut, responses=ERRORS)
def get_runs(current: CurrentViewer) -> RunsOut:
    plan = current.coach.plan(current.today())
    protocol = current.coach.protocol
    ladder = [
        LadderRung(
            stage=week.stage,
            rule=week.rule,
            title=protocol.rules[week.rule].title,
            why=protocol.rules[week.rule].why,
            minutes_min=week.minutes.min,
            minutes_max=week.minutes.max,
            alternate_days=week.alternate_days,
            current=week.stage == plan.stage,
        )
        for week in protocol.return_weeks
    ]
    return RunsOut(
        stage=plan.stage,
        allowance=plan.run,
        gate=plan.gate,
        ladder=ladder,
        cadence_target_spm=plan.cadence.target if plan.cadence else None,
        runs=[r.model_dump(mode="json", exclude_none=True) for r in recent_runs(current)],
    )


@router.post("/runs", response_model=Logged, status_code=201, responses=WRITES)
def post_run(
    current: CurrentViewer,
    response: Response,
    run: RunIn,
    client_id: ClientId = None,
    made_at: MadeAt = None,
) -> Logged:
    """A run typed by hand; without its pain answers it is stored unrated and waits for them
    (`runs_awaiting_answers`), never taken as pain 0. With `If-Unmodified-Since` (when it was
    logged: the offline queue sends it), it is recorded at that time, not before its day and
    not in the future, so its 2-hour question comes 2 h after it was logged."""
    done = current.coach.record(run.event(), client_id=client_id, made_at=http_date(made_at))
    return logged_answer(done, response)


@router.post("/runs/{run_id}/answers", response_model=Logged, status_code=201, responses=WRITES)
def post_run_answers(
    current: CurrentViewer,
    response: Response,
    run_id: str,
    answers: RunAnswersIn,
    client_id: ClientId = None,
) -> Logged:
    """Answer a run's questions later (v1.2), such as the 2-hour question, or confirm an
    imported run outside the plausible bounds: a correction of the run (its new id in
    `event`)."""
    done = current.coach.answer_run(run_id, answers.model_dump(), client_id=client_id)
    return logged_answer(done, response)


@router.get("/export", responses=ERRORS)
def export(current: CurrentViewer) -> dict[str, Any]:
    """The whole record as a `gerdy/1` document."""
    return current.coach.export()


@router.get("/export/fhir", responses=ERRORS)
def export_fhir(request: Request, current: CurrentViewer) -> dict[str, Any]:
    """The record as a FHIR R4 `collection` Bundle: a pseudonymous Patient, the ITBS
    Condition (ICD-10 M76.3, laterality M76.31/M76.32), an Observation per daily pain rating
    (LOINC 72514-3) and per run, and a CarePlan with the current stage and its activities."""
    return fhir_bundle(current.coach, current.today(), app_state(request).now())


@router.post("/import", response_model=Imported, responses=ERRORS)
def import_document(
    current: CurrentViewer,
    document: Annotated[dict[str, Any], Body()],
    replace: Annotated[bool, Query()] = False,
) -> Imported:
    """Load a `gerdy/1` document; a non-empty record is replaced only with `replace=true`. An
    event that names a clinician is kept as theirs only when it carries this server's
    signature for this record; any other is kept as the runner's, "reported"."""
    loaded = current.coach.load(parse_document(document), replace=replace)
    return Imported(events=loaded.events, reported=loaded.reported)


@router.post(
    "/imports",
    responses=ERRORS
    | {
        413: {"description": "the upload is too large, or would unpack to too much"},
        429: {"description": "the day's import allowance is used up, or the server is busy"},
    },
)
def import_files(
    request: Request,
    current: CurrentViewer,
    files: Annotated[
        list[UploadFile],
        File(description="Activity files (.fit, .gpx, .tcx, also .gz) or export zips."),
    ],
) -> dict[str, Any]:
    """Import watch and app files: the `gerdy import --json` summary, `{"imported": [...],
    "duplicates": N, "skipped": {sport: N}, "failed": [{"file", "reason"}]}`. Each file is
    recorded whole or not at all; importing a file twice adds nothing."""
    return import_uploads(request, current, files)


@router.delete("/account", status_code=204, responses=ERRORS)
def delete_account(request: Request, current: CurrentViewer, body: DeleteAccount) -> Response:
    """Delete the account, its sessions and its whole record (send {"password": ...}: the
    account's password; a wrong one counts as a failed sign-in)."""
    authenticate(request, current.account.email, body.password)
    app_state(request).accounts.delete(current.account.id)
    response = Response(status_code=204)
    end_session(request, response)
    return response
