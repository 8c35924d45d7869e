"""Plain-text pieces of what gerdy shows in the CLI, the web pages and the calendar: doses
("3 x 15 per side", printed with a real multiplication sign), ranges, distances and box
heights in the runner's units, run allowances, who recorded an event and what a settings
change adjusts, and the notes, clearances and settings changes as Today (web and CLI) lists
them. Pure functions on plan values and events, no Rich.

Stored values are metric (km, cm); imperial profiles see miles and inches.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gerdy.domain.events import Clearance, Event, Note, SettingsChange
from gerdy.engine.calendar import day_text as day_text  # the one way a day is written
from gerdy.engine.plausible import minutes_seconds  # the one way a pace is written

if TYPE_CHECKING:
    from gerdy.engine.plan import RunAllowance, Task
    from gerdy.protocol.schema import Protocol

KM_PER_MILE = 1.609344
DASH = "\u2013"
WORD_DAYS = 14  # a note (a physio's, or the runner's own) stays on Today for two weeks
TIMES = "\u00d7"
# "Box 60 cm (24 in) high", "0.5-1 kg (1-2 lb)": a metric amount with its imperial twin.
DUAL_UNIT = re.compile(r"([\d.\u2013-]+ (?:cm|kg|km)) \(([\d.\u2013-]+ (?:in|lb|mi))\)")


# The stages in words (the plan's `stage` is a code), and the tracks (P1-2).
STAGE_NAMES = {
    "protect": "Protect",
    "paused": "Paused",
    "return-1": "Return week 1",
    "return-2": "Return week 2",
    "return-3": "Return week 3",
    "progress": "Progress",
}
TRACK_NAMES = {"break": "a break from running", "reduced": "reduced running"}


def stage_text(stage: str) -> str:
    """'Return week 2' for 'return-2'."""
    return STAGE_NAMES.get(stage, stage)


def track_text(track: str, gate_met: bool) -> str:
    """The track (P1-2) while it matters, before the return-to-run check is met; "" after."""
    return "" if gate_met else TRACK_NAMES.get(track, track)


def span(low: float | None, high: float | None, unit: str = "") -> str:
    """'60-90 s' (with an en dash), '15 s', 'up to 12 min'."""
    suffix = f" {unit}" if unit else ""
    if low is None or low == 0:
        return f"up to {high:g}{suffix}" if high is not None else ""
    if high is None or high == low:
        return f"{low:g}{suffix}"
    return f"{low:g}{DASH}{high:g}{suffix}"


def in_units(text: str, units: str) -> str:
    """Keep only the metric or the imperial half of 'X cm (Y in)' style amounts."""
    return DUAL_UNIT.sub(lambda m: m.group(2) if units == "imperial" else m.group(1), text)


def dose_text(task: Task) -> str:
    """The task's dose in words: '3 x 15 per side', '3 x 10 steps each way', '60-90 s per side',
    '10-15 min' (printed with a multiplication sign and en dashes). Empty without a dose."""
    if task.kind == "run":
        return span(task.minutes, task.minutes_max, "min")
    if task.minutes is not None or task.minutes_max is not None:
        return span(task.minutes, task.minutes_max, "min")
    if task.seconds is not None:
        amount = span(task.seconds, task.seconds_max, "s")
    elif task.reps is not None:
        amount = str(task.reps)
    elif task.steps is not None:
        amount = f"{task.steps} steps"
    else:
        return ""
    if task.sets is not None and (task.sets > 1 or task.seconds is None):
        amount = f"{task.sets} {TIMES} {amount}"
    if task.per_side:
        amount += " per side"
    elif task.per_direction:
        amount += " each way"
    return amount


def distance_text(km: float, units: str) -> str:
    if units == "imperial":
        return f"{km / KM_PER_MILE:.1f} mi"
    return f"{km:.1f} km"


def pace_text(minutes: float, km: float | None, units: str) -> str:
    """A run's average pace in the runner's units: '5:30 /km', '8:51 /mi'; a dash without a
    distance."""
    if not km:
        return "\u2014"
    seconds_per_km = minutes * 60 / km
    if units == "imperial":
        return f"{minutes_seconds(seconds_per_km * KM_PER_MILE)} /mi"
    return f"{minutes_seconds(seconds_per_km)} /km"


def distance_in_units(km: float, units: str) -> float:
    """A stored distance as a form shows it: km as stored, or miles to 0.01 mi."""
    return round(km / KM_PER_MILE, 2) if units == "imperial" else km


def km_from(distance_km: float | None, distance_mi: float | None) -> float | None:
    """The distance to store (km) from whichever option was given."""
    if distance_mi is not None:
        return round(distance_mi * KM_PER_MILE, 3)
    return distance_km


def run_text(run: RunAllowance) -> str:
    """'10-15 min today, easy pace' / 'no run today'."""
    if not run.allowed:
        return "no run today"
    return f"{span(run.min_minutes, run.max_minutes, 'min')} today, easy pace"


def calendar_run(run: RunAllowance) -> str:
    """The calendar's run cell: the minutes allowed that day, or a dash."""
    if not run.allowed or run.max_minutes <= 0:
        return "\u2014"
    return span(run.min_minutes, run.max_minutes, "min")


def ratio_text(done: int, prescribed: int) -> str:
    if prescribed == 0:
        return "nothing prescribed yet"
    return f"{done} of {prescribed} sessions done ({round(100 * done / prescribed)}%)"


def library_dose_text(sets: int, unit: str, low: int, high: int, per: str | None) -> str:
    """An exercise's dosage range: '3 x 15-20 per side', '60-90 s per side'."""
    if unit == "seconds":
        amount = span(low, high, "s")
        amount = f"{sets} {TIMES} {amount}" if sets > 1 else amount
    else:
        amount = f"{sets} {TIMES} {span(low, high, 'steps' if unit == 'steps' else '')}"
    if per == "side":
        amount += " per side"
    elif per == "direction":
        amount += " each way"
    return amount


def author_text(event: Event, runner: str = "the runner") -> str:
    """Who recorded the event, from its author as this server verified it, never from a name
    someone typed: 'Dr. Ines Okafor (clinician)' (a clinician's signed event), 'Dr. X
    (reported)' (a loaded file named a clinician this server could not verify: the runner's
    word), else `runner`. Every view labels authors through here."""
    author = event.author
    if author is not None and author.role in ("clinician", "reported"):
        return f"{author.name} ({author.role})"
    return runner


def seen_by_text(event: Event) -> str | None:
    """The professional the runner named in their own clearance (`cleared_by`, and v1.2 their
    role), as they typed it: shown as what the entry says, never as its author."""
    if event.author is not None and event.author.role == "clinician":
        return None
    cleared_by = getattr(event, "cleared_by", None)
    if not cleared_by:
        return None
    role = getattr(event, "cleared_by_role", None)
    return f"{cleared_by} ({role})" if role else str(cleared_by)


def runners_word_text(event: Event, *, to_clinician: bool = False) -> str | None:
    """v1.2: a clearance the runner recorded is their word, shown as "Recorded by you" (to a
    clinician: "On the runner's word"); None for any other event, or a clearance a
    clinician's account recorded (or a file reported one: see `author_text`)."""
    if event.type != "clearance" or (event.author is not None and event.author.role != "runner"):
        return None
    return "On the runner's word" if to_clinician else "Recorded by you"


def settings_change_text(change: SettingsChange) -> str:
    """What a settings change adjusts, each part with its rule: 'return-to-run gate after 5
    pain-free days (RTR-0); strength on Tue, Thu, Sat (ST-0)'."""
    parts = []
    if change.gate_days is not None:
        parts.append(f"return-to-run gate after {change.gate_days} pain-free days (RTR-0)")
    if change.hills_track_week is not None:
        parts.append(f"hills and track from return week {change.hills_track_week} (RTR-5)")
    if change.strength_days is not None:
        days = ", ".join(day.capitalize() for day in change.strength_days)
        parts.append(f"strength on {days} (ST-0)")
    if change.track is not None:
        parts.append(f"the {change.track} track (P1-2)")
    return "; ".join(parts)


@dataclass(frozen=True)
class WordLine:
    """A note, a clearance or a settings change as Today shows it: what, who (None: the
    runner, shown as "You" to them), when. `to_clinician`: who, as a clinician reading the
    runner's file is told (a clearance the runner recorded is "on the runner's word")."""

    kind: str
    text: str
    by: str | None
    date: dt.date
    to_clinician: str | None = None


def word_lines(
    events: Iterable[Clearance | Note | SettingsChange], protocol: Protocol
) -> list[WordLine]:
    """Today's lines for the events (in their order); a red flag is named with its title."""

    def title_of(rule: str) -> str:
        return protocol.rules[rule].title if rule in protocol.rules else ""

    lines = []
    for event in events:
        if isinstance(event, Note):
            text = event.text
        else:
            if isinstance(event, Clearance):
                flags = (f"{rule} ({title_of(rule)})" if title_of(rule) else rule
                         for rule in event.rules)  # fmt: skip
                text = "Cleared: " + "; ".join(flags)
                if (seen_by := seen_by_text(event)) is not None:
                    text += f". Seen by {seen_by}"
            else:
                text = f"Changed: {settings_change_text(event)}"
            if event.note:
                text += f". {event.note}"
        by = runners_word_text(event) or author_text(event, runner="")
        to_clinician = runners_word_text(event, to_clinician=True) or by
        lines.append(WordLine(event.type, text, by or None, event.date, to_clinician or None))
    return lines
