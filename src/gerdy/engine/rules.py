"""The course's state, one small object per rule (or group of rules that share state).

Each object sees the replay through three hooks, called by `Course.advance` in the order of
`Course.rules`: `start_of_day`, `on_event` for each of the day's counted events (only the
day's latest check-in, v1.1), and `end_of_day`. An object changes the course only through
`Course.warn`, `Course.enter` and the other rule objects' own methods. Adding a rule adds
one object here. Pure: no clock, no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gerdy.domain.choices import Track
from gerdy.domain.events import (
    Checkin,
    Clearance,
    Event,
    FormCheck,
    Run,
    SettingsChange,
    Strength,
)
from gerdy.domain.refusals import BREAK_ENDS_ONLY_AT_THE_GATE, TRACK_ONLY_BEFORE_THE_GATE
from gerdy.engine.calendar import ONE_DAY, week_window
from gerdy.engine.dosing import CurrentDose, first_dose, knee_caved_dose, next_dose
from gerdy.engine.gate import hills_track_week, needed_days, strength_session_pain_free
from gerdy.engine.history import Day
from gerdy.engine.plan import RETURN_LADDER, RETURN_STAGES, RunAllowance, Stage
from gerdy.engine.red_flags import flags_from_checkin
from gerdy.engine.vocabulary import (
    is_pain_free_day,
    is_pain_free_run,
    is_swollen,
    pain_lasted,
)
from gerdy.protocol.schema import Protocol

if TYPE_CHECKING:
    from gerdy.engine.course import Course

OFF_RUNG_TERRAIN = ("hills", "track")


def one_week_lower(stage: Stage) -> Stage:
    """'One step back, not a restart': return-1 stays, the others drop one rung."""
    index = RETURN_LADDER.index(stage)
    return RETURN_LADDER[max(index - 1, 0)]


class RuleState:
    """A rule's state through the replay; each hook does nothing unless overridden."""

    def start_of_day(self, course: Course) -> None:
        return None

    def on_event(self, course: Course, event: Event) -> None:
        return None

    def end_of_day(self, course: Course, day: Day) -> None:
        return None


# --- RED-1..7, RED-11 and clearances ----------------------------------------------------------
@dataclass
class RedFlagState:
    since: dt.date
    at_intake: bool


@dataclass
class RedFlags(RuleState):
    """Open red flags (from the intake, check-ins, RED-8 and RED-10) until a clearance."""

    open: dict[str, RedFlagState] = field(default_factory=dict)

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, Checkin):
            for flag in flags_from_checkin(event):
                self.raise_flag(flag, course.date)
        elif isinstance(event, Clearance):
            for flag in event.rules:
                self.open.pop(flag, None)

    def raise_flag(self, flag: str, date: dt.date) -> None:
        if flag not in self.open:
            self.open[flag] = RedFlagState(since=date, at_intake=False)

    def pausing(self, protocol: Protocol) -> list[str]:
        """The open red flags that pause running and loaded strength (RED-1..3)."""
        return [flag for flag in protocol.pausing_red_flags() if flag in self.open]


# --- ST-1..6, PR-1..4 and WS-3 ----------------------------------------------------------------
@dataclass
class StrengthDoses(RuleState):
    """Adaptive dosing: each logged exercise moves its dose; today's tasks show the dose as
    it was at the start of the day. Pain in an exercise is WS-3."""

    current: dict[str, CurrentDose] = field(default_factory=dict)
    today: dict[str, CurrentDose] = field(default_factory=dict)

    def start(self, protocol: Protocol) -> None:
        self.current = {e.id: first_dose(e) for e in protocol.exercises_of("strength")}
        self.today = dict(self.current)

    def start_of_day(self, course: Course) -> None:
        self.today = dict(self.current)

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, Strength):
            for log in event.exercises:
                exercise = course.protocol.exercise(log.id)
                self.current[log.id] = next_dose(exercise, self.current[log.id], log)
            pain = max(log.pain for log in event.exercises)
            if pain > 0:
                course.warn("WS-3", pain=pain)
        elif isinstance(event, FormCheck) and knee_caved_on_video(event):
            exercise = course.protocol.exercise(event.exercise or "")
            self.current[exercise.id] = knee_caved_dose(exercise, self.current[exercise.id])


def knee_caved_on_video(check: FormCheck) -> bool:
    """PR-4: a box squat video where the knee caved in on a rep."""
    return check.exercise is not None and any(rep.caved_in for rep in check.reps)


# --- WS-1 and WS-2 from a run -----------------------------------------------------------------
@dataclass
class RunWarningSigns(RuleState):
    """WS-1 (pain worsened during the run) and WS-2 (pain lasted), and WS-2's cap on the
    next run in a return stage or `progress` (v1.2: the longest pain-free run of the 7 days
    before the WS-2 run, or 10 min if there was none; it ends with the next run logged)."""

    cap_minutes: int | None = None
    cap_since: dt.date | None = None

    @property
    def cap_next_run(self) -> bool:
        return self.cap_minutes is not None

    def on_event(self, course: Course, event: Event) -> None:
        if not isinstance(event, Run):
            return
        self.cap_minutes = self.cap_since = None  # this run was the capped one
        if event.pain_worsened:
            course.warn("WS-1")
        if pain_lasted(course.protocol, event):
            course.warn("WS-2")
            if course.stage in RETURN_LADDER:
                self.start_cap(course)

    def start_cap(self, course: Course) -> None:
        """WS-2 (v1.2): the cap, from the runs of the days before today."""
        sign = course.protocol.pain_lasts
        first = course.date - dt.timedelta(days=sign.cap_days)
        runs = course.history.runs_between(first, course.date - ONE_DAY)
        pain_free = [run.minutes for run in runs if is_pain_free_run(course.protocol, run)]
        longest = math.floor(max(pain_free)) if pain_free else sign.cap_if_none_minutes
        self.cap_minutes, self.cap_since = longest, course.date


# --- WS-4 and RED-10 --------------------------------------------------------------------------
@dataclass
class Swelling(RuleState):
    """WS-4 for a swollen day; RED-10 when swelling persists on N days in a row (the day's
    latest check-in), or comes back: a swollen day after the day of the first run logged
    after the gate (reduced track: after any run) when an earlier check-in was swollen."""

    days_in_a_row: int = 0
    seen_before: bool = False
    first_run_on: dt.date | None = None

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, Clearance) and "RED-10" in event.rules:
            self.days_in_a_row, self.seen_before = 0, False
        if not isinstance(event, Checkin):
            return
        if not is_swollen(event):
            self.days_in_a_row = 0
            return
        self.days_in_a_row += 1
        came_back = (
            self.seen_before and self.first_run_on is not None and course.date > self.first_run_on
        )
        if self.days_in_a_row >= course.protocol.swelling_stays.consecutive_days or came_back:
            course.flags.raise_flag("RED-10", course.date)
        self.seen_before = True
        course.warn("WS-4")

    def end_of_day(self, course: Course, day: Day) -> None:
        """Runs after the gate's check, so a run on the gate day is a run after the gate."""
        if self.first_run_on is not None or not day.runs:
            return
        on_reduced = course.profile.derived_track == "reduced" or course.track == "reduced"
        if course.gate.met_on is not None or on_reduced:
            self.first_run_on = course.date


# --- RTR-1..5: keeping to the rung ----------------------------------------------------------
def rung_minutes(course: Course) -> tuple[int, int]:
    """RTR-1..3: the return week's run length today, before today's runs. RTR-3's third run
    may be longer once the week's first two runs were pain-free runs."""
    week = course.protocol.return_week(course.stage)
    first, _ = week_window(course.stage_since, course.date)
    earlier = course.history.runs_between(first, course.date - ONE_DAY)
    high = week.minutes.max
    if (
        week.long_run is not None
        and week.long_run_after_pain_free_runs is not None
        and len(earlier) == week.long_run_after_pain_free_runs
        and all(is_pain_free_run(course.protocol, run) for run in earlier)
    ):
        high = week.long_run.max
    return week.minutes.min, high


def stage_rule(course: Course) -> str:
    """The running rule of the stage (of the stage a pause resumes to): P1-2, RTR-1..4."""
    stage = course.pauses.resume_to if course.stage == "paused" else course.stage
    if stage in RETURN_STAGES:
        return course.protocol.return_week(stage).rule
    if stage == "progress":
        return course.protocol.progress.rule
    return "P1-2"


@dataclass(frozen=True)
class Stray:
    """A run off what the plan offered (v1.1, v1.2): too long for its rung (or, in
    `progress`, too far over the single-run limit), on hills or track before RTR-5 opens, or
    on a day the plan offered no run (`offered` is False; `reason` says why not)."""

    date: dt.date
    rule: str
    minutes: float
    terrain: str
    low: int
    high: int
    stage: Stage
    offered: bool = True
    reason: str | None = None


@dataclass
class KeepingToTheRung(RuleState):
    """Keeping to the rung (v1.1, v1.2). A run is judged against what the plan offered at
    the moment it was logged (the runs before it that day count): a run on a day the plan
    offered none (the break, a pause, the day after a run in return weeks 1-3, the week's
    running done, one run a day), a return-week run more than the tolerance over the rung's
    maximum, a `progress` run more than 10% over the single-run limit, or a hill or track
    run before RTR-5 opens. It raises an `info` alert on its day and the next, and its
    consequence: a return week is repeated, a `progress` week's cap does not grow the week
    after (see `WeeklyVolume`). A run in `protect` on the break track may turn out to be
    the gate day's run (the gate is met at the end of the day): the gate judges it again."""

    strays: dict[dt.date, Stray] = field(default_factory=dict)

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, Run):
            self.check_run(course, event, course.runs_today)

    def check_run(self, course: Course, run: Run, earlier_today: list[Run]) -> None:
        """Judge `run` against the day's offered run as it stood when it was logged (a second
        run of a day that offered one is judged with the day's minutes together)."""
        offered = course.offered_run([])
        minutes = run.minutes + sum(earlier.minutes for earlier in earlier_today)
        stray = self.judge(course, run, offered, minutes)
        if stray is not None:
            self.strays.setdefault(course.date, stray)

    def judge_again(self, course: Course, runs: list[Run]) -> None:
        """The stage changed at the end of the day (the gate met, a pause over), and a run of
        the day came when the earlier stage offered none: the runner saw the new stage once
        the day's check-in or session was in, so the day's runs are judged again in it."""
        stray = self.strays.get(course.date)
        if stray is None or stray.offered:
            return
        del self.strays[course.date]
        for index, run in enumerate(runs):
            self.check_run(course, run, runs[:index])

    @staticmethod
    def judge(course: Course, run: Run, offered: RunAllowance, minutes: float) -> Stray | None:
        """The stray `run` makes (`minutes`: the day's running with it), or None."""
        protocol = course.protocol
        stage = course.stage
        if not offered.allowed:
            held = offered.rule in course.red_flags or stage == "paused"
            rule = stage_rule(course) if held else offered.rule
            return Stray(course.date, rule, minutes, run.terrain, 0, 0, stage,
                         offered=False, reason=offered.reason)  # fmt: skip
        if run.terrain in OFF_RUNG_TERRAIN and not offered.hills_track:
            return Stray(course.date, protocol.hills_track.rule, minutes, run.terrain,
                         offered.min_minutes, offered.max_minutes, stage)  # fmt: skip
        if stage in RETURN_STAGES:
            low, high = rung_minutes(course)
            if minutes > high + protocol.rung_tolerance_minutes:
                rule = protocol.return_week(stage).rule
                return Stray(course.date, rule, minutes, run.terrain, low, high, stage)
        elif stage == "progress":
            limit = offered.max_minutes * (1 + protocol.progress.overrun_fraction)
            if minutes > limit + 1e-9:
                return Stray(course.date, protocol.progress.rule, minutes, run.terrain,
                             0, offered.max_minutes, stage)  # fmt: skip
        return None

    def strayed_between(self, first: dt.date, last: dt.date) -> bool:
        return any(first <= date <= last for date in self.strays)


# --- RTR-5: hills and track -------------------------------------------------------------------
@dataclass
class HillsAndTrack(RuleState):
    """RTR-5: hills and track work only from return week N (6 by default, up to 8), counted
    from the day the gate was met, on either track (v1.1: one date for both), and (v1.2)
    only in `progress`: not in a return week, not while paused. A `settings_change` naming
    `hills_track_week` sets N from its day on."""

    from_week: int = 0

    def start(self, course: Course) -> None:
        self.from_week = hills_track_week(course.protocol, course.profile.settings.hills_track_week)

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, SettingsChange) and event.hills_track_week is not None:
            self.from_week = hills_track_week(course.protocol, event.hills_track_week)

    def opens_on(self, course: Course) -> dt.date | None:
        """The date hills and track may open (RTR-5), once the gate is met."""
        met_on = course.gate.met_on
        if met_on is None:
            return None
        return met_on + dt.timedelta(days=7 * (self.from_week - 1))

    def open(self, course: Course) -> bool:
        opens_on = self.opens_on(course)
        if opens_on is None or course.stage != "progress" or course.pausing_flags():
            return False
        return course.date >= opens_on


# --- ST-0: the strength days ------------------------------------------------------------------
@dataclass
class StrengthDays(RuleState):
    """ST-0's weekdays: the profile's (else the protocol's default), until a
    `settings_change` naming `strength_days` changes them from its day on."""

    weekdays: tuple[str, ...] = ()

    def start(self, course: Course) -> None:
        self.weekdays = tuple(course.profile.strength_days or course.protocol.strength.default_days)

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, SettingsChange) and event.strength_days is not None:
            self.weekdays = event.strength_days


# --- P1-2 and RTR-4: weekly volume ------------------------------------------------------------
@dataclass
class WeeklyVolume(RuleState):
    """The minutes each week's cap counts: a run counts only up to what was left of the cap
    in force that day (P1-2's reduced week, RTR-4's progress week), so running over a cap
    never raises the next one (v1.1). Other weeks count in full."""

    counted: dict[dt.date, float] = field(default_factory=dict)
    bases: dict[dt.date, float] = field(default_factory=dict)

    def on_event(self, course: Course, event: Event) -> None:
        if not isinstance(event, Run):
            return
        window = self.cap_in_force(course)
        minutes = event.minutes
        if window is not None:
            first, cap = window
            so_far = self.counted_between(first, course.date)
            minutes = min(minutes, max(0.0, cap - so_far))
        self.counted[course.date] = self.counted.get(course.date, 0.0) + minutes

    def cap_in_force(self, course: Course) -> tuple[dt.date, float] | None:
        if course.stage == "protect" and course.track == "reduced":
            first, _, cap = self.reduced_week(course)
            return first, cap
        if course.stage == "progress":
            first, _, cap = self.progress_week(course)
            return first, cap
        return None

    def counted_between(self, first: dt.date, last: dt.date) -> float:
        return sum(minutes for date, minutes in self.counted.items() if first <= date <= last)

    @staticmethod
    def run_so_far(course: Course, first: dt.date) -> float:
        """Minutes run from `first` through today's runs so far (see `Course.runs_today`)."""
        before = course.history.runs_between(first, course.date - ONE_DAY)
        return sum(run.minutes for run in [*before, *course.runs_today])

    def reduced_week(self, course: Course) -> tuple[dt.date, float, float]:
        """P1-2: (first day, minutes run, cap) of this programme week on the reduced track."""
        first, _ = week_window(course.profile.start_date, course.date)
        cap = course.protocol.protect.reduced_cap_fraction * (
            course.profile.baseline_weekly_run_minutes
        )
        return first, self.run_so_far(course, first), cap

    @staticmethod
    def reduced_single_run_limit(course: Course, cap: float) -> int:
        """P1-2 (v1.1): a single run on the reduced track is at most half the week's cap."""
        return math.floor(cap * course.protocol.protect.reduced_single_run_fraction)

    def progress_week(self, course: Course) -> tuple[dt.date, float, float]:
        """RTR-4: (first day, minutes run, cap) of this progress week. The cap is the previous
        7 days' counted minutes (at least the protocol's floor) +10%, with no growth after a
        warning sign in either week (WS-2, WS-3)."""
        first, _ = week_window(course.stage_since, course.date)
        cap = self._progress_cap(course, first, course.date)
        return first, self.run_so_far(course, first), cap

    def _progress_cap(self, course: Course, first: dt.date, last: dt.date) -> float:
        """The cap of the progress week starting `first`, as of `last`: +10% on its base, no
        growth after a warning sign since the previous week began (WS-2, WS-3), nor (v1.2)
        after an overrun in the previous week (keeping to the rung)."""
        before = first - dt.timedelta(days=7)
        warned = course.warnings_between(before, last)
        strayed = course.rung.strayed_between(before, first - ONE_DAY)
        growth = 0.0 if warned or strayed else course.protocol.progress.weekly_growth
        return self._progress_base(course, first) * (1 + growth)

    def _progress_base(self, course: Course, first: dt.date) -> float:
        """The previous 7 days' counted minutes, at least the protocol's floor. When they were
        a progress week, its runs count only up to its cap, a run logged on its first day
        before the gate was met included (v1.1)."""
        if first not in self.bases:
            before = first - dt.timedelta(days=7)
            previous = self.counted_between(before, first - ONE_DAY)
            if before >= course.stage_since:
                previous = min(previous, self._progress_cap(course, before, first - ONE_DAY))
            self.bases[first] = max(previous, course.protocol.progress.min_base_weekly_minutes)
        return self.bases[first]

    def single_run_limit(self, course: Course) -> int:
        """RTR-4 (v1.1): no single run longer than 1.10 x the longest pain-free run of the
        last 14 days, a run of at least the floor (the return-3 maximum) counting as it."""
        progress = course.protocol.progress
        first = course.date - dt.timedelta(days=progress.single_run_days)
        runs = course.history.runs_between(first, course.date - ONE_DAY)
        longest = max(
            (run.minutes for run in runs if is_pain_free_run(course.protocol, run)), default=0.0
        )
        longest = max(longest, progress.single_run_floor_minutes)
        return math.floor(longest * (1 + progress.single_run_growth) + 1e-9)


# --- RTR-0 (a): the pain-free streak ----------------------------------------------------------
@dataclass
class PainFreeStreak(RuleState):
    """Pain-free days in a row, counted back from today when it has a check-in, else from
    yesterday (the day is not over). Also WS-1's count for resuming."""

    days: int = 0
    through_yesterday: int = 0

    def end_of_day(self, course: Course, day: Day) -> None:
        checkin = day.checkin
        if checkin is None:
            self.days, self.through_yesterday = self.through_yesterday, 0
        else:
            self.days = self.through_yesterday + 1 if is_pain_free_day(checkin) else 0
            self.through_yesterday = self.days


# --- the `paused` stage: WS-1, WS-4, RED-1..3 -------------------------------------------------
@dataclass
class Pauses(RuleState):
    """Why running is paused, since when, and the rung it resumes on (one week lower)."""

    reasons: dict[str, dt.date] = field(default_factory=dict)
    resume_to: Stage | None = None

    def start(self, course: Course, reason: str) -> None:
        if course.stage in RETURN_LADDER:
            self.resume_to = one_week_lower(course.stage)
            course.enter("paused")
        if course.stage == "paused":
            self.reasons[reason] = course.date

    def end_of_day(self, course: Course, day: Day) -> None:
        for flag in course.pausing_flags():
            if flag not in self.reasons:
                self.start(course, flag)
        if course.stage != "paused":
            return
        for reason, since in list(self.reasons.items()):
            if self._over(course, reason, since, day.checkin):
                del self.reasons[reason]
        if not self.reasons and self.resume_to is not None:
            course.enter(self.resume_to)
            self.resume_to = None
            course.rung.judge_again(course, list(day.runs))

    @staticmethod
    def _over(course: Course, reason: str, since: dt.date, checkin: Checkin | None) -> bool:
        protocol = course.protocol
        if reason in protocol.pausing_red_flags():
            return reason not in course.red_flags
        if checkin is None or course.date <= since:
            return False
        if reason == "WS-1":
            counted = min(course.streak.days, (course.date - since).days)
            return counted >= protocol.pain_builds.resume_pain_free_days
        return not is_swollen(checkin)  # WS-4


# --- RED-8's adherence ------------------------------------------------------------------------
@dataclass
class AdherenceCount(RuleState):
    """Prescribed sessions so far (past days in full; today only what is already done)."""

    prescribed: int = 0
    done: int = 0
    pending_today: int = 0

    def end_of_day(self, course: Course, day: Day) -> None:
        sessions = [
            (course.rolling_prescribed(), bool(day.rolls)),
            (course.stretching_prescribed(), bool(day.stretches)),
            (course.strength_prescribed(), bool(day.strength)),
        ]
        self.prescribed += sum(1 for prescribed, _ in sessions if prescribed)
        self.done += sum(1 for prescribed, done in sessions if prescribed and done)
        self.pending_today = sum(1 for prescribed, done in sessions if prescribed and not done)

    def as_of_now(self) -> tuple[int, int]:
        return self.prescribed - self.pending_today, self.done


# --- RED-8: not improving ---------------------------------------------------------------------
@dataclass
class NotImproving(RuleState):
    """RED-8: from day 43, the mean pain of the last N check-in days not below the first N's,
    with at least 2/3 of the prescribed sessions done. A mean of 0 (no pain in daily life,
    from the start) is not "not improving": nothing is raised."""

    first_pains: list[int] = field(default_factory=list)
    recent_pains: deque[int] = field(default_factory=deque)
    cleared: bool = False
    low_adherence: tuple[int, int] | None = None  # v1.2: (done, prescribed) when too few done

    def start(self, protocol: Protocol) -> None:
        self.recent_pains = deque(maxlen=protocol.not_improving.window_checkins)

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, Clearance) and "RED-8" in event.rules:
            self.cleared = True
        if isinstance(event, Checkin):
            if len(self.first_pains) < course.protocol.not_improving.window_checkins:
                self.first_pains.append(event.pain_daily)
            self.recent_pains.append(event.pain_daily)

    def end_of_day(self, course: Course, day: Day) -> None:
        flag = course.protocol.not_improving
        self.low_adherence = None
        if self.cleared or "RED-8" in course.red_flags or course.day < flag.from_day:
            return
        window = flag.window_checkins
        if len(self.first_pains) < window or len(self.recent_pains) < window:
            return
        first = sum(self.first_pains) / window
        recent = sum(self.recent_pains) / window
        if recent == 0:  # pain-free in daily life now: nothing left to improve, not "not better"
            return
        prescribed, done = course.adherence()
        share_done, share_prescribed = flag.min_adherence
        adherent = done * share_prescribed >= share_done * prescribed
        if recent >= first and adherent:
            course.flags.raise_flag("RED-8", course.date)
        elif recent >= first:
            self.low_adherence = (done, prescribed)


# --- RTR-0 and P1-2's minimum break -----------------------------------------------------------
@dataclass
class GateState(RuleState):
    """RTR-0: N pain-free days and a complete pain-free strength session, never before day 8
    and never inside the minimum break (P1-2: 7 days from the start, or from the move to the
    break track: a warning sign on the reduced track, v1.1, or a settings change).

    A `settings_change` applies from its day on: `gate_days` sets N (5 or 7, RTR-0), `track`
    sets the track while the runner is still in `protect` (P1-2). A move to the break track
    restarts the minimum break, and after it running comes back only through the gate."""

    met_on: dt.date | None = None
    break_since: dt.date = dt.date.min
    moved_to_break_on: dt.date | None = None  # by a warning sign: the day's alert says so
    moved_to_break_by: str | None = None  # ... that sign's alert (one message per consequence)
    only_through_the_gate: bool = False
    needed_days: int = 0
    last_strength: Strength | None = None

    def start(self, course: Course) -> None:
        self.break_since = course.profile.start_date
        self.needed_days = needed_days(course.protocol, course.profile.settings.gate_days)

    def moved_to_break(self, date: dt.date, *, by_warning: str | None = None) -> None:
        self.break_since = date
        self.only_through_the_gate = True
        if by_warning is not None:
            self.moved_to_break_on, self.moved_to_break_by = date, by_warning

    def break_ends(self, course: Course) -> dt.date:
        """P1-2: the first day a run may come after the minimum break (then only through the
        gate)."""
        return self.break_since + dt.timedelta(days=course.protocol.protect.min_break_days)

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, Strength):
            self.last_strength = event
        elif isinstance(event, SettingsChange):
            if event.gate_days is not None:
                self.needed_days = needed_days(course.protocol, event.gate_days)
            if event.track is not None and self.track_refusal(course, event.track) is None:
                course.change_track(event.track)

    def track_refusal(self, course: Course, track: Track) -> str | None:
        """Why a change to `track` cannot apply today (P1-2), or None when it can."""
        if course.stage != "protect" or self.met_on is not None:
            return TRACK_ONLY_BEFORE_THE_GATE
        if track == "reduced" and course.track == "break" and self.only_through_the_gate:
            return BREAK_ENDS_ONLY_AT_THE_GATE
        return None

    def end_of_day(self, course: Course, day: Day) -> None:
        protocol = course.protocol
        if course.stage != "protect" or course.pausing_flags():
            return
        if course.day < protocol.gate.earliest_day:
            return
        if course.date < self.break_ends(course):
            return
        if course.streak.days < self.needed_days:
            return
        if not strength_session_pain_free(protocol, self.last_strength):
            return
        self.met_on = course.date
        course.enter("return-1" if course.track == "break" else "progress")
        # The gate day is the first day of return week 1, so a warning sign logged earlier
        # that day (while the replay still said `protect`) applies to the new stage.
        course.rung.judge_again(course, list(day.runs))  # and so does keeping to the rung
        for sign in course.warnings_by_day.get(course.date, ()):
            if protocol.warning_sign(sign).pauses_running:
                course.pauses.start(course, sign)
            elif sign == "WS-2":
                course.run_signs.start_cap(course)


# --- RTR-7: back after a gap ------------------------------------------------------------------
@dataclass
class CheckinGap(RuleState):
    """RTR-7 (v1.2): when no check-in was logged on the N days before today (7), in a return
    stage or `progress`, running resumes one return week lower than before (as after a
    pause; the stage's week starts again today), and the plan asks for a check-in first: no
    run is offered until one is logged. One step per gap. Days the plan only projects (after
    the runner's today) are not counted: the projection cannot know about check-ins."""

    last_checkin: dt.date = dt.date.min
    waiting_since: dt.date | None = None
    silent_days: int = 0
    resumes_at: Stage | None = None

    def start(self, course: Course) -> None:
        self.last_checkin = course.profile.start_date - ONE_DAY

    def start_of_day(self, course: Course) -> None:
        if self.waiting_since is not None or course.projecting:
            return
        if course.stage not in RETURN_LADDER:
            return
        silent = (course.date - self.last_checkin).days - 1
        if silent >= course.protocol.back_after_gap.days_without_checkin:
            self.waiting_since, self.silent_days = course.date, silent
            course.enter(one_week_lower(course.stage))
            self.resumes_at = course.stage

    def on_event(self, course: Course, event: Event) -> None:
        if isinstance(event, Checkin):
            self.last_checkin = course.date
            self.waiting_since = None
