"""Opening a runner's record for one command: the store (created and migrated on first use,
at `$GERDY_DATABASE_URL` or the user's SQLite file) and the `Coach` use cases over it.

Which record: `gerdy --record NAME` or `$GERDY_RECORD`, else the local runner's ("local").
`gerdy demo` always uses its own record ("demo"), so trying it never touches yours.
Storage and services are imported here, at call time, never when the CLI module loads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gerdy.services import Coach

LOCAL_RECORD = "local"
DEMO_RECORD = "demo"
chosen_record: str | None = None  # set by the root `--record` option


def current_record() -> str:
    return chosen_record or os.environ.get("GERDY_RECORD") or LOCAL_RECORD


@contextmanager
def open_coach(record: str | None = None) -> Iterator[Coach]:
    """The Coach of `record` (default: the current one); the store is closed afterwards."""
    from gerdy.services import Coach
    from gerdy.storage.store import open_store

    store = open_store(person=record or current_record())
    try:
        yield Coach.open(store)
    finally:
        store.close()
