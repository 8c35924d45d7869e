"""Builders for engine tests: one runner's record, written day by day, and its plans.

`rehab` is a fresh `Rehab` per test. Days are the programme's day numbers (day 1 = the start
date, a Monday, so day 8 is the Monday of week 2 and Mon/Wed/Fri are days 1, 3, 5, 8, 10, 12…).
A `datetime.date` is accepted wherever a day number is. Plan readers (`rehab.tasks_of`,
`rehab.task_for`, `rehab.alert_rules`, `rehab.alert`, `rehab.has_strength`,
`rehab.cadence_of`) come with it, so
test modules import nothing from here.

    rehab.checkins(1, 8)               # pain-free check-ins on days 1..8
    rehab.strength(8)                  # all six exercises, 3 sets at the top of their range
    plan = rehab.plan(8)               # the DayPlan of day 8
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest

from gerdy.domain.events import Event, parse_event
from gerdy.domain.profile import Profile
from gerdy.engine import DayPlan, plan_day, plan_days
from gerdy.engine.plan import Alert, CadenceTarget, Task
from gerdy.protocol import Protocol, load_protocol

START = dt.date(2024, 1, 1)  # a Monday
STRENGTH_IDS = (
    "clamshell",
    "side_lying_abduction",
    "glute_bridge",
    "single_leg_bridge",
    "lateral_band_walk",
    "single_leg_box_squat",
)
RANGE_TOP = {
    "clamshell": 20,
    "side_lying_abduction": 15,
    "glute_bridge": 15,
    "single_leg_bridge": 12,
    "lateral_band_walk": 15,
    "single_leg_box_squat": 10,
}
ROLL_IDS = ("tfl_roll", "lateral_quad_roll", "glute_roll")
STRETCH_IDS = ("pigeon", "hip_flexor_stretch", "figure_four")

Day = int | dt.date


def day_date(day: Day, start: dt.date = START) -> dt.date:
    """The date of programme day `day` (a date passes through)."""
    if isinstance(day, dt.date):
        return day
    return start + dt.timedelta(days=day - 1)


class Rehab:
    """One runner: a profile and an append-only list of events, planned by the real engine."""

    def __init__(self, protocol: Protocol, **profile: Any) -> None:
        self.protocol = protocol
        self.events: list[Event] = []
        self._profile: dict[str, Any] = {
            "start_date": START.isoformat(),
            "side": "left",
            "baseline_weekly_run_minutes": 100,
            "track": "break",
        }
        self._next_id = 0
        self.set(**profile)

    # --- profile ----------------------------------------------------------------------------
    def set(self, **fields: Any) -> Rehab:
        """Change profile fields; `intake` and `settings` dicts are merged, None removes a key."""
        for key, value in fields.items():
            if key in ("intake", "settings") and isinstance(value, dict):
                merged = dict(self._profile.get(key, {}))
                merged.update(value)
                self._profile[key] = merged
            elif value is None:
                self._profile.pop(key, None)
            else:
                self._profile[key] = value
        return self

    @property
    def profile(self) -> Profile:
        return Profile.model_validate(self._profile)

    @property
    def start(self) -> dt.date:
        return self.profile.start_date

    def date(self, day: Day) -> dt.date:
        return day_date(day, self.start)

    # --- events -----------------------------------------------------------------------------
    def add(self, day: Day, kind: str, **fields: Any) -> Event:
        """Log one event of type `kind` on `day` (an id is given to each, for corrections)."""
        self._next_id += 1
        raw = {"id": f"e{self._next_id}", "type": kind, "date": self.date(day).isoformat()}
        raw.update(fields)
        event = parse_event(raw)
        self.events.append(event)
        return event

    def checkin(self, day: Day, pain: int = 0, **flags: Any) -> Event:
        return self.add(day, "checkin", pain_daily=pain, **flags)

    def checkins(self, first: Day, days: int, pain: int = 0, **flags: Any) -> list[Event]:
        """`days` daily check-ins from `first` on, all with the same pain and flags."""
        start = self.date(first)
        return [
            self.checkin(start + dt.timedelta(days=offset), pain, **flags) for offset in range(days)
        ]

    def strength(
        self,
        day: Day,
        pain: int = 0,
        effort: str = "right",
        only: Iterable[str] | None = None,
        **per_exercise: dict[str, Any],
    ) -> Event:
        """A session: all six exercises (or `only` these) at 3 sets of their range top.

        Keyword arguments named after an exercise override its log, e.g.
        `single_leg_box_squat={"knee_caved_in": True}`."""
        exercises = []
        for exercise_id in only or STRENGTH_IDS:
            log: dict[str, Any] = {
                "id": exercise_id,
                "sets": [RANGE_TOP[exercise_id]] * 3,
                "pain": pain,
                "effort": effort,
            }
            log.update(per_exercise.get(exercise_id, {}))
            exercises.append(log)
        return self.add(day, "strength", exercises=exercises)

    def run(self, day: Day, minutes: float, pain_during: int | None = 0, **fields: Any) -> Event:
        """A run typed by hand. With `pain_during` given, the 2-hour question is answered too
        (no pain after, unless `pain_after_hours` says otherwise): a rated run (v1.2)."""
        if pain_during is not None:
            fields.setdefault("pain_after_hours", 0)
        return self.add(day, "run", minutes=minutes, pain_during=pain_during, **fields)

    def roll(self, day: Day, items: Iterable[str] = ROLL_IDS) -> Event:
        return self.add(day, "roll", items=list(items))

    def stretch(self, day: Day, items: Iterable[str] = STRETCH_IDS) -> Event:
        return self.add(day, "stretch", items=list(items))

    def cross(self, day: Day, activity: str = "bike", minutes: float = 30) -> Event:
        return self.add(day, "cross", activity=activity, minutes=minutes)

    def clearance(self, day: Day, *rules: str) -> Event:
        return self.add(day, "clearance", rules=list(rules))

    # --- scenarios --------------------------------------------------------------------------
    def reach_gate(self, day: Day = 8) -> int:
        """Pain-free check-ins from day 1 through `day` and a pain-free full strength session on
        `day`: RTR-0 is met on `day` (day 8 at the earliest). Returns the gate's day number."""
        gate = self.date(day)
        self.checkins(1, (gate - self.start).days + 1)
        self.strength(gate)
        return (gate - self.start).days + 1

    def runs(self, days: Iterable[Day], minutes: float, pain_during: int | None = 0) -> None:
        for day in days:
            self.run(day, minutes, pain_during)

    def climb(self, to: str = "progress", gate: Day = 8) -> int:
        """Reach the gate on `gate`, then run every return week pain-free (3 runs a week on
        alternate days: 15, 20, then 30 min), with a pain-free check-in every day (RTR-7),
        until `to` is entered. Returns the day number `to` starts on: return-1 on the gate
        day, return-2 a week later, return-3 two weeks, progress three."""
        day = self.reach_gate(gate)
        ladder = [("return-1", 15), ("return-2", 20), ("return-3", 30)]
        for stage, minutes in ladder:
            if stage == to:
                return day
            self.checkins(day + 1, 6)
            self.runs([day + offset for offset in (0, 2, 4)], minutes)
            day += 7
            self.checkin(day)
        assert to == "progress", to
        return day

    # --- plans ------------------------------------------------------------------------------
    def plan(self, day: Day) -> DayPlan:
        return plan_day(self.protocol, self.profile, list(self.events), self.date(day))

    def plans(self, first: Day, last: Day) -> list[DayPlan]:
        return plan_days(
            self.protocol, self.profile, list(self.events), self.date(first), self.date(last)
        )

    # --- reading a plan (module-level helpers, reachable from the fixture) --------------------
    @staticmethod
    def tasks_of(plan: DayPlan, kind: str) -> list[Task]:
        return tasks_of(plan, kind)

    @staticmethod
    def task_for(plan: DayPlan, exercise: str, kind: str | None = None) -> Task:
        return task_for(plan, exercise, kind)

    @staticmethod
    def alert_rules(plan: DayPlan, level: str | None = None) -> list[str]:
        return alert_rules(plan, level)

    @staticmethod
    def alert(plan: DayPlan, rule: str) -> Alert:
        return alert(plan, rule)

    @staticmethod
    def has_strength(plan: DayPlan) -> bool:
        return has_strength(plan)

    @staticmethod
    def cadence_of(plan: DayPlan) -> CadenceTarget:
        return cadence_of(plan)


# --- reading a plan ---------------------------------------------------------------------------
def tasks_of(plan: DayPlan, kind: str) -> list[Task]:
    return [task for task in plan.tasks if task.kind == kind]


def task_for(plan: DayPlan, exercise: str, kind: str | None = None) -> Task:
    found = [t for t in plan.tasks if t.exercise == exercise and (kind is None or t.kind == kind)]
    assert len(found) == 1, f"expected one {exercise} task, got {found}"
    return found[0]


def alert_rules(plan: DayPlan, level: str | None = None) -> list[str]:
    return [a.rule for a in plan.alerts if level is None or a.level == level]


def alert(plan: DayPlan, rule: str) -> Alert:
    found = [a for a in plan.alerts if a.rule == rule]
    assert len(found) == 1, f"expected one {rule} alert, got {plan.alerts}"
    return found[0]


def has_strength(plan: DayPlan) -> bool:
    return bool(tasks_of(plan, "strength"))


def cadence_of(plan: DayPlan) -> CadenceTarget:
    """The plan's cadence target, which it must have."""
    assert plan.cadence is not None, f"no cadence target on day {plan.day}"
    return plan.cadence


# --- fixtures --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def protocol() -> Protocol:
    return load_protocol()


@pytest.fixture
def rehab(protocol: Protocol) -> Rehab:
    """A break-track runner (baseline 100 min/week) starting Monday 2024-01-01, no events."""
    return Rehab(protocol)
