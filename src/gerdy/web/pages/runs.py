"""Runs: log a run by hand or upload watch/app files (FIT, GPX, TCX, .gz, export zips), see
the return-to-run ladder (where you are, what is allowed next and why) and the cadence target
(RF-1) with hooks for the metronome."""

from __future__ import annotations

import pathlib
import re
import shutil
import tempfile
from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Request, Response, UploadFile
from pydantic import ValidationError

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Run, effective_events
from gerdy.engine.plan import RETURN_LADDER
from gerdy.formatting import km_from
from gerdy.importers.pipeline import PARALLEL_FROM, ImportOptions, collect_tasks
from gerdy.questions import run_answers, unanswered_text
from gerdy.services.coach import NOT_COUNTED, NotCounted
from gerdy.web.forms import SubmittedForm
from gerdy.web.imports import import_turn
from gerdy.web.pages.common import (
    day_from,
    feedback_context,
    log_event,
    refusal,
    saved_url,
    see_other,
)
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.state import app_state
from gerdy.web.templating import render
from gerdy.web.views import RUN_QUESTIONS

router = APIRouter(include_in_schema=False)
RECENT_RUNS = 20
UPLOAD_ACCEPT = ".fit,.gz,.gpx,.tcx,.zip"
MAX_NAME_CHARS = 200
UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f]")
RunId = Annotated[str, Path(min_length=1, max_length=64)]


def recent_runs(current: Viewer) -> list[Run]:
    runs = [e for e in effective_events(current.coach.events()) if isinstance(e, Run)]
    return sorted(runs, key=lambda run: run.date, reverse=True)[:RECENT_RUNS]


def upload_name(filename: str | None) -> str:
    """The uploaded file's name to store it under: only the final component of whatever path
    the client sent (both separators), without control characters; "" when nothing usable."""
    name = UNSAFE_NAME_CHARS.sub("", re.split(r"[\\/]", filename or "")[-1]).strip()
    if name in {"", ".", ".."}:
        return ""
    return name[-MAX_NAME_CHARS:]


def import_uploads(request: Request, current: Viewer, uploads: list[UploadFile]) -> dict[str, Any]:
    """Write the uploads to a temporary folder under their sanitized base names, import them
    (one transaction per file, so a bad file leaves nothing behind) and return the importer's
    JSON summary with the files named as the runner named them. Bounded by
    `gerdy.web.imports`: the shared pool, one import per account, the unpacked-bytes caps."""
    chosen = [u for u in uploads if u.filename or u.size]  # a browser's "no file chosen" part
    if not chosen:
        raise InvalidInput("choose at least one file to import")
    names = [upload_name(u.filename) for u in chosen]
    if "" in names:
        raise InvalidInput("every uploaded file needs a file name")
    current.profile()
    with tempfile.TemporaryDirectory(prefix="gerdy-upload-") as folder:
        root = pathlib.Path(folder)
        paths: list[pathlib.Path] = []
        for index, (upload, name) in enumerate(zip(chosen, names, strict=True)):
            target = root / str(index) / name  # one folder per file: same names never clash
            target.parent.mkdir()
            with target.open("wb") as handle:
                shutil.copyfileobj(upload.file, handle)
            paths.append(target)
        shown = dict(zip(paths, names, strict=True))
        tasks = collect_tasks(paths, shown)
        state = app_state(request)
        with import_turn(state, current.account.id, tasks):
            options = ImportOptions(
                display_names=shown,
                executor=state.imports.pool() if len(tasks) >= PARALLEL_FROM else None,
                max_unpacked_bytes=state.settings.max_upload_unpacked_bytes,
            )
            summary = current.coach.import_files(paths, options)
        return summary.to_json()


def upload_report(current: Viewer, summary: dict[str, Any]) -> dict[str, Any]:
    """What the Runs page shows after an upload, and what today's plan asks of the imported
    runs (their answers: only recent runs are asked about, as `gerdy import` says)."""
    runs = sum(1 for row in summary["imported"] if row["type"] == "run")
    to_rate = [r for r in current.coach.runs_to_rate() if r.question.imported and r.asks]
    return summary | {"runs": runs, "cross": len(summary["imported"]) - runs, "to_rate": to_rate}


def page(request: Request, current: Viewer, status: int = 200, **extra: Any) -> Response:
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
            "upload_accept": UPLOAD_ACCEPT,
            "upload": None,
            "questions": RUN_QUESTIONS,
            "run_error": None,
            "run_answers": {},
        }
        | extra,
        status,
    )


@router.get("/runs")
def runs_page(request: Request, current: CurrentViewer) -> Response:
    return page(request, current, **feedback_context(current, request.query_params.get("entry")))


@router.post("/runs/import")
def import_runs(
    request: Request,
    current: CurrentViewer,
    files: Annotated[list[UploadFile], File()],
) -> Response:
    """The upload form: import the files, then show the Runs page with what happened."""
    return page(
        request, current, upload=upload_report(current, import_uploads(request, current, files))
    )


RUN_FORM_FIELDS = ("date", "minutes", "distance", "pain_during", "pain_worsened",
                   "pain_after_hours", "cadence_spm", "terrain", "note")  # fmt: skip


@router.post("/runs")
def log_run(request: Request, current: CurrentViewer, form: SubmittedForm) -> Response:
    """A run typed by hand, with its questions (`gerdy.questions`, as `gerdy log run` asks
    them; the 2-hour question may be left for later). A question left open, or a value the
    record refuses, shows the page again with the refusal and every answer kept."""
    given = {name: str(form.get(name) or "").strip() for name in RUN_FORM_FIELDS}
    answers = run_answers(RUN_QUESTIONS, given, later=True)
    if answers.open:
        shown = given | {"open": [q.name for q in answers.open]}
        return page(request, current, run_error=unanswered_text(answers.open),
                    run_answers=shown, status=400)  # fmt: skip
    imperial = current.units == "imperial"
    try:
        distance = float(given["distance"]) if given["distance"] else None
    except ValueError:
        message = f"Distance: {given['distance']!r} is not a number"
        return page(request, current, run_error=message, run_answers=given, status=400)
    data = {
        "type": "run",
        **answers.values,
        "distance_km": km_from(None if imperial else distance, distance if imperial else None),
        "cadence_spm": given["cadence_spm"] or None,
        "terrain": given["terrain"] or "road",
        "note": given["note"] or None,
    }
    try:
        data["date"] = day_from(current, given["date"])
        stored, _plan = log_event(current, data)
    except (InvalidInput, ValidationError) as refused:
        return page(request, current, run_error=refusal(refused), run_answers=given, status=400)
    return see_other(saved_url("/runs", "run", stored))


def rate_view(
    request: Request,
    current: Viewer,
    run_id: str,
    given: dict[str, Any] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    """A run's questions still open (v1.2: answered, never assumed): pain during and whether
    it got worse, and the 2-hour question once it is due."""
    run = current.coach.counted(run_id)
    if not isinstance(run, Run):
        raise NotCounted(NOT_COUNTED)
    to_rate = next((r for r in current.coach.runs_to_rate() if r.question.event_id == run_id), None)
    context = {
        "title": "Rate this run",
        "run": run,
        "to_rate": to_rate,
        "asks": to_rate.asks if to_rate is not None else (),
        "questions": RUN_QUESTIONS,
        "given": given or {},
        "error": error,
    }
    return render(request, "rate.html", context, status)


@router.get("/runs/{run_id}/rate")
def rate_page(request: Request, current: CurrentViewer, run_id: RunId) -> Response:
    return rate_view(request, current, run_id)


@router.post("/runs/{run_id}/rate")
def rate_run(
    request: Request, current: CurrentViewer, run_id: RunId, form: SubmittedForm
) -> Response:
    """Answer the run's open questions (`Coach.answer_run`): pain during (and whether it got
    worse, when it hurt) must be given; the 2-hour question may wait until it is due, and is
    then the one question asked."""
    names = ("pain_during", "pain_worsened", "pain_after_hours")
    given = {name: str(form.get(name) or "").strip() for name in names}
    to_rate = next((r for r in current.coach.runs_to_rate() if r.question.event_id == run_id), None)
    if to_rate is None or not to_rate.asks:
        return see_other("/today")
    run = current.coach.counted(run_id)
    minutes = run.minutes if isinstance(run, Run) else 1
    answers = run_answers(
        RUN_QUESTIONS, given | {"minutes": minutes}, later="pain_during" in to_rate.asks
    )
    open_ = tuple(q for q in answers.open if q.name in to_rate.asks)
    if open_:
        shown = given | {"open": [q.name for q in open_]}
        return rate_view(request, current, run_id, shown, unanswered_text(open_), 400)
    values = {k: v for k, v in answers.values.items() if k in to_rate.asks}
    try:
        current.coach.answer_run(run_id, values)
    except (InvalidInput, ValidationError) as refused:
        return rate_view(request, current, run_id, given, refusal(refused), 400)
    return see_other("/today?saved=rated")
