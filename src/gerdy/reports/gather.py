"""Reading one record for a report: the use cases behind `gerdy export --fhir`,
`GET /api/export/fhir`, `gerdy report --pdf` and the web download. Reads only; the clock is
the caller's (`today` and `now` are passed in)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from gerdy.domain.events import Clearance, FormCheck, Note, Run, SettingsChange
from gerdy.domain.profile import Profile
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
from gerdy.intake import RED_11_FIELDS, RED_FLAG_FIELDS, intake_questions
from gerdy.protocol.schema import Protocol
from gerdy.reports.fhir import ID_NAMESPACE, FhirExport, build_bundle
from gerdy.reports.progress import (
    MAX_DAYS,
    PROGRESS,
    PainPoint,
    ProgressReport,
    compute_series,
)
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
class FlagRaised:
    """A red flag as it was raised: when, and until when it stood (None: open still), and
    whether a clearance ended it."""

    rule: str
    title: str
    raised: dt.date | None
    ended: dt.date | None
    cleared: bool


@dataclass(frozen=True)
class BaselineLine:
    """One intake answer the physio reads as the starting point: the question, the answer."""

    question: str
    answer: str


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
    flags_raised: tuple[FlagRaised, ...]  # every red flag of the report's days, by date raised
    baseline: tuple[BaselineLine, ...]  # the intake: usual running, the pain pattern (P1-2)
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


def flags_raised(plans: list[DayPlan], clearances: list[Clearance]) -> tuple[FlagRaised, ...]:
    """Each red flag the plans show, once per raising (its rule and date raised), with the
    day it stopped showing (a clearance of that rule from its raising on, or the first day
    without it) or None while the last plan still shows it."""
    first_seen: dict[tuple[str, dt.date | None], tuple[str, dt.date, dt.date]] = {}
    for plan in plans:
        for alert in plan.alerts:
            if alert.level == "red_flag":
                key = (alert.rule, alert.since)
                title, first, _last = first_seen.get(key, (alert.title, plan.date, plan.date))
                first_seen[key] = (title, first, plan.date)
    today = plans[-1].date if plans else None
    found = []
    for (rule, since), (title, first, last) in first_seen.items():
        raised = since or first
        if last == today:
            found.append(FlagRaised(rule, title, raised, None, cleared=False))
            continue
        clearance = next(
            (c for c in clearances if rule in c.rules and raised <= c.date <= last + ONE_DAY),
            None,
        )
        ended = clearance.date if clearance else last + ONE_DAY
        found.append(FlagRaised(rule, title, raised, ended, cleared=clearance is not None))
    return tuple(sorted(found, key=lambda f: (f.raised or dt.date.min, f.rule)))


ONE_DAY = dt.timedelta(days=1)


def baseline_lines(protocol: Protocol, profile: Profile) -> tuple[BaselineLine, ...]:
    """The intake as the physio's starting point: the usual running minutes before the pain,
    the answers on the pain's pattern (P1-2) and the track they gave, and the red-flag
    screen's yes answers."""
    intake = profile.intake
    lines = [
        BaselineLine(
            "Usual running before the pain",
            f"{profile.baseline_weekly_run_minutes:g} min a week",
        )
    ]
    lines += [
        BaselineLine(q.text, "yes" if getattr(intake, q.name) else "no")
        for q in intake_questions(protocol).track
    ]
    chosen = "chosen by the runner" if profile.track is not None else "from these answers"
    lines.append(BaselineLine("Track at the start (P1-2)", f"{profile.derived_track}, {chosen}"))
    yes = [flag for flag, name in RED_FLAG_FIELDS if getattr(intake, name)]
    if any(getattr(intake, name) for name in RED_11_FIELDS):
        yes.append("RED-11")
    said = ", ".join(f"{flag} {protocol.rules[flag].title}" for flag in yes) if yes else "none"
    lines.append(BaselineLine("Red-flag screen at intake: yes to", said))
    return tuple(lines)


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
    # One replay: the Progress series is read off the same plans (kept for the Progress page).
    replayed = [day.progress() for day in plans]
    progress = coach.kept(PROGRESS, today, lambda: compute_series(coach, today, replayed))
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
        flags_raised=flags_raised(plans, clearances),
        baseline=baseline_lines(coach.protocol, profile),
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
