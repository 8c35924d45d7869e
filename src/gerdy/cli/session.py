"""Opening the runner's record for one command: the store (created and migrated on first use,
at `$GERDY_DATABASE_URL` or the user's SQLite file) and the `Coach` use cases over it.

Storage and services are imported here, at call time, never when the CLI module loads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gerdy.services import Coach


@contextmanager
def open_coach() -> Iterator[Coach]:
    """The local runner's Coach; the store is closed when the block ends."""
    from gerdy.services import Coach
    from gerdy.storage.store import open_store

    store = open_store()
    try:
        yield Coach.open(store)
    finally:
        store.close()
