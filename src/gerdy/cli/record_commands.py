"""The record as a whole: `gerdy init` (intake), `gerdy demo` (a sample runner), `gerdy export`
and `gerdy load` (the `gerdy/1` JSON document), and `gerdy correct` (a correction event).

Every document is validated in full before anything is written; the Coach refuses to overwrite
a record that holds data unless `--replace` is given.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.text import Text
from typer.core import TyperCommand

from gerdy.cli.intake import WEEKLY_MINUTES, ask_missing, parse_weekdays
from gerdy.cli.options import (
    DEMO_RECORD,
    CommandFailed,
    JsonFlag,
    UsageProblem,
    emit_json,
    parse_iso_date,
)
from gerdy.cli.render import day_view, intake_view, show
from gerdy.cli.session import now, open_coach
from gerdy.demo import demo_document
from gerdy.domain.document import parse_document_text
from gerdy.domain.errors import NoRecord, RecordNotEmpty
from gerdy.domain.events import parse_event
from gerdy.domain.profile import Profile
from gerdy.intake import IntakeAnswers, intake_questions, profile_data
from gerdy.protocol import load_protocol
from gerdy.reports.gather import fhir_bundle
from gerdy.services import Coach, today_for
from gerdy.services.authorship import reported_sentence

ReplaceFlag = Annotated[
    bool, typer.Option("--replace", help="Overwrite the record that is there already.")
]


# Each intake question by the field its answer sets (RED-11's follow-ups included).
QUESTIONS = {
    asked.name: asked
    for question in intake_questions(load_protocol()).all
    for asked in (question, *question.follow_up)
}


def answer(flag: str, field: str) -> Any:
    """The flag answering one intake question, helped by the question itself."""
    question = QUESTIONS[field]
    help_text = f"{question.text} ({question.rule})"
    return typer.Option(f"--{flag}/--no-{flag}", help=help_text, show_default=False)


def has_profile(coach: Coach) -> bool:
    try:
        coach.profile()
    except NoRecord:
        return False
    return True


def local_today(timezone: str | None) -> dt.date:
    """Today where the runner lives (the Coach's clock, before a profile exists)."""
    probe = Profile(
        start_date=dt.date.today(), side="both", baseline_weekly_run_minutes=0, timezone=timezone
    )
    return today_for(probe, now())


def init(
    start_date: Annotated[
        dt.date | None,
        typer.Option(
            parser=parse_iso_date,
            metavar="YYYY-MM-DD",
            help="Day 1 of the program (default: today).",
            show_default=False,
        ),
    ] = None,
    side: Annotated[
        Literal["left", "right", "both"] | None, typer.Option(help="The sore knee.")
    ] = None,
    weekly_minutes: Annotated[
        float | None,
        typer.Option(
            min=WEEKLY_MINUTES.low,
            max=WEEKLY_MINUTES.high,
            help="Your usual running minutes per week.",
        ),
    ] = None,
    cadence: Annotated[
        int | None, typer.Option(help="Your running cadence, steps/min (both feet).")
    ] = None,
    strength_days: Annotated[
        str | None,
        typer.Option(
            metavar="DAY,DAY,DAY",
            help="Three strength days, no two adjacent (default mon,wed,fri).",
        ),
    ] = None,
    pain_first_mile: Annotated[
        bool | None, answer("pain-first-mile", "pain_within_first_mile")
    ] = None,
    pain_after_activity: Annotated[
        bool | None, answer("pain-after-activity", "pain_persists_after_activity")
    ] = None,
    cannot_bear_weight: Annotated[
        bool | None, answer("cannot-bear-weight", "cannot_bear_weight")
    ] = None,
    instability: Annotated[bool | None, answer("instability", "instability")] = None,
    swelling: Annotated[
        bool | None,
        typer.Option(
            "--swelling/--no-swelling",
            help="The knee is swollen (a yes to RED-2 records it too).",
            show_default=False,
        ),
    ] = None,
    numbness: Annotated[bool | None, answer("numbness", "numbness")] = None,
    locking: Annotated[bool | None, answer("locking", "locking")] = None,
    front_of_knee: Annotated[bool | None, answer("front-of-knee", "front_of_knee")] = None,
    worse_pushed_outward: Annotated[
        bool | None, answer("worse-pushed-outward", "worse_knee_pushed_outward")
    ] = None,
    tender_swelling: Annotated[bool | None, answer("tender-swelling", "tender_swelling")] = None,
    atypical_location: Annotated[
        bool | None, answer("atypical-location", "atypical_location")
    ] = None,
    not_activity_related: Annotated[
        bool | None,
        answer("not-activity-related", "not_activity_related"),
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="Your time zone, e.g. Europe/Berlin (default: this machine).")
    ] = None,
    units: Annotated[
        Literal["metric", "imperial"], typer.Option(help="Units to show distances in.")
    ] = "metric",
    no_red_flags: Annotated[
        bool,
        typer.Option(
            "--no-red-flags",
            help="No to every safety question (RED-1..7, RED-11) at once.",
            show_default=False,
        ),
    ] = False,
    replace: ReplaceFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Intake: your knee, your running and a short safety screen. Starts your record.

    Without a terminal, answer every safety question with its flag (--locking or
    --no-locking, ...) or give --no-red-flags when every answer is no.
    """
    answers = IntakeAnswers(
        start_date=start_date,
        side=side,
        weekly_minutes=weekly_minutes,
        cadence=cadence,
        strength_days=None if strength_days is None else parse_weekdays(strength_days),
        timezone=timezone,
        units=units,
        intake={
            "pain_within_first_mile": pain_first_mile,
            "pain_persists_after_activity": pain_after_activity,
            "cannot_bear_weight": cannot_bear_weight,
            "instability": instability,
            "swelling": swelling,
            "numbness": numbness,
            "locking": locking,
            "front_of_knee": front_of_knee,
            "worse_knee_pushed_outward": worse_pushed_outward,
            "tender_swelling": tender_swelling,
            "atypical_location": atypical_location,
            "not_activity_related": not_activity_related,
        },
    )
    today = local_today(timezone)
    with open_coach() as coach:
        if not replace and has_profile(coach):
            raise RecordNotEmpty("a profile exists already: use --replace to change it")
        ask_missing(answers, coach.protocol, today, no_red_flags=no_red_flags)
        profile = Profile.model_validate(profile_data(answers, answers.start_date or today))
        coach.start(profile, replace=replace)
        if as_json:
            emit_json(profile.model_dump(mode="json"))
            return

        show(intake_view(profile, coach.plan(profile.start_date), coach.protocol))


def demo(as_json: JsonFlag = False) -> None:
    """Load a sample runner (six weeks of rehab ending today) into the separate record
    'demo', replacing any earlier sample, and show today's plan. Your own record is untouched."""
    with open_coach(DEMO_RECORD) as coach:
        document = demo_document(coach.today())
        count = coach.load(document, replace=True).events
        start = document.profile.start_date
        if as_json:
            emit_json({"loaded": count, "start_date": start.isoformat()})
            return

        intro = Text(f"Loaded a sample runner: {count} events since {start} (day 1).\n")
        intro.append(
            "Their plan for today follows. Explore the sample with "
            "`gerdy --record demo status` or `gerdy --record demo plan`."
        )
        plan = coach.plan(coach.today())
        show(intro, Text(), day_view(plan, coach.protocol, document.profile.units))


def export(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of printing."),
    ] = None,
    fhir: Annotated[
        bool,
        typer.Option(
            "--fhir",
            help="A FHIR R4 collection Bundle (pseudonymous) instead of the gerdy/1 document.",
        ),
    ] = False,
    as_json: JsonFlag = False,  # accepted like every command's --json: the output is JSON anyway
) -> None:
    """Print (or write) the whole record as one `gerdy/1` JSON document (or, with --fhir, as
    a FHIR R4 Bundle for a clinic's system)."""
    with open_coach() as coach:
        if fhir:
            document = fhir_bundle(coach, coach.today(), coach.now() or dt.datetime.now(dt.UTC))
        else:
            document = coach.export()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandFailed(f"cannot write {output}: {exc.strerror or exc}") from exc
    if fhir:
        typer.echo(f"Wrote {len(document['entry'])} FHIR resources to {output}.", err=True)
    else:
        typer.echo(f"Wrote {len(document['events'])} events to {output}.", err=True)


def read_text(path: str) -> str:
    if path == "-":
        return typer.get_text_stream("stdin").read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CommandFailed(f"cannot read {path}: not a UTF-8 text file") from exc
    except OSError as exc:
        raise CommandFailed(f"cannot read {path}: {exc.strerror or exc}") from exc


def load(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A gerdy/1 JSON file, or - .")],
    replace: ReplaceFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Load a `gerdy/1` JSON document. All of it is checked before anything is written."""
    document = parse_document_text(read_text(file))
    with open_coach() as coach:
        loaded = coach.load(document, replace=replace)
    start = document.profile.start_date.isoformat()
    if as_json:
        emit_json({"loaded": loaded.events, "reported": loaded.reported, "start_date": start})
        return
    typer.echo(f"Loaded {loaded.events} events (day 1 is {start}).")
    if loaded.reported:
        typer.echo(reported_sentence(loaded.reported))


def correct(
    event_id: Annotated[str, typer.Argument(metavar="EVENT_ID", help="The event to replace.")],
    json_event: Annotated[
        str,
        typer.Option("--json-event", metavar="JSON", help="The corrected event, as JSON."),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Correct a logged event: the new one supersedes it (nothing is deleted)."""
    try:
        raw = json.loads(json_event)
    except json.JSONDecodeError as exc:
        raise UsageProblem(f"--json-event is not valid JSON: {exc.msg}") from exc
    replacement = parse_event(raw)
    with open_coach() as coach:
        stored = coach.correct(event_id, replacement)
    if as_json:
        emit_json(stored.model_dump(mode="json", exclude_none=True))
        return
    typer.echo(f"Saved {stored.type} of {stored.date} as {stored.id}, replacing {event_id}.")


class PlainHelpCommand(TyperCommand):
    """A command whose --help is click's plain text: `gerdy init` has many long --x/--no-x
    flags, which Rich's option table cuts short in 80 columns; plain text wraps them whole."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rich_markup_mode = None


def register(app: typer.Typer) -> None:
    app.command("init", cls=PlainHelpCommand)(init)
    app.command("demo")(demo)
    app.command("export")(export)
    app.command("load")(load)
    app.command("correct")(correct)
