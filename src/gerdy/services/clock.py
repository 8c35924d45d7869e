"""The clock lives here, at the edge of the pure engine: "today" is the date in the runner's
time zone (else this machine's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from gerdy.domain.profile import Profile

Clock = Callable[[], dt.datetime]


def today_for(profile: Profile | None, now: dt.datetime | None = None) -> dt.date:
    """Today's date where the runner lives (their time zone, else this machine's)."""
    if profile is not None and profile.timezone:
        return (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(profile.timezone)).date()
    return (now or dt.datetime.now()).date()


def runners_time(profile: Profile | None, moment: dt.datetime) -> dt.datetime:
    """An aware moment on the runner's clock (their time zone, else this machine's)."""
    if profile is not None and profile.timezone:
        return moment.astimezone(ZoneInfo(profile.timezone))
    return moment.astimezone()


def day_starts(profile: Profile | None, date: dt.date) -> dt.datetime:
    """The aware moment `date` begins on the runner's clock (their time zone, else this
    machine's)."""
    midnight = dt.datetime.combine(date, dt.time())
    if profile is not None and profile.timezone:
        return midnight.replace(tzinfo=ZoneInfo(profile.timezone))
    return midnight.astimezone()
