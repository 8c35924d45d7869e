"""Heavy work waits its turn instead of being refused (issue 19): an account's second heavy
request waits for its first, another account's starts at once, the same result is computed
once; only many requests of one account at once (429) or a full process (503) are refused,
and no request waits longer than `wait_s`.

The worker pool is replaced by futures the test completes (`Pool`), so what is started, and
when, is seen exactly."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest

from gerdy.services.heavy_work import (
    BUSY,
    STILL_PREPARING,
    TOO_MANY,
    HeavyWork,
    HeavyWorkBusy,
    TooManyReports,
)

WAIT = 10.0  # a test's longest wait for something that should happen


class Pool:
    """Stands in for the worker processes: each job started is a future, finished by `done`."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.futures: dict[str, Future[tuple[int | None, Any]]] = {}
        self.changed = threading.Condition()

    def start(self, job: str) -> Future[tuple[int | None, Any]]:
        with self.changed:
            self.started.append(job)
            future = self.futures[job] = Future()
            self.changed.notify_all()
            return future

    def until_started(self, *jobs: str) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: set(jobs) <= set(self.started), WAIT), self.started

    def done(self, job: str) -> None:
        self.futures[job].set_result((1, f"result of {job}"))


class Asker:
    """Heavy requests in threads, as a server's request threads make them."""

    def __init__(self, heavy: HeavyWork, threads: ThreadPoolExecutor) -> None:
        self.heavy = heavy
        self.threads = threads
        self.kept: dict[Hashable, Any] = {}

    def ask(self, account: int, what: str) -> Future[Any]:
        return self.threads.submit(self.now, account, what)

    def now(self, account: int, what: str) -> Any:
        keep: Callable[[int | None, Any], None] = lambda _v, value: self.kept.update({what: value})  # noqa: E731
        return self.heavy.run(account, what, what, lambda: self.kept.get(what), keep)  # type: ignore[arg-type]

    def until_waiting(self, count: int) -> None:
        deadline = time.monotonic() + WAIT
        while self.heavy.waiting < count:
            assert time.monotonic() < deadline, self.heavy.waiting
            time.sleep(0.005)


@pytest.fixture
def pool() -> Pool:
    return Pool()


def heavy_work(pool: Pool, **limits: Any) -> HeavyWork:
    heavy = HeavyWork(workers=1, **{"requests": 8, **limits})
    heavy._start = pool.start  # type: ignore[assignment,method-assign]
    return heavy


@pytest.fixture
def threads() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=8) as executor:
        yield executor


def test_an_accounts_second_request_waits_for_its_first_then_runs(
    pool: Pool, threads: ThreadPoolExecutor
) -> None:
    """The Progress page and then the PDF from one account: the PDF is not refused ("already
    being prepared" was a 429), it starts when the Progress series is done."""
    asker = Asker(heavy_work(pool), threads)
    progress = asker.ask(1, "progress")
    pool.until_started("progress")
    pdf = asker.ask(1, "pdf")
    asker.until_waiting(2)
    time.sleep(0.05)
    assert pool.started == ["progress"]  # one job of an account in the pool at a time
    pool.done("progress")
    assert progress.result(WAIT) == "result of progress"
    pool.until_started("pdf")
    pool.done("pdf")
    assert pdf.result(WAIT) == "result of pdf"
    assert asker.kept == {"progress": "result of progress", "pdf": "result of pdf"}


def test_other_accounts_are_not_queued_behind_one_account(
    pool: Pool, threads: ThreadPoolExecutor
) -> None:
    asker = Asker(heavy_work(pool), threads)
    asker.ask(1, "ann progress")
    pool.until_started("ann progress")
    ann_pdf = asker.ask(1, "ann pdf")
    bob = asker.ask(2, "bob progress")
    pool.until_started("bob progress")  # while Ann's second waits for her first
    assert "ann pdf" not in pool.started
    pool.done("bob progress")
    assert bob.result(WAIT) == "result of bob progress"
    pool.done("ann progress")
    pool.until_started("ann pdf")
    pool.done("ann pdf")
    assert ann_pdf.result(WAIT) == "result of ann pdf"


def test_the_same_result_asked_for_meanwhile_is_computed_once(
    pool: Pool, threads: ThreadPoolExecutor
) -> None:
    """The page and its charts, or a runner and their physio: one job, every asker answered."""
    asker = Asker(heavy_work(pool), threads)
    first = asker.ask(1, "series")
    pool.until_started("series")
    again = [asker.ask(account, "series") for account in (1, 1, 2)]
    asker.until_waiting(4)
    pool.done("series")
    assert {f.result(WAIT) for f in [first, *again]} == {"result of series"}
    assert pool.started == ["series"]
    assert asker.now(1, "series") == "result of series"  # kept: no job
    assert pool.started == ["series"]


def test_many_requests_at_once_from_one_account_are_refused_with_retry_after(
    pool: Pool, threads: ThreadPoolExecutor
) -> None:
    heavy = heavy_work(pool, per_account=2)
    asker = Asker(heavy, threads)
    held = [asker.ask(1, "a"), asker.ask(1, "b")]
    asker.until_waiting(2)
    with pytest.raises(TooManyReports, match=TOO_MANY) as refused:
        asker.now(1, "c")
    assert refused.value.retry_after >= 1
    other = asker.ask(2, "other")  # another account is not limited by it
    pool.until_started("a", "other")
    for job in ("a", "other"):
        pool.done(job)
    pool.until_started("b")
    pool.done("b")
    assert [f.result(WAIT) for f in held] == ["result of a", "result of b"]
    assert other.result(WAIT) == "result of other"
    pool.started.clear()
    follow = asker.ask(1, "c")  # once they are answered, the account may ask again
    pool.until_started("c")
    pool.done("c")
    assert follow.result(WAIT) == "result of c"


def test_a_full_process_answers_busy(pool: Pool, threads: ThreadPoolExecutor) -> None:
    asker = Asker(heavy_work(pool, requests=2), threads)
    held = [asker.ask(1, "a"), asker.ask(2, "b")]
    asker.until_waiting(2)
    with pytest.raises(HeavyWorkBusy, match=BUSY):
        asker.now(3, "c")
    pool.until_started("a", "b")
    for job in ("a", "b"):
        pool.done(job)
    assert [f.result(WAIT) for f in held] == ["result of a", "result of b"]
    assert asker.heavy.waiting == 0


def test_a_request_waits_at_most_wait_s_and_its_result_is_kept_for_the_next(
    pool: Pool, threads: ThreadPoolExecutor
) -> None:
    asker = Asker(heavy_work(pool, wait_s=1.0), threads)
    started = time.monotonic()
    with pytest.raises(HeavyWorkBusy, match=STILL_PREPARING):
        asker.now(1, "slow")
    assert 0.9 < time.monotonic() - started < WAIT
    later = asker.ask(1, "later")  # waits for the slow one's turn, then for its own time
    time.sleep(0.05)
    assert pool.started == ["slow"]
    pool.done("slow")  # the job went on: its result is kept
    assert asker.now(1, "slow") == "result of slow"
    pool.until_started("later")
    pool.done("later")
    assert later.result(WAIT) == "result of later"


def test_waiting_for_the_turn_is_bounded_too(pool: Pool, threads: ThreadPoolExecutor) -> None:
    asker = Asker(heavy_work(pool, wait_s=0.5), threads)
    first = asker.ask(1, "first")
    pool.until_started("first")
    with pytest.raises(HeavyWorkBusy, match=STILL_PREPARING):
        asker.now(1, "second")
    assert pool.started == ["first"]  # never started: asked again, it will be
    assert first.exception(WAIT) is not None  # its own wait was as bounded
    pool.done("first")
    assert asker.kept == {"first": "result of first"}


def test_a_failed_job_ends_its_turn(pool: Pool, threads: ThreadPoolExecutor) -> None:
    asker = Asker(heavy_work(pool), threads)
    failing = asker.ask(1, "failing")
    pool.until_started("failing")
    nxt = asker.ask(1, "next")
    asker.until_waiting(2)
    pool.futures["failing"].set_exception(ValueError("a record past the engine's limit"))
    with pytest.raises(ValueError, match="limit"):
        failing.result(WAIT)
    pool.until_started("next")
    pool.done("next")
    assert nxt.result(WAIT) == "result of next"
    assert not asker.heavy._computing and not asker.heavy._asking and not asker.heavy._turns
