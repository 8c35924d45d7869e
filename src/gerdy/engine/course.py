"""The course of one rehab, replayed day by day from day 1.

`Course.advance(date)` applies one day: the end of a return week, the day's events in the
order they were recorded, then the checks that depend on the whole day (pain-free streak,
the end of a pause, RED-8/RED-10, the RTR-0 gate) and the adherence count. What the day's
plan shows is read from the course afterwards (see `planner`). No clock, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, field

from gerdy.domain.events import Checkin, Clearance, FormCheck, Run, Strength
from gerdy.domain.profile import Profile, Track
from gerdy.engine.calendar import ONE_DAY, day_number, week_number
from gerdy.engine.dosing import Dose, first_dose, knee_caved_dose, next_dose
from gerdy.engine.gate import hills_track_week, needed_days, strength_session_pain_free
from gerdy.engine.history import History
from gerdy.engine.plan import RETURN_LADDER, Stage
from gerdy.engine.red_flags import flags_from_checkin, flags_from_intake
from gerdy.engine.schedule import is_scheduled_strength_day, maintenance_sessions
from gerdy.protocol.schema import Protocol

RUNNING_STAGES: tuple[Stage, ...] = RETURN_LADDER
RETURN_STAGES: tuple[Stage, ...] = ("return-1", "return-2", "return-3")


def one_week_lower(stage: Stage) -> Stage:
    """'One step back, not a restart': return-1 stays, the others drop one rung."""
    index = RETURN_LADDER.index(stage)
    return RETURN_LADDER[max(index - 1, 0)]


@dataclass
class RedFlagState:
    since: dt.date
    at_intake: bool


@dataclass
class Course:
    protocol: Protocol
    profile: Profile
    history: History
    stage: Stage = "protect"
    track: Track = "break"
    stage_since: dt.date = dt.date.min
    gate_met_on: dt.date | None = None
    resume_to: Stage | None = None
    pauses: dict[str, dt.date] = field(default_factory=dict)
    red_flags: dict[str, RedFlagState] = field(default_factory=dict)
    red8_cleared: bool = False
    streak_yesterday: int = 0
    pain_free_days: int = 0
    swelling_checkins: int = 0
    swelling_resumed_once: bool = False
    paused_for_swelling: bool = False
    warnings_by_day: dict[dt.date, list[str]] = field(default_factory=dict)
    ws2_cap_pending: bool = False
    doses: dict[str, Dose] = field(default_factory=dict)
    doses_today: dict[str, Dose] = field(default_factory=dict)
    last_strength: Strength | None = None
    first_pains: list[int] = field(default_factory=list)
    recent_pains: deque[int] = field(default_factory=deque)
    prescribed_sessions: int = 0
    done_sessions: int = 0
    pending_today: int = 0
    gate_days: int = 0
    hills_track_week: int = 0
    break_since: dt.date = dt.date.min
    date: dt.date = dt.date.min

    def __post_init__(self) -> None:
        start = self.profile.start_date
        self.track = self.profile.derived_track
        self.stage_since = start
        self.break_since = start
        self.date = start - ONE_DAY
        window = self.protocol.not_improving.window_checkins
        self.recent_pains = deque(maxlen=window)
        self.doses = {e.id: first_dose(e) for e in self.protocol.exercises_of("strength")}
        self.doses_today = dict(self.doses)
        for flag in flags_from_intake(self.profile.intake):
            self.red_flags[flag] = RedFlagState(since=start, at_intake=True)
        settings = self.profile.settings
        self.gate_days = needed_days(self.protocol, settings.gate_days)
        self.hills_track_week = hills_track_week(self.protocol, settings.hills_track_week)
        maintenance_sessions(self.protocol, self.profile)  # a bad setting fails on day 1

    # --- queries ------------------------------------------------------------------------
    @property
    def day(self) -> int:
        return day_number(self.profile.start_date, self.date)

    @property
    def week(self) -> int:
        return week_number(self.day)

    def pausing_flags(self) -> list[str]:
        return [flag for flag in self.protocol.pausing_red_flags() if flag in self.red_flags]

    def warnings_between(self, first: dt.date, last: dt.date) -> list[str]:
        found: list[str] = []
        date = first
        while date <= last:
            found.extend(self.warnings_by_day.get(date, ()))
            date += ONE_DAY
        return found

    # --- one day ------------------------------------------------------------------------
    def advance(self, date: dt.date) -> None:
        assert date == self.date + ONE_DAY, "the course is replayed one day at a time"
        self.date = date
        self._close_return_week()
        self.doses_today = dict(self.doses)
        today = self.history.on(date)
        for event in today.events:
            if isinstance(event, Checkin):
                self._on_checkin(event)
            elif isinstance(event, Run):
                self._on_run(event)
            elif isinstance(event, Strength):
                self._on_strength(event)
            elif isinstance(event, Clearance):
                self._on_clearance(event)
            elif isinstance(event, FormCheck):
                self._on_form_check(event)
        self._count_streak(today.checkin)
        self._pause_for_red_flags()
        self._end_pause(today.checkin)
        self._count_adherence()
        self._check_red_8()
        self._check_gate()

    def _close_return_week(self) -> None:
        """RTR-1..3: a return week done pain-free moves one rung up; otherwise it repeats."""
        if self.stage not in RETURN_STAGES:
            return
        elapsed = (self.date - self.stage_since).days
        if elapsed == 0 or elapsed % 7:
            return
        first, last = self.date - dt.timedelta(days=7), self.date - ONE_DAY
        if self.week_was_pain_free(first, last):
            index = RETURN_LADDER.index(self.stage)
            self.stage = RETURN_LADDER[index + 1]
        self.stage_since = self.date

    def week_was_pain_free(self, first: dt.date, last: dt.date) -> bool:
        """At least one run, every run rated pain 0 during, and no WS-* in the week."""
        runs = self.history.runs_between(first, last)
        return (
            bool(runs)
            and all(run.pain_during == 0 for run in runs)
            and not self.warnings_between(first, last)
        )

    def _on_checkin(self, checkin: Checkin) -> None:
        for flag in flags_from_checkin(checkin):
            self._raise(flag)
        swollen = checkin.swelling or checkin.tender_swelling
        if swollen:
            self.swelling_checkins += 1
            consecutive = self.protocol.swelling_stays.consecutive_days
            if self.swelling_checkins >= consecutive or self.swelling_resumed_once:
                self._raise("RED-10")
            self._warn("WS-4")
        else:
            self.swelling_checkins = 0
        if len(self.first_pains) < self.protocol.not_improving.window_checkins:
            self.first_pains.append(checkin.pain_daily)
        self.recent_pains.append(checkin.pain_daily)

    def _on_run(self, run: Run) -> None:
        self.ws2_cap_pending = False  # this run was the capped one
        if run.pain_worsened:
            self._warn("WS-1")
        limit = self.protocol.pain_lasts.pain_after_hours
        if run.pain_after_hours is not None and run.pain_after_hours > limit:
            self._warn("WS-2")
            if self.stage in RUNNING_STAGES:
                self.ws2_cap_pending = True

    def _on_strength(self, session: Strength) -> None:
        for log in session.exercises:
            exercise = self.protocol.exercise(log.id)
            self.doses[log.id] = next_dose(exercise, self.doses[log.id], log)
        if any(log.pain > 0 for log in session.exercises):
            self._warn("WS-3")
        self.last_strength = session

    def _on_form_check(self, check: FormCheck) -> None:
        """PR-4: a box squat video where the knee caved in raises the box for next time."""
        if check.exercise is not None and any(rep.caved_in for rep in check.reps):
            exercise = self.protocol.exercise(check.exercise)
            self.doses[check.exercise] = knee_caved_dose(exercise, self.doses[check.exercise])

    def _on_clearance(self, clearance: Clearance) -> None:
        for flag in clearance.rules:
            self.red_flags.pop(flag, None)
            if flag == "RED-8":
                self.red8_cleared = True
            if flag == "RED-10":
                self.swelling_checkins = 0
                self.swelling_resumed_once = False

    def _raise(self, flag: str) -> None:
        if flag not in self.red_flags:
            self.red_flags[flag] = RedFlagState(since=self.date, at_intake=False)

    def _warn(self, sign: str) -> None:
        """WS-1..4: one step back. A reduced-track runner in `protect` moves to the break
        track (P1-2); WS-1 and WS-4 pause running in a return stage or `progress`."""
        self.warnings_by_day.setdefault(self.date, []).append(sign)
        if self.stage == "protect":
            self.track = "break"
            return
        if not self.protocol.warning_sign(sign).pauses_running:
            return
        self._pause(sign)

    def _pause(self, reason: str) -> None:
        if self.stage in RUNNING_STAGES:
            self.resume_to = one_week_lower(self.stage)
            self.stage = "paused"
            self.stage_since = self.date
        if self.stage == "paused":
            self.pauses[reason] = self.date

    def _pause_for_red_flags(self) -> None:
        for flag in self.pausing_flags():
            if flag not in self.pauses:
                self._pause(flag)

    def _count_streak(self, checkin: Checkin | None) -> None:
        """RTR-0 (a): pain-free check-in days counted back from today, or from yesterday
        while today has no check-in yet (the day is not over)."""
        if checkin is None:
            self.pain_free_days = self.streak_yesterday
            self.streak_yesterday = 0
        else:
            today = self.streak_yesterday + 1 if checkin.pain_daily == 0 else 0
            self.pain_free_days = today
            self.streak_yesterday = today

    def _end_pause(self, checkin: Checkin | None) -> None:
        if self.stage != "paused":
            return
        for reason, since in list(self.pauses.items()):
            if self._pause_reason_over(reason, since, checkin):
                del self.pauses[reason]
                if reason == "WS-4":
                    self.paused_for_swelling = True
        if not self.pauses and self.resume_to is not None:
            self.stage, self.resume_to = self.resume_to, None
            self.stage_since = self.date
            if self.paused_for_swelling:  # RED-10: from now on, swelling means it came back
                self.swelling_resumed_once, self.paused_for_swelling = True, False

    def _pause_reason_over(self, reason: str, since: dt.date, checkin: Checkin | None) -> bool:
        if reason in self.protocol.pausing_red_flags():
            return reason not in self.red_flags
        if checkin is None or self.date <= since:
            return False
        if reason == "WS-1":
            days = self.protocol.pain_builds.resume_pain_free_days
            return min(self.pain_free_days, (self.date - since).days) >= days
        return not (checkin.swelling or checkin.tender_swelling)  # WS-4

    def _check_red_8(self) -> None:
        flag = self.protocol.not_improving
        if self.red8_cleared or "RED-8" in self.red_flags or self.day < flag.from_day:
            return
        window = flag.window_checkins
        if len(self.first_pains) < window or len(self.recent_pains) < window:
            return
        first = sum(self.first_pains) / window
        recent = sum(self.recent_pains) / window
        prescribed, done = self.adherence()
        share_done, share_prescribed = flag.min_adherence
        adherent = done * share_prescribed >= share_done * prescribed
        if recent >= first and adherent:
            self._raise("RED-8")

    def _check_gate(self) -> None:
        if self.stage != "protect" or self.pausing_flags():
            return
        if self.day < self.protocol.gate.earliest_day:
            return
        if self.date < self.break_since + dt.timedelta(days=self.protocol.protect.min_break_days):
            return  # P1-2: the minimum break
        if self.pain_free_days < self.gate_days:
            return
        if not strength_session_pain_free(self.protocol, self.last_strength):
            return
        self.gate_met_on = self.date
        self.stage = "return-1" if self.track == "break" else "progress"
        self.stage_since = self.date
        # The gate day is the first day of return week 1, so a warning sign logged earlier
        # that day (while the replay still said `protect`) applies to the new stage.
        for sign in self.warnings_by_day.get(self.date, ()):
            if self.protocol.warning_sign(sign).pauses_running:
                self._pause(sign)
            elif sign == "WS-2":
                self.ws2_cap_pending = True

    # --- RED-8's adherence ----------------------------------------------------------------
    def strength_prescribed(self) -> bool:
        """ST-0 for today: a scheduled day, not right after a strength session (never two
        days in a row), and no pausing red flag (RED-1..3 stop loaded strength work)."""
        if self.pausing_flags():
            return False
        if self.history.on(self.date - ONE_DAY).strength:
            return False
        return is_scheduled_strength_day(self.protocol, self.profile, self.date)

    def rolling_prescribed(self) -> bool:
        window = self.protocol.rolling
        last_week = window.last_week
        return self.day >= window.first_day and (last_week is None or self.week <= last_week)

    def stretching_prescribed(self) -> bool:
        return self.day >= self.protocol.stretching.first_day

    def _count_adherence(self) -> None:
        """Prescribed sessions so far: past days in full; today only what is already done."""
        today = self.history.on(self.date)
        sessions = [
            (self.rolling_prescribed(), bool(today.rolls)),
            (self.stretching_prescribed(), bool(today.stretches)),
            (self.strength_prescribed(), bool(today.strength)),
        ]
        self.prescribed_sessions += sum(1 for prescribed, _ in sessions if prescribed)
        self.done_sessions += sum(1 for prescribed, done in sessions if prescribed and done)
        self.pending_today = sum(1 for prescribed, done in sessions if prescribed and not done)

    def adherence(self) -> tuple[int, int]:
        """(prescribed, done) as of now: today's sessions count once they are done."""
        return self.prescribed_sessions - self.pending_today, self.done_sessions
