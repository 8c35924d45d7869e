"""Opening a runner's record for one command: the store (created and migrated on first use,
at `$GERDY_DATABASE_URL` or the user's SQLite file) and the `Coach` use cases over it.

Which record: `gerdy --record NAME` or `$GERDY_RECORD`, else the local runner's ("local"; see
`gerdy.cli.options.current_record`). `gerdy demo` always uses its own record ("demo"), so
trying it never touches yours.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from gerdy.cli.options import current_record
from gerdy.services import Coach
from gerdy.storage.store import open_store


@contextmanager
def open_coach(record: str | None = None) -> Iterator[Coach]:
    """The Coach of `record` (default: the current one); the store is closed afterwards."""
    store = open_store(person=record or current_record())
    try:
        yield Coach.open(store)
    finally:
        store.close()
