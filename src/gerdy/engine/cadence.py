"""RF-1: the cadence target. 7.5% above the current cadence (the middle of 5-10%), at most
180 steps/min; a runner already at 170 or more keeps their cadence. The target is set from a
measurement and held for an adaptation period (2-3 weeks); then the latest measurement
becomes the new base and the target steps again."""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right

from gerdy.domain.profile import Profile
from gerdy.engine.history import History
from gerdy.engine.plan import CadenceTarget
from gerdy.protocol.schema import Protocol


def cadence_measurements(
    profile: Profile, history: History, until: dt.date
) -> list[tuple[dt.date, float]]:
    """The runner's cadence as given at intake, then each one measured up to `until`."""
    measured: list[tuple[dt.date, float]] = []
    if profile.cadence_spm is not None:
        measured.append((profile.start_date, float(profile.cadence_spm)))
    cadences = history.cadences()
    return measured + cadences[: bisect_right(cadences, until, key=lambda found: found[0])]


def target_for(protocol: Protocol, base: float) -> tuple[int, bool]:
    rule = protocol.cadence
    if base >= rule.no_change_at_spm:
        return round_half_up(base), False
    return min(rule.ceiling_spm, round_half_up(base * rule.step_factor)), True


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def cadence_target(
    protocol: Protocol, profile: Profile, history: History, date: dt.date
) -> CadenceTarget | None:
    """The target as of `date` (measurements dated later are not seen)."""
    measured = cadence_measurements(profile, history, date)
    if not measured:
        return None
    recheck = dt.timedelta(days=protocol.cadence.recheck_days)
    base_date, base = measured[0]
    for date, value in measured[1:]:
        if date - base_date >= recheck:
            base_date, base = date, value
    target, change = target_for(protocol, base)
    return CadenceTarget(
        rule=protocol.cadence.rule,
        current=round_half_up(measured[-1][1]),
        target=target,
        change=change,
        recheck_on=base_date + recheck if change else None,
    )
