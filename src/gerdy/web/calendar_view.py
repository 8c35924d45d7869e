"""The Calendar page's month: for each day of a month, its stage, its sessions (as Today groups
them), the runs logged that day, and whether it is a rest day; with the months before and
after. It arranges the engine's day plans; it decides nothing.

A rest day is a day the calendar feed gives no event: no strength, run, rolling or stretching
required (`gerdy.calendar_feed.has_session`), so the page and the feed agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from gerdy.calendar_feed import has_session
from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event, Run, effective_events
from gerdy.engine.plan import DayPlan
from gerdy.formatting import calendar_run, distance_text, stage_text
from gerdy.web.today_view import Session, sessions_of

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    plan: DayPlan | None  # None before day 1
    sessions: list[Session] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)  # what was logged: "25 min, 4.0 km"
    today: bool = False
    new_stage: bool = False  # the first day shown of its stage (the page names it there)

    @property
    def stage(self) -> str:
        return "" if self.plan is None else stage_text(self.plan.stage)

    @property
    def rest(self) -> bool:
        return self.plan is not None and not has_session(self.plan)

    @property
    def run_allowed(self) -> str:
        """The minutes the plan allows for a run (a dash when none)."""
        return "" if self.plan is None else calendar_run(self.plan.run)


@dataclass(frozen=True)
class Month:
    first: dt.date
    days: list[CalendarDay]
    previous: dt.date | None  # the first day of the month before (None: before day 1)
    following: dt.date

    @property
    def title(self) -> str:
        return f"{self.first:%B %Y}"

    @property
    def lead(self) -> int:
        """Empty cells before the 1st in a week that starts on Monday (0-6)."""
        return self.first.weekday()


def month_of(text: str | None, today: dt.date) -> dt.date:
    """The first day of the month asked for ("2026-06"; none: this month)."""
    if not text:
        return today.replace(day=1)
    found = MONTH.match(text)
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
        raise InvalidInput("give the month as YYYY-MM, like 2026-06")
    return dt.date(int(found.group(1)), int(found.group(2)), 1)


def next_month(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=31)).replace(day=1)


def previous_month(first: dt.date) -> dt.date:
    return (first - dt.timedelta(days=1)).replace(day=1)


def logged_runs(events: list[Event], units: str) -> dict[dt.date, list[str]]:
    """Each day's runs that count, as short lines."""
    found: dict[dt.date, list[str]] = {}
    for event in effective_events(events):
        if isinstance(event, Run):
            text = f"{event.minutes:g} min"
            if event.distance_km is not None:
                text += f", {distance_text(event.distance_km, units)}"
            found.setdefault(event.date, []).append(text)
    return found


def month_view(
    first: dt.date,
    plans: list[DayPlan],
    events: list[Event],
    *,
    start: dt.date,
    today: dt.date,
    units: str,
) -> Month:
    """The month from its `first` day; `plans` cover its days from day 1 (`start`) on."""
    last = next_month(first) - dt.timedelta(days=1)
    by_date = {plan.date: plan for plan in plans}
    runs = logged_runs(events, units)
    days: list[CalendarDay] = []
    day = first
    while day <= last:
        plan = by_date.get(day)
        before = days[-1].plan if days else None
        days.append(
            CalendarDay(
                date=day,
                plan=plan,
                sessions=[] if plan is None else sessions_of(plan),
                runs=runs.get(day, []),
                today=day == today,
                new_stage=plan is not None and (before is None or before.stage != plan.stage),
            )
        )
        day += dt.timedelta(days=1)
    earlier = previous_month(first)
    return Month(
        first=first,
        days=days,
        previous=earlier if next_month(earlier) > start else None,
        following=next_month(first),
    )
