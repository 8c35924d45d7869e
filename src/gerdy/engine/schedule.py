"""ST-0: which days carry a strength session. Three a week, never on consecutive days, from
day 8 through week 8 whatever the stage; from week 9 on, 3 (default) or 2 a week (TL-2)."""

from __future__ import annotations

import datetime as dt

from gerdy.domain.errors import InvalidInput
from gerdy.domain.profile import Profile
from gerdy.engine.calendar import day_number, week_number, weekday_name
from gerdy.protocol.schema import Protocol


def strength_weekdays(protocol: Protocol, profile: Profile) -> tuple[str, ...]:
    return tuple(profile.strength_days or protocol.strength.default_days)


def maintenance_sessions(protocol: Protocol, profile: Profile) -> int:
    allowed = protocol.strength.maintenance_sessions_per_week
    chosen = profile.settings.maintenance_strength_per_week
    if chosen is None:
        return protocol.strength.sessions_per_week
    if not allowed.min <= chosen <= allowed.max:
        raise InvalidInput(
            f"maintenance strength sessions must be {allowed.min}-{allowed.max} a week (TL-2)"
        )
    return chosen


def is_scheduled_strength_day(
    protocol: Protocol,
    profile: Profile,
    date: dt.date,
    weekdays: tuple[str, ...] | None = None,
) -> bool:
    """Whether `date` is a strength day: on `weekdays` (default the profile's, else the
    protocol's), from day 8, two of them a week in maintenance if the runner chose two."""
    day = day_number(profile.start_date, date)
    if day < protocol.strength.first_day:
        return False
    weekdays = weekdays or strength_weekdays(protocol, profile)
    if week_number(day) > protocol.strength.intensive_last_week:
        sessions = maintenance_sessions(protocol, profile)
        if sessions < len(weekdays):
            # keep the first and last of the three days: never adjacent (ST-0)
            weekdays = (weekdays[0], weekdays[-1]) if sessions == 2 else weekdays[:sessions]
    return weekday_name(date) in weekdays
