"""`gerdy users reset-password EMAIL`: a strong random one-time password, printed once, that
signs in; the old password no longer does; every session of the account ends (only that
account's); `--json`; an unknown address is a clear error with a non-zero exit."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

from gerdy.services.accounts import AccountStore
from gerdy.services.passwords import check_new_password, hash_password
from gerdy.storage.opening import open_database

from .helpers import Gerdy

OLD_PASSWORD = "correct horse battery staple"
LATER = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
SOON = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def accounts(gerdy: Gerdy) -> Iterator[AccountStore]:
    """Two accounts with two and one live sessions, in the database the CLI uses."""
    engine = open_database()
    store = AccountStore(engine)
    ann = store.create("ann@example.org", hash_password(OLD_PASSWORD))
    bob = store.create("bob@example.org", hash_password(OLD_PASSWORD))
    for n, account in enumerate((ann, ann, bob)):
        store.open_session(account.id, f"token-{n}", "csrf", LATER)
    yield store
    engine.dispose()


def password_works(store: AccountStore, email: str, password: str) -> bool:
    account = store.by_email(email)
    assert account is not None
    try:
        return PasswordHasher().verify(account.password_hash, password)
    except VerificationError:
        return False


def test_reset_password_prints_a_strong_one_time_password_and_ends_every_session(
    gerdy: Gerdy, accounts: AccountStore
) -> None:
    result = gerdy("users", "reset-password", "Ann@Example.org")

    assert result.exit_code == 0, result.stderr
    first_line = result.stdout.splitlines()[0]
    assert first_line.startswith("New password for ann@example.org: ")
    password = first_line.rsplit(": ", 1)[1]
    assert len(password) >= 20
    check_new_password(password, "ann@example.org")  # the sign-up rules hold
    assert password_works(accounts, "ann@example.org", password)
    assert not password_works(accounts, "ann@example.org", OLD_PASSWORD)
    assert "2 signed out" in result.stdout
    assert accounts.session("token-0", SOON) is None and accounts.session("token-1", SOON) is None
    assert accounts.session("token-2", SOON) is not None  # Bob's session is untouched
    assert password_works(accounts, "bob@example.org", OLD_PASSWORD)


def test_reset_password_twice_gives_different_passwords(
    gerdy: Gerdy, accounts: AccountStore
) -> None:
    first = json.loads(gerdy("users", "reset-password", "ann@example.org", "--json").stdout)
    second = json.loads(gerdy("users", "reset-password", "ann@example.org", "--json").stdout)
    assert first["one_time_password"] != second["one_time_password"]
    assert not password_works(accounts, "ann@example.org", first["one_time_password"])
    assert password_works(accounts, "ann@example.org", second["one_time_password"])


def test_reset_password_json(gerdy: Gerdy, accounts: AccountStore) -> None:
    result = gerdy("users", "reset-password", "bob@example.org", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"email", "one_time_password", "sessions_ended"}
    assert data["email"] == "bob@example.org" and data["sessions_ended"] == 1
    assert password_works(accounts, "bob@example.org", data["one_time_password"])


def test_reset_password_of_an_unknown_email_is_a_clear_error(
    gerdy: Gerdy, accounts: AccountStore
) -> None:
    result = gerdy("users", "reset-password", "nobody@example.org")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "error: no account has the e-mail address 'nobody@example.org'\n"
    assert password_works(accounts, "ann@example.org", OLD_PASSWORD)
