"""`gerdy today`, `gerdy status` and `gerdy plan`: the day's plan, where the runner stands, and
the coming days as a calendar. Each asks the Coach for plans and renders them (or prints JSON);
the rules behind them all live in the engine.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer
from rich.text import Text

from gerdy.cli.options import DateOption, JsonFlag, emit_json, parse_iso_date
from gerdy.cli.render import calendar_view, day_view, show, status_view
from gerdy.cli.session import open_coach
from gerdy.engine.plan import DayPlan
from gerdy.formatting import WORD_DAYS, word_lines
from gerdy.protocol.schema import Protocol

STATUS_KEYS = (
    "date", "stage", "track", "gate", "alerts", "adherence", "run", "cadence", "next_milestone",
    "runs_awaiting_answers", "runs_to_confirm",
)  # fmt: skip


def today(date: DateOption = None, as_json: JsonFlag = False) -> None:
    """Today's plan: alerts first, then every task with its dose, rule and why."""
    with open_coach() as coach:
        profile, plan, word = coach.plan_with_word(date, days=WORD_DAYS)
        if as_json:
            emit_json(plan.to_json())
            return

        show(day_view(plan, coach.protocol, profile.units, word_lines(word(), coach.protocol)))


def status_json(plan: DayPlan, protocol: Protocol) -> dict[str, Any]:
    """The same `stage`, `gate` and `alerts` as the day's plan, plus adherence and what to
    expect (TL-1, shown as expectations, never deadlines)."""
    data = plan.to_json()
    status = {key: data[key] for key in STATUS_KEYS}
    status["expectations"] = [
        {"rule": item.id, "title": item.title, "text": item.text}
        for item in protocol.timeline
        if item.id == "TL-1"
    ]
    return status


def status(date: DateOption = None, as_json: JsonFlag = False) -> None:
    """Stage, return-to-run check progress, alerts, adherence and what to expect."""
    with open_coach() as coach:
        _profile, plan, word = coach.plan_with_word(date, days=WORD_DAYS)
        if as_json:
            emit_json(status_json(plan, coach.protocol))
            return

        show(status_view(plan, coach.protocol, word_lines(word(), coach.protocol)))


def plan(
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=52, help="How many weeks to show.")
    ] = 2,
    first: Annotated[
        dt.date | None,
        typer.Option(
            "--from",
            parser=parse_iso_date,
            metavar="YYYY-MM-DD",
            help="First day shown (default: today, or the start date if later).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The coming days as a calendar: stage, run, strength, rolling and stretching, alerts."""
    with open_coach() as coach:
        profile = coach.profile()
        start = first or max(coach.today(), profile.start_date)
        plans = coach.plans(start, weeks * 7)
        if as_json:
            emit_json([day.to_json() for day in plans])
            return

        title = Text(f"{plans[0].date:%a %d %b} to {plans[-1].date:%a %d %b %Y}", style="bold")
        note = Text(
            "Run: the most you may run that day. Days after today assume you run each run "
            "offered, at its longest and pain-free, so they show the rest days and weekly "
            "caps that follow; they change as you log.",
            style="dim",
        )
        show(title, calendar_view(plans), note)


def register(app: typer.Typer) -> None:
    app.command("today")(today)
    app.command("status")(status)
    app.command("plan")(plan)
