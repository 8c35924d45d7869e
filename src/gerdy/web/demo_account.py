"""The demo account of `gerdy serve --demo`: `demo@example.invalid`, its record refreshed with
`demo_document(today)` (six weeks of a sample runner ending today) and a fresh random password
each time, shown on the console."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

from gerdy.demo import demo_document
from gerdy.services import Coach
from gerdy.services.accounts import AccountStore
from gerdy.services.passwords import hash_password

DEMO_EMAIL = "demo@example.invalid"


def refresh_demo_account(
    accounts: AccountStore, today: dt.date, coach_for: Callable[[str], Coach]
) -> tuple[str, str]:
    """Create or refresh the demo account; returns (email, password)."""
    password = secrets.token_urlsafe(9)
    account = accounts.by_email(DEMO_EMAIL)
    if account is None:
        account = accounts.create(DEMO_EMAIL, hash_password(password))
    else:
        accounts.set_password_hash(account.id, hash_password(password))
        accounts.close_sessions_of(account.id)  # a restart ends the last run's demo sessions
    document = demo_document(today)
    coach_for(account.person_handle).load(document, replace=True)
    return DEMO_EMAIL, password
