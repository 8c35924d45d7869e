"""The Progress series (daily pain, weekly running minutes against the +10% cap, adherence,
the gate's streak), read off the engine's replay of each day (`progress_days`) and its own
view of the history (corrections applied). Used by the Progress page, `/api/progress` and the
PDF report, which reads them off the day plans of its own replay (`compute_series`' `replayed`).

The series replay the whole record (up to the engine's twenty-year limit): they are kept per
record version (`PROGRESS`, in the record cache; the web computes them in its heavy-work pool,
`services/heavy_work.py`, and keeps those of each PDF it makes), and a record past the
engine's limit is refused before any work. Memory: a series is charged `POINT_BYTES` per
point (a year-long series is under 1 MB).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel

from gerdy.domain.errors import InvalidInput
from gerdy.engine.history import History
from gerdy.engine.plan import DayProgress
from gerdy.engine.planner import MAX_PLAN_DAYS
from gerdy.services import Coach
from gerdy.services.record_cache import Slot

MAX_DAYS = 366  # the engine plans at most a year at once; older days are left out
ROLLING_DAYS = 14  # adherence is charted as the rate over the last two weeks


class PainPoint(BaseModel):
    date: dt.date
    pain_daily: int | None
    pain_rest: int | None


class WeekPoint(BaseModel):
    """A programme week's running against its cap (RTR-4, P1-2's reduced track). A week
    without one says what held it instead, as on its last day shown: `stage` (a return week's
    rung, RTR-1..3; a pause) and `track` (P1-2's break: no running)."""

    week: int
    first_day: dt.date
    minutes: float
    cap: float | None
    stage: str | None = None
    track: str | None = None


class AdherencePoint(BaseModel):
    """`done`/`prescribed`/`ratio`: since day 1 (RED-8's count); `recent_*`: the last 14 days
    up to this date, which is what the chart draws (a cumulative rate barely moves)."""

    date: dt.date
    done: int
    prescribed: int
    ratio: float | None
    recent_done: int = 0
    recent_prescribed: int = 0
    recent_ratio: float | None = None


class GatePoint(BaseModel):
    date: dt.date
    pain_free_days: int
    needed_days: int
    met: bool


class SidePainPoint(BaseModel):
    """A strength exercise whose pain was logged for each side (`pain_by_side`, WS-3)."""

    date: dt.date
    exercise: str
    name: str
    left: int
    right: int


class ProgressReport(BaseModel):
    """The Progress series of one record, first..last (what the charts and tables draw)."""

    first: dt.date
    last: dt.date
    pain: list[PainPoint]
    weekly_minutes: list[WeekPoint]
    adherence: list[AdherencePoint]
    gate: list[GatePoint]
    side_pain: list[SidePainPoint] = []  # oldest first, only where a side was logged


POINT_BYTES = 768  # measured: about 530 bytes per charted point of the demo record


def series_size(series: ProgressReport) -> int:
    points = (
        len(series.pain) + len(series.weekly_minutes) + len(series.adherence)
        + len(series.side_pain) + len(series.gate) + 1
    )  # fmt: skip
    return POINT_BYTES * points


PROGRESS = Slot[ProgressReport]("progress", series_size)


def progress_series(coach: Coach, today: dt.date) -> ProgressReport:
    """The series up to `today`, kept per record version (with the Coach's cache); a record
    past the engine's twenty-year limit is refused before any work."""
    return coach.kept(PROGRESS, today, lambda: compute_series(coach, today))


def compute_series(
    coach: Coach, today: dt.date, replayed: Sequence[DayProgress] | None = None
) -> ProgressReport:
    """The series up to `today`; from the days of a replay already made (`replayed`: the
    days `MAX_DAYS` up to `today`, as the PDF report's plans give them), else replayed here."""
    profile = coach.profile()
    if (today - profile.start_date).days >= MAX_PLAN_DAYS:
        raise InvalidInput(
            "progress covers at most twenty years from the programme's start date "
            f"{profile.start_date}"
        )
    first = max(profile.start_date, today - dt.timedelta(days=MAX_DAYS - 1))
    if today < first:
        return ProgressReport(
            first=today, last=today, pain=[], weekly_minutes=[], adherence=[], gate=[]
        )
    events = coach.events()
    days = replayed
    if days is None:
        days = coach.progress_days(first, (today - first).days + 1)
    elif (days[0].date, days[-1].date) != (first, today):
        raise ValueError(f"the days replayed are not {first}..{today}")
    history = History(events, today)
    pain: list[PainPoint] = []
    weeks: dict[int, WeekPoint] = {}
    adherence: list[AdherencePoint] = []
    gate: list[GatePoint] = []
    side_pain: list[SidePainPoint] = []
    for day in days:
        side_pain += sides_logged(coach, history, day.date)
        checkin = history.on(day.date).checkin
        pain.append(
            PainPoint(
                date=day.date,
                pain_daily=checkin.pain_daily if checkin else None,
                pain_rest=checkin.pain_rest if checkin else None,
            )
        )
        # Minutes run in each programme week; the cap is the engine's (the +10% rule, RTR-4,
        # or the reduced track's P1-2), as it stood on the week's last day shown.
        earlier = weeks.get(day.week)
        weeks[day.week] = WeekPoint(
            week=day.week,
            first_day=earlier.first_day if earlier else day.date,
            minutes=round(
                (earlier.minutes if earlier else 0) + history.on(day.date).run_minutes, 1
            ),
            cap=day.week_minutes_cap,
            stage=day.stage,
            track=day.track,
        )
        ratio = day.adherence.ratio
        before = adherence[-ROLLING_DAYS] if len(adherence) >= ROLLING_DAYS else None
        recent_done = day.adherence.done - (before.done if before else 0)
        recent_prescribed = day.adherence.prescribed - (before.prescribed if before else 0)
        adherence.append(
            AdherencePoint(
                date=day.date,
                done=day.adherence.done,
                prescribed=day.adherence.prescribed,
                ratio=None if ratio is None else round(ratio, 3),
                recent_done=recent_done,
                recent_prescribed=recent_prescribed,
                recent_ratio=(
                    round(recent_done / recent_prescribed, 3) if recent_prescribed > 0 else None
                ),
            )
        )
        gate.append(
            GatePoint(
                date=day.date,
                pain_free_days=day.gate.pain_free_days,
                needed_days=day.gate.needed_days,
                met=day.gate.met,
            )
        )
    return ProgressReport(
        first=first,
        last=today,
        pain=pain,
        weekly_minutes=list(weeks.values()),
        adherence=adherence,
        gate=gate,
        side_pain=side_pain,
    )


def sides_logged(coach: Coach, history: History, date: dt.date) -> list[SidePainPoint]:
    """The day's strength exercises with pain logged per side (corrections applied)."""
    found = []
    for session in history.on(date).strength:
        for log in session.exercises:
            if log.pain_by_side is not None:
                found.append(
                    SidePainPoint(
                        date=date,
                        exercise=log.id,
                        name=coach.protocol.exercise(log.id).name,
                        left=log.pain_by_side.left,
                        right=log.pain_by_side.right,
                    )
                )
    return found
