"""A clinician's caseload: one summary row per shared record, sorted by need.

Need, most urgent first: an open red flag (RED-8 aside), then warning signs (a back-off alert)
in the last 7 days, then no check-in for 3 days or more, then RED-8 ("not getting better"),
then the rest.

It scales with the number of runners by asking the database once for every record's version
(`people.version`, one more at every write) and keeping each row in the record cache for its
record version and day (`CASELOAD_ROW`, one per record): a record nobody changed since the last
look costs no parsing and no replay. Any write, by any process, changes the version, so a row
is never stale. A row is computed from a Coach without the cache, so a caseload of hundreds
of records does not push the runners' own recent work out of the cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace

from gerdy.domain.events import Checkin, Event, effective_events
from gerdy.domain.profile import Profile
from gerdy.engine import DayPlan, plan_days
from gerdy.engine.history import History
from gerdy.protocol import Protocol
from gerdy.services.clock import Clock, today_for
from gerdy.services.coach import Coach, stored_profile
from gerdy.services.record_cache import RecordCache, Slot
from gerdy.storage.sharing import SharedRecord, ShareStore
from gerdy.storage.store import RecordVersion

SPARK_DAYS = 14
ADHERENCE_DAYS = 14
WARNING_DAYS = 7
QUIET_DAYS = 3  # no check-in for this many days moves a runner up the list
NOT_IMPROVING = "RED-8"
ROW_BYTES = 1_024  # a row is well under a kilobyte

NEEDS = ("red flag", "warning signs", "no check-in", NOT_IMPROVING, "on track", "not started")


@dataclass(frozen=True)
class CaseloadRow:
    """What the caseload shows of one runner."""

    runner_id: int
    alias: str
    has_record: bool = False
    today: dt.date | None = None
    day: int = 0
    week: int = 0
    stage: str = ""
    gate_days: int = 0
    gate_needed: int = 0
    gate_met: bool = False
    pain: tuple[int | None, ...] = ()  # daily pain of the last SPARK_DAYS days, oldest first
    done: int = 0  # sessions done / prescribed over the last ADHERENCE_DAYS days
    prescribed: int = 0
    red_flags: tuple[str, ...] = ()  # open, RED-8 aside
    warnings: tuple[str, ...] = ()  # back-off signs of the last WARNING_DAYS days
    not_improving: bool = False  # RED-8 open
    days_since_checkin: int | None = None  # None: never checked in

    @property
    def adherence(self) -> float | None:
        return self.done / self.prescribed if self.prescribed else None

    @property
    def need(self) -> int:
        """The row's place in NEEDS (lower comes first)."""
        if not self.has_record or not self.stage:
            return 5  # no intake yet, or a programme that starts later
        if self.red_flags:
            return 0
        if self.warnings:
            return 1
        if self.days_since_checkin is None or self.days_since_checkin >= QUIET_DAYS:
            return 2
        if self.not_improving:
            return 3
        return 4

    @property
    def need_label(self) -> str:
        return NEEDS[self.need]


CASELOAD_ROW = Slot[CaseloadRow]("caseload row", lambda _row: ROW_BYTES)


def summarise(
    record: SharedRecord,
    protocol: Protocol,
    profile: Profile,
    events: list[Event],
    now: dt.datetime,
) -> CaseloadRow:
    """The row of one record, from its profile and events."""
    today = today_for(profile, now)
    if today < profile.start_date:
        return CaseloadRow(record.runner_id, record.alias, has_record=True, today=today)
    first = max(profile.start_date, today - dt.timedelta(days=ADHERENCE_DAYS))
    plans = plan_days(protocol, profile, events, first, today)
    plan = plans[-1]
    history = History(events, today)
    spark = [today - dt.timedelta(days=n) for n in range(SPARK_DAYS - 1, -1, -1)]
    pain = tuple(checkin_pain(history, day) for day in spark)
    before = plans[0] if first == today - dt.timedelta(days=ADHERENCE_DAYS) else None
    recent = [p for p in plans if p.date > today - dt.timedelta(days=WARNING_DAYS)]
    flags = [a.rule for a in plan.alerts if a.level == "red_flag"]
    return CaseloadRow(
        runner_id=record.runner_id,
        alias=record.alias,
        has_record=True,
        today=today,
        day=plan.day,
        week=plan.week,
        stage=plan.stage,
        gate_days=plan.gate.pain_free_days,
        gate_needed=plan.gate.needed_days,
        gate_met=plan.gate.met,
        pain=pain,
        done=plan.adherence.done - (before.adherence.done if before else 0),
        prescribed=plan.adherence.prescribed - (before.adherence.prescribed if before else 0),
        red_flags=tuple(f for f in flags if f != NOT_IMPROVING),
        warnings=warnings_of(recent),
        not_improving=NOT_IMPROVING in flags,
        days_since_checkin=days_since_checkin(events, today),
    )


def checkin_pain(history: History, day: dt.date) -> int | None:
    checkins = history.on(day).checkins
    return checkins[-1].pain_daily if checkins else None


def warnings_of(plans: Sequence[DayPlan]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.rule for p in plans for a in p.alerts if a.level == "back_off"))


def days_since_checkin(events: list[Event], today: dt.date) -> int | None:
    dates = [e.date for e in effective_events(events) if isinstance(e, Checkin) and e.date <= today]
    return (today - max(dates)).days if dates else None


class Caseload:
    """The caseload of the records shared with one clinician (see the module's docstring)."""

    def __init__(
        self,
        store: ShareStore,
        coach_for: Callable[[str], Coach],
        protocol: Protocol,
        clock: Clock,
        cache: RecordCache,
    ) -> None:
        self._store = store
        self._coach_for = coach_for  # Coaches without the cache (see the module's docstring)
        self._protocol = protocol
        self._clock = clock
        self._cache = cache

    def rows(self, records: Sequence[SharedRecord]) -> list[CaseloadRow]:
        """One row per record, most in need first (then the longest without a check-in, then
        by alias)."""
        states = self._store.record_versions([r.person_handle for r in records])
        now = self._clock()
        rows = [self.row(record, states.get(record.person_handle), now) for record in records]
        return sorted(rows, key=need_order)

    def row(
        self, record: SharedRecord, state: RecordVersion | None, now: dt.datetime
    ) -> CaseloadRow:
        if state is None or state.profile_json is None:
            return CaseloadRow(record.runner_id, record.alias)
        coach = self._coach_for(record.person_handle)
        today = today_for(stored_profile(state.profile_json), now)
        key: Hashable = (state.version, self._protocol.version, today)
        found = self._cache.get(coach.identity, CASELOAD_ROW, key)
        if found is None:
            events = coach.events()  # the version read now: maybe newer than `state`
            profile = coach.profile()
            found = summarise(record, self._protocol, profile, events, now)
            key = (coach.version(), self._protocol.version, today_for(profile, now))
            self._cache.put(coach.identity, CASELOAD_ROW, key, found)
        return found if found.alias == record.alias else with_alias(found, record.alias)


def with_alias(row: CaseloadRow, alias: str) -> CaseloadRow:
    return replace(row, alias=alias)


def need_order(row: CaseloadRow) -> tuple[int, int, str]:
    quiet = row.days_since_checkin if row.days_since_checkin is not None else 10**6
    return (row.need, -quiet, row.alias.lower())
