"""Safety invariants of the engine over random event histories (Hypothesis).

Each example replays a whole history once with `plan_days` (each day sees only its past) and
checks rules of the spec on every day, or on consecutive days. Where a rule is about the
record (the gate, red flags, weekly volume), the expectation is computed here from the event
list and the protocol data, independently of the engine.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from random import Random

from hypothesis import event as note_statistic
from hypothesis import example, given
from hypothesis import strategies as st

from gerdy.domain.events import Checkin, Clearance, Event, ExerciseLog, Run, Strength
from gerdy.domain.profile import Intake, Profile
from gerdy.engine import DayPlan, plan_day, plan_days

from .examples import examples
from .strategies import (
    ONE_DAY,
    PROTOCOL,
    STRENGTH_EXERCISES,
    Scenario,
    day_number,
    disturbed_days,
    follow_the_plan,
    scenarios,
    undone_strength,
)

RETURN_AND_AFTER = ("return-1", "return-2", "return-3", "progress", "paused")
PAUSING = frozenset({"RED-1", "RED-2", "RED-3"})
SCREENED = frozenset({"RED-1", "RED-2", "RED-3", "RED-4", "RED-5", "RED-6", "RED-7", "RED-11"})


LADDER = ("protect", "paused", "return-1", "return-2", "return-3", "progress")


def replay(scenario: Scenario) -> list[DayPlan]:
    """One replay of the whole history; notes how far it got (`--hypothesis-show-statistics`)."""
    plans = plan_days(PROTOCOL, scenario.profile, scenario.events, scenario.first, scenario.last)
    note_statistic(f"furthest stage: {max((p.stage for p in plans), key=LADDER.index)}")
    return plans


def by_date(events: Iterable[Event]) -> dict[dt.date, list[Event]]:
    days: dict[dt.date, list[Event]] = defaultdict(list)
    for event in events:
        days[event.date].append(event)
    return days


def strength_logged(days: dict[dt.date, list[Event]], date: dt.date) -> bool:
    return any(isinstance(e, Strength) for e in days.get(date, ()))


# --- ST-0 -------------------------------------------------------------------------------------

# Regression examples, found by these tests (fixed in c9090ec): a strength session logged
# off schedule listed all six exercises, the unlogged ones as still to do, so a partial
# session the day after a session, or under RED-1, left strength "to do".
MONDAY = dt.date(2024, 1, 1)
FULL_SESSION = tuple(
    ExerciseLog(id=e.id, sets=(e.dose.range.min,) * e.dose.sets, pain=0) for e in STRENGTH_EXERCISES
)
CLAMSHELLS_ONLY = (ExerciseLog(id="clamshell", sets=(15, 15, 15), pain=0),)
PARTIAL_SESSION_THE_DAY_AFTER = Scenario(
    profile=Profile(start_date=MONDAY, side="left", baseline_weekly_run_minutes=0),
    events=(
        Strength(date=MONDAY + dt.timedelta(days=7), exercises=FULL_SESSION),  # day 8, Mon
        Strength(date=MONDAY + dt.timedelta(days=8), exercises=CLAMSHELLS_ONLY),  # day 9
    ),
    last=MONDAY + dt.timedelta(days=8),
)
PARTIAL_SESSION_UNDER_RED_1 = Scenario(
    profile=Profile(start_date=MONDAY, side="left", baseline_weekly_run_minutes=0),
    events=(
        Checkin(date=MONDAY, pain_daily=2, cannot_bear_weight=True),
        Strength(date=MONDAY, exercises=CLAMSHELLS_ONLY),
    ),
    last=MONDAY,
)


@examples(120)
@given(scenarios())
@example(scenario=PARTIAL_SESSION_THE_DAY_AFTER)
def test_st_0_never_strength_on_consecutive_days(scenario: Scenario) -> None:
    """ST-0 (a): whatever was logged, a plan never leaves strength to do on the day after a
    logged strength session, nor on the day after a plan that left strength to do."""
    days = by_date(scenario.events)
    plans = replay(scenario)
    for before, plan in itertools.pairwise(plans):
        if undone_strength(plan):
            assert not strength_logged(days, before.date), plan.date
            assert not undone_strength(before), plan.date


@examples(60)
@given(follow_the_plan())
def test_st_0_runner_following_the_plan_never_trains_strength_two_days_running(
    followed: tuple[Scenario, list[DayPlan]],
) -> None:
    """ST-0 (b): a runner who logs strength exactly on the days the plan prescribes it never
    ends up with strength sessions on two consecutive days."""
    scenario, seen = followed
    days = by_date(scenario.events)
    strength_days = sorted(d for d in days if strength_logged(days, d))
    for earlier, later in itertools.pairwise(strength_days):
        assert later - earlier > ONE_DAY, (earlier, later)
    for before, plan in itertools.pairwise(seen):
        assert not (undone_strength(before) and undone_strength(plan)), plan.date


# --- RTR-0 ------------------------------------------------------------------------------------


def pain_free_streak_on_record(events: Sequence[Event], gate_day: dt.date, needed: int) -> bool:
    """RTR-0 (a), from the record: the `needed` days ending on the gate day (or the day before,
    when the gate day has no check-in yet) each have a check-in with daily pain 0."""
    checkins = {e.date: e for e in events if isinstance(e, Checkin)}
    end = gate_day if gate_day in checkins else gate_day - ONE_DAY
    window = [end - dt.timedelta(days=i) for i in range(needed)]
    return all(day in checkins and checkins[day].pain_daily == 0 for day in window)


def complete_pain_free_session_on_record(events: Sequence[Event], gate_day: dt.date) -> bool:
    """RTR-0 (b), from the record: the latest strength session up to the gate day holds all
    six ST exercises, each with its prescribed number of sets at the bottom of its range or
    more, and pain 0 in every one."""
    sessions = [e for e in events if isinstance(e, Strength) and e.date <= gate_day]
    if not sessions:
        return False
    latest = sorted(sessions, key=lambda e: e.date)[-1]  # stable: the last one logged that day
    logged: dict[str, ExerciseLog] = {log.id: log for log in latest.exercises}
    for exercise in STRENGTH_EXERCISES:
        log = logged.get(exercise.id)
        if log is None or log.pain != 0:
            return False
        good_sets = [reps for reps in log.sets if reps >= exercise.dose.range.min]
        if len(good_sets) < exercise.dose.sets:
            return False
    return True


@examples(120)
@given(scenarios())
def test_rtr_0_never_a_return_stage_without_the_gate_on_record(scenario: Scenario) -> None:
    """RTR-0: a return stage, `progress` or a pause only after a gate day G >= day 8 with, on
    the record, N pain-free check-in days up to G and a complete pain-free strength session as
    the latest one; the stage changes on G, and never goes back to `protect`."""
    profile = scenario.profile
    needed = profile.settings.gate_days or PROTOCOL.gate.pain_free_days_default
    plans = replay(scenario)
    left_protect = [plan for plan in plans if plan.stage != "protect"]
    for plan in plans:
        assert plan.gate.needed_days == needed
    if not left_protect:
        assert not any(plan.gate.met for plan in plans)
        return
    first = left_protect[0]
    gate_day = first.gate.met_on
    assert first.gate.met and gate_day is not None, first.date
    assert first.day >= 8, "P1-2 / RTR-0: no running stage before day 8"
    assert gate_day == first.date, "the stage changes on the day the gate is met"
    assert day_number(profile, gate_day) >= PROTOCOL.gate.earliest_day
    assert pain_free_streak_on_record(scenario.events, gate_day, needed), gate_day
    assert complete_pain_free_session_on_record(scenario.events, gate_day), gate_day
    for plan in plans:
        if plan.date < gate_day:
            assert plan.stage == "protect" and not plan.gate.met, plan.date
        else:
            # "one step back, not a restart": never back to protect, never a new gate
            assert plan.stage in RETURN_AND_AFTER, plan.date
            assert plan.gate.met and plan.gate.met_on == gate_day, plan.date


# --- RED-1..7, RED-9, RED-11 ------------------------------------------------------------------


def intake_flags(intake: Intake) -> tuple[set[str], set[str]]:
    """RED-9: (flags the intake must raise, flags it may also raise)."""
    swelling = intake.tender_swelling  # the intake's only swelling question (RED-7)
    must = {
        flag
        for flag, present in {
            "RED-1": intake.cannot_bear_weight,
            "RED-2": swelling and intake.instability,
            "RED-3": intake.numbness,
            "RED-4": intake.locking,
            "RED-5": intake.front_of_knee,
            "RED-6": intake.worse_knee_pushed_outward or (intake.instability and not swelling),
            "RED-7": intake.tender_swelling,
            "RED-11": intake.atypical_location or intake.not_activity_related,
        }.items()
        if present
    }
    may = {"RED-6"} if intake.instability else set()  # an unstable knee is also RED-6's
    return must, may


def checkin_flags(checkin: Checkin) -> tuple[set[str], set[str]]:
    """(flags a check-in must raise, flags it may also raise)."""
    swelling = checkin.swelling or checkin.tender_swelling
    must = {
        flag
        for flag, present in {
            "RED-1": checkin.cannot_bear_weight,
            "RED-2": swelling and checkin.instability,
            "RED-3": checkin.numbness,
            "RED-4": checkin.locking,
            "RED-5": checkin.front_of_knee,
            "RED-6": checkin.worse_knee_pushed_outward or (checkin.instability and not swelling),
            "RED-7": checkin.tender_swelling,
        }.items()
        if present
    }
    may = {"RED-6"} if checkin.instability else set()
    return must, may


def red_flags_on_record(scenario: Scenario) -> dict[dt.date, tuple[frozenset[str], frozenset[str]]]:
    """For each day, (the flags that must be active at its end, the flags that may be):
    raised by the intake or a check-in, active until a clearance names them, in the order
    the day's events were logged."""
    must, may = intake_flags(scenario.profile.intake)
    may |= must
    days = by_date(scenario.events)
    active: dict[dt.date, tuple[frozenset[str], frozenset[str]]] = {}
    for date in scenario.dates():
        for event in days.get(date, ()):
            if isinstance(event, Checkin):
                raised, also = checkin_flags(event)
                must |= raised
                may |= raised | also
            elif isinstance(event, Clearance):
                must -= set(event.rules)
                may -= set(event.rules)
        active[date] = (frozenset(must), frozenset(may))
    return active


@examples(120)
@given(scenarios(red_flag_percent=8, max_days=60))
@example(scenario=PARTIAL_SESSION_UNDER_RED_1)
def test_red_1_to_7_red_9_and_red_11_always_alert_until_cleared(scenario: Scenario) -> None:
    """RED-9 (intake answers) and RED-1..7 (check-in answers): a red-flag alert naming the
    rule from the day it is raised until a clearance names it, never hidden behind other
    alerts; RED-1..3 also stop loaded strength work and running."""
    plans = replay(scenario)
    expected = red_flags_on_record(scenario)
    for plan in plans:
        must, may = expected[plan.date]
        shown = {a.rule for a in plan.alerts if a.level == "red_flag" and a.rule in SCREENED}
        assert must <= shown, (plan.date, must - shown)
        assert shown <= may, (plan.date, shown - may)
        assert all(a.level == "red_flag" for a in plan.alerts if a.rule in SCREENED)
        levels = [a.level == "red_flag" for a in plan.alerts]
        assert levels == sorted(levels, reverse=True), "red flags come first"
        if must & PAUSING:
            assert not plan.run.allowed, plan.date
            assert not undone_strength(plan), plan.date
            assert plan.stage in ("protect", "paused"), plan.date


# --- RTR-4 ------------------------------------------------------------------------------------


def run_minutes(events: Iterable[Event], first: dt.date, last: dt.date) -> float:
    return sum(e.minutes for e in events if isinstance(e, Run) and first <= e.date <= last)


def progress_week_limit(events: Sequence[Event], since: dt.date, week_start: dt.date) -> float:
    """The most the progress week starting on `week_start` may hold (RTR-4, v1.1): 10% over
    the 7 days before it, or over the protocol's minimum base if that is more. When those 7
    days were themselves a progress week, their runs count only up to that week's limit
    (running over a cap never raises the next one); before `progress` they count in full."""
    previous_start = week_start - dt.timedelta(days=7)
    previous = run_minutes(events, previous_start, week_start - ONE_DAY)
    if previous_start >= since:
        previous = min(previous, progress_week_limit(events, since, previous_start))
    return 1.10 * max(previous, PROTOCOL.progress.min_base_weekly_minutes)


def progress_week_on_record(
    events: Sequence[Event], plan: DayPlan, run_days: Iterable[dt.date] | None = None
) -> tuple[float, float]:
    """(minutes run in this progress week up to and including the plan's day, the most the
    week may hold): 7-day windows counted from the day `progress` began (RTR-4, v1.1). With
    `run_days`, only runs on those days count as run in the week (the days the runner was
    following a progress plan)."""
    weeks_in = (plan.date - plan.stage_since).days // 7
    week_start = plan.stage_since + dt.timedelta(days=7 * weeks_in)
    days = None if run_days is None else set(run_days)
    counted = [e for e in events if days is None or not isinstance(e, Run) or e.date in days]
    done = run_minutes(counted, week_start, plan.date)
    return done, progress_week_limit(events, plan.stage_since, week_start)


@examples(120)
@given(scenarios())
def test_rtr_4_progress_weekly_volume_never_planned_above_ten_percent(scenario: Scenario) -> None:
    """Whatever the runner actually ran, a progress-stage plan that still offers minutes
    never offers more than the week's +10% leaves."""
    for plan in replay(scenario):
        if plan.stage != "progress":
            continue
        assert plan.run.max_minutes >= 0
        if plan.run.allowed:
            assert plan.run.max_minutes > 0, plan.date
        if plan.run.max_minutes == 0:
            continue
        done, limit = progress_week_on_record(scenario.events, plan)
        assert done + plan.run.max_minutes <= limit + 1e-9, (plan.date, done, limit)


@examples(60)
@given(follow_the_plan(max_days=80))
def test_rtr_4_runner_following_the_plan_never_runs_above_ten_percent(
    followed: tuple[Scenario, list[DayPlan]],
) -> None:
    """A runner who runs only what the plan allows never has a progress week above +10%.
    A run taken on the gate day under that morning's `protect` plan (P1-2), before a later
    strength session met the gate, was not offered by RTR-4, so the week's own runs are those
    of days whose plan was `progress`; in the next week's base it counts, like every run of
    a progress week, only up to the gate week's limit (RTR-4, v1.1)."""
    scenario, seen = followed
    progress_days = {plan.date for plan in seen if plan.stage == "progress"}
    for plan in replay(scenario):
        if plan.stage == "progress":
            done, limit = progress_week_on_record(scenario.events, plan, progress_days)
            assert done + plan.run.max_minutes <= limit + 1e-9, (plan.date, done, limit)


# --- a plan sees only its past; determinism ---------------------------------------------------


@examples(60)
@given(scenarios(max_days=50), st.data())
def test_plans_ignore_events_after_their_date(scenario: Scenario, data: st.DataObject) -> None:
    dates = scenario.dates()
    date = data.draw(st.sampled_from(dates), label="plan date")
    future: list[Event] = []
    for offset in range(1, data.draw(st.integers(1, 6), label="future days") + 1):
        future.extend(data.draw(disturbed_days(date + dt.timedelta(days=offset))))
    past = [e for e in scenario.events if e.date <= date]
    everything = [*scenario.events, *future]
    plans = replay(scenario)
    expected = plans[dates.index(date)]
    assert plan_day(PROTOCOL, scenario.profile, past, date) == expected
    assert plan_day(PROTOCOL, scenario.profile, everything, date) == expected
    later = plan_days(PROTOCOL, scenario.profile, everything, scenario.first, date)
    assert later == plans[: dates.index(date) + 1]


@examples(60)
@given(scenarios(max_days=50), st.randoms(use_true_random=False))
def test_plans_are_deterministic(scenario: Scenario, random: Random) -> None:
    """The same record gives the same plans, also when events of different days arrive in
    another order (only the order within a day is the record's)."""
    plans = replay(scenario)
    assert replay(scenario) == plans
    shuffled = list(scenario.events)
    random.shuffle(shuffled)
    per_day = {d: iter(events) for d, events in by_date(scenario.events).items()}
    reordered = tuple(next(per_day[e.date]) for e in shuffled)  # same-day order kept
    again = Scenario(profile=scenario.profile, events=reordered, last=scenario.last)
    assert replay(again) == plans
    first = scenario.first + (scenario.last - scenario.first) // 2
    assert (
        plan_days(PROTOCOL, scenario.profile, scenario.events, first, scenario.last)
        == plans[(first - scenario.first).days :]
    )
