"""AccountStore on every backend: accounts, sessions (hash lookup, expiry), rate-limit
counting, and deletion of an account with its whole record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from gerdy.storage.accounts import AccountStore, EmailTaken
from gerdy.storage.opening import open_database
from gerdy.storage.store import RecordStore

from .records import sample_profile

NOW = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def accounts(database_url: str) -> Iterator[AccountStore]:
    engine = open_database(database_url)
    yield AccountStore(engine)
    engine.dispose()


def test_create_and_find_accounts(accounts: AccountStore) -> None:
    ann = accounts.create("ann@example.org", "$argon2id$hash")
    assert accounts.by_email("ann@example.org") == ann
    assert accounts.by_calendar_token(ann.calendar_token) == ann
    assert ann.person_handle.startswith("user:") and len(ann.calendar_token) == 64
    with pytest.raises(EmailTaken):
        accounts.create("ann@example.org", "x")


def test_sessions_are_found_by_hash_until_they_expire(accounts: AccountStore) -> None:
    ann = accounts.create("ann@example.org", "h")
    accounts.open_session(ann.id, "a" * 64, "c" * 64, NOW + dt.timedelta(days=1))
    found = accounts.session("a" * 64, NOW)
    assert found is not None and found.account == ann and found.csrf_token == "c" * 64
    assert accounts.session("a" * 64, NOW + dt.timedelta(days=2)) is None
    assert accounts.session("b" * 64, NOW) is None
    assert accounts.purge_expired(NOW + dt.timedelta(days=2)) == 1


def test_rate_limit_counts_inside_the_window(accounts: AccountStore) -> None:
    window = dt.timedelta(minutes=15)
    for minutes in (0, 10, 20):
        at = NOW + dt.timedelta(minutes=minutes)
        accounts.record_attempt("bucket", at, forget_before=at - window)
    assert accounts.count_attempts("bucket", NOW + dt.timedelta(minutes=20) - window) == 2
    assert accounts.count_attempts("other", NOW - window) == 0
    accounts.clear_attempts("bucket")
    assert accounts.count_attempts("bucket", NOW - window) == 0


def test_deleting_an_account_removes_its_record_and_sessions_only(
    accounts: AccountStore,
) -> None:
    ann, bob = accounts.create("ann@example.org", "h"), accounts.create("bob@example.org", "h")
    for account in (ann, bob):
        RecordStore(accounts.engine, account.person_handle).save_profile(sample_profile())
        accounts.open_session(account.id, str(account.id) * 64, "c" * 64, NOW)
    accounts.delete(ann.id)
    assert accounts.by_email("ann@example.org") is None
    assert RecordStore(accounts.engine, ann.person_handle).is_empty()
    assert not RecordStore(accounts.engine, bob.person_handle).is_empty()
    assert accounts.session(str(bob.id) * 64, NOW - dt.timedelta(days=1)) is not None


def test_an_email_change_to_a_taken_address_changes_nothing(accounts: AccountStore) -> None:
    ann = accounts.create("ann@example.org", "h")
    accounts.create("bob@example.org", "h")
    with pytest.raises(EmailTaken):
        accounts.set_email(ann.id, "bob@example.org")
    assert accounts.by_email("ann@example.org") == ann
    accounts.set_email(ann.id, "ann.new@example.org")
    assert accounts.by_email("ann.new@example.org") is not None
    assert accounts.by_email("ann@example.org") is None


def test_closing_an_accounts_sessions_can_keep_one(accounts: AccountStore) -> None:
    ann = accounts.create("ann@example.org", "h")
    bob = accounts.create("bob@example.org", "h")
    later = NOW + dt.timedelta(days=1)
    for token, owner in (("a", ann), ("b", ann), ("c", ann), ("d", bob)):
        accounts.open_session(owner.id, token * 64, "x" * 64, later)
    assert accounts.close_sessions_of(ann.id, keeping="b" * 64) == 2
    assert [t for t in "abcd" if accounts.session(t * 64, NOW)] == ["b", "d"]
    assert accounts.close_sessions_of(ann.id) == 1
    assert [t for t in "abcd" if accounts.session(t * 64, NOW)] == ["d"]


def test_a_deleted_accounts_id_is_never_given_again(accounts: AccountStore) -> None:
    """An id names an account in URLs, device cookies and shares: a new account must never
    take a deleted one's (SQLite's plain INTEGER PRIMARY KEY reuses the highest)."""
    accounts.create("ann@example.org", "h")
    bea = accounts.create("bea@example.org", "h")
    accounts.delete(bea.id)
    cal = accounts.create("cal@example.org", "h")
    assert cal.id > bea.id


def test_upgrading_keeps_every_account_and_what_refers_to_it(sqlite_url: str) -> None:
    """The upgrade that rebuilds `accounts` on SQLite (for AUTOINCREMENT) keeps the rows and
    never lets the rebuild cascade into the sessions, shares and limits that refer to them."""
    from alembic import command
    from sqlalchemy import func, select, text

    from gerdy.storage.migrate import alembic_config, upgrade_to_head
    from gerdy.storage.tables import web_sessions

    engine = open_database(sqlite_url)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO accounts (id, email, password_hash, person_handle, "
                    "calendar_token, created_at, role) VALUES (7, 'ann@example.org', 'h', "
                    "'user:ann', :token, '2026-06-10 12:00:00', 'runner')"
                ),
                {"token": "t" * 64},
            )
        store = AccountStore(engine)
        store.open_session(7, "a" * 64, "c" * 64, NOW + dt.timedelta(days=1))
        upgrade_to_head(engine)
        ann = store.by_email("ann@example.org")
        assert ann is not None and ann.id == 7 and not ann.must_change_password
        with engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(web_sessions)).scalar()
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert store.create("bea@example.org", "h").id == 8
    finally:
        engine.dispose()
