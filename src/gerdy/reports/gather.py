"""Reading one record for a report: the use cases behind `gerdy export --fhir`,
`GET /api/export/fhir`, `gerdy report --pdf` and the web download. Reads only; the clock is
the caller's (`today` and `now` are passed in)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from gerdy.domain.events import Clearance, FormCheck, Note, Run, SettingsChange
from gerdy.engine.history import History
from gerdy.engine.plan import DayPlan, Task
from gerdy.formatting import (
    author_text,
    dose_text,
    in_units,
    runners_word_text,
    seen_by_text,
    settings_change_text,
)
from gerdy.protocol.schema import Protocol
from gerdy.reports.fhir import ID_NAMESPACE, FhirExport, build_bundle
from gerdy.reports.progress import MAX_DAYS, PainPoint, ProgressReport, progress_series
from gerdy.services import Coach


def clearance_by(clearance: Clearance) -> str:
    """The PDF's "By" of a clearance: its author (v1.2: one the runner recorded is "on the
    runner's word", the PDF being for their physio), then whom the runner named as seeing
    them."""
    seen_by = seen_by_text(clearance)
    by = runners_word_text(clearance, to_clinician=True) or author_text(clearance)
    return by if seen_by is None else f"{by}, seen by {seen_by}"


def pseudonym(coach: Coach) -> str:
    """A stable name for the record that does not name the person: derived from the record's
    person handle and the start date, never from an email or a name."""
    profile = coach.profile()
    return str(uuid.uuid5(ID_NAMESPACE, f"{coach.person}/{profile.start_date}"))


def fhir_bundle(coach: Coach, today: dt.date, now: dt.datetime) -> dict[str, Any]:
    """The record as a FHIR R4 `collection` Bundle, as of `today`."""
    profile = coach.profile()
    export = FhirExport(
        pseudonym=pseudonym(coach),
        profile=profile,
        events=tuple(coach.events()),
        plan=coach.plan(max(today, profile.start_date)),
        generated_at=now.replace(microsecond=0),
    )
    return build_bundle(export)


# --- the PDF report's content ------------------------------------------------------------------
RUN_WEEKS = 4
ADHERENCE_DAYS = 14


@dataclass(frozen=True)
class StageSpan:
    stage: str
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class DoseChange:
    exercise: str
    at_start: str
    now: str


@dataclass(frozen=True)
class OpenFlag:
    rule: str
    title: str
    since: dt.date | None


@dataclass(frozen=True)
class ClearanceLine:
    date: dt.date
    rules: tuple[str, ...]
    by: str
    note: str | None


@dataclass(frozen=True)
class FormCheckLine:
    date: dt.date
    what: str
    findings: str


@dataclass(frozen=True)
class NoteLine:
    """A note or a settings change: when, who, what."""

    date: dt.date
    by: str
    text: str


@dataclass(frozen=True)
class ReportData:
    """Everything the PDF shows, as plain values (the renderer decides nothing)."""

    alias: str
    generated_at: dt.datetime
    today: dt.date
    plan: DayPlan
    start_date: dt.date
    side: str
    units: str
    stages: tuple[StageSpan, ...]
    progress: ProgressReport
    latest_pain: PainPoint | None
    adherence_all: tuple[int, int]  # (done, prescribed) since the start
    adherence_recent: tuple[int, int]  # the last ADHERENCE_DAYS days
    doses: tuple[DoseChange, ...]
    runs: tuple[Run, ...]
    open_flags: tuple[OpenFlag, ...]
    clearances: tuple[ClearanceLine, ...]
    form_checks: tuple[FormCheckLine, ...]
    notes: tuple[NoteLine, ...]  # notes and settings changes, in date order
    disclaimer: str


def stage_spans(plans: list[DayPlan]) -> tuple[StageSpan, ...]:
    spans: list[StageSpan] = []
    for plan in plans:
        if spans and spans[-1].stage == plan.stage:
            spans[-1] = StageSpan(spans[-1].stage, spans[-1].first, plan.date)
        else:
            spans.append(StageSpan(plan.stage, plan.date, plan.date))
    return tuple(spans)


def dose_changes(protocol: Protocol, plans: list[DayPlan], units: str) -> tuple[DoseChange, ...]:
    """Each strength exercise's dose the first and the last time a plan prescribed it."""
    first: dict[str, Task] = {}
    last: dict[str, Task] = {}
    for plan in plans:
        for task in plan.tasks:
            if task.kind == "strength" and task.exercise is not None:
                first.setdefault(task.exercise, task)
                last[task.exercise] = task
    changes = []
    for exercise in protocol.exercises_of("strength"):
        if exercise.id in first:
            changes.append(
                DoseChange(
                    exercise=exercise.name,
                    at_start=task_dose(first[exercise.id], units),
                    now=task_dose(last[exercise.id], units),
                )
            )
    return tuple(changes)


def task_dose(task: Task, units: str) -> str:
    dose = dose_text(task)
    return in_units(f"{dose} ({task.level})" if task.level else dose, units)


def adherence_window(plans: list[DayPlan], days: int) -> tuple[int, int]:
    """(done, prescribed) over the last `days` plans: the cumulative counts' difference."""
    if not plans:
        return 0, 0
    last = plans[-1].adherence
    before = plans[-days - 1].adherence if len(plans) > days else None
    done = last.done - (before.done if before else 0)
    prescribed = last.prescribed - (before.prescribed if before else 0)
    return done, prescribed


def form_check_line(check: FormCheck) -> FormCheckLine:
    if check.exercise is not None:
        caved = sum(1 for rep in check.reps if rep.caved_in)
        what = f"Single-leg box squat ({check.side or 'side not given'})"
        findings = f"knee caved in on {caved} of {len(check.reps)} reps"
    else:
        what = f"Running form, {check.view} view"
        parts = []
        if check.cadence_spm is not None:
            parts.append(f"cadence {check.cadence_spm:.0f} steps/min")
        if check.crossovers is not None:
            parts.append(f"{check.crossovers} crossover steps")
        if check.pelvic_drop_left_deg is not None or check.pelvic_drop_right_deg is not None:
            left = check.pelvic_drop_left_deg or 0
            right = check.pelvic_drop_right_deg or 0
            parts.append(f"pelvic drop {left:.1f}\u00b0 left, {right:.1f}\u00b0 right")
        if check.overstride_leg_lengths is not None:
            parts.append(f"overstride {check.overstride_leg_lengths:.2f} leg lengths")
        findings = "; ".join(parts) or "nothing measured"
    return FormCheckLine(date=check.date, what=what, findings=findings)


def report_data(coach: Coach, today: dt.date, now: dt.datetime, alias: str) -> ReportData:
    """What the PDF report shows for the record as of `today`."""
    profile = coach.profile()
    today = max(today, profile.start_date)
    events = coach.events()
    history = History(events, today)
    first = max(profile.start_date, today - dt.timedelta(days=MAX_DAYS - 1))
    plans = coach.plans(first, (today - first).days + 1)
    plan = plans[-1]
    progress = progress_series(coach, today)
    rated = [point for point in progress.pain if point.pain_daily is not None]
    runs_from = today - dt.timedelta(weeks=RUN_WEEKS) + dt.timedelta(days=1)
    days = sorted(history.days.items())
    clearances = [c for _, day in days for c in day.clearances]
    form_checks = [f for _, day in days for f in day.form_checks]
    written: list[Note | SettingsChange] = []
    for _, day in days:
        written += [*day.notes, *day.settings_changes]
    notes = [NoteLine(date=e.date, by=author_text(e), text=note_text(e)) for e in written]
    return ReportData(
        alias=alias,
        generated_at=now.replace(microsecond=0),
        today=today,
        plan=plan,
        start_date=profile.start_date,
        side=profile.side,
        units=profile.units,
        stages=stage_spans(plans),
        progress=progress,
        latest_pain=rated[-1] if rated else None,
        adherence_all=(plan.adherence.done, plan.adherence.prescribed),
        adherence_recent=adherence_window(plans, ADHERENCE_DAYS),
        doses=dose_changes(coach.protocol, plans, profile.units),
        runs=tuple(history.runs_between(runs_from, today)),
        open_flags=tuple(
            OpenFlag(rule=a.rule, title=a.title, since=a.since)
            for a in plan.alerts
            if a.level == "red_flag"
        ),
        clearances=tuple(
            ClearanceLine(date=c.date, rules=c.rules, by=clearance_by(c), note=c.note)
            for c in clearances
        ),
        form_checks=tuple(form_check_line(f) for f in form_checks),
        notes=tuple(notes),
        disclaimer=education_text(coach.protocol, "ED-6"),
    )


def note_text(event: Note | SettingsChange) -> str:
    """A note's text; a settings change's adjustments (with their rules) and its note."""
    if isinstance(event, Note):
        return event.text
    text = f"Settings: {settings_change_text(event)}"
    return f"{text}. {event.note}" if event.note else text


def education_text(protocol: Protocol, rule: str) -> str:
    return next(e.text for e in protocol.education if e.id == rule)
