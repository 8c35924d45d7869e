"""Rich views of the protocol's library: the exercise list, one exercise's full card (how to,
target muscles, purpose, cues, common errors ST-7, progression PR-*, dosage) and the
education texts. Read from the protocol data only; nothing here is decided.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gerdy.formatting import library_dose_text, span
from gerdy.protocol.schema import Exercise, Protocol


def exercise_dose(exercise: Exercise) -> str:
    dose = exercise.dose
    text = library_dose_text(dose.sets, dose.unit, dose.range.min, dose.range.max, dose.per)
    if dose.times_per_day is not None:
        times = span(dose.times_per_day.min, dose.times_per_day.max)
        text += f", {times}\u00d7 a day"
    return text


def tempo_text(exercise: Exercise) -> str:
    tempo = exercise.tempo
    if tempo is None:
        return ""
    parts = []
    if tempo.hold_top_s:
        parts.append(f"hold {tempo.hold_top_s} s at the top")
    if tempo.lower_s:
        parts.append(f"lower over {span(tempo.lower_s.min, tempo.lower_s.max, 's')}")
    if tempo.pause_tender_s:
        pause = span(tempo.pause_tender_s.min, tempo.pause_tender_s.max, "s")
        parts.append(f"pause {pause} on tender spots")
    return ", ".join(parts)


def exercise_table(exercises: Sequence[Exercise]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Name")
    table.add_column("Dose")
    for exercise in exercises:
        table.add_row(
            exercise.id, exercise.rule, exercise.kind, exercise.name, exercise_dose(exercise)
        )
    return table


def section(title: str, lines: Sequence[str], numbered: bool = False) -> Group:
    """A titled list with hanging indents."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for index, line in enumerate(lines, start=1):
        grid.add_row(f"{index}." if numbered else "\u2022", Text(line))
    return Group(Text(f"\n{title}", style="bold"), grid)


def exercise_card(exercise: Exercise, protocol: Protocol) -> Group:
    title = Text()
    title.append(exercise.name, style="bold")
    title.append(f"  {exercise.rule} \u00b7 {exercise.kind} \u00b7 {exercise.id}", style="dim")
    why = Text(f"{exercise.rule} \u00b7 {protocol.why(exercise.rule)}", style="dim")
    about = Text()
    about.append("Targets ", style="bold")
    about.append(", ".join(exercise.target_muscles) + "\n")
    about.append("Purpose ", style="bold")
    about.append(exercise.purpose)
    dose = Text()
    dose.append("\nDose ", style="bold")
    dose.append(exercise_dose(exercise))
    tempo = tempo_text(exercise)
    if tempo:
        dose.append(f" \u00b7 {tempo}")
    parts: list[RenderableType] = [title, why, about, dose]
    parts.append(section("How to", exercise.steps, numbered=True))
    parts.append(section("Cues", exercise.cues))
    if exercise.common_errors:
        rule = exercise.common_errors[0].rule
        parts.append(section(f"Common errors ({rule})", [e.text for e in exercise.common_errors]))
    if exercise.progression is not None:
        progression = exercise.progression
        levels = [
            level.label + ("  (start here)" if i == progression.start_level else "")
            for i, level in enumerate(progression.levels)
        ]
        parts.append(section(f"Progression ({progression.rule})", levels, numbered=True))
        parts.append(Text(progression.note, style="dim"))
    if exercise.cautions:
        parts.append(section("Take care", exercise.cautions))
    return Group(*parts)


def learn_table(items: Sequence[dict[str, str]]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("Topic")
    for item in items:
        table.add_row(item["id"], item["title"])
    return table


def learn_card(item: dict[str, str]) -> Panel:
    title = Text(f"{item['id']} \u00b7 {item['title']}", style="bold")
    return Panel(Text(item["text"]), title=title, title_align="left", border_style="cyan")
