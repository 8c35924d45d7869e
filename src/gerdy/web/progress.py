"""The Progress series (daily pain, weekly running minutes against the +10% cap, adherence,
the gate's streak), read off the engine's day plans and the engine's own view of the history
(corrections applied). Used by the Progress page and `/api/progress`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from gerdy.engine.history import History
from gerdy.services import Coach

MAX_DAYS = 366  # the engine plans at most a year at once; older days are left out


class PainPoint(BaseModel):
    date: dt.date
    pain_daily: int | None
    pain_rest: int | None


class WeekPoint(BaseModel):
    week: int
    first_day: dt.date
    minutes: float
    cap: float | None


class AdherencePoint(BaseModel):
    date: dt.date
    done: int
    prescribed: int
    ratio: float | None


class GatePoint(BaseModel):
    date: dt.date
    pain_free_days: int
    needed_days: int
    met: bool


class Progress(BaseModel):
    first: dt.date
    last: dt.date
    pain: list[PainPoint]
    weekly_minutes: list[WeekPoint]
    adherence: list[AdherencePoint]
    gate: list[GatePoint]


def progress_series(coach: Coach, today: dt.date) -> Progress:
    profile = coach.profile()
    first = max(profile.start_date, today - dt.timedelta(days=MAX_DAYS - 1))
    if today < first:
        return Progress(first=today, last=today, pain=[], weekly_minutes=[], adherence=[], gate=[])
    events = coach.events()
    plans = coach.plans(first, (today - first).days + 1)
    history = History(events, today)
    pain: list[PainPoint] = []
    weeks: dict[int, WeekPoint] = {}
    adherence: list[AdherencePoint] = []
    gate: list[GatePoint] = []
    for plan in plans:
        checkin = history.on(plan.date).checkin
        pain.append(
            PainPoint(
                date=plan.date,
                pain_daily=checkin.pain_daily if checkin else None,
                pain_rest=checkin.pain_rest if checkin else None,
            )
        )
        # Minutes run in each programme week; the cap is the engine's (the +10% rule, RTR-4,
        # or the reduced track's P1-2), as it stood on the week's last day shown.
        earlier = weeks.get(plan.week)
        weeks[plan.week] = WeekPoint(
            week=plan.week,
            first_day=earlier.first_day if earlier else plan.date,
            minutes=round(
                (earlier.minutes if earlier else 0) + history.on(plan.date).run_minutes, 1
            ),
            cap=plan.run.week_minutes_cap,
        )
        ratio = plan.adherence.ratio
        adherence.append(
            AdherencePoint(
                date=plan.date,
                done=plan.adherence.done,
                prescribed=plan.adherence.prescribed,
                ratio=None if ratio is None else round(ratio, 3),
            )
        )
        gate.append(
            GatePoint(
                date=plan.date,
                pain_free_days=plan.gate.pain_free_days,
                needed_days=plan.gate.needed_days,
                met=plan.gate.met,
            )
        )
    return Progress(
        first=first,
        last=today,
        pain=pain,
        weekly_minutes=list(weeks.values()),
        adherence=adherence,
        gate=gate,
    )
