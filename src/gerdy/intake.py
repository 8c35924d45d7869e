"""The intake's questions and answers, shared by `gerdy init` and the web intake page: which
intake field each red-flag question sets (RED-1..7, RED-11; RED-9 is the screen itself) and how
the answers become a `gerdy/1` profile object. No I/O; the Profile model validates the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SIDES = ("left", "right", "both")
# RED-n -> the intake field a "yes" to its question sets (the gerdy/1 contract names).
RED_FLAG_FIELDS: tuple[tuple[str, str], ...] = (
    ("RED-1", "cannot_bear_weight"),
    ("RED-2", "instability"),
    ("RED-3", "numbness"),
    ("RED-4", "locking"),
    ("RED-5", "front_of_knee"),
    ("RED-6", "worse_knee_pushed_outward"),
    ("RED-7", "tender_swelling"),
)
RED_11_FIELDS = ("atypical_location", "not_activity_related")
# RED-2's question asks about swelling and giving way together: a yes records both.
ALSO_SET_BY = {"RED-2": ("swelling",)}


@dataclass
class IntakeAnswers:
    """The answers given so far, from `gerdy init` options or the web form (None = not given)."""

    start_date: dt.date | None = None
    side: str | None = None
    weekly_minutes: float | None = None
    cadence: int | None = None
    strength_days: tuple[str, ...] | None = None
    timezone: str | None = None
    units: str = "metric"
    intake: dict[str, bool | None] = field(default_factory=dict)


def profile_data(answers: IntakeAnswers, start_date: dt.date) -> dict[str, Any]:
    """The `gerdy/1` profile object for these answers (validated by the Profile model)."""
    data: dict[str, Any] = {
        "start_date": start_date,
        "side": answers.side,
        "baseline_weekly_run_minutes": answers.weekly_minutes,
        "intake": {name: bool(value) for name, value in answers.intake.items() if value},
        "units": answers.units,
    }
    if answers.cadence is not None:
        data["cadence_spm"] = answers.cadence
    if answers.strength_days is not None:
        data["strength_days"] = answers.strength_days
    if answers.timezone is not None:
        data["timezone"] = answers.timezone
    return data
