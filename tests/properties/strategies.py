"""Hypothesis strategies for the engine's property tests: valid profiles and random event
histories built to reach the return stages.

A history is a run of segments:

* *steady* stretches: a pain-free check-in every day, rolling and stretching, a complete,
  pain-free strength session on each scheduled strength day from day 8, and short pain-free
  runs on alternate days. Enough of these carry a runner through RTR-0 and up the return
  ladder into `progress`.
* *disturbed* days: any events at all (painful check-ins, red-flag answers, partial or
  painful strength sessions, long or painful runs, clearances naming random red flags, ...).
* *gaps*: days with nothing logged.

`follow_the_plan` is different: it builds the history day by day from the engine's own plans,
as a runner who does what they are told would (strength only when prescribed, runs only when
allowed and no longer than allowed), with disturbances in between. Its plans come from one
replay of the record as it grows (`DayByDay`), not from a replay from day 1 for each day.

Each day holds at most one check-in and at most one strength session, so "the day's
check-in" and "the most recent strength session" need no tie-break.

Steady days and complete strength sessions, most of what a history holds, are each drawn as
one byte string read a byte per decision (`ByteReader`): one Hypothesis draw instead of
dozens, with the same odds, and each byte still shrinks on its own towards no event.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, get_args

from hypothesis import strategies as st

from gerdy.domain.events import (
    Checkin,
    Clearance,
    Cross,
    Event,
    ExerciseLog,
    RedFlagId,
    Roll,
    Run,
    Strength,
    Stretch,
)
from gerdy.domain.profile import WEEKDAYS, Intake, Profile, Settings
from gerdy.engine import DayPlan, plan_day
from gerdy.engine.planner import replay
from gerdy.engine.resume import Resume, plan_day_resuming
from gerdy.protocol import Protocol, load_protocol

PROTOCOL: Protocol = load_protocol()
STRENGTH_EXERCISES = PROTOCOL.exercises_of("strength")
STRENGTH_IDS: tuple[str, ...] = tuple(e.id for e in STRENGTH_EXERCISES)
ROLL_IDS: tuple[str, ...] = tuple(e.id for e in PROTOCOL.exercises_of("roll"))
STRETCH_IDS: tuple[str, ...] = tuple(e.id for e in PROTOCOL.exercises_of("stretch"))
RED_FLAG_IDS: tuple[str, ...] = get_args(RedFlagId)
ONE_DAY = dt.timedelta(days=1)


def _no_two_adjacent(days: Sequence[str]) -> bool:
    """ST-0: no two of the days next to each other in the week; Sunday and Monday are."""
    index = sorted(WEEKDAYS.index(d) for d in days)
    return all((index[(i + 1) % 3] - index[i]) % 7 >= 2 for i in range(3))


VALID_STRENGTH_DAYS: tuple[tuple[str, ...], ...] = tuple(
    combo for combo in itertools.combinations(WEEKDAYS, 3) if _no_two_adjacent(combo)
)


@functools.cache
def chance(percent: int) -> st.SearchStrategy[bool]:
    """True `percent` % of the time. Shrinks to False, so a shrunk history keeps only the
    events its failure needs.

    One of a hundred values, as `st.integers(0, 99).map(...)` would draw, but without the
    map: a map is a second nested draw, and it doubled the cost of each of these."""
    return st.sampled_from((False,) * (100 - percent) + (True,) * percent)


# --- bytes: many small decisions in one draw -------------------------------------------------
# A steady day is mostly a dozen small yes/no and how-many decisions, a complete strength
# session 24 more (6 exercises x 3 sets and an effort), a check-in's answers 10. Drawn one by
# one, those decisions were most of the drawing's cost: each Hypothesis draw costs the same tens
# of microseconds, however little it decides. So each of these is drawn as one byte string,
# one byte per decision, and read below. Each byte is a choice the shrinker lowers on its own
# towards 0, and 0 always means the simpler answer (no event, no pain, the fewest reps, the
# first option), so a shrunk history still keeps only the events its failure needs.


@functools.cache
def byte_strings(size: int) -> st.SearchStrategy[bytes]:
    return st.binary(min_size=size, max_size=size)


def happens(byte: int, percent: int) -> bool:
    """True for the highest `percent` % of byte values (to the nearest 1/256: 96 % is 96.1 %,
    85 % is 85.2 %), so a byte shrunk to 0 is an event that does not happen."""
    return byte >= 256 - round(2.56 * percent)


def pick(byte: int, count: int) -> int:
    """One of 0 .. `count` - 1, each for an equal share of the byte values (to within one in
    256), the smaller for the smaller bytes."""
    return byte * count // 256


class ByteReader:
    """A drawn byte string read in order, one decision a byte. Every reader reads its
    bytes in the same order whatever they decide (a decision not taken still uses its bytes),
    so one byte always means the same decision, and shrinking one changes only that one."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._at = 0

    def take(self, size: int) -> bytes:
        taken = self._data[self._at : self._at + size]
        assert len(taken) == size, "a day's layout reads more bytes than were drawn"
        self._at += size
        return taken

    def byte(self) -> int:
        return self.take(1)[0]

    def happens(self, percent: int) -> bool:
        return happens(self.byte(), percent)


# --- profiles ---------------------------------------------------------------------------------


@functools.cache
def intakes(red_flag_percent: int = 5) -> st.SearchStrategy[Intake]:
    flag = chance(red_flag_percent)
    return st.builds(
        Intake,
        pain_within_first_mile=st.booleans(),
        pain_persists_after_activity=st.booleans(),
        cannot_bear_weight=flag,
        instability=flag,
        numbness=flag,
        locking=flag,
        front_of_knee=flag,
        worse_knee_pushed_outward=flag,
        tender_swelling=flag,
        atypical_location=flag,
        not_activity_related=flag,
    )


@functools.cache
def profiles(red_flag_percent: int = 5) -> st.SearchStrategy[Profile]:
    """Built once for each percentage: `scenarios` asks for it in every example, and a
    strategy built anew is checked and set up anew by Hypothesis on its first draw, which
    cost more than drawing the profile."""
    return st.builds(
        Profile,
        start_date=st.dates(dt.date(2020, 1, 1), dt.date(2031, 12, 31)),
        side=st.sampled_from(["left", "right", "both"]),
        baseline_weekly_run_minutes=st.one_of(
            st.integers(20, 400).map(float), st.just(0.0), st.floats(0, 3000)
        ),
        cadence_spm=st.none() | st.integers(140, 200),
        strength_days=st.none() | st.sampled_from(VALID_STRENGTH_DAYS),
        track=st.none() | st.sampled_from(["break", "reduced"]),
        intake=intakes(red_flag_percent),
        settings=st.builds(
            Settings,
            gate_days=st.sampled_from([None, *PROTOCOL.gate.pain_free_days_allowed]),
            hills_track_week=st.none()
            | st.integers(
                PROTOCOL.hills_track.from_return_week_allowed.min,
                PROTOCOL.hills_track.from_return_week_allowed.max,
            ),
            maintenance_strength_per_week=st.none()
            | st.integers(
                PROTOCOL.strength.maintenance_sessions_per_week.min,
                PROTOCOL.strength.maintenance_sessions_per_week.max,
            ),
        ),
    )


def strength_weekdays(profile: Profile) -> tuple[str, ...]:
    return tuple(profile.strength_days or PROTOCOL.strength.default_days)


def day_number(profile: Profile, date: dt.date) -> int:
    return (date - profile.start_date).days + 1


# --- single events ----------------------------------------------------------------------
# Strategies here are built once and draw everything but the date (building strategies per
# draw is what makes Hypothesis slow); `events_on(date)` helpers add the date.

pains = st.integers(0, 10)


@functools.cache
def minutes_up_to(most: int) -> st.SearchStrategy[float]:
    """0.5 .. `most` minutes, one decimal."""
    return st.integers(5, max(5, most * 10)).map(lambda n: n / 10)


CHECKIN_FLAGS = (
    "swelling",
    "instability",
    "numbness",
    "locking",
    "cannot_bear_weight",
    "front_of_knee",
    "tender_swelling",
    "worse_knee_pushed_outward",
)
PAIN_SCALE = 11  # 0 .. 10


@functools.cache
def checkin_answers(flag_percent: int) -> st.SearchStrategy[dict[str, Any]]:
    """Any check-in: daily pain and pain at rest 0-10, and each red-flag question answered
    yes `flag_percent` % of the time. Ten answers in one draw: a byte each (`ByteReader`)."""

    def answers(data: bytes) -> dict[str, Any]:
        read = ByteReader(data)
        pain = {
            "pain_daily": pick(read.byte(), PAIN_SCALE),
            "pain_rest": pick(read.byte(), PAIN_SCALE),
        }
        return pain | {flag: read.happens(flag_percent) for flag in CHECKIN_FLAGS}

    return byte_strings(2 + len(CHECKIN_FLAGS)).map(answers)


def _set_counts(exercise_id: str) -> tuple[int, int]:
    """The counts a complete session logs for each set: the range, or up to 2 above it."""
    dose = PROTOCOL.exercise(exercise_id).dose
    return dose.range.min, dose.range.max + 2


SETS_LOGGED = 3
EFFORTS_WHEN_COMPLETE = ("right", "easy")
# A byte for each set of each exercise, and one for its effort.
SESSION_BYTES = len(STRENGTH_IDS) * (SETS_LOGGED + 1)


def complete_session(data: bytes) -> tuple[ExerciseLog, ...]:
    """All six ST exercises, 3 sets each within (or above) the range, pain 0, effort right or
    easy: the session RTR-0 (b) asks for. Each set count and each effort is uniform over its
    options (as one Hypothesis draw each would be) and taken from its own byte."""
    read = ByteReader(data)
    logs = []
    for exercise_id in STRENGTH_IDS:
        low, high = _set_counts(exercise_id)
        sets = tuple(low + pick(read.byte(), high - low + 1) for _ in range(SETS_LOGGED))
        effort = EFFORTS_WHEN_COMPLETE[pick(read.byte(), len(EFFORTS_WHEN_COMPLETE))]
        logs.append(ExerciseLog(id=exercise_id, sets=sets, pain=0, effort=effort))
    return tuple(logs)


# All six ST exercises, 3 sets each within (or above) the range, no pain: one draw.
complete_logs = byte_strings(SESSION_BYTES).map(complete_session)
# Any subset of the exercises, any sets, pain and effort.
any_logs = st.lists(
    st.builds(
        ExerciseLog,
        id=st.sampled_from(STRENGTH_IDS),
        sets=st.lists(st.integers(0, 30), min_size=1, max_size=4).map(tuple),
        pain=pains,
        effort=st.sampled_from(["right", "easy", "hard"]),
        knee_caved_in=st.booleans(),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda log: log.id,
).map(tuple)
session_logs = st.one_of(complete_logs, any_logs)


@functools.cache
def any_run_details(max_minutes: int = 150) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "minutes": minutes_up_to(max_minutes),
            "pain_during": st.none() | pains,
            "pain_worsened": chance(20),
            "pain_after_hours": st.none() | st.integers(0, 60).map(lambda n: n / 10),
            "cadence_spm": st.none() | st.integers(140, 200).map(float),
            "terrain": st.sampled_from(["road", "flat", "hills", "track"]),
        }
    )


EASY_RUN_MINUTES = (10, 30)
EASY_RUN_CADENCES = (150, 185)
EASY_RUN_TERRAIN = ("flat", "road")


@functools.cache
def easy_run_details(
    low: int = EASY_RUN_MINUTES[0], high: int = EASY_RUN_MINUTES[1]
) -> st.SearchStrategy[dict[str, Any]]:
    """A run that hurts nothing: pain 0 during, none 2 h after (both answered: a rated run,
    v1.2), flat or road. (A steady day's run is this one, read from bytes: `easy_run`.)"""
    return st.fixed_dictionaries(
        {
            "minutes": st.integers(low, high).map(float),
            "pain_during": st.just(0),
            "pain_after_hours": st.just(0.0),
            "cadence_spm": st.none() | st.integers(*EASY_RUN_CADENCES).map(float),
            "terrain": st.sampled_from(EASY_RUN_TERRAIN),
        }
    )


# Other events, as a function of the date.
other_events: st.SearchStrategy[Callable[[dt.date], Event]] = st.one_of(
    st.lists(st.sampled_from(ROLL_IDS), min_size=1, max_size=3, unique=True).map(
        lambda items: lambda date: Roll(date=date, items=tuple(items))
    ),
    st.lists(st.sampled_from(STRETCH_IDS), min_size=1, max_size=3, unique=True).map(
        lambda items: lambda date: Stretch(date=date, items=tuple(items))
    ),
    st.tuples(st.sampled_from(["swim", "bike", "pool_run", "walk"]), minutes_up_to(150)).map(
        lambda a: lambda date: Cross(date=date, activity=a[0], minutes=a[1])
    ),
    st.lists(st.sampled_from(RED_FLAG_IDS), min_size=1, max_size=4, unique=True).map(
        lambda rules: lambda date: Clearance(date=date, rules=tuple(rules))
    ),
)
run_events: st.SearchStrategy[Callable[[dt.date], Event]] = any_run_details().map(
    lambda kw: lambda date: Run(date=date, **kw)
)
other_events_with_runs = st.one_of(other_events, run_events)


# --- days ---------------------------------------------------------------------------------------


@functools.cache
def orders(count: int) -> st.SearchStrategy[tuple[int, ...]]:
    """Any order of `count` events, each equally likely, shrinking to the order logged. One
    draw among all the orders (at most 5! = 120 for a disturbed day, which Hypothesis draws
    evenly), where st.permutations draws one swap after another."""
    return st.sampled_from(list(itertools.permutations(range(count))))


# Whether the run is taken, its minutes, whether a cadence is given and which, its terrain.
EASY_RUN_BYTES = 5
# The check-in, rolling and stretching; whether the session is logged, and the session; the run.
STEADY_DAY_BYTES = 3 + 1 + SESSION_BYTES + EASY_RUN_BYTES


def easy_run(date: dt.date, data: bytes) -> Run | None:
    """`easy_run_details()`'s run (10-30 min, pain 0 during and none 2 h after, a cadence half
    the time, flat or road), taken 85 % of the time, from `EASY_RUN_BYTES` bytes."""
    read = ByteReader(data)
    if not read.happens(85):
        return None
    low, high = EASY_RUN_MINUTES
    minutes = low + pick(read.byte(), high - low + 1)
    cadence_given = pick(read.byte(), 2) == 1
    slowest, fastest = EASY_RUN_CADENCES
    cadence = slowest + pick(read.byte(), fastest - slowest + 1)
    terrain = EASY_RUN_TERRAIN[pick(read.byte(), len(EASY_RUN_TERRAIN))]
    return Run(
        date=date, minutes=float(minutes), pain_during=0, pain_after_hours=0.0,
        cadence_spm=float(cadence) if cadence_given else None, terrain=terrain,
    )  # fmt: skip


def strength_scheduled(profile: Profile, date: dt.date) -> bool:
    """ST-0: a strength day of the profile's week, from day 8."""
    weekday = WEEKDAYS[date.weekday()] in strength_weekdays(profile)
    return weekday and day_number(profile, date) >= PROTOCOL.strength.first_day


def steady_day(
    draw: Callable[[st.SearchStrategy[Any]], Any],
    profile: Profile,
    date: dt.date,
    ran_yesterday: bool,
    *,
    strength: bool = True,
    run: bool = True,
) -> list[Event]:
    """A day of a runner doing well: pain-free check-in (96 %), rolling (80 %), stretching
    (80 %), the scheduled complete strength session (92 %), and an easy pain-free run
    (85 %) unless they ran yesterday.

    One draw of `STEADY_DAY_BYTES` bytes (see `ByteReader`): 3 for the check-in, rolling and
    stretching, 1 + 24 for the session, 5 for the run, every day, whether a session is
    scheduled or runs are drawn or not. Every steady day the same size: when the shrinker or
    Hypothesis' mutations move one day's bytes to another day (a shorter segment before it,
    a day copied over another), they still fit, where bytes of another size would be
    replaced by zeros (a day with nothing logged)."""
    day = ByteReader(draw(byte_strings(STEADY_DAY_BYTES)))
    events: list[Event] = []
    if day.happens(96):
        events.append(Checkin(date=date, pain_daily=0))
    if day.happens(80):
        events.append(Roll(date=date, items=ROLL_IDS))
    if day.happens(80):
        events.append(Stretch(date=date, items=STRETCH_IDS))
    logged = day.happens(92)
    logs = day.take(SESSION_BYTES)
    if strength and logged and strength_scheduled(profile, date):
        events.append(Strength(date=date, exercises=complete_session(logs)))
    run_bytes = day.take(EASY_RUN_BYTES)
    if run and not ran_yesterday and (easy := easy_run(date, run_bytes)) is not None:
        events.append(easy)
    return events


def disturbed_day(
    draw: Callable[[st.SearchStrategy[Any]], Any],
    date: dt.date,
    flag_percent: int,
    *,
    strength: bool = True,
    runs: bool = True,
) -> list[Event]:
    """Anything can happen: at most one check-in and one strength session, in any order."""
    events: list[Event] = []
    if draw(chance(75)):
        events.append(Checkin(date=date, **draw(checkin_answers(flag_percent))))
    if strength and draw(chance(35)):
        events.append(Strength(date=date, exercises=draw(session_logs)))
    others = draw(st.lists(other_events_with_runs if runs else other_events, max_size=3))
    events.extend(make(date) for make in others)
    if len(events) > 1:
        events = [events[i] for i in draw(orders(len(events)))]
    return events


@dataclass(frozen=True)
class Scenario:
    profile: Profile
    events: tuple[Event, ...]
    last: dt.date

    @property
    def first(self) -> dt.date:
        return self.profile.start_date

    def dates(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    def __repr__(self) -> str:  # readable falsifying examples
        lines = [f"Scenario(profile={self.profile!r}, last={self.last!r}, events=["]
        lines += [f"    {event!r}," for event in self.events]
        return "\n".join([*lines, "])"])


# Weights by repetition; the first shrinks best (a gap is a day with nothing logged).
SEGMENTS = ("gap", "steady", "steady", "steady", "disturbed", "disturbed")


@st.composite
def scenarios(
    draw: Callable[[st.SearchStrategy[Any]], Any],
    *,
    max_days: int = 100,
    red_flag_percent: int | None = None,
) -> Scenario:
    """A profile and a random history from its start date, mostly steady with disturbances."""
    profile = draw(profiles(red_flag_percent if red_flag_percent is not None else 3))
    flag_percent = (
        red_flag_percent if red_flag_percent is not None else draw(st.sampled_from([0, 2, 6]))
    )
    n_days = draw(st.integers(1, max_days))
    events: list[Event] = []
    date = profile.start_date
    last = date + dt.timedelta(days=n_days - 1)
    ran_yesterday = False
    while date <= last:
        kind = draw(st.sampled_from(SEGMENTS))
        length = draw(st.integers(3, 28) if kind == "steady" else st.integers(1, 5))
        for _ in range(length):
            if date > last:
                break
            if kind == "steady":
                day = steady_day(draw, profile, date, ran_yesterday)
            elif kind == "disturbed":
                day = disturbed_day(draw, date, flag_percent)
            else:
                day = []
            events.extend(day)
            ran_yesterday = any(isinstance(e, Run) for e in day)
            date += ONE_DAY
    return Scenario(profile=profile, events=tuple(events), last=last)


def undone_strength(plan: DayPlan) -> bool:
    return any(task.kind == "strength" and not task.done for task in plan.tasks)


class DayByDay:
    """A record logged one day at a time, and the plans of its days as they are logged:
    `plan(date)` is `plan_day(PROTOCOL, profile, events, date)` for the events logged so
    far, without replaying the record from day 1 for each plan (a history of n days cost
    n²/2 replayed days that way, most of the time of the tests that follow the plan).

    The record's course is replayed once, a day behind the runner (`planner.replay`, told
    each event as it is logged, before its day is replayed), and each plan is its day
    replayed from the course at the end of the day before (`plan_day_resuming`, which
    test_plan_resume checks against `plan_day`). Only for records without corrections,
    retractions or imported runs, as the strategies make: `History.add` does not apply those.
    """

    def __init__(self, profile: Profile, last: dt.date) -> None:
        self.profile = profile
        self.events: list[Event] = []
        # Read when the first day is replayed; the events after it are told to its course.
        self._replay = replay(PROTOCOL, profile, self.events, last)
        self._resume: Resume | None = None  # the course at the end of the last day replayed

    def log(self, events: Iterable[Event]) -> None:
        for event in events:
            self.events.append(event)
            if self._resume is not None:
                self._resume.course.history.add(event)

    def plan(self, date: dt.date) -> DayPlan:
        plan, kept = plan_day_resuming(PROTOCOL, self.profile, self.events, date, self._resume)
        assert kept is self._resume, "the day was replayed from day 1"
        return plan

    def end_day(self, date: dt.date) -> None:
        """The day is logged: replay it, for the plans of the next day."""
        logged = tuple(self.events)
        course = next(self._replay)
        assert course.date == date
        self._resume = Resume(date=date + ONE_DAY, before=logged, course=course)


@st.composite
def follow_the_plan(
    draw: Callable[[st.SearchStrategy[Any]], Any], *, max_days: int = 60
) -> tuple[Scenario, list[DayPlan]]:
    """A runner who does what the plan says. Each day: the morning's events (check-in,
    rolling, stretching, the odd disturbance, but no strength and no run), then the plan
    as of that moment, then strength only if the plan prescribes it and a run only if the
    plan allows one, never longer than allowed. Returns the plans the runner saw."""
    profile = draw(profiles(red_flag_percent=1))
    disturbance = draw(st.sampled_from([0, 4, 12, 30]))  # % of days (and runs) that go wrong
    n_days = draw(st.integers(1, max_days))
    last = profile.start_date + dt.timedelta(days=n_days - 1)
    record = DayByDay(profile, last)
    seen: list[DayPlan] = []
    for offset in range(n_days):
        date = profile.start_date + dt.timedelta(days=offset)
        if draw(chance(disturbance)):
            record.log(disturbed_day(draw, date, 3, strength=False, runs=False))
        else:
            record.log(steady_day(draw, profile, date, False, strength=False, run=False))
        morning = len(record.events)
        plan = record.plan(date)
        seen.append(plan)
        if undone_strength(plan) and draw(chance(90)):
            complete = not draw(chance(disturbance))
            logs = draw(complete_logs if complete else any_logs)
            record.log([Strength(date=date, exercises=logs)])
        run = plan.run
        if run.allowed and run.max_minutes > 0 and draw(chance(85)):
            low = min(max(run.min_minutes, 1), run.max_minutes)
            if draw(chance(disturbance)):
                details = draw(any_run_details(run.max_minutes))
            else:
                details = draw(easy_run_details(low, run.max_minutes))
            record.log([Run(date=date, **details)])
        record.end_day(date)
    # Planning day by day keeps to plan_day: the last plan seen, planned again from day 1.
    assert seen[-1] == plan_day(PROTOCOL, profile, record.events[:morning], last)
    return Scenario(profile=profile, events=tuple(record.events), last=last), seen


@st.composite
def disturbed_days(
    draw: Callable[[st.SearchStrategy[Any]], Any], date: dt.date, flag_percent: int = 20
) -> list[Event]:
    return disturbed_day(draw, date, flag_percent)
