"""`gerdy checkin` and `gerdy log strength|run|rate|roll|stretch|cross|clearance`: record what
happened on a day (default today) as one event, then show what it changed: the red-flag and
back-off alerts of that day, a run off what the plan offered (keeping to the rung, v1.2: on
the day it was logged), a run still waiting for its answers, and the return-to-run check.

Values are checked before the record is opened for writing; the Coach refuses events dated
before the start. With `--json` the stored event and the day's stage, gate and alerts are
printed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import typer
from rich.text import Text

from gerdy.cli import exercise_input as given
from gerdy.cli.exercise_input import exercise_ids
from gerdy.cli.options import (
    DateOption,
    JsonFlag,
    UsageProblem,
    ask_choice,
    ask_int,
    ask_number,
    ask_text,
    ask_yes_no,
    emit_json,
    pain_option,
    required,
    stdin_is_interactive,
)
from gerdy.cli.render import (
    alert_reminders,
    alert_views,
    gate_view,
    run_questions_view,
    show,
)
from gerdy.cli.session import open_coach
from gerdy.domain.bounds import Bounds, bounds_of
from gerdy.domain.events import CheckinAnswers, Cross, Event, RunReport
from gerdy.formatting import distance_text, km_from
from gerdy.protocol import load_protocol
from gerdy.questions import (
    NONE_OF_THESE_FLAG,
    Question,
    checkin_answers,
    checkin_questions,
    run_answers,
    run_questions,
    unanswered_text,
)
from gerdy.services import Coach
from gerdy.services.coach import LoggedWithPlan

NoteOption = Annotated[str | None, typer.Option("--note", help="A note kept with the entry.")]


# The check-in's and the run's questions (`gerdy.questions`: the web asks the same ones, in the
# same words), and the bounds the event models set.
CHECKIN = checkin_questions(load_protocol())
RUN = run_questions(load_protocol())
ASKED = {question.name: question for question in (*CHECKIN.all, *RUN.all)}
PAIN = bounds_of(CheckinAnswers, "pain_daily")
RUN_MINUTES = bounds_of(RunReport, "minutes")
PAIN_AFTER_HOURS = bounds_of(RunReport, "pain_after_hours")
CROSS_MINUTES = bounds_of(Cross, "minutes")


def flag(name: str, help_text: str) -> Any:
    return typer.Option(f"--{name}", help=help_text)


def asked(name: str) -> Any:
    """The option that answers the question `name` (a check-in's or a run's), helped by the
    question in its own words and the rule its answer feeds."""
    question = ASKED[name]
    if question.kind == "pain":
        return pain_option(question.option, question.words, PAIN)
    if question.kind == "yes_no":
        names = f"{question.option}/{question.no_option}"
        return typer.Option(names, help=question.words, show_default=False)
    if question.later:
        return typer.Option(
            question.option,
            help=f"{question.words} Leave it out to answer later with `gerdy log rate`.",
        )
    return typer.Option(question.option, help=question.words)


def missing(open_: tuple[Question, ...]) -> UsageProblem:
    """The questions left open, by the options that answer them (no terminal to ask)."""
    return UsageProblem(unanswered_text(open_, lambda q: f"{q.options} ({q.text})"))


def ask_open(open_: tuple[Question, ...], values: dict[str, object]) -> None:
    """At a terminal: ask each open question in its own words."""
    for question in open_:
        if question.kind == "pain":
            values[question.name] = ask_int(question.text, PAIN)
        elif question.kind == "yes_no":
            values[question.name] = ask_yes_no(question.text, default=None)
        elif question.kind == "minutes":
            values[question.name] = ask_number(question.text, RUN_MINUTES)
        else:
            values[question.name] = ask_later(question.text, PAIN_AFTER_HOURS)


def record(
    coach: Coach, date: dt.date | None, data: dict[str, Any], as_json: bool, summary: str
) -> Event:
    """Build the event (validated by its model), log it, and report what it changed."""
    done = coach.record({**data, "date": date})
    report(done, as_json, summary)
    return done.event


# What a log prints with --json: the stored event and what its day's plan now says.
LOGGED_KEYS = ("stage", "gate", "alerts", "next_milestone", "runs_awaiting_answers",
               "runs_to_confirm", "linked_runs")  # fmt: skip


def report(done: LoggedWithPlan, as_json: bool, summary: str) -> None:
    """What the log changed, from the day's plan: the alerts it raised (an overrun's too),
    the reminders of the standing ones, the run's questions still open, the gate."""
    stored, plan = done.event, done.plan
    if as_json:
        view = plan.to_json()
        event = {"event": stored.model_dump(mode="json", exclude_none=True)}
        emit_json(event | {key: view[key] for key in LOGGED_KEYS})
        return

    line = Text(f"Saved {summary} for {stored.date:%a %d %b %Y}.", style="bold green")
    line.append(f"\nid {stored.id}", style="dim")
    new = [alert for alert in plan.alerts if alert.since == stored.date]
    older = [a for a in plan.alerts if a.level != "info" and a.since != stored.date]
    show(
        line,
        *alert_views(new),
        alert_reminders(older),
        run_questions_view(plan, only=stored.id),
        None if plan.gate.met else gate_view(plan.gate),
    )


# --- checkin --------------------------------------------------------------------------------
YesNo = bool | None


def checkin(
    date: DateOption = None,
    pain: Annotated[int | None, asked("pain_daily")] = None,
    rest_pain: Annotated[int | None, asked("pain_rest")] = None,
    swelling: Annotated[YesNo, asked("swelling")] = None,
    instability: Annotated[YesNo, asked("instability")] = None,
    locking: Annotated[YesNo, asked("locking")] = None,
    numbness: Annotated[YesNo, asked("numbness")] = None,
    cannot_bear_weight: Annotated[YesNo, asked("cannot_bear_weight")] = None,
    front_of_knee: Annotated[YesNo, asked("front_of_knee")] = None,
    tender_swelling: Annotated[YesNo, asked("tender_swelling")] = None,
    worse_pushed_outward: Annotated[YesNo, asked("worse_knee_pushed_outward")] = None,
    none_of_these: Annotated[
        bool,
        typer.Option(
            f"--{NONE_OF_THESE_FLAG}",
            help=f"{CHECKIN.none_of_these}: no to each symptom not given as yes.",
        ),
    ] = False,
    note: NoteOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Daily check-in: knee pain in daily life and at rest, and each symptom (answered, never
    assumed: what the options leave open is asked at a terminal, refused otherwise)."""
    by_option = {
        "pain_daily": pain, "pain_rest": rest_pain, "swelling": swelling,
        "instability": instability, "numbness": numbness, "locking": locking,
        "cannot_bear_weight": cannot_bear_weight, "front_of_knee": front_of_knee,
        "tender_swelling": tender_swelling, "worse_knee_pushed_outward": worse_pushed_outward,
    }  # fmt: skip
    answers = checkin_answers(CHECKIN, by_option, none_of_these)
    values = dict(answers.values)
    if answers.open:
        if not stdin_is_interactive():
            raise missing(answers.open)
        ask_open(tuple(q for q in answers.open if q.kind == "pain"), values)
        ask_symptoms(tuple(q for q in answers.open if q.kind == "yes_no"), values)
    data = {"type": "checkin", **values, "note": note}
    summary = (
        f"check-in (pain {values['pain_daily']}/10 in daily life, {values['pain_rest']}/10 at rest)"
    )
    with open_coach() as coach:
        record(coach, date, data, as_json, summary)


def ask_symptoms(open_: tuple[Question, ...], values: dict[str, object]) -> None:
    """At a terminal: the symptom questions left open, listed, then "none of these?"; a no
    asks each one."""
    if not open_:
        return
    typer.echo(f"{CHECKIN.symptoms_legend}:", err=True)
    for question in open_:
        typer.echo(f"  - {question.text}", err=True)
    if ask_yes_no(f"{CHECKIN.none_of_these}?", default=None):
        values.update({question.name: False for question in open_})
        return
    ask_open(open_, values)


# --- log ------------------------------------------------------------------------------------
log_app = typer.Typer(help="Record what you did: strength, a run, rolling, stretching, ...")


@log_app.callback(invoke_without_command=True)
def log_root(ctx: typer.Context) -> None:
    """Record what you did (see each kind's --help)."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@log_app.command("strength")
def log_strength(
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise",
            "-e",
            metavar="ID:REPS,REPS,REPS[:PAIN[:EFFORT]]",
            help="One exercise as done, e.g. clamshell:15,15,15:0:easy (repeatable).",
        ),
    ] = None,
    all_six: Annotated[
        bool,
        typer.Option(
            "--all",
            help="The day's session as prescribed: each exercise not yet done, at its dose.",
        ),
    ] = False,
    pain: Annotated[
        int | None,
        pain_option(
            "--pain",
            "Pain during the exercises, for each not given its own (asked at a terminal when "
            "left out, never taken as 0).",
            PAIN,
        ),
    ] = None,
    effort: Annotated[
        Literal["easy", "right", "hard"], typer.Option(help="How hard it felt.")
    ] = "right",
    knee_caved_in: Annotated[
        bool, flag("knee-caved-in", "The knee caved in on the box squat (PR-4).")
    ] = False,
    date: DateOption = None,
    note: NoteOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A strength session: reps per set, pain and effort for each exercise (ST-1..6)."""
    protocol = load_protocol()
    if exercise and all_six:
        raise UsageProblem("give either --exercise or --all, not both")
    logs = [given.parse_strength_spec(protocol, spec, pain, effort) for spec in exercise or ()]
    if any(log["pain"] is None for log in logs):  # neither --pain nor the exercise's own
        asked_pain = strength_pain()
        logs = [log | {"pain": asked_pain} if log["pain"] is None else log for log in logs]
    with open_coach() as coach:
        if not logs:
            if not all_six and not stdin_is_interactive():
                raise UsageProblem("missing --exercise or --all (no terminal to ask)")
            if all_six:
                felt = strength_pain() if pain is None else pain
                logs = coach.as_prescribed("strength", date, pain=felt, effort=effort)["exercises"]
            else:
                logs = given.ask_strength(coach.plan(date or coach.today()), protocol)
        if knee_caved_in:
            mark_knee_caved_in(logs)
        data = {"type": "strength", "exercises": logs, "note": note}
        record(coach, date, data, as_json, f"strength session ({len(logs)} exercises)")


def strength_pain() -> int:
    """The pain during the exercises, when neither --pain nor an exercise's own gives it
    (answered, never assumed): asked at a terminal, else refused naming the option."""
    if not stdin_is_interactive():
        raise UsageProblem(
            "missing --pain: how much did the knee hurt during the exercises (0-10)? "
            "Give --pain, or each exercise's own as ID:REPS:PAIN (nothing was saved)"
        )
    return ask_int(f"Pain during the exercises ({PAIN.span})", PAIN)


def mark_knee_caved_in(logs: list[dict[str, Any]]) -> None:
    for log in logs:
        if log["id"] == "single_leg_box_squat":
            log["knee_caved_in"] = True
            return
    raise UsageProblem("--knee-caved-in needs a single_leg_box_squat entry")


@log_app.command("run")
def log_run(
    minutes: Annotated[float | None, asked("minutes")] = None,
    pain_during: Annotated[int | None, asked("pain_during")] = None,
    pain_worsened: Annotated[bool | None, asked("pain_worsened")] = None,
    pain_after_hours: Annotated[float | None, asked("pain_after_hours")] = None,
    distance_km: Annotated[float | None, typer.Option()] = None,
    distance_mi: Annotated[float | None, typer.Option()] = None,
    cadence: Annotated[float | None, typer.Option(help="Steps/min, both feet (RF-1).")] = None,
    terrain: Annotated[
        Literal["flat", "hills", "track", "road"] | None, typer.Option(help="Where you ran.")
    ] = None,
    date: DateOption = None,
    note: NoteOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A run: minutes, pain during, whether it got worse, the 2-hour question (now or later),
    distance, cadence, terrain. What the options leave open is asked at a terminal."""
    if distance_km is not None and distance_mi is not None:
        raise UsageProblem("give --distance-km or --distance-mi, not both")
    by_option = {"minutes": minutes, "pain_during": pain_during, "pain_worsened": pain_worsened,
             "pain_after_hours": pain_after_hours}  # fmt: skip
    interactive = stdin_is_interactive()
    answers = run_answers(RUN, by_option, later=not interactive)
    values = dict(answers.values)
    if answers.open and not interactive:
        raise missing(answers.open)
    for question in answers.open:  # in order: whether it got worse depends on the pain
        if question is RUN.pain_worsened and values.get("pain_during") == 0:
            values[question.name] = False
        else:
            ask_open((question,), values)
    km = km_from(distance_km, distance_mi)
    data = {
        "type": "run",
        **values,
        "distance_km": km,
        "cadence_spm": cadence,
        "terrain": terrain,
        "note": note,
    }
    with open_coach() as coach:
        units = coach.profile().units
        distance = f", {distance_text(km, units)}" if km is not None else ""
        summary = (
            f"run ({values['minutes']:g} min{distance}, pain {values['pain_during']}/10 during)"
        )
        record(coach, date, data, as_json, summary)


def log_items(kind: Literal["roll", "stretch"], items: list[str] | None, **rest: Any) -> None:
    ids = exercise_ids(load_protocol(), kind, items)
    words = "rolling" if kind == "roll" else "stretching"
    with open_coach() as coach:
        data = {"type": kind, "items": ids, "note": rest["note"]}
        record(coach, rest["date"], data, rest["as_json"], f"{words} ({', '.join(ids)})")


ItemsArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="[ITEM]...", help="Exercise ids or rule IDs (default: all three)."),
]


@log_app.command("roll")
def log_roll(
    items: ItemsArgument = None, date: DateOption = None, note: NoteOption = None,
    as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """Foam rolling done (FR-1..3): tfl_roll, lateral_quad_roll, glute_roll."""
    log_items("roll", items, date=date, note=note, as_json=as_json)


@log_app.command("stretch")
def log_stretch(
    items: ItemsArgument = None, date: DateOption = None, note: NoteOption = None,
    as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """Stretches done (SX-1..3): pigeon, hip_flexor_stretch, figure_four."""
    log_items("stretch", items, date=date, note=note, as_json=as_json)


@log_app.command("cross")
def log_cross(
    activity: Annotated[
        str | None, typer.Option(help="swim, pool_run, bike, walk or your own word.")
    ] = None,
    minutes: Annotated[float | None, typer.Option()] = None,
    distance_km: Annotated[float | None, typer.Option()] = None,
    date: DateOption = None,
    note: NoteOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Cross-training instead of running (P1-3): swimming, pool running, bike, walking."""
    choices = ("swim", "pool_run", "bike", "walk")
    name = required(activity, "--activity", lambda: ask_choice("Activity", choices))
    length = required(minutes, "--minutes", lambda: ask_number("Minutes", CROSS_MINUTES))
    data = {
        "type": "cross",
        "activity": name,
        "minutes": length,
        "distance_km": distance_km,
        "note": note,
    }
    with open_coach() as coach:
        record(coach, date, data, as_json, f"cross-training ({name}, {length:g} min)")


@log_app.command("rate")
def log_rate(
    run_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[RUN_ID]", help="The run (default: the oldest run waiting for answers)."
        ),
    ] = None,
    pain_during: Annotated[int | None, asked("pain_during")] = None,
    pain_worsened: Annotated[bool | None, asked("pain_worsened")] = None,
    pain_after_hours: Annotated[float | None, typer.Option(help=RUN.pain_after_hours.words)] = None,
    confirm: Annotated[
        bool,
        flag("confirm", "A run outside the usual bounds (imported, or from a backup) is right."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Answer a run's questions later: pain during, and the 2-hour question (v1.2: a run
    counts as pain-free only once both are answered), or confirm a run outside the usual
    bounds (imported, or loaded from a backup)."""
    with open_coach() as coach:
        plan = coach.plan()
        if run_id is None:
            waiting = [q.event_id for q in plan.runs_awaiting_answers if q.event_id]
            waiting += [r.event_id for r in plan.runs_to_confirm if r.event_id]
            if not waiting:
                raise UsageProblem("no run is waiting for answers: give RUN_ID")
            run_id = waiting[0]
        answers = {
            "pain_during": pain_during,
            "pain_worsened": pain_worsened,
            "pain_after_hours": pain_after_hours,
            "confirmed": True if confirm else None,
        }
        if all(value is None for value in answers.values()):
            if not stdin_is_interactive():
                raise UsageProblem("missing --pain-during, --pain-after-hours or --confirm")
            answers["pain_after_hours"] = ask_number(RUN.pain_after_hours.text, PAIN_AFTER_HOURS)
        done = coach.answer_run(run_id, answers)
        report(done, as_json, "the run's answers")


@log_app.command("clearance")
def log_clearance(
    rule: Annotated[
        list[str] | None,
        typer.Option("--rule", metavar="RED-N", help="A red flag a professional cleared."),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="The name of the professional who cleared you.")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help="Their role, e.g. physiotherapist or sports physician."),
    ] = None,
    date: DateOption = None,
    note: NoteOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A professional has checked you and cleared these red flags (RED-*). You record it in
    your own name: the plan shows it as recorded by you, naming them."""
    rules = required(
        rule or None, "--rule", lambda: ask_list("Red flags cleared, e.g. RED-1,RED-3")
    )
    name = required(by, "--by", lambda: ask_text("Who cleared you (their name)"))
    their_role = required(role, "--role", lambda: ask_text("Their role (e.g. physiotherapist)"))
    cleared = list(dict.fromkeys(r.strip().upper() for r in rules))
    data = {"type": "clearance", "rules": cleared, "cleared_by": name,
            "cleared_by_role": their_role, "note": note}  # fmt: skip
    with open_coach() as coach:
        summary = f"clearance ({', '.join(cleared)}) by {name} ({their_role}), recorded by you"
        record(coach, date, data, as_json, summary)


def ask_later(prompt: str, bounds: Bounds) -> float | None:
    """A number within `bounds`, or None when left empty (answered later)."""
    answer = ask_text(f"{prompt}; empty to answer later", default="")
    if not answer:
        return None
    while True:
        try:
            number = float(answer)
            if number in bounds:
                return number
            typer.echo(f"  {bounds.refusal()}", err=True)
        except ValueError:
            typer.echo(f"  {bounds.refusal()}", err=True)
        answer = ask_text(f"{prompt}; empty to answer later", default="")
        if not answer:
            return None


def ask_list(prompt: str) -> list[str]:
    return [part.strip() for part in ask_text(prompt).split(",") if part.strip()]


def register(app: typer.Typer) -> None:
    app.command("checkin")(checkin)
    app.add_typer(log_app, name="log")
