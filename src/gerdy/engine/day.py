"""The engine's order: how one day of the course is replayed, every rule in the order it runs.

`start` makes the course of the day before day 1; `advance` replays one day:

1. the start of the day: a return week that is over moves up or repeats (RTR-1..3), today's
   strength doses are set (ST-1..6), and a gap in check-ins steps back (RTR-7);
2. the day's events in the order they were recorded (only the day's latest check-in counts,
   v1.1), each heard by the rules it concerns, in the order of `hear`;
3. the end of the day: the pain-free streak (RTR-0 a), the pauses (WS-1, WS-4, RED-1..3,
   RED-6, RED-10), RED-8's adherence and check, the gate (RTR-0, P1-2), and the first run
   after the gate (RED-10).

The order is part of the rules: a run on the gate day is judged in the stage the gate opens,
a warning sign earlier that day applies to it, the streak is counted before the pauses and
the gate read it. This module is the one place it is written; the steps are in `stages`,
`signs`, `strength`, `rung`, `volume` and `not_improving`. Pure: no clock, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import deque

from gerdy.domain.events import (
    Checkin,
    Clearance,
    Event,
    FormCheck,
    Run,
    SettingsChange,
    Strength,
)
from gerdy.domain.profile import Profile
from gerdy.engine.calendar import ONE_DAY
from gerdy.engine.course import Course
from gerdy.engine.dosing import first_dose
from gerdy.engine.gate import hills_track_week, needed_days
from gerdy.engine.history import Day, History
from gerdy.engine.not_improving import (
    check_not_improving,
    clear_not_improving,
    count_adherence,
    count_pain,
)
from gerdy.engine.red_flags import flags_from_intake
from gerdy.engine.rung import judge_run
from gerdy.engine.schedule import maintenance_sessions
from gerdy.engine.signs import (
    check_run,
    check_swelling,
    clear_red_flags,
    clear_swelling,
    note_first_run_after_gate,
    raise_red_flags,
)
from gerdy.engine.stages import (
    change_settings,
    check_gate,
    close_return_week,
    count_pain_free_day,
    note_checkin,
    step_back_after_gap,
    update_pauses,
)
from gerdy.engine.state import (
    Doses,
    GateState,
    RedFlagState,
    Signs,
    StageState,
    Streaks,
    Volume,
)
from gerdy.engine.strength import doses_of_the_day, move_doses, raise_the_box
from gerdy.engine.volume import count_minutes
from gerdy.protocol.schema import Protocol

__all__ = ["advance", "assume", "counted_events", "start"]


def start(protocol: Protocol, profile: Profile, history: History) -> Course:
    """The course on the eve of day 1: `protect` on the profile's track, the first doses,
    the intake's red flags (RED-9) open from the start date, and the settings in force (a
    setting outside what the protocol allows fails here, naming its rule)."""
    begin = profile.start_date
    strength = protocol.exercises_of("strength")
    doses = {exercise.id: first_dose(exercise) for exercise in strength}
    course = Course(
        protocol=protocol,
        profile=profile,
        history=history,
        date=begin - ONE_DAY,
        stage=StageState(name="protect", since=begin, track=profile.derived_track),
        gate=GateState(
            needed_days=needed_days(protocol, profile.settings.gate_days),
            break_since=begin,
            hills_track_week=hills_track_week(protocol, profile.settings.hills_track_week),
        ),
        signs=Signs(
            red_flags={
                flag: RedFlagState(since=begin, at_intake=True)
                for flag in flags_from_intake(profile.intake)
            }
        ),
        streaks=Streaks(
            last_checkin=begin - ONE_DAY,
            recent_pains=deque(maxlen=protocol.not_improving.window_checkins),
        ),
        doses=Doses(
            current=doses,
            today=dict(doses),
            weekdays=tuple(profile.strength_days or protocol.strength.default_days),
        ),
        volume=Volume(),
    )
    maintenance_sessions(protocol, profile)  # TL-2: a bad setting fails on day 1
    return course


def advance(course: Course, date: dt.date) -> None:
    """Replay `date`, the day after the course's: its start, its events, its end (see the
    module docstring)."""
    assert date == course.date + ONE_DAY, "the course is replayed one day at a time"
    course.date = date
    day = course.history.on(date)
    course.volume.runs_today = []
    # 1. the start of the day
    close_return_week(course)  # RTR-1..3: a week done pain-free, on its rung, moves up
    doses_of_the_day(course)  # ST-1..6: today's tasks show this morning's doses
    step_back_after_gap(course)  # RTR-7: days without a check-in, one week lower
    # 2. the day's events, in the order recorded
    for event in counted_events(day):
        hear(course, event)
    # 3. the end of the day
    count_pain_free_day(course, day)  # RTR-0 (a)
    update_pauses(course, day)  # WS-1, WS-4, RED-1..3, RED-6, RED-10: pause or resume
    count_adherence(course, day)  # RED-8: sessions prescribed and done
    check_not_improving(course)  # RED-8
    check_gate(course, day)  # RTR-0, P1-2: return week 1, or `progress` on the reduced track
    note_first_run_after_gate(course, day)  # RED-10: swelling that comes back


def hear(course: Course, event: Event) -> None:
    """One event, heard by the rules it concerns, in this order."""
    if isinstance(event, Checkin):
        raise_red_flags(course, event)  # RED-1..7
        count_pain(course, event)  # RED-8: the first and the recent daily pain
        check_swelling(course, event)  # WS-4, RED-10
        note_checkin(course)  # RTR-7: a check-in ends the wait after a gap
    elif isinstance(event, Run):
        judge_run(course, event, course.volume.runs_today)  # keeping to the rung (RTR-1..5)
        count_minutes(course, event)  # P1-2, RTR-4: what the week's cap counts
        check_run(course, event)  # WS-1, WS-2 and its cap on the next run
        course.volume.runs_today.append(event)
    elif isinstance(event, Strength):
        move_doses(course, event)  # ST-1..6, PR-1..3, WS-3
        course.gate.last_strength = event  # RTR-0 (b)
    elif isinstance(event, FormCheck):
        raise_the_box(course, event)  # PR-4
    elif isinstance(event, Clearance):
        clear_red_flags(course, event)  # RED-*
        clear_not_improving(course, event)  # RED-8
        clear_swelling(course, event)  # RED-10
    elif isinstance(event, SettingsChange):
        change_settings(course, event)  # RTR-0, P1-2, RTR-5, ST-0


def assume(course: Course, event: Event) -> None:
    """A projected day (see `planner.plan_days`): `event` is taken as logged today, after the
    day's own events, so the days after it see it. Never used up to the runner's today."""
    course.history.add(event)
    hear(course, event)


def counted_events(day: Day) -> list[Event]:
    """The day's events in the order recorded, with only its latest check-in (v1.1: one
    check-in a day; the earlier ones stay in the record but count for nothing)."""
    latest = day.checkin
    return [e for e in day.events if not isinstance(e, Checkin) or e is latest]
