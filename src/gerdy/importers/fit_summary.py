"""The few FIT messages gerdy reads (file_id, sport, session, lap, activity; record cadence
when a run's session lacks it), as values equal field for field to fitdecode's, and how they
become activities. Both the fast scanner (`fit_scanner`) and the library fallback
(`fit_library`) fill a `FitSummary`, so the rules below are written once.

Running cadence: FIT stores it per foot (strides/min) in `avg_cadence` (shown as
`avg_running_cadence`) plus `avg_fractional_cadence`; steps/min = 2 x (cadence + fraction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from gerdy.importers.base import RIDE, RUN, SWIM, UNKNOWN, WALK, Activity, ImportFailure

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
FIT_EPOCH_NAIVE = FIT_EPOCH.replace(tzinfo=None)
# Below this a FIT date_time is device-relative (seconds since the device started), not UTC.
RELATIVE_TIME_LIMIT = 0x10000000

FIT_SPORTS = {
    "running": RUN,
    "walking": WALK,
    "cycling": RIDE,
    "e_biking": RIDE,
    "swimming": SWIM,
}
UNNAMED_SPORTS = {None, "generic"}

# Global message numbers of the messages gerdy reads (FIT profile).
FILE_ID, SPORT, SESSION, LAP, RECORD, ACTIVITY = 0, 12, 18, 19, 20, 34


@dataclass
class FitMessage:
    """The fields gerdy reads from one session or lap message (fitdecode's names and values;
    `avg_cadence` also stands for its running subfield `avg_running_cadence`)."""

    sport: str | int | None = None
    sub_sport: str | int | None = None
    start_time: dt.datetime | int | None = None
    total_elapsed_time: float | None = None
    total_timer_time: float | None = None
    total_distance: float | None = None
    avg_cadence: int | None = None
    avg_fractional_cadence: float | None = None


@dataclass
class FitSummary:
    file_types: list[str | int | None] = field(default_factory=list)
    sports: list[tuple[str | int | None, str | int | None]] = field(default_factory=list)
    sessions: list[FitMessage] = field(default_factory=list)
    laps: list[FitMessage] = field(default_factory=list)
    activity_timestamp: dt.datetime | int | None = None
    activity_local_timestamp: int | None = None
    record_cadence_sum: float = 0.0
    record_cadence_count: int = 0
    fit_files: int = 0

    def add_message(self, number: int, values: dict[str, Any]) -> None:
        """Keep one decoded message (the same for the scanner and the library);
        `local_timestamp` of an activity message is its raw seconds."""
        if number in (SESSION, LAP):
            (self.sessions if number == SESSION else self.laps).append(FitMessage(**values))
        elif number == RECORD:
            cadence = values.get("cadence")
            if cadence:
                self.record_cadence_sum += cadence + values.get("fractional_cadence", 0.0)
                self.record_cadence_count += 1
        elif number == FILE_ID:
            self.file_types.append(values.get("type"))
        elif number == SPORT:
            self.sports.append((values.get("sport"), values.get("sub_sport")))
        elif number == ACTIVITY:
            self.activity_timestamp = values.get("timestamp")
            self.activity_local_timestamp = values.get("local_timestamp")

    def needs_record_cadence(self) -> bool:
        """True when the only session is a run that stores no cadence (read the records)."""
        return (
            len(self.sessions) == 1
            and self.sessions[0].avg_cadence is None
            and self._sport_name(self.sessions[0]) == "running"
        )

    def _sport_name(self, message: FitMessage) -> str | int | None:
        if message.sport not in UNNAMED_SPORTS:
            return message.sport
        named = [sport for sport, _ in self.sports if sport not in UNNAMED_SPORTS]
        return named[0] if len(set(named)) == 1 else message.sport

    def activities(self, file: str) -> list[Activity]:
        """One activity per session (laps summed when a file has no session)."""
        messages = self.sessions or ([combine_laps(self.laps)] if self.laps else [])
        if not messages:
            kinds = {t for t in self.file_types if t is not None}
            if kinds and "activity" not in kinds:
                kind = ", ".join(sorted(map(str, kinds)))
                raise ImportFailure("not_activity", f"a FIT {kind} file, not a recorded activity")
            raise ImportFailure("no_session", "the FIT file has no session: nothing recorded")
        return [self._activity(m, file, index) for index, m in enumerate(messages)]

    def _activity(self, message: FitMessage, file: str, index: int) -> Activity:
        raw_sport = self._sport_name(message)
        sport = (
            UNKNOWN
            if raw_sport in UNNAMED_SPORTS
            else FIT_SPORTS.get(str(raw_sport), str(raw_sport))
        )
        cadence = None
        if sport == RUN:
            if message.avg_cadence is not None:
                cadence = 2 * (message.avg_cadence + (message.avg_fractional_cadence or 0.0))
            elif self.record_cadence_count and len(self.sessions) <= 1:
                cadence = 2 * self.record_cadence_sum / self.record_cadence_count
        start, local_start = self._start(message.start_time)
        return Activity(
            sport=sport,
            start=start,
            timer_s=message.total_timer_time,
            elapsed_s=message.total_elapsed_time,
            distance_m=message.total_distance,
            cadence_spm=cadence,
            file=file,
            session=index,
            local_start=local_start,
        )

    def _start(
        self, start: dt.datetime | int | None
    ) -> tuple[dt.datetime | None, dt.datetime | None]:
        """UTC start, or the device's wall-clock start when the file keeps relative times
        (worked out from the activity message's local_timestamp)."""
        if isinstance(start, dt.datetime):
            return start, None
        stamp, local = self.activity_timestamp, self.activity_local_timestamp
        if isinstance(start, int) and isinstance(stamp, int) and local is not None:
            return None, FIT_EPOCH_NAIVE + dt.timedelta(seconds=local - (stamp - start))
        return None, None


def combine_laps(laps: list[FitMessage]) -> FitMessage:
    def total(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    return FitMessage(
        sport=laps[0].sport,
        sub_sport=laps[0].sub_sport,
        start_time=laps[0].start_time,
        total_elapsed_time=total([lap.total_elapsed_time for lap in laps]),
        total_timer_time=total([lap.total_timer_time for lap in laps]),
        total_distance=total([lap.total_distance for lap in laps]),
    )


def fit_datetime(raw: int) -> dt.datetime | int:
    """A FIT date_time as fitdecode gives it: UTC datetime, or the int when device-relative."""
    if raw >= RELATIVE_TIME_LIMIT:
        return FIT_EPOCH + dt.timedelta(seconds=raw)
    return raw
