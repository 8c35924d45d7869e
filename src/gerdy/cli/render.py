"""Rich views of plans: the day (`gerdy today`), the status, the calendar (`gerdy plan`) and
the intake summary (`gerdy init`). Alerts always come first: red flags in red panels (never
hidden), back-off signs in yellow, information dimmed. Every task shows its rule ID and why.

Views are built from plan values and the protocol only; they decide nothing. Everything
fits an 80-column terminal (tested).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gerdy.domain.profile import Profile
from gerdy.engine.plan import Alert, CadenceTarget, DayPlan, Gate, Milestone, RunAllowance, Task
from gerdy.formatting import (
    WordLine,
    calendar_run,
    dose_text,
    in_units,
    ratio_text,
    run_text,
    span,
    stage_text,
)
from gerdy.protocol.schema import Protocol

TICK = "\u2713"
OPEN = "\u25cb"
CROSS = "\u2717"
ALERT_STYLE = {"red_flag": "bold red", "back_off": "yellow", "info": "dim"}
ALERT_LABEL = {"red_flag": "see a professional", "back_off": "back off", "info": "note"}


def make_console() -> Console:
    # Plain strings stay plain (no markup, no emoji codes): every style is set on Text objects,
    # which also keeps Rich from loading its large emoji table at start-up.
    return Console(highlight=False, markup=False, emoji=False)


def show(*renderables: RenderableType | None, console: Console | None = None) -> None:
    out = console or make_console()
    for renderable in renderables:
        if renderable is not None:
            out.print(renderable)


# --- pieces ------------------------------------------------------------------------------------
def stage_title(stage: str, protocol: Protocol) -> str:
    """The stage in words, as the web app names it ("Return week 2"), with what it means."""
    if stage == "protect":
        return "Protect (calm the knee)"
    if stage == "paused":
        return "Paused (running waits)"
    if stage == "progress":
        return f"Progress ({protocol.rules[protocol.progress.rule].title.lower()})"
    return stage_text(stage)


def track_text(track: str, protocol: Protocol) -> str:
    if track == "break":
        return "break track: no running until the return-to-run check (RTR-0) is met"
    cap = round(protocol.protect.reduced_cap_fraction * 100)
    return f"reduced track: at most {cap}% of your usual running minutes, easy and flat"


def header(plan: DayPlan, protocol: Protocol, title: str = "") -> Text:
    text = Text()
    lead = f"{title} " if title else ""
    text.append(f"{lead}{plan.date:%a %d %b %Y}", style="bold")
    text.append(f" \u00b7 day {plan.day} \u00b7 week {plan.week}\n")
    text.append("Stage: ", style="bold")
    text.append(stage_title(plan.stage, protocol), style="cyan")
    since = f" since {plan.stage_since:%a %d %b}"
    if plan.stage_week > 1:
        since += f" (week {plan.stage_week} at this stage)"
    text.append(since)
    if not plan.gate.met:  # the track (P1-2) matters only until the return-to-run check
        text.append("\nTrack: ", style="bold")
        text.append(track_text(plan.track, protocol))
    return text


def alert_views(alerts: Iterable[Alert]) -> list[RenderableType]:
    """Red flags and back-off signs as panels, information as dim lines; in the plan's order."""
    views: list[RenderableType] = []
    for alert in alerts:
        if alert.level == "info":
            views.append(
                Text(f"\u2139 {alert.rule} \u00b7 {alert.title}: {alert.text}", style="dim")
            )
            continue
        style = "red" if alert.level == "red_flag" else "yellow"
        title = Text(f"{alert.rule} \u00b7 {ALERT_LABEL[alert.level]}", ALERT_STYLE[alert.level])
        if alert.since is not None:
            title.append(f" since {alert.since:%a %d %b}", style="dim")
        body = Text(alert.title, style="bold")
        body.append(f"\n{alert.text}", style="")
        views.append(Panel(body, title=title, title_align="left", border_style=style))
    return views


def alert_reminders(alerts: Sequence[Alert]) -> Text | None:
    """One line per standing alert (shown in full by `gerdy today`)."""
    if not alerts:
        return None
    text = Text()
    for index, alert in enumerate(alerts):
        style = ALERT_STYLE[alert.level]
        text.append("\n" if index else "")
        text.append(f"\u26a0 {alert.rule}", style=style)
        text.append(f" {alert.title} (see `gerdy today`)")
    return text


def task_body(task: Task, units: str, repeated_rule: bool = False) -> Text:
    body = Text()
    body.append(task.title, style="bold")
    dose = dose_text(task)
    if dose:
        body.append(f"  {dose}")
    if task.level:
        body.append(f" \u00b7 {in_units(task.level, units)}", style="cyan")
    if task.optional:
        body.append(" (optional)", style="dim")
    if task.options:
        body.append("\n" + ", ".join(task.options))
    why = "as above" if repeated_rule else task.why
    body.append(f"\n{task.rule} \u00b7 {why}", style="dim")
    for note in task.notes:
        body.append(f"\n{note}", style="dim italic")
    return body


def task_list(tasks: Sequence[Task], units: str) -> RenderableType:
    if not tasks:
        return Text("Nothing prescribed today.", style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column()
    previous_rule = None
    for number, task in enumerate(tasks, start=1):
        mark = Text(TICK, style="green") if task.done else Text(OPEN)
        grid.add_row(f"{number}.", mark, task_body(task, units, task.rule == previous_rule))
        previous_rule = task.rule
    return grid


def run_view(run: RunAllowance) -> Text:
    text = Text()
    text.append("Run ", style="bold")
    text.append(run_text(run), style="green" if run.allowed else "yellow")
    if not run.allowed and run.reason:
        text.append(f" ({run.reason})", style="yellow")
    extras = []
    if run.allowed and run.pickups and run.pickup_seconds:
        extras.append(f"{run.pickup_seconds} s pick-ups on flat ground are fine")
    if run.allowed and not run.hills_track:
        extras.append("no hills or track yet (RTR-5)")
    if run.week_minutes_cap is not None:
        extras.append(f"this week {run.week_minutes_done:g} of {run.week_minutes_cap:g} min")
    if extras:
        text.append(" \u00b7 " + " \u00b7 ".join(extras))
    text.append(f"\n{run.rule} \u00b7 {run.why}", style="dim")
    return text


def gate_view(gate: Gate) -> Text:
    text = Text()
    text.append(f"Return-to-run check ({gate.rule}) ", style="bold")
    if gate.met:
        text.append(f"met on {gate.met_on}", style="green")
        return text
    text.append(f"{gate.pain_free_days} of {gate.needed_days} pain-free days")
    mark, style = (TICK, "green") if gate.strength_pain_free else (CROSS, "yellow")
    text.append(" \u00b7 last strength session complete and pain-free ")
    text.append(mark, style=style)
    return text


def milestone_view(milestone: Milestone | None) -> Text | None:
    """RTR-8 (v1.2): the next milestone and its earliest date."""
    if milestone is None:
        return None
    text = Text()
    text.append("Next: ", style="bold")
    if milestone.earliest_date is not None:
        text.append(f"{milestone.earliest_date:%a %d %b %Y}", style="cyan")
        text.append(" at the earliest \u00b7 ")
    text.append(milestone.what)
    text.append(f"\nRTR-8 \u00b7 {milestone.rule}", style="dim")
    return text


def run_questions_view(plan: DayPlan, only: str | None = None) -> Text | None:
    """v1.2: the runs waiting for answers (answered, never assumed; the 2-hour question, asked
    from 2 h after the run: the CLI asks at once and says so), imported runs to confirm, and
    runs counted once (a hand-typed and an imported run of the day). With `only`, what
    concerns that event."""
    lines: list[str] = []
    for question in plan.runs_awaiting_answers:
        if only is not None and question.event_id != only:
            continue
        asked = []
        if "pain_during" in question.missing:
            asked.append("--pain-during N")
        if "pain_after_hours" in question.missing:
            asked.append("--pain-after-hours H (the 2-hour question, from 2 h after the run)")
        source = "imported run" if question.imported else "run"
        lines.append(
            f"? The {source} of {question.date:%a %d %b} ({question.minutes:g} min) waits for "
            f"its answers: gerdy log rate {question.event_id} {' '.join(asked)}"
        )
    for confirm in plan.runs_to_confirm:
        if only is None or confirm.event_id == only:
            source = "imported run" if confirm.imported else "run"
            lines.append(
                f"? Check the {source} of {confirm.date:%a %d %b}: {confirm.why}. "
                f"Right as recorded: gerdy log rate {confirm.event_id} --confirm; otherwise "
                f"gerdy correct {confirm.event_id}."
            )
    for link in plan.linked_runs:
        if only is None or only in (link.hand_id, link.imported_id):
            lines.append(
                f"= One run, not two: your {link.minutes:g}-min run and the imported "
                f"{link.imported_minutes:g}-min one count once, with your answers "
                f"(ids {link.hand_id} and {link.imported_id})."
            )
    return Text("\n".join(lines), style="yellow") if lines else None


def cadence_view(cadence: CadenceTarget | None) -> Text | None:
    if cadence is None:
        return None
    text = Text()
    text.append(f"Cadence ({cadence.rule}) ", style="bold")
    if not cadence.change:
        text.append(f"{cadence.current} steps/min: keep it as it is")
        return text
    text.append(f"now {cadence.current}, aim for {cadence.target} steps/min")
    if cadence.recheck_on is not None:
        text.append(f" (re-check from {cadence.recheck_on})", style="dim")
    return text


def word_view(lines: Sequence[WordLine]) -> Text | None:
    """The notes, clearances and settings changes of the last two weeks, each with who
    recorded it ("You" for the runner's own: a clearance they recorded is their word)."""
    if not lines:
        return None
    text = Text()
    text.append("\nNotes and changes", style="bold underline")
    for line in lines:
        text.append(f"\n{line.date:%a %d %b} ", style="dim")
        text.append(line.text)
        text.append(f" \u2014 {line.by or 'You'}", style="dim")
    return text


# --- whole views --------------------------------------------------------------------------------
def day_view(plan: DayPlan, protocol: Protocol, units: str, word: Sequence[WordLine] = ()) -> Group:
    """`gerdy today`: header, alerts first, the notes and changes of the last two weeks, the
    tasks in order, then run, gate and cadence."""
    parts: list[RenderableType] = [header(plan, protocol), *alert_views(plan.alerts)]
    notes = word_view(word)
    if notes is not None:
        parts.append(notes)
    parts += [Text("\nToday", style="bold underline"), task_list(plan.tasks, units), Text()]
    parts += [run_view(plan.run), gate_view(plan.gate)]
    for extra in (milestone_view(plan.next_milestone), run_questions_view(plan)):
        if extra is not None:
            parts.append(extra)
    cadence = cadence_view(plan.cadence)
    if cadence is not None:
        parts.append(cadence)
    return Group(*parts)


def status_view(plan: DayPlan, protocol: Protocol, word: Sequence[WordLine] = ()) -> Group:
    """`gerdy status`: where the runner stands, alerts first, the notes and changes of the
    last two weeks, and what to expect (TL-1)."""
    parts: list[RenderableType] = [header(plan, protocol, "Status on"), *alert_views(plan.alerts)]
    notes = word_view(word)
    if notes is not None:
        parts.append(notes)
    parts.append(Text())
    parts.append(gate_view(plan.gate))
    adherence = Text()
    adherence.append("Adherence: ", style="bold")
    adherence.append(ratio_text(plan.adherence.done, plan.adherence.prescribed))
    adherence.append(
        " \u00b7 strength sessions and daily rolling and stretching so far", style="dim"
    )
    parts += [adherence, run_view(plan.run)]
    for extra in (milestone_view(plan.next_milestone), run_questions_view(plan)):
        if extra is not None:
            parts.append(extra)
    cadence = cadence_view(plan.cadence)
    if cadence is not None:
        parts.append(cadence)
    for item in protocol.timeline[:1]:
        expect = Text()
        expect.append(f"\nWhat to expect ({item.id}) ", style="bold")
        expect.append(item.text, style="dim")
        parts.append(expect)
    return Group(*parts)


def calendar_view(plans: Sequence[DayPlan]) -> Table:
    """`gerdy plan`: one row per day."""
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Day", no_wrap=True)
    table.add_column("Stage", no_wrap=True)
    table.add_column("Run", no_wrap=True)
    table.add_column("Strength", justify="center", no_wrap=True)
    table.add_column("Roll/stretch", no_wrap=True)
    table.add_column("Alerts", overflow="fold")
    for plan in plans:
        kinds = {task.kind for task in plan.tasks}
        mobility = "+".join(k for k in ("roll", "stretch") if k in kinds) or "\u2014"
        alerts = Text()
        for alert in plan.alerts:
            if alert.level != "info":
                alerts.append(alert.rule + " ", style=ALERT_STYLE[alert.level])
        table.add_row(
            plan.date.isoformat(),
            f"{plan.date:%a}",
            plan.stage,
            calendar_run(plan.run),
            TICK if "strength" in kinds else "",
            mobility,
            alerts,
        )
    return table


def intake_view(profile: Profile, plan: DayPlan, protocol: Protocol) -> Group:
    """`gerdy init`: intake red flags first (RED-9), then the track (P1-2) and what is next."""
    parts: list[RenderableType] = []
    flags = [a for a in plan.alerts if a.level == "red_flag" and a.since == profile.start_date]
    if flags:
        red9 = protocol.red_flag("RED-9")
        body = Text(red9.text + "\n")
        for alert in flags:
            flag = protocol.red_flag(alert.rule)
            body.append(f"\n\u2022 {alert.rule} {flag.title}. ", style="bold")
            body.append(flag.text)
        title = Text(f"RED-9 \u00b7 {red9.title}", style="bold red")
        parts.append(Panel(body, title=title, title_align="left", border_style="red"))
    saved = Text()
    saved.append("Saved. ", style="bold green")
    saved.append(f"Day 1 is {profile.start_date:%a %d %b %Y} ({profile.side} knee).\n")
    saved.append("Track ", style="bold")
    saved.append(track_text(plan.track, protocol) + "\n")
    saved.append(f"P1-2 \u00b7 {protocol.why('P1-2')}", style="dim")
    parts.append(saved)
    gate = protocol.gate
    weeks = span(gate.expected_weeks.min, gate.expected_weeks.max)
    nxt = Text()
    nxt.append("\nWhat happens next\n", style="bold")
    if plan.track == "break":
        running = "Running comes back once"
    else:
        running = "Until then you run a little less (see `gerdy today`); it builds up again once"
    nxt.append(
        "Each day: `gerdy checkin` to rate your knee, `gerdy today` for the day's plan, and "
        "`gerdy log ...` for what you did. Rolling and hip stretches start today; hip "
        f"strength starts on day {protocol.strength.first_day}. {running} the return-to-run "
        f"check ({gate.rule}) is met, typically in weeks {weeks}.\n"
    )
    nxt.append(f"TL-1 \u00b7 {protocol.rules['TL-1'].why}", style="dim")
    parts.append(nxt)
    return Group(*parts)
