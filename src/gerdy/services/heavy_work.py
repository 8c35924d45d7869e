"""Heavy work, kept apart from everyone else's requests: the Progress series and the PDF
report replay a record from its first day (seconds for twenty years of history).

They run in a small pool of worker processes (`workers`, started on first need), never in the
server process's own threads: a replay there would hold Python's interpreter lock, and every
other request (another runner's Today) would wait behind it at each step. A worker has its
own connections to the database and reads the record as it is then; its answer comes back
with that version of the record, and the caller keeps it in the record cache for that
version, so a result is computed once per record version while it stays cached, however many
ask for it meanwhile (they wait for the one being computed).

At most one heavy request per account at a time: a second request for the same result waits
for it; a request for anything else is refused (`HeavyWorkBusy`, "already being prepared").
At most `requests` heavy requests run or wait in a process at once (each holds one of the
server's request threads while it waits); past that, refused as busy.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ProcessPoolExecutor
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
BEING_PREPARED = "your report is still being prepared: try again in a moment"
BUSY = "the server is busy preparing reports: try again in a moment"
BROKEN = "the report could not be prepared: try again in a moment"


class HeavyWorkBusy(GerdyError):
    """429: not now (see the module's docstring); `retry_after` is in whole seconds."""

    retry_after = RETRY_AFTER_S


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

    def __init__(self, workers: int, requests: int) -> None:
        self.workers = workers
        self._slots = threading.BoundedSemaphore(requests)
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._computing: dict[Hashable, Future[tuple[int | None, Any]]] = {}
        self._asking: dict[int, list[Hashable]] = {}  # account: what its requests wait for

    def run(
        self,
        account: int,
        what: Hashable,
        job: Job[T],
        recall: Callable[[], T | None],
        keep: Callable[[int | None, T], None],
    ) -> T:
        """`job`'s result, `what` names it (the record, its version and the result asked
        for): computed in a worker unless `recall` has it or the same is being computed;
        `keep` is given it (with the version it was computed from) as soon as it is done."""
        with self._lock:
            asked = self._asking.setdefault(account, [])
            if any(other != what for other in asked):
                raise HeavyWorkBusy(BEING_PREPARED)
            future = self._computing.get(what)
            if future is None and (found := recall()) is not None:
                return found
            if not self._slots.acquire(blocking=False):
                raise HeavyWorkBusy(BUSY)
            asked.append(what)
            if future is None:
                future = self._computing[what] = self._start(job)
                future.add_done_callback(partial(self._finished, what, keep))
        try:
            return future.result()[1]  # type: ignore[no-any-return]
        except BrokenProcessPool as exc:  # a worker died (out of memory?): start afresh
            self.close()
            raise HeavyWorkBusy(BROKEN) from exc
        finally:
            with self._lock:
                asked.remove(what)
                if not asked:
                    del self._asking[account]
            self._slots.release()

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
        self, what: Hashable, keep: Callable[[int | None, Any], None], future: Future[Any]
    ) -> None:
        try:
            if not future.cancelled() and future.exception() is None:
                keep(*future.result())
        finally:
            with self._lock:
                self._computing.pop(what, None)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
