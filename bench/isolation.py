"""Benchmark: heavy work kept away from everyone else's requests, and a server that answers
while SQLite is locked (issue 19).

The app runs under uvicorn in a child process on 127.0.0.1 over a temp SQLite file (as
bench/web_today.py does). One runner with a six-week demo record asks for `/today` back to
back from one client, and in the same run:

1. Today under heavy work: Today's latencies idle, then while 4 Progress pages and 4 PDF
   reports of 20-year records (about 28,000 events each; each request from its own account,
   so none shares another's result and all 8 are computed) are in flight. Target: the loaded
   p95 at most 3x the idle p95.
2. `/healthz` while another connection holds SQLite's write lock for 3 s and a runner's
   check-in waits behind it: its p95 against `/healthz` idle. Target: p95 under 100 ms.

Prints the figures, the ratios and the machine's load average.
usage: uv run python bench/isolation.py [--requests 200] [--days 7300] [--heavy 8]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import httpx
from _common import year_of_history
from web_today import PASSWORD, free_port, signed_in_client, start_server

from gerdy.demo import demo_document
from gerdy.services.passwords import hash_password
from gerdy.storage.accounts import AccountStore
from gerdy.storage.opening import open_database
from gerdy.storage.store import RecordStore

RATIO_TARGET, HEALTHZ_P95_TARGET_MS = 3.0, 100.0
LOCK_HELD_S = 3.0
HEAVY_TIMEOUT_S = 600.0
PACE_S = 0.02  # /healthz is asked every 20 ms while the lock is held
RUNNER = "runner@example.invalid"


def fill(url: str, heavy: int, days: int) -> list[str]:
    """The runner's account and `heavy` accounts holding a `days`-day record each; returns
    the heavy accounts' emails."""
    engine = open_database(url)
    accounts = AccountStore(engine)
    password_hash = hash_password(PASSWORD)
    today = dt.date.today()
    runner = accounts.create(RUNNER, password_hash)
    document = demo_document(today)
    RecordStore(engine, runner.person_handle).replace(document.profile, list(document.events))
    profile, events = year_of_history(today - dt.timedelta(days=days - 1), days)
    emails = []
    for index in range(heavy):
        email = f"long{index}@example.invalid"
        account = accounts.create(email, password_hash)
        RecordStore(engine, account.person_handle).replace(profile, events)
        emails.append(email)
    print(f"{heavy} records of {days} days ({len(events):,} events each) and the runner's")
    engine.dispose()
    return emails


def p95_ms(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=20)[18] * 1000


def line(name: str, latencies: list[float]) -> float:
    p95 = p95_ms(latencies)
    median = statistics.median(latencies) * 1000
    print(f"{name:<44} n={len(latencies):<5} p50 {median:7.1f} ms   p95 {p95:7.1f} ms")
    return p95


def timed_get(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
    return elapsed


def until_done(client: httpx.Client, path: str, done: threading.Event) -> list[float]:
    """Latencies of `path` asked back to back until `done` is set."""
    latencies = []
    while not done.is_set():
        latencies.append(timed_get(client, path))
    return latencies


def heavy_request(client: httpx.Client, path: str) -> tuple[str, float, int]:
    started = time.perf_counter()
    status = client.get(path, timeout=HEAVY_TIMEOUT_S).status_code
    return path, time.perf_counter() - started, status


def resident_mb(pid: int) -> list[float]:
    """Resident memory (MB) of the process `pid`, then of each process it started (Linux)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop(0)
        try:
            status = Path(f"/proc/{current}/status").read_text()
            tasks = Path(f"/proc/{current}/task").iterdir()  # any thread may have started one
            children = [pid for task in tasks for pid in (task / "children").read_text().split()]
        except OSError:
            continue
        found += [int(n.split()[1]) / 1024 for n in status.splitlines() if n.startswith("VmRSS")]
        pending += [int(child) for child in children]
    return found


def today_under_heavy_work(base: str, heavy: list[str], requests: int, server: int) -> float:
    """Today's loaded p95 / idle p95, printed with the heavy requests' own times."""
    with closing(signed_in_client(base, RUNNER)) as runner:
        for _ in range(20):  # warm-up: the record cached, the page drawn
            timed_get(runner, "/today")
        idle = line("/today idle", [timed_get(runner, "/today") for _ in range(requests)])
        half = len(heavy) // 2
        paths = ["/progress"] * half + ["/progress/report.pdf"] * (len(heavy) - half)
        clients = [signed_in_client(base, email) for email in heavy]
        done = threading.Event()
        with ThreadPoolExecutor(max_workers=len(heavy)) as pool:
            started = time.perf_counter()
            futures: list[Future[tuple[str, float, int]]] = [
                pool.submit(heavy_request, client, path)
                for client, path in zip(clients, paths, strict=True)
            ]
            for future in futures:
                future.add_done_callback(lambda _f: all(f.done() for f in futures) and done.set())
            loaded_latencies = until_done(runner, "/today", done)
            window = time.perf_counter() - started
        for client in clients:
            client.close()
        loaded = line(f"/today while {len(paths)} heavy requests run", loaded_latencies)
        for path, seconds, status in sorted(f.result() for f in futures):
            print(f"    {path:<24} {status} in {seconds:6.2f} s")
        print(f"    (all {len(paths)} done in {window:.1f} s)")
        server_mb, *others = resident_mb(server)
        workers = ", ".join(f"{mb:.0f}" for mb in others) or "none"
        print(f"    resident memory: server {server_mb:.0f} MB, its other processes {workers} MB")
    ratio = loaded / idle
    verdict = "ok" if ratio <= RATIO_TARGET else "MISSED"
    print(f"Today p95 loaded/idle {ratio:.2f}x (target <= {RATIO_TARGET:g}x): {verdict}")
    return ratio


def paced(client: httpx.Client, path: str, interval: float, running: Future[None]) -> list[float]:
    """Latencies of `path` asked every `interval` seconds while `running` is not done, each
    counted from when it was due (a stalled server shows as many slow answers, not one)."""
    latencies: list[Future[float]] = []

    def one(due: float) -> float:
        client.get(path).raise_for_status()
        return time.perf_counter() - due

    with ThreadPoolExecutor(max_workers=32) as pool:
        due = time.perf_counter()
        while not running.done():
            latencies.append(pool.submit(one, due))
            due += interval
            time.sleep(max(0.0, due - time.perf_counter()))
    return [latency.result() for latency in latencies]


def hold_write_lock(path: Path, seconds: float, held: threading.Event) -> None:
    """Hold SQLite's write lock on the database file for `seconds` from a connection of its
    own, as another process writing would."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def checkins(client: httpx.Client, stop: threading.Event) -> list[tuple[int, float]]:
    """The runner's check-ins, one after the other until `stop`: (status, seconds) each."""
    token = client.get("/api/csrf").json()["csrf_token"]
    results = []
    while not stop.is_set():
        started = time.perf_counter()
        response = client.post(
            "/checkin",
            data={"csrf_token": token, "pain_daily": "1", "pain_rest": "0", "no_symptoms": "yes"},
            follow_redirects=False,
        )
        results.append((response.status_code, time.perf_counter() - started))
    return results


def healthz_under_write_lock(base: str, database: Path, requests: int) -> float:
    runner = signed_in_client(base, RUNNER)
    with httpx.Client(base_url=base, timeout=30) as client, closing(runner):
        idle = line("/healthz idle", [timed_get(client, "/healthz") for _ in range(requests)])
        held, stop = threading.Event(), threading.Event()
        with ThreadPoolExecutor(max_workers=2) as pool:
            lock = pool.submit(hold_write_lock, database, LOCK_HELD_S, held)
            held.wait(10)
            writes = pool.submit(checkins, runner, stop)
            time.sleep(0.2)  # the check-in is waiting for the lock
            latencies = paced(client, "/healthz", PACE_S, lock)
            stop.set()
            lock.result()
            results = writes.result()
        name = f"/healthz every {PACE_S * 1000:g} ms, lock held {LOCK_HELD_S:g} s"
        locked = line(name, latencies)
    statuses = sorted({status for status, _ in results})
    slowest = max((seconds for _, seconds in results), default=0.0)
    print(f"    the runner's check-ins meanwhile: {len(results)}, answered {statuses}, "
          f"the slowest in {slowest:.2f} s")  # fmt: skip
    verdict = "ok" if locked < HEALTHZ_P95_TARGET_MS else "MISSED"
    print(
        f"/healthz p95 with the lock held {locked:.1f} ms, {locked / idle:.1f}x idle "
        f"(target < {HEALTHZ_P95_TARGET_MS:g} ms): {verdict}"
    )
    return locked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200, help="idle samples per route")
    parser.add_argument("--days", type=int, default=7300, help="length of the long records")
    parser.add_argument("--heavy", type=int, default=8, help="Progress + PDF requests")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        url = f"sqlite:///{database}"
        started = time.perf_counter()
        heavy = fill(url, args.heavy, args.days)
        print(f"filled in {time.perf_counter() - started:.1f} s")
        port = free_port()
        server = start_server(url, port)
        try:
            base = f"http://127.0.0.1:{port}"
            today_under_heavy_work(base, heavy, args.requests, server.pid)
            healthz_under_write_lock(base, database, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
