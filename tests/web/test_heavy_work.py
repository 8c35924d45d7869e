"""Heavy work kept apart (issue 19): Progress and the PDF report are computed in the heavy-work
process pool, once per record version, each account's requests in turn (waiting, not
refused), at most `heavy_per_account` of one account and `heavy_requests` in all at once per
server process; meanwhile everyone else's pages are answered."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from anyio.to_thread import current_default_thread_limiter
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.reports.progress import compute_series, progress_series
from gerdy.services.heavy_work import BUSY, Job, run_job
from gerdy.web.app import REQUEST_THREADS
from gerdy.web.state import AppState, WebSettings

from .conftest import ANSWERED, NOW, TODAY, MakeApp, csrf_of, signed_up


def count_jobs(state: AppState, monkeypatch: pytest.MonkeyPatch) -> list[Job[Any]]:
    """The jobs sent to the heavy-work pool from now on."""
    started: list[Job[Any]] = []
    start = state.heavy._start

    def counted(job: Job[Any]) -> Future[Any]:
        started.append(job)
        return start(job)

    monkeypatch.setattr(state.heavy, "_start", counted)
    return started


def test_progress_and_the_pdf_are_computed_once_per_record_version(
    app: FastAPI, runner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Progress page and its chart series used to replay the whole record each, on every
    request; now once per record version and day, in a worker process."""
    jobs = count_jobs(app.state.gerdy, monkeypatch)
    for path in ("/progress", "/api/progress", "/api/progress/pain", "/api/progress/gate"):
        assert runner.get(path).status_code == 200, path
    assert len(jobs) == 1
    report = runner.get("/progress/report.pdf")
    assert report.status_code == 200 and report.content.startswith(b"%PDF")
    assert runner.get("/progress/report.pdf").content == report.content
    assert len(jobs) == 2
    token = csrf_of(runner)
    runner.post("/api/checkins", json=ANSWERED | {"pain_daily": 1}, headers={"X-CSRF-Token": token})
    assert runner.get("/api/progress").json()["pain"][-1]["pain_daily"] == 1  # never stale
    assert runner.get("/progress/report.pdf").content != report.content
    assert len(jobs) == 4


def test_the_pdf_keeps_its_progress_series_for_the_progress_page(
    app: FastAPI, runner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF draws the Progress series from its own replay: after a download, the Progress
    page and its series are answered from the record cache, with no second replay."""
    jobs = count_jobs(app.state.gerdy, monkeypatch)
    assert runner.get("/progress/report.pdf").content.startswith(b"%PDF")
    assert len(jobs) == 1
    for path in ("/progress", "/api/progress", "/api/progress/pain"):
        assert runner.get(path).status_code == 200, path
    assert len(jobs) == 1
    state: AppState = app.state.gerdy
    account = state.accounts.by_email("runner@example.org")
    assert account is not None
    coach = state.coach_for(account.person_handle, lambda: NOW)
    assert runner.get("/api/progress").json() == (
        compute_series(coach, TODAY).model_dump(mode="json")  # as its own replay draws it
    )


def test_a_worker_answers_with_the_version_it_read(app: FastAPI, runner: TestClient) -> None:
    state: AppState = app.state.gerdy
    account = state.accounts.by_email("runner@example.org")
    assert account is not None
    coach = state.coach_for(account.person_handle)
    job = state.job(coach, partial(progress_series, today=TODAY))
    assert run_job(job) == (coach.version(), progress_series(coach, TODAY))


def test_an_accounts_second_heavy_request_waits_and_only_many_at_once_are_refused(
    make_app: MakeApp,
) -> None:
    """Progress, then the PDF from the same account while it is prepared: the PDF waits its
    turn (it was refused with 429 "already being prepared"), and everyone's Today goes on.
    Many at once from one account: 429 with Retry-After and a message that says why; a
    process with its heavy requests all taken: 503 with Retry-After."""
    app = make_app(settings=WebSettings(heavy_requests=3, heavy_per_account=2))
    state: AppState = app.state.gerdy
    ann = signed_up(TestClient(app), "ann@example.org")
    bob = signed_up(TestClient(app), "bob@example.org")
    cy = signed_up(TestClient(app), "cy@example.org")
    jobs: list[tuple[Job[Any], Future[Any]]] = []
    started = threading.Semaphore(0)

    def held(job: Job[Any]) -> Future[Any]:  # a worker that takes its time
        jobs.append((job, Future()))
        started.release()
        return jobs[-1][1]

    def finish(index: int) -> None:
        job, future = jobs[index]
        future.set_result(run_job(job))

    state.heavy._start = held  # type: ignore[method-assign]
    with ThreadPoolExecutor(max_workers=4) as pool:
        progress = pool.submit(ann.get, "/api/progress")
        assert started.acquire(timeout=30)
        pdf = pool.submit(ann.get, "/progress/report.pdf")  # waits for the first
        while state.heavy.waiting < 2:
            assert not pdf.done(), pdf.result().text
            time.sleep(0.01)
        refused = ann.get("/progress/report.pdf?again")  # a third at once: too many
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert "too many reports" in refused.text
        bobs = pool.submit(bob.get, "/api/progress")  # another account is not held back
        assert started.acquire(timeout=30)
        busy = cy.get("/api/progress")  # the process's three heavy requests are taken
        assert busy.status_code == 503 and busy.json()["detail"] == BUSY
        assert busy.headers["retry-after"] == "2"
        assert bob.get("/today").status_code == 200  # everything else goes on meanwhile
        assert len(jobs) == 2  # Ann's PDF waits for her Progress series
        finish(0)
        assert progress.result(timeout=60).status_code == 200
        assert started.acquire(timeout=30)  # then her PDF starts
        finish(1)
        finish(2)
        assert bobs.result(timeout=60).status_code == 200
        made = pdf.result(timeout=60)
        assert made.status_code == 200 and made.content.startswith(b"%PDF")
    assert state.heavy.waiting == 0


def test_waiting_heavy_requests_have_threads_of_their_own(make_app: MakeApp) -> None:
    """Each heavy request allowed to wait holds a request thread: the pool gets that many more
    than its usual 40, so they never take the threads that answer everyone's Today."""
    app = make_app(settings=WebSettings(heavy_requests=7))
    with TestClient(app) as client:
        assert client.portal is not None
        tokens = client.portal.call(lambda: current_default_thread_limiter().total_tokens)
    assert tokens == REQUEST_THREADS + 7 == 47


ORPHANED = """
import os, signal
from pathlib import Path
from gerdy.services.heavy_work import HeavyWork

pool = HeavyWork(workers=1, requests=1).pool()
worker = pool.submit(os.getpid).result()
tasks = Path("/proc/self/task").iterdir()
print(worker, *(pid for task in tasks for pid in (task / "children").read_text().split()))
os.kill(os.getpid(), signal.SIGKILL)  # no shutdown of the pool, as when a signal stops uvicorn
"""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_the_worker_processes_end_with_the_server_however_it_ends(tmp_path: Path) -> None:
    printed = tmp_path / "children"
    with printed.open("w") as out:  # not a pipe: a process left running would hold it open
        killed = subprocess.run([sys.executable, "-c", ORPHANED], stdout=out, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    started = [int(pid) for pid in printed.read_text().split()]
    assert len(started) >= 2  # the worker, the fork server (and the resource tracker)
    deadline = time.monotonic() + 20
    while left := [pid for pid in started if Path(f"/proc/{pid}").exists()]:
        if time.monotonic() > deadline:
            for pid in left:  # leave nothing behind
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            pytest.fail(f"left running after the server was killed: {left}")
        time.sleep(0.1)
