"""A realistic sample runner for `gerdy demo`: six weeks of rehab ending on a given day.

The story: a right-knee runner on the break track (pain early in runs and after them, P1-2)
checks in daily with pain easing from 4 to 0, rolls and stretches most days, does the six
strength exercises Mon/Wed/Fri from day 8 (one painful box squat early on, WS-3; the dose
adapts to easy and hard efforts), cross-trains while running is paused, meets the
return-to-run gate (RTR-0) on day 27, runs return week 1 pain-free with cadence rising from
164, and the last run of return week 2 aches for three hours afterwards (WS-2), so that
week is repeated and the next run is capped. One check-in is corrected (a superseding event).

Pure: no clock, no I/O beyond reading the packaged protocol; the same day gives the same
document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gerdy.domain.document import Document
from gerdy.domain.events import Event, Strength, parse_event
from gerdy.domain.profile import Intake, Profile
from gerdy.engine.dosing import CurrentDose, first_dose, next_dose
from gerdy.protocol import Protocol, load_protocol

DEMO_DAYS = 42  # today is day 42 (week 6)
STRENGTH_WEEKDAYS = (0, 2, 4)  # Mon, Wed, Fri (ST-0 default)
CROSS_WEEKDAYS = (1, 3, 5)
PAIN_FREE_FROM_DAY = 21  # 7 pain-free check-ins by day 27: the gate (RTR-0)
# day -> (minutes, cadence, pain_after_hours): return week 1 from day 27, week 2 from 34
# (each run's 2-hour question answered: no pain after, but for the WS-2 run)
RUNS: dict[int, tuple[float, float, float | None]] = {
    28: (12, 165, 0.0),
    30: (14, 166, 0.0),
    32: (15, 167, 0.0),
    34: (18, 168, 0.0),
    36: (20, 168, 0.0),
    38: (18, 168, 0.0),
    # WS-2: aching for 3 h afterwards; the next run is capped at the longest pain-free run
    # of the 7 days before (20 min), and return week 2 is repeated
    40: (18, 169, 3.0),
}
PACE_MIN_PER_KM = 6.5


def daily_pain(day: int) -> tuple[int, int]:
    """(pain in daily activities, pain at rest) on a day of the demo."""
    if day >= PAIN_FREE_FROM_DAY:
        return (1, 0) if day == 37 else (0, 0)
    steps = ((3, 4, 2), (7, 3, 1), (11, 2, 0), (16, 1, 0), (17, 2, 0), (20, 1, 0))
    for last_day, pain, rest in steps:
        if day <= last_day:
            return pain, rest
    return 0, 0


def strength_effort(session: int, exercise_id: str) -> tuple[int, str, bool]:
    """(pain, effort, knee caved in) for one exercise of the n-th session (0-based)."""
    if session == 0 and exercise_id == "single_leg_box_squat":
        return 2, "hard", True  # WS-3 and PR-4: a higher box next time
    if session == 5 and exercise_id == "lateral_band_walk":
        return 0, "hard", False
    if session >= 2 and session % 2 == 0:
        return 0, "easy", False
    return 0, "right", False


class DemoHistory:
    """Collects the sample events in recording order, each with a stable id."""

    def __init__(self, start: dt.date, protocol: Protocol) -> None:
        self.start = start
        self.protocol = protocol
        self.events: list[Event] = []
        self.doses: dict[str, CurrentDose] = {
            e.id: first_dose(e) for e in protocol.exercises_of("strength")
        }
        self.sessions = 0

    def add(self, day: int, data: dict[str, Any]) -> str:
        event_id = f"demo-{len(self.events) + 1:03d}"
        date = self.start + dt.timedelta(days=day - 1)
        self.events.append(parse_event({"id": event_id, "date": date, **data}))
        return event_id

    def strength(self, day: int) -> None:
        logs = []
        for exercise in self.protocol.exercises_of("strength"):
            dose = self.doses[exercise.id]
            pain, effort, caved = strength_effort(self.sessions, exercise.id)
            logs.append(
                {
                    "id": exercise.id,
                    "sets": [dose.count] * exercise.dose.sets,
                    "pain": pain,
                    "effort": effort,
                    "knee_caved_in": caved,
                }
            )
        self.add(day, {"type": "strength", "exercises": logs})
        session = self.events[-1]
        assert isinstance(session, Strength)
        for log in session.exercises:
            exercise = self.protocol.exercise(log.id)
            self.doses[log.id] = next_dose(exercise, self.doses[log.id], log)
        self.sessions += 1


def demo_profile(start: dt.date) -> Profile:
    return Profile(
        start_date=start,
        side="right",
        baseline_weekly_run_minutes=150,
        cadence_spm=164,
        intake=Intake(pain_within_first_mile=True, pain_persists_after_activity=True),
    )


def demo_document(today: dt.date, protocol: Protocol | None = None) -> Document:
    """Six weeks of a runner's rehab, day 1 = 41 days before `today`, ending on `today`."""
    protocol = protocol or load_protocol()
    start = today - dt.timedelta(days=DEMO_DAYS - 1)
    history = DemoHistory(start, protocol)
    rolls = [e.id for e in protocol.exercises_of("roll")]
    stretches = [e.id for e in protocol.exercises_of("stretch")]
    for day in range(1, DEMO_DAYS + 1):
        date = start + dt.timedelta(days=day - 1)
        pain, rest = daily_pain(day)
        if day == 9:  # a typo, corrected the same evening
            wrong = history.add(day, {"type": "checkin", "pain_daily": 5, "pain_rest": rest})
            history.add(day, {"type": "checkin", "pain_daily": pain, "pain_rest": rest,
                              "supersedes": wrong, "note": "Typo: meant 2."})  # fmt: skip
        else:
            history.add(day, {"type": "checkin", "pain_daily": pain, "pain_rest": rest})
        run = RUNS.get(day)
        if (day <= 28 and day % 6 != 5) or run is not None:
            history.add(day, {"type": "roll", "items": rolls})
        if day == DEMO_DAYS:
            history.add(day, {"type": "stretch", "items": [stretches[0], stretches[2]]})
        elif day % 7 != 3:
            history.add(day, {"type": "stretch", "items": stretches})
        if 8 <= day < DEMO_DAYS and date.weekday() in STRENGTH_WEEKDAYS:
            history.strength(day)
        if run is not None:
            minutes, cadence, after = run
            history.add(day, {
                "type": "run", "minutes": minutes, "pain_during": 0,
                "distance_km": round(minutes / PACE_MIN_PER_KM, 2), "cadence_spm": cadence,
                "terrain": "flat", "pain_after_hours": after,
                "note": "Ached on the outside of the knee all afternoon." if after else None,
            })  # fmt: skip
        elif day < 27 and date.weekday() in CROSS_WEEKDAYS:
            activity, minutes = ("bike", 30) if day <= 14 else ("swim", 35)
            history.add(day, {"type": "cross", "activity": activity, "minutes": minutes})
    return Document(profile=demo_profile(start), events=tuple(history.events))
