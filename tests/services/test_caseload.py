"""The caseload (issue 12): one row per shared record, sorted by need — open red flags, then
warning signs in the last 7 days, then no check-in for 3+ days, then RED-8, then the rest —
with the 14-day pain, adherence and days since the last check-in; rows are kept per record
version, so a change is seen on the next look."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Protocol

import pytest

from gerdy.domain.events import Event, parse_event
from gerdy.domain.profile import Profile
from gerdy.protocol import load_protocol
from gerdy.services import Coach
from gerdy.services.caseload import Caseload, CaseloadRow, need_order
from gerdy.services.record_cache import RecordCache
from gerdy.services.sharing import Sharing
from gerdy.storage.accounts import AccountStore
from gerdy.storage.opening import open_database
from gerdy.storage.sharing import ShareStore
from gerdy.storage.store import RecordStore

NOW = dt.datetime(2026, 6, 10, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()


def day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def checkin(n: int, pain: int = 1, **symptoms: bool) -> Event:
    return parse_event({"type": "checkin", "date": day(n), "pain_daily": pain, **symptoms})


def steady(days: int, pain: int = 1) -> list[Event]:
    """Daily check-ins from `days` ago to today."""
    return [checkin(n, pain) for n in range(days, -1, -1)]


class AddRunner(Protocol):
    """Start a runner's record (its start date so many days ago), log these events and share
    it with the clinician under `alias`: the runner's Coach."""

    def __call__(self, alias: str, events: list[Event], start_days_ago: int = 30) -> Coach: ...


CaseloadRows = Callable[[], list[CaseloadRow]]


@pytest.fixture
def caseload(database_url: str) -> Iterator[tuple[CaseloadRows, AddRunner]]:
    """The clinician's caseload rows (a call reads them afresh) and a way to add a runner."""
    engine = open_database(database_url)
    accounts = AccountStore(engine)
    physio = accounts.create("ana@example.org", "x", role="clinician", display_name="Ana Ruiz")
    sharing = Sharing(ShareStore(engine), lambda: NOW)
    protocol = load_protocol()
    cache = RecordCache()

    def coach_for(handle: str) -> Coach:
        return Coach(RecordStore(engine, handle), protocol, lambda: NOW, cache=cache)

    def add(alias: str, events: list[Event], start_days_ago: int = 30) -> Coach:
        runner = accounts.create(f"{alias.lower()}@example.org", "x")
        coach = coach_for(runner.person_handle)
        start = TODAY - dt.timedelta(days=start_days_ago)
        coach.start(Profile(start_date=start, side="right", baseline_weekly_run_minutes=120))
        if events:
            coach.log(*events)
        sharing.redeem(physio, sharing.new_code(runner, alias).code)
        return coach

    def rows() -> list[CaseloadRow]:
        return Caseload(ShareStore(engine), coach_for, protocol, lambda: NOW, cache).rows(
            sharing.records(physio)
        )

    yield rows, add
    engine.dispose()


def test_rows_are_sorted_by_need(caseload: tuple[CaseloadRows, AddRunner]) -> None:
    rows, add = caseload
    add("Fine", steady(20))
    add("Quiet", steady(20)[:-4])  # last check-in 4 days ago
    add("Flagged", [*steady(20), checkin(0, 2, cannot_bear_weight=True)])
    add("Unstarted", [], start_days_ago=-3)
    found = rows()
    by_alias = {row.alias: row for row in found}
    assert by_alias["Flagged"].red_flags, by_alias["Flagged"]
    assert by_alias["Quiet"].days_since_checkin == 4
    assert by_alias["Fine"].days_since_checkin == 0
    assert [row.alias for row in found][:3] == ["Flagged", "Quiet", "Fine"]
    assert [row.need_label for row in found][:3] == ["red flag", "no check-in", "on track"]


def test_a_row_carries_pain_adherence_stage_and_gate(
    caseload: tuple[CaseloadRows, AddRunner],
) -> None:
    rows, add = caseload
    events = [checkin(n, pain=n % 4) if n % 3 else checkin(n, 0) for n in range(20, -1, -1)]
    add("Sam", [e for e in events if e.date.isoformat() != day(5)])  # day 5: no check-in
    (row,) = rows()
    assert len(row.pain) == 14
    assert row.pain[-1] == 0 and row.pain[-2] == 1 and row.pain[-6] is None
    assert row.day == 31 and row.stage
    assert row.gate_needed >= 5
    assert row.prescribed > 0 and row.done == 0  # nothing but check-ins was logged


def test_a_new_event_is_seen_on_the_next_look(
    caseload: tuple[CaseloadRows, AddRunner],
) -> None:
    rows, add = caseload
    coach = add("Sam", steady(20))
    assert rows()[0].red_flags == ()
    coach.log(checkin(0, 3, cannot_bear_weight=True))
    assert rows()[0].red_flags != ()


def test_need_order_puts_each_tier_before_the_next() -> None:
    base = CaseloadRow(
        runner_id=1, alias="rest", has_record=True, stage="protect", days_since_checkin=0
    )
    tiers = [
        base,
        replace(base, alias="red8", not_improving=True),
        replace(base, alias="quiet", days_since_checkin=3),
        replace(base, alias="warned", warnings=("WS-1",)),
        replace(base, alias="flag", red_flags=("RED-1",), warnings=("WS-1",)),
        CaseloadRow(runner_id=2, alias="none"),
    ]
    assert [r.alias for r in sorted(tiers, key=need_order)] == [
        "flag", "warned", "quiet", "red8", "rest", "none",
    ]  # fmt: skip
