"""Benchmark: the web app's Today page against its minimal route (`/healthz`), with 1,000
runners' records (six-week demo-like histories) in a temp SQLite database, over loopback.

The app runs under uvicorn in a child process on 127.0.0.1 (a free port); a few client
threads sign in as several runners and send a fixed number of requests to each route (bounded
count and time), reporting requests/s and p95 latency, and the ratio. Targets (issue 3): Today
within 3x of the minimal route; Today's p95 under 50 ms. Stops by itself.
usage: uv run python bench/web_today.py [--users 1000] [--requests 600] [--threads 4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from gerdy.demo import demo_document
from gerdy.services.passwords import hash_password
from gerdy.storage.accounts import AccountStore
from gerdy.storage.opening import open_database
from gerdy.storage.store import RecordStore

PASSWORD = "bench password 123"
SIGNED_IN = 8
RATIO_TARGET, P95_TARGET_MS = 3.0, 50.0
TIME_LIMIT_S = 120.0


def fill(url: str, users: int) -> list[str]:
    """`users` accounts, each with a demo-like record ending today; returns their emails."""
    engine = open_database(url)
    accounts = AccountStore(engine)
    password_hash = hash_password(PASSWORD)  # one hash for all: argon2 is slow on purpose
    today = dt.date.today()
    emails = []
    for index in range(users):
        email = f"runner{index:04d}@example.invalid"
        account = accounts.create(email, password_hash)
        document = demo_document(today - dt.timedelta(days=index % 30))
        RecordStore(engine, account.person_handle).replace(document.profile, list(document.events))
        emails.append(email)
    engine.dispose()
    return emails


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn; from gerdy.web.app import create_app; "
        f"uvicorn.run(create_app({url!r}), host='127.0.0.1', port={port}, log_level='warning')"
    )
    server = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def signed_in_client(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=10)
    token = client.get("/api/csrf").json()["csrf_token"]
    response = client.post(
        "/api/session",
        json={"email": email, "password": PASSWORD},
        headers={"X-CSRF-Token": token},
    )
    response.raise_for_status()
    return client


def hammer(clients: list[httpx.Client], path: str, requests: int, threads: int) -> list[float]:
    """Latencies (s) of `requests` GETs of `path`, spread over the clients and threads."""

    def one(index: int) -> float:
        client = clients[index % len(clients)]
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code}")
        return elapsed

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(one, range(requests)))


def report(name: str, latencies: list[float], wall: float) -> tuple[float, float]:
    rate = len(latencies) / wall
    p95 = statistics.quantiles(latencies, n=20)[18] * 1000
    median = statistics.median(latencies) * 1000
    print(f"{name:<10} {rate:8.0f} req/s   p50 {median:6.1f} ms   p95 {p95:6.1f} ms")
    return rate, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        emails = fill(url, args.users)
        print(f"filled {len(emails)} runners' records in {time.perf_counter() - started:.1f} s")
        port = free_port()
        server = start_server(url, port)
        try:
            base = f"http://127.0.0.1:{port}"
            clients = [signed_in_client(base, e) for e in emails[:: len(emails) // SIGNED_IN]]
            budget_end = time.monotonic() + TIME_LIMIT_S
            hammer(clients, "/healthz", 50, args.threads)  # warm-up
            hammer(clients, "/today", 50, args.threads)
            results = {}
            for name, path in (("/healthz", "/healthz"), ("/today", "/today")):
                if time.monotonic() > budget_end:
                    raise SystemExit("time budget exceeded")
                wall_start = time.perf_counter()
                latencies = hammer(clients, path, args.requests, args.threads)
                results[name] = report(name, latencies, time.perf_counter() - wall_start)
            for client in clients:
                client.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    (base_rate, _), (today_rate, today_p95) = results["/healthz"], results["/today"]
    ratio = base_rate / today_rate
    print(f"Today costs {ratio:.2f}x the minimal route (target <= {RATIO_TARGET:g}x): "
          f"{'ok' if ratio <= RATIO_TARGET else 'MISSED'}")  # fmt: skip
    print(f"Today p95 {today_p95:.1f} ms (target < {P95_TARGET_MS:g} ms): "
          f"{'ok' if today_p95 < P95_TARGET_MS else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()
