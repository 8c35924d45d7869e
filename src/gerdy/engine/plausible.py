"""Plausible entries (v1.2): the one check of a run's minutes and pace against the protocol's
bounds. A new run typed by hand outside them is refused with a sentence that says why (every
edge refuses it the same way, through the services' record rules); an imported run is kept
as the device recorded it, counted, and listed on the plan for the runner to confirm or
correct (`run_questions.runs_to_confirm`), and so is a hand-typed run of an older record
loaded from a backup (the runner's history, not a new entry). Pure."""

from __future__ import annotations

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event, Run
from gerdy.engine.vocabulary import is_imported
from gerdy.protocol.schema import Protocol

LONGEST_SHOWN_S = 999 * 60 + 59  # a pace or time past it is shown as "over 999:59"


def minutes_seconds(seconds: float) -> str:
    """330 -> '5:30'. Past 999:59, "over 999:59": a distance of almost nothing makes a pace
    of millions of minutes, or an infinite one, that no sentence needs in full."""
    if not seconds <= LONGEST_SHOWN_S:  # also infinity
        return f"over {minutes_seconds(LONGEST_SHOWN_S)}"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def implausible(protocol: Protocol, run: Run) -> str | None:
    """Why the run is outside the plausible bounds, or None when it is within them."""
    bounds = protocol.vocabulary.plausible_run
    if run.minutes > bounds.max_minutes:
        return bounds.too_long.strip().format(
            minutes=f"{run.minutes:g}", max_minutes=f"{bounds.max_minutes:g}"
        )
    if not run.distance_km:
        return None
    pace = run.minutes * 60 / run.distance_km  # seconds per km
    values = {
        "km": f"{run.distance_km:g}",
        "minutes": f"{run.minutes:g}",
        "pace": minutes_seconds(pace),
        "fastest": minutes_seconds(bounds.fastest_pace_seconds),
        "slowest": minutes_seconds(bounds.slowest_pace_seconds),
    }
    if pace < bounds.fastest_pace_seconds:
        return bounds.too_fast.strip().format(**values)
    if pace > bounds.slowest_pace_seconds:
        return bounds.too_slow.strip().format(**values)
    return None


def check_plausible(protocol: Protocol, event: Event, corrected: Event | None = None) -> None:
    """Refuse a new run typed by hand outside the plausible bounds (InvalidInput, saying why).
    Imported runs and other events pass: an imported run is kept as recorded. So does a
    correction of a run (`corrected`) that keeps its minutes and distance, such as its
    answers given later or its confirmation: those are already in the record."""
    if not isinstance(event, Run) or is_imported(event):
        return
    if (
        isinstance(corrected, Run)
        and corrected.minutes == event.minutes
        and corrected.distance_km == event.distance_km
    ):
        return
    why = implausible(protocol, event)
    if why is not None:
        raise InvalidInput(why)
