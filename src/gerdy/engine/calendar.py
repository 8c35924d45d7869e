"""Day and week arithmetic: day 1 is the start date, week n is days 7(n-1)+1..7n."""

from __future__ import annotations

import datetime as dt

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ONE_DAY = dt.timedelta(days=1)


def day_number(start: dt.date, date: dt.date) -> int:
    return (date - start).days + 1


def week_number(day: int) -> int:
    return (day - 1) // 7 + 1


def weekday_name(date: dt.date) -> str:
    return WEEKDAY_NAMES[date.weekday()]


def week_window(anchor: dt.date, date: dt.date) -> tuple[dt.date, dt.date]:
    """The 7-day window, counted in whole weeks from `anchor`, that contains `date`."""
    offset = (date - anchor).days // 7 * 7
    first = anchor + dt.timedelta(days=offset)
    return first, first + dt.timedelta(days=6)


def day_text(date: dt.date) -> str:
    """'Sun 13 Dec': the one way a day is written, by the plan's texts and the pages alike."""
    return f"{date:%a} {date.day} {date:%b}"
