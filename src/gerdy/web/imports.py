"""Imports in the server, bounded: at most `WebSettings.import_slots` imports running at once
in a process (the process's `ImportCapacity`: others wait a little, then are told to retry),
one import at a time per account (a lock row in the database, so across app servers too),
and a cap on what the files unpack to: per upload, and per account per day (counted in
`rate_limits`), measured before any decoding (`pipeline.unpacked_size`): a zip bomb is
refused from its directory, a gzip bomb by inflating it no further than the cap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.exceptions import HTTPException

from gerdy.domain.errors import GerdyError
from gerdy.importers.pipeline import FileToDecode, unpacked_size
from gerdy.web.limits import TooManyAttempts, keyed, record, seconds_until
from gerdy.web.state import AppState

SLOT_WAIT_S = 20
STALE_LOCK = dt.timedelta(minutes=15)
DAY = dt.timedelta(days=1)


class ImportBusy(GerdyError):
    """409: this account already has an import running."""


def megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size / 2**20:.1f} MB"


@contextmanager
def import_turn(state: AppState, account_id: int, tasks: list[FileToDecode]) -> Iterator[None]:
    """Hold the account's lock and one of the process's slots for the import of `tasks`,
    after checking what they would unpack to; raise (changing nothing) when it may not run."""
    settings = state.settings
    size, over = unpacked_size(tasks, settings.max_upload_unpacked_bytes)
    if over:
        raise HTTPException(
            413,
            f"these files would unpack to more than the "
            f"{megabytes(settings.max_upload_unpacked_bytes)} one upload may hold: "
            "upload them in parts",
        )
    now = state.now()
    bucket = keyed(state, "import-bytes", str(account_id))
    today = state.accounts.attempts(bucket, now - DAY)
    if today.total + size > settings.max_daily_unpacked_bytes and today.oldest is not None:
        raise TooManyAttempts(
            f"your imports today already unpacked to {megabytes(today.total)} (the daily "
            f"allowance is {megabytes(settings.max_daily_unpacked_bytes)}): try again later",
            seconds_until(today.oldest + DAY, now),
        )
    if not state.accounts.lock_import(account_id, now, stale_before=now - STALE_LOCK):
        raise ImportBusy("an import is already running for your account: wait for it to finish")
    try:
        if not state.imports.slots.acquire(timeout=SLOT_WAIT_S):
            raise TooManyAttempts("the server is busy importing: try again in a minute", 60)
        try:
            record(state, bucket, account_id=account_id, amount=max(size, 1))
            yield
        finally:
            state.imports.slots.release()
    finally:
        state.accounts.unlock_import(account_id)
