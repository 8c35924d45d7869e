"""The CLI's composition module (the only one of `gerdy.cli` that touches storage):
opening a runner's record for one command: the store (created and migrated on first use,
at `$GERDY_DATABASE_URL` or the user's SQLite file) and the `Coach` use cases over it; and the
web accounts of that database, for the server owner's `gerdy users` commands.

Which record: `gerdy --record NAME` or `$GERDY_RECORD`, else the local runner's ("local"; see
`gerdy.cli.options.current_record`). `gerdy demo` always uses its own record ("demo"), so
trying it never touches yours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import ArgumentError, OperationalError

from gerdy.cli.options import current_record
from gerdy.services import Coach
from gerdy.services.accounts import AccountStore
from gerdy.services.authorship import Authorship
from gerdy.services.clock import Clock
from gerdy.storage.opening import open_database
from gerdy.storage.store import open_store

# The clock the commands' Coach reads "now" from: None is this machine's. Tests set a fixed one,
# so that a test and the command agree on today's date even across midnight.
CLOCK: Clock | None = None


def now() -> dt.datetime | None:
    """CLOCK's now, or None for this machine's clock (as `today_for` takes it)."""
    return CLOCK() if CLOCK is not None else None


def database_problem(exc: BaseException) -> str | None:
    """What a database error means to the user (None if it is not one)."""
    if isinstance(exc, ArgumentError):  # its message may echo the URL, password and all
        return "cannot use the database: the database URL is not valid"
    if isinstance(exc, OperationalError):  # the driver's reason, without SQL or links
        return f"cannot use the database: {exc.orig or exc}"
    return None


@contextmanager
def open_coach(record: str | None = None) -> Iterator[Coach]:
    """The Coach of `record` (default: the current one); the store is closed afterwards."""
    store = open_store(person=record or current_record())
    # The web app's secret in this database (made on first need): `gerdy load` verifies the
    # signatures of clinicians' events as the web's import does.
    authorship = Authorship(lambda: bytes.fromhex(AccountStore(store.engine).server_secret()))
    try:
        yield Coach.open(store, CLOCK, authorship=authorship)
    finally:
        store.close()


@contextmanager
def open_accounts() -> Iterator[AccountStore]:
    """The web accounts in the database `gerdy serve` uses; closed afterwards."""
    engine = open_database()
    try:
        yield AccountStore(engine)
    finally:
        engine.dispose()
