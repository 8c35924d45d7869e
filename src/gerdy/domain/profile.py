"""The runner's profile: intake answers and personal settings (the `gerdy/1` profile object)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from gerdy.domain.choices import WEEKDAYS, Track, Weekday, three_separate_days
from gerdy.domain.events import check_running_cadence

__all__ = ["WEEKDAYS", "Intake", "Profile", "Settings", "Side", "Track", "Units", "Weekday"]

Side = Literal["left", "right", "both"]
Units = Literal["metric", "imperial"]


class Intake(BaseModel):
    """Answers given at intake (P1-2 track choice, RED-1..7 and RED-11 screen). Absent = false."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pain_within_first_mile: bool = False
    pain_persists_after_activity: bool = False
    cannot_bear_weight: bool = False
    instability: bool = False
    swelling: bool = False
    numbness: bool = False
    locking: bool = False
    front_of_knee: bool = False
    worse_knee_pushed_outward: bool = False
    tender_swelling: bool = False
    atypical_location: bool = False
    not_activity_related: bool = False


class Settings(BaseModel):
    """Protocol settings a runner (or their physio) may choose within the spec's ranges.

    None means the protocol's default. The ranges are checked against the protocol by the engine.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    gate_days: int | None = Field(default=None, ge=1, le=14)
    hills_track_week: int | None = Field(default=None, ge=1, le=12)
    maintenance_strength_per_week: int | None = Field(default=None, ge=1, le=3)


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start_date: dt.date = Field(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))
    side: Side
    baseline_weekly_run_minutes: float = Field(ge=0, le=3000)
    cadence_spm: Annotated[int, AfterValidator(check_running_cadence)] | None = None
    strength_days: tuple[Weekday, ...] | None = None
    track: Track | None = None
    intake: Intake = Field(default_factory=Intake)
    settings: Settings = Field(default_factory=Settings)
    units: Units = "metric"
    timezone: str | None = Field(default=None, max_length=64)
    # When the calendar's sessions start and remind (in `timezone`); None: the feed's default.
    reminder_time: dt.time | None = None

    @field_validator("reminder_time")
    @classmethod
    def _whole_minutes(cls, value: dt.time | None) -> dt.time | None:
        """A time of day to the minute, without a zone ("18:15")."""
        if value is not None and value.tzinfo is not None:
            raise ValueError("reminder_time is a time of day without a zone, like 18:15")
        return None if value is None else value.replace(second=0, microsecond=0)

    @field_validator("strength_days")
    @classmethod
    def _three_separate_days(cls, days: tuple[Weekday, ...] | None) -> tuple[Weekday, ...] | None:
        return None if days is None else three_separate_days(days)

    @model_validator(mode="after")
    def _timezone_known(self) -> Profile:
        if self.timezone is not None:
            try:
                ZoneInfo(self.timezone)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        return self

    @property
    def derived_track(self) -> Track:
        """P1-2: break when pain starts within the first mile or persists after activity."""
        if self.track is not None:
            return self.track
        if self.intake.pain_within_first_mile or self.intake.pain_persists_after_activity:
            return "break"
        return "reduced"
