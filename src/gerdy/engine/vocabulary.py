"""The spec's vocabulary (v1.1): a swollen knee, a pain-free day, a pain-free run and a
pain-free week, as the rules that count them share them. Pure predicates, no state."""

from __future__ import annotations

from collections.abc import Sequence

from gerdy.domain.events import Checkin, Run
from gerdy.protocol.schema import Protocol


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


def is_pain_free_run(protocol: Protocol, run: Run) -> bool:
    """A pain-free run (v1.1): rated, pain 0 during, not worsening (WS-1), no pain lasting
    after it (WS-2). An unrated, imported run is never pain-free."""
    return run.pain_during == 0 and not run.pain_worsened and not pain_lasted(protocol, run)


def week_was_pain_free(protocol: Protocol, runs: Sequence[Run], warnings: Sequence[str]) -> bool:
    """A pain-free week: at least one run, every run a pain-free run, and no WS-* in it."""
    return bool(runs) and all(is_pain_free_run(protocol, run) for run in runs) and not warnings
