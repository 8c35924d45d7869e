"""Values a runner, or the clinician they share their record with, may choose: the weekdays
of ST-0's strength sessions and P1-2's track. Shared by the profile and the `settings_change`
event, so the rule is written once."""

from __future__ import annotations

from typing import Literal

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Track = Literal["break", "reduced"]


def three_separate_days(days: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
    """ST-0: three different weekdays, no two adjacent (Sunday and Monday are adjacent);
    returned in week order. Raises ValueError (for a pydantic validator) otherwise."""
    if len(days) != 3 or len(set(days)) != 3:
        raise ValueError("strength_days needs exactly three different weekdays")
    indexes = sorted(WEEKDAYS.index(d) for d in days)
    gaps = [(indexes[(i + 1) % 3] - indexes[i]) % 7 for i in range(3)]
    if min(gaps) < 2:
        raise ValueError(
            "strength_days must not include two adjacent days (Sunday and Monday count)"
        )
    return tuple(WEEKDAYS[i] for i in indexes)
