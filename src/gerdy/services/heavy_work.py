"""Heavy work, kept apart from everyone else's requests: the Progress series and the PDF
report replay a record from its first day (seconds for twenty years of history).

They run in a small pool of worker processes (`workers`, started on first need), never in the
server process's own threads: a replay there would hold Python's interpreter lock, and every
other request (another runner's Today) would wait behind it at each step. A worker has its
own connections to the database and reads the record as it is then; its answer comes back
with that version of the record, and the caller keeps it in the record cache for that
version, so a result is computed once per record version while it stays cached, however many
ask for it meanwhile (they wait for the one being computed).

Waiting, not refusing. Each account's heavy requests take turns: one job per account in the
pool at a time (so one account cannot fill the pool's queue ahead of everyone else), the
next starting when it ends; a request for a result already being computed waits for it. A
request waits at most `wait_s` in all; past that it answers 503 "still being prepared" with
`Retry-After` (the job goes on and its result is kept: asking again soon finds it).
Only two limits refuse, both with `Retry-After`:
- abuse: more than `per_account` heavy requests of one account running or waiting at once
  (`TooManyReports`, 429); a page and its charts, or a PDF from another tab, stay well under;
- overload: more than `requests` heavy requests running or waiting in this process
  (`HeavyWorkBusy`, 503). Each holds a request thread while it waits: the web app adds as
  many threads to its pool (`web.app`), so waiting heavy requests never take the threads
  that answer everyone else.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache, partial
from multiprocessing import get_context, parent_process
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from gerdy.domain.errors import GerdyError
from gerdy.protocol import Protocol
from gerdy.services.coach import Coach
from gerdy.storage.opening import open_database
from gerdy.storage.store import RecordStore

if TYPE_CHECKING:
    from sqlalchemy import Engine

T = TypeVar("T")
RETRY_AFTER_S = 2
PER_ACCOUNT = 6  # heavy requests of one account running or waiting at once
WAIT_S = 120.0  # the longest a heavy request waits (its turn, then its result)
STILL_PREPARING = "your report is still being prepared: try again in a moment"
BUSY = "the server is busy preparing reports: try again in a moment"
BROKEN = "the report could not be prepared: try again in a moment"
TOO_MANY = (
    "too many reports asked for at once from this account: wait for the ones being "
    "prepared, then try again"
)


class HeavyWorkBusy(GerdyError):
    """503: not now, through no fault of the asker (see the module's docstring);
    `retry_after` is in whole seconds."""

    retry_after = RETRY_AFTER_S


class TooManyReports(GerdyError):
    """429: one account asked for too many heavy results at once."""

    retry_after = RETRY_AFTER_S * 5


@dataclass(frozen=True)
class Job(Generic[T]):
    """`work(coach)` over one record, as of `now`; pickled to a worker, so `work` is a
    module-level function or a `functools.partial` of one."""

    database: str  # the database URL, password included: the worker connects itself
    person: str
    protocol: Protocol
    now: dt.datetime
    work: Callable[[Coach], T]


def run_job(job: Job[T]) -> tuple[int | None, T]:
    """In a worker: `job.work` over the record, and the version of the record it read."""
    coach = Coach(RecordStore(database(job.database), job.person), job.protocol, lambda: job.now)
    result = job.work(coach)
    return coach.version(), result


def end_with_the_server() -> None:
    """In a worker, first: end as soon as the server process ends, however it ends. A server
    stopped by a signal (uvicorn re-raises SIGTERM after its own shutdown) never shuts its
    pool down, and a worker would otherwise wait for work forever."""
    server = parent_process()
    if server is None:
        return

    def wait_for_its_end() -> None:
        server.join()
        os._exit(0)

    threading.Thread(target=wait_for_its_end, daemon=True).start()


@lru_cache(maxsize=1)
def database(url: str) -> Engine:
    """A worker's connections to its server's database, kept for the worker's life."""
    return open_database(url)


class HeavyWork:
    """One server process's pool for heavy work, and who is waiting for what."""

    def __init__(
        self,
        workers: int,
        requests: int,
        per_account: int = PER_ACCOUNT,
        wait_s: float = WAIT_S,
    ) -> None:
        self.workers = workers
        self.requests = requests
        self.per_account = per_account
        self.wait_s = wait_s
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._computing: dict[Hashable, Future[tuple[int | None, Any]]] = {}
        self._asking: dict[int, int] = {}  # account: its heavy requests running or waiting
        self._turns: dict[int, threading.Lock] = {}  # account: held while its job computes
        self.waiting = 0  # heavy requests running or waiting in this process

    def run(
        self,
        account: int,
        what: Hashable,
        job: Job[T],
        recall: Callable[[], T | None],
        keep: Callable[[int | None, T], None],
    ) -> T:
        """`job`'s result, `what` names it (the record, its version and the result asked
        for): computed in a worker, in `account`'s turn, unless `recall` has it or the same
        is being computed; `keep` is given it (with the version it was computed from) as
        soon as it is done."""
        deadline = time.monotonic() + self.wait_s
        with self._lock:
            if self._asking.get(account, 0) >= self.per_account:
                raise TooManyReports(TOO_MANY)
            if self.waiting >= self.requests:
                raise HeavyWorkBusy(BUSY)
            self._asking[account] = self._asking.get(account, 0) + 1
            self.waiting += 1
            turn = self._turns.setdefault(account, threading.Lock())
        try:
            while True:
                with self._lock:
                    future = self._computing.get(what)
                    if future is None and (found := recall()) is not None:
                        return found
                if future is None:
                    future = self._start_in_turn(turn, what, job, keep, deadline)
                if future is not None:
                    return self._outcome(future, deadline)  # type: ignore[no-any-return]
        finally:
            with self._lock:
                self.waiting -= 1
                self._asking[account] -= 1
                if not self._asking[account]:
                    del self._asking[account]
                    if not turn.locked():
                        self._turns.pop(account, None)

    def _start_in_turn(
        self,
        turn: threading.Lock,
        what: Hashable,
        job: Job[T],
        keep: Callable[[int | None, T], None],
        deadline: float,
    ) -> Future[tuple[int | None, Any]] | None:
        """Wait for the account's turn, then start `job` (the turn ends with the job); None
        if meanwhile another request began to compute the same."""
        if not turn.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise HeavyWorkBusy(STILL_PREPARING)
        with self._lock:
            if what in self._computing:
                turn.release()
                return None
            try:
                future = self._computing[what] = self._start(job)
            except BaseException:
                turn.release()
                raise
        future.add_done_callback(partial(self._finished, what, keep, turn))
        return future

    def _outcome(self, future: Future[tuple[int | None, Any]], deadline: float) -> Any:
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))[1]
        except FutureTimeout as exc:  # it goes on, and is kept: asking again soon finds it
            raise HeavyWorkBusy(STILL_PREPARING) from exc
        except BrokenProcessPool as exc:  # a worker died (out of memory?): start afresh
            self.close()
            raise HeavyWorkBusy(BROKEN) from exc

    def _start(self, job: Job[T]) -> Future[tuple[int | None, Any]]:
        return self.pool().submit(run_job, job)

    def pool(self) -> ProcessPoolExecutor:
        """The worker processes (started on first need)."""
        if self._pool is None:
            context = get_context("forkserver")  # workers fork from a clean, single thread
            context.set_forkserver_preload(["gerdy.services.heavy_work", "gerdy.reports.pdf"])
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=end_with_the_server
            )
        return self._pool

    def _finished(
        self,
        what: Hashable,
        keep: Callable[[int | None, Any], None],
        turn: threading.Lock,
        future: Future[Any],
    ) -> None:
        """Keep the result, then end the job's turn (the account's next job may start)."""
        try:
            if not future.cancelled() and future.exception() is None:
                keep(*future.result())
        finally:
            with self._lock:
                self._computing.pop(what, None)
            turn.release()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
