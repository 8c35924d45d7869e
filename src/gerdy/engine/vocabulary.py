"""The spec's vocabulary (v1.1, v1.2): a swollen knee, a pain-free day, a rated run, a
pain-free run, a pain-free week and one run (not two), as the rules that count them share
them. Pure predicates, no state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from gerdy.domain.events import Checkin, Run
from gerdy.protocol.schema import Protocol, SameRun

Answer = Literal["pain_during", "pain_after_hours"]


def is_swollen(checkin: Checkin) -> bool:
    """WS-4: swelling at the outer knee (a tender swollen spot, RED-7, is swelling too)."""
    return checkin.swelling or checkin.tender_swelling


def is_pain_free_day(checkin: Checkin) -> bool:
    """A pain-free day: daily-activity pain 0 and no swelling (v1.1)."""
    return checkin.pain_daily == 0 and not is_swollen(checkin)


def pain_lasted(protocol: Protocol, run: Run) -> bool:
    """WS-2: pain lasting more than the protocol's hours after the run."""
    hours = run.pain_after_hours
    return hours is not None and hours > protocol.pain_lasts.pain_after_hours


def missing_answers(run: Run) -> tuple[Answer, ...]:
    """Answered, never assumed (v1.2): the questions a run still waits for. Pain during (not
    given for a one-tap or an imported run) and pain 2 h after (the 2-hour question, which
    may be answered later)."""
    missing: list[Answer] = []
    if run.pain_during is None:
        missing.append("pain_during")
    if run.pain_after_hours is None:
        missing.append("pain_after_hours")
    return tuple(missing)


def is_rated(run: Run) -> bool:
    """A run with both its pain answers; until then it is unrated, whatever its source."""
    return not missing_answers(run)


def is_pain_free_run(protocol: Protocol, run: Run) -> bool:
    """A pain-free run (v1.1, v1.2): rated (pain during and pain 2 h after both answered),
    pain 0 during, not worsening (WS-1), no pain lasting after it (WS-2). An unrated run
    counts for volume and is never pain-free."""
    return (
        is_rated(run)
        and run.pain_during == 0
        and not run.pain_worsened
        and not pain_lasted(protocol, run)
    )


def week_was_pain_free(protocol: Protocol, runs: Sequence[Run], warnings: Sequence[str]) -> bool:
    """A pain-free week: at least one run, every run a pain-free run, and no WS-* in it."""
    return bool(runs) and all(is_pain_free_run(protocol, run) for run in runs) and not warnings


def is_imported(run: Run) -> bool:
    """A run from a device file (it has a `source`); otherwise typed by hand."""
    return run.source is not None


def same_run(rule: SameRun, hand: Run, imported: Run) -> bool:
    """One run, not two (v1.2): same day, durations within the share of the longer one or
    within the minutes, whichever is more."""
    if hand.date != imported.date:
        return False
    longer = max(hand.minutes, imported.minutes)
    allowed = max(rule.within_fraction * longer, rule.within_minutes)
    return abs(hand.minutes - imported.minutes) <= allowed + 1e-9


def one_run(hand: Run, imported: Run) -> Run:
    """The run a linked pair counts as: the hand-entered one, with its answers (hand answers
    win), and what only the device measured (distance, cadence) when the hand left it out."""
    filled: dict[str, object] = {}
    if hand.distance_km is None and imported.distance_km is not None:
        filled["distance_km"] = imported.distance_km
    if hand.cadence_spm is None and imported.cadence_spm is not None:
        filled["cadence_spm"] = imported.cadence_spm
    return hand.model_copy(update=filled) if filled else hand
