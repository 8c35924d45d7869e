"""The course of one rehab, replayed day by day from day 1.

`Course.advance(date)` applies one day: the end of a return week, then the day's events in
the order they were recorded (only the day's latest check-in counts, v1.1), then each rule's
end-of-day checks. The state is grouped by rule, one small object each with its own
`on_event` / `end_of_day`: red flags, the pain-free streak and the gate (RTR-0, P1-2's break
and track), pauses (WS-1, WS-4, RED-1..3, RED-6, RED-10), swelling (WS-4's count and
RED-10), RED-8, the next-run cap (WS-2), keeping to the rung (RTR-1..5), hills and track
(RTR-5), the strength days (ST-0), the weekly volume (P1-2, RTR-4), a gap in check-ins
(RTR-7), the strength doses and RED-8's adherence. A
`settings_change` event is heard by the rule it adjusts (RTR-0, RTR-5, ST-0, P1-2) and
applies from its day on. What the day's plan shows is read from the course afterwards (see
`planner`). No clock, no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gerdy.domain.choices import Track
from gerdy.domain.events import Checkin, Event, Run
from gerdy.domain.profile import Profile
from gerdy.engine.calendar import ONE_DAY, day_number, week_number
from gerdy.engine.dosing import CurrentDose
from gerdy.engine.history import Day, History
from gerdy.engine.plan import RETURN_LADDER, RETURN_STAGES, RunAllowance, Stage
from gerdy.engine.red_flags import flags_from_intake
from gerdy.engine.rules import (
    AdherenceCount,
    CheckinGap,
    GateState,
    HillsAndTrack,
    KeepingToTheRung,
    NotImproving,
    PainFreeStreak,
    Pauses,
    RedFlags,
    RedFlagState,
    RuleState,
    RunWarningSigns,
    StrengthDays,
    StrengthDoses,
    Swelling,
    WeeklyVolume,
)
from gerdy.engine.running import plan_run
from gerdy.engine.schedule import is_scheduled_strength_day, maintenance_sessions
from gerdy.engine.vocabulary import week_was_pain_free
from gerdy.protocol.schema import Protocol

__all__ = ["RETURN_STAGES", "Course", "counted_events"]


@dataclass
class Course:
    protocol: Protocol
    profile: Profile
    history: History
    stage: Stage = "protect"
    track: Track = "break"
    stage_since: dt.date = dt.date.min
    warnings_by_day: dict[dt.date, list[str]] = field(default_factory=dict)
    date: dt.date = dt.date.min
    _starting: tuple[RuleState, ...] = ()
    _listening: tuple[RuleState, ...] = ()
    _ending: tuple[RuleState, ...] = ()
    # one object per rule (or group of rules), in the order their end-of-day checks run
    flags: RedFlags = field(default_factory=RedFlags)
    doses: StrengthDoses = field(default_factory=StrengthDoses)
    rung: KeepingToTheRung = field(default_factory=KeepingToTheRung)
    volume: WeeklyVolume = field(default_factory=WeeklyVolume)
    run_signs: RunWarningSigns = field(default_factory=RunWarningSigns)
    streak: PainFreeStreak = field(default_factory=PainFreeStreak)
    pauses: Pauses = field(default_factory=Pauses)
    adherence_count: AdherenceCount = field(default_factory=AdherenceCount)
    not_improving: NotImproving = field(default_factory=NotImproving)
    gate: GateState = field(default_factory=GateState)
    hills: HillsAndTrack = field(default_factory=HillsAndTrack)
    strength_days: StrengthDays = field(default_factory=StrengthDays)
    swelling: Swelling = field(default_factory=Swelling)  # after the gate: see its end_of_day
    gap: CheckinGap = field(default_factory=CheckinGap)
    # today's runs as the replay has heard them so far (all of them once the day's events are
    # in): what "ran today" means while a run is being judged (keeping to the rung)
    runs_today: list[Run] = field(default_factory=list)
    # days after the runner's today (a projection, see `planner.plan_days`)
    projecting: bool = False

    def __post_init__(self) -> None:
        start = self.profile.start_date
        self.track = self.profile.derived_track
        self.stage_since = start
        self.date = start - ONE_DAY
        self.doses.start(self.protocol)
        self.not_improving.start(self.protocol)
        for flag in flags_from_intake(self.profile.intake):
            self.flags.open[flag] = RedFlagState(since=start, at_intake=True)
        self.gate.start(self)
        self.hills.start(self)
        self.strength_days.start(self)
        self.gap.start(self)
        maintenance_sessions(self.protocol, self.profile)  # a bad setting fails on day 1
        self._starting = self._hooked("start_of_day")
        self._listening = self._hooked("on_event")
        self._ending = self._hooked("end_of_day")

    @property
    def rules(self) -> tuple[RuleState, ...]:
        return (
            self.flags, self.doses, self.rung, self.volume, self.run_signs, self.streak,
            self.pauses, self.adherence_count, self.not_improving, self.gate, self.hills,
            self.strength_days, self.swelling, self.gap,
        )  # fmt: skip

    def _hooked(self, hook: str) -> tuple[RuleState, ...]:
        """The rules that override `hook` (the replay runs once per day: skip the others)."""
        base = getattr(RuleState, hook)
        return tuple(rule for rule in self.rules if getattr(type(rule), hook) is not base)

    # --- queries ------------------------------------------------------------------------
    @property
    def day(self) -> int:
        return day_number(self.profile.start_date, self.date)

    @property
    def week(self) -> int:
        return week_number(self.day)

    @property
    def red_flags(self) -> dict[str, RedFlagState]:
        return self.flags.open

    @property
    def gate_met_on(self) -> dt.date | None:
        return self.gate.met_on

    @property
    def pain_free_days(self) -> int:
        return self.streak.days

    @property
    def gate_days(self) -> int:
        """RTR-0's N in force today."""
        return self.gate.needed_days

    @property
    def hills_track_week(self) -> int:
        """RTR-5's return week in force today."""
        return self.hills.from_week

    def pausing_flags(self) -> list[str]:
        return self.flags.pausing(self.protocol)

    def warnings_between(self, first: dt.date, last: dt.date) -> list[str]:
        found: list[str] = []
        date = first
        while date <= last:
            found.extend(self.warnings_by_day.get(date, ()))
            date += ONE_DAY
        return found

    def hills_track_open(self) -> bool:
        return self.hills.open(self)

    # --- one day ------------------------------------------------------------------------
    def advance(self, date: dt.date) -> None:
        assert date == self.date + ONE_DAY, "the course is replayed one day at a time"
        self.date = date
        self._close_return_week()
        today = self.history.on(date)
        self.runs_today = []
        for rule in self._starting:
            rule.start_of_day(self)
        for event in counted_events(today):
            for rule in self._listening:
                rule.on_event(self, event)
            if isinstance(event, Run):
                self.runs_today.append(event)
        for rule in self._ending:
            rule.end_of_day(self, today)

    def assume(self, event: Event) -> None:
        """A projected day (see `planner.plan_days`): `event` is taken as logged today, after
        the day's own events, so the days after it see it. Never used up to the runner's
        today."""
        self.history.add(event)
        for rule in self._listening:
            rule.on_event(self, event)
        if isinstance(event, Run):
            self.runs_today.append(event)

    def offered_run(self, earlier_today: list[Run]) -> RunAllowance:
        """The run the plan offered before a run was logged: today's allowance with only
        `earlier_today` as the day's runs (keeping to the rung)."""
        heard = self.runs_today
        self.runs_today = earlier_today
        try:
            return plan_run(self)
        finally:
            self.runs_today = heard

    def _close_return_week(self) -> None:
        """RTR-1..3: a return week done pain-free, and on its rung, moves one rung up;
        otherwise it repeats."""
        if self.stage not in RETURN_STAGES:
            return
        elapsed = (self.date - self.stage_since).days
        if elapsed == 0 or elapsed % 7:
            return
        first, last = self.date - dt.timedelta(days=7), self.date - ONE_DAY
        if self.week_passed(first, last):
            self.enter(RETURN_LADDER[RETURN_LADDER.index(self.stage) + 1])
        self.stage_since = self.date

    def week_passed(self, first: dt.date, last: dt.date) -> bool:
        """A pain-free week (every run a pain-free run, no WS-*) with no run off the rung."""
        runs = self.history.runs_between(first, last)
        return week_was_pain_free(
            self.protocol, runs, self.warnings_between(first, last)
        ) and not self.rung.strayed_between(first, last)

    # --- changes the rules ask for ----------------------------------------------------
    def enter(self, stage: Stage) -> None:
        self.stage = stage
        self.stage_since = self.date

    def warn(self, sign: str, *, pain: int | None = None) -> None:
        """WS-1..4: one step back. A reduced-track runner in `protect` moves to the break
        track, and the minimum break starts again (P1-2; v1.2: WS-3 only at `pain` 3/10 or
        more); WS-1 and WS-4 pause running in a return stage or `progress`."""
        self.warnings_by_day.setdefault(self.date, []).append(sign)
        if self.stage == "protect":
            proportion = self.protocol.strength_pain.to_break_track_from_pain
            if sign != "WS-3" or (pain is not None and pain >= proportion):
                self.change_track("break", by_warning=sign)
            return
        if self.protocol.warning_sign(sign).pauses_running:
            self.pauses.start(self, sign)

    def change_track(self, track: Track, *, by_warning: str | None = None) -> None:
        """P1-2: a move to the break track restarts the minimum break from today (by a
        warning sign, or by a professional's `settings_change`)."""
        if track == "break" and self.track == "reduced":
            self.gate.moved_to_break(self.date, by_warning=by_warning)
        self.track = track

    # --- what is prescribed today (tasks and RED-8's adherence) ------------------------
    def strength_prescribed(self) -> bool:
        """ST-0 for today: a scheduled day, not right after a strength session (never two
        days in a row), and no pausing red flag (RED-1..3, RED-6, RED-10 stop loaded
        strength work)."""
        if self.pausing_flags():
            return False
        if self.history.on(self.date - ONE_DAY).strength:
            return False
        return is_scheduled_strength_day(
            self.protocol, self.profile, self.date, self.strength_days.weekdays
        )

    def rolling_prescribed(self) -> bool:
        window = self.protocol.rolling
        last_week = window.last_week
        return self.day >= window.first_day and (last_week is None or self.week <= last_week)

    def stretching_prescribed(self) -> bool:
        return self.day >= self.protocol.stretching.first_day

    def adherence(self) -> tuple[int, int]:
        """(prescribed, done) as of now: today's sessions count once they are done."""
        return self.adherence_count.as_of_now()

    @property
    def doses_today(self) -> dict[str, CurrentDose]:
        return self.doses.today


def counted_events(day: Day) -> list[Event]:
    """The day's events in the order recorded, with only its latest check-in (v1.1: one
    check-in a day; the earlier ones stay in the record but count for nothing)."""
    latest = day.checkin
    return [e for e in day.events if not isinstance(e, Checkin) or e is latest]
