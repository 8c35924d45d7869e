"""Consent (issue 12): a one-time share code, stored hashed, good once and for 7 days; only a
runner makes one and only a clinician redeems one; revoking ends access at once; every look
is in the runner's access log. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from gerdy.domain.errors import InvalidInput
from gerdy.services.accounts import Account
from gerdy.services.sharing import (
    CODE_DAYS,
    ENDED_SHOWN_DAYS,
    NotShared,
    Sharing,
    WrongRole,
    code_hash,
)
from gerdy.storage.accounts import AccountStore
from gerdy.storage.opening import open_database
from gerdy.storage.sharing import ShareStore
from gerdy.storage.tables import share_codes

NOW = dt.datetime(2026, 6, 10, 9, 30, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


World = tuple[Sharing, Clock, Account, Account, ShareStore]


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    engine = open_database(database_url)
    accounts = AccountStore(engine)
    runner = accounts.create("sam@example.org", "x")
    physio = accounts.create("ana@example.org", "x", role="clinician", display_name="Ana Ruiz")
    clock = Clock()
    store = ShareStore(engine)
    yield Sharing(store, clock), clock, runner, physio, store
    engine.dispose()


def test_the_code_is_stored_hashed_and_works_once(world: World) -> None:
    sharing, _clock, runner, physio, store = world
    made = sharing.new_code(runner, "Sam")
    assert made.expires_at == NOW + dt.timedelta(days=CODE_DAYS)
    with store.engine.connect() as connection:
        stored = connection.execute(select(share_codes)).mappings().all()
    assert [row["code_hash"] for row in stored] == [code_hash(made.code)]
    assert made.code not in str(stored) and made.code.replace("-", "") not in str(stored)
    opened = sharing.redeem(physio, made.code.lower().replace("-", " "))  # as typed by hand
    assert opened.alias == "Sam" and opened.runner_id == runner.id
    with pytest.raises(InvalidInput, match="used already or expired"):
        sharing.redeem(physio, made.code)


def test_the_code_expires_after_seven_days(world: World) -> None:
    sharing, clock, runner, physio, _store = world
    made = sharing.new_code(runner, "Sam")
    clock.now = NOW + dt.timedelta(days=CODE_DAYS, seconds=1)
    with pytest.raises(InvalidInput):
        sharing.redeem(physio, made.code)
    assert sharing.records(physio) == []


def test_only_a_runner_makes_codes_and_only_a_clinician_redeems(world: World) -> None:
    sharing, _clock, runner, physio, _store = world
    with pytest.raises(WrongRole):
        sharing.new_code(physio, "Ana")
    made = sharing.new_code(runner, "Sam")
    with pytest.raises(WrongRole):
        sharing.redeem(runner, made.code)
    with pytest.raises(WrongRole):
        sharing.open(runner, runner.id, "today")


def test_a_bad_alias_or_code_changes_nothing(world: World) -> None:
    sharing, _clock, runner, physio, store = world
    with pytest.raises(InvalidInput, match="name your physio will see"):
        sharing.new_code(runner, "   ")
    with pytest.raises(InvalidInput, match="12 letters"):
        sharing.redeem(physio, "abc")
    with store.engine.connect() as connection:
        assert connection.execute(select(share_codes)).all() == []


def test_revoking_ends_access_at_once(world: World) -> None:
    sharing, _clock, runner, physio, _store = world
    sharing.redeem(physio, sharing.new_code(runner, "Sam").code)
    assert sharing.open(physio, runner.id, "today").alias == "Sam"
    assert [g.name for g in sharing.grants(runner)] == ["Ana Ruiz"]
    sharing.revoke(runner, physio.id)
    with pytest.raises(NotShared):
        sharing.open(physio, runner.id, "today")
    assert sharing.grants(runner) == [] and sharing.records(physio) == []
    with pytest.raises(NotShared):
        sharing.revoke(runner, physio.id)  # nothing left to revoke


def test_the_clinician_sees_who_stopped_sharing_and_when(world: World) -> None:
    """Named for ENDED_SHOWN_DAYS days after the end, once per runner, not while shared."""
    sharing, clock, runner, physio, _store = world
    assert sharing.ended(physio) == []
    for alias in ("Sam", "Sam R."):  # shared, ended, shared again, ended again
        sharing.redeem(physio, sharing.new_code(runner, alias).code)
        clock.now += dt.timedelta(days=1)
        sharing.revoke(runner, physio.id)
    ended = sharing.ended(physio)
    assert [(e.runner_id, e.alias, e.ended) for e in ended] == [(runner.id, "Sam R.", clock.now)]
    sharing.redeem(physio, sharing.new_code(runner, "Sam").code)
    assert sharing.ended(physio) == []  # shares again
    sharing.revoke(runner, physio.id)
    clock.now += dt.timedelta(days=ENDED_SHOWN_DAYS, seconds=1)
    assert sharing.ended(physio) == []
    with pytest.raises(WrongRole):
        sharing.ended(runner)


def test_the_access_log_says_who_looked_at_what_and_when(world: World) -> None:
    sharing, clock, runner, physio, _store = world
    record = sharing.redeem(physio, sharing.new_code(runner, "Sam").code)
    clock.now = NOW + dt.timedelta(minutes=5)
    sharing.open(physio, runner.id, "history")
    sharing.log_caseload(physio, [record])
    sharing.log_caseload(physio, [record])  # within the hour: not logged again
    clock.now = NOW + dt.timedelta(hours=2)
    sharing.log_caseload(physio, [record])
    log = sharing.access_log(runner)
    assert [(e.clinician_name, e.what) for e in log] == [
        ("Ana Ruiz", "caseload summary"),
        ("Ana Ruiz", "caseload summary"),
        ("Ana Ruiz", "history"),
        ("Ana Ruiz", "share opened"),
    ]
    assert log[0].at == NOW + dt.timedelta(hours=2)
    assert log[2].at == NOW + dt.timedelta(minutes=5)


def test_the_log_keeps_actions_apart_and_counts_looks_per_day(world: World) -> None:
    sharing, clock, runner, physio, _store = world
    record = sharing.redeem(physio, sharing.new_code(runner, "Sam").code)
    for minutes in range(0, 50, 10):  # five looks on the first day, the last at 10:10
        clock.now = NOW + dt.timedelta(minutes=minutes)
        sharing.open(physio, runner.id, "today")
    sharing.log(physio, [record], "note left")
    clock.now = NOW + dt.timedelta(days=1)
    sharing.open(physio, runner.id, "today")
    sharing.open(physio, runner.id, "history")
    assert [(e.what, e.at) for e in sharing.actions(runner)] == [
        ("note left", NOW + dt.timedelta(minutes=40)),
        ("share opened", NOW),
    ]
    days = sharing.views_per_day(runner)
    assert [(d.day, d.what, d.times) for d in days] == [
        (NOW.date() + dt.timedelta(days=1), "history", 1),
        (NOW.date() + dt.timedelta(days=1), "today", 1),
        (NOW.date(), "today", 5),
    ]
    assert days[2].last == NOW + dt.timedelta(minutes=40)
    assert days[2].clinician_name == "Ana Ruiz"
