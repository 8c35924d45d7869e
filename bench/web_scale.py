"""Benchmark: a clinic's load on `gerdy serve --workers 2` over one PostgreSQL.

Starts its own throwaway PostgreSQL cluster (as `.ci/run` does: initdb into a temp folder,
loopback only, removed at the end), fills it by bulk insert (COPY) with `--runners` accounts,
each with `--days` days of history (a daily check-in, a run every other day after the first
month), runs `gerdy serve --workers 2`, and drives `--clients` concurrent clients, each signed
in with its own session, over Today (70%), a check-in (15%) and Progress (15%) for
`--seconds`. Then, in the same run, measures the floor (`/healthz` alone from the same clients
back to back: the latency the machine itself adds at that concurrency) and `/today` against
`/healthz`. Prints: the fill time, Today's p95 under the mixed load (target < 100 ms), the
floor, errors (target 0), each worker's resident memory at the end (target < 400 MB) and
Today/healthz (target <= 3x).

usage: uv run python bench/web_scale.py [--runners 10000] [--days 120] [--clients 50]
                                        [--seconds 60] [--workers 2]
(as root, PostgreSQL's tools run as the `postgres` user; PostgreSQL must be installed)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

PASSWORD = "bench password 123"
P95_TARGET_MS, RSS_TARGET_MB, RATIO_TARGET = 100.0, 400.0, 3.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def postgres() -> Iterator[str]:
    """A private PostgreSQL cluster on loopback; yields its URL."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not bins:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    pg_bin = bins[-1]
    folder = Path(tempfile.mkdtemp(prefix="gerdy-scale-pg."))
    port = free_port()
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"

    def run(*argv: str | Path, stdin: str | None = None) -> None:
        subprocess.run([*as_postgres, *map(str, argv)], check=True, input=stdin, text=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip

    try:
        run(pg_bin / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
                   "-c max_connections=200 -c shared_buffers=256MB")  # fmt: skip
        run(pg_bin / "pg_ctl", "-D", data, "-l", folder / "server.log", "-w", "-t", "60",
            "start", "-o", options)  # fmt: skip
        run(pg_bin / "psql", "-h", folder, "-p", str(port), "-U", "postgres", "-q",
            stdin="CREATE DATABASE gerdy_scale;")  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/gerdy_scale"
    finally:
        if (data / "postmaster.pid").exists():
            run(pg_bin / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def history(start: dt.date, days: int) -> tuple[object, list[object]]:
    from gerdy.domain.events import Checkin, Run
    from gerdy.domain.profile import Profile
    from gerdy.storage.store import with_id

    profile = Profile(start_date=start, side="left", baseline_weekly_run_minutes=150)  # type: ignore[arg-type]
    events: list[object] = []
    for offset in range(days):
        date = start + dt.timedelta(days=offset)
        events.append(with_id(Checkin(date=date, pain_daily=max(0, 4 - offset // 10))))
        if offset > 30 and offset % 2:
            events.append(with_id(Run(date=date, minutes=20 + offset % 10, pain_during=0)))
    return profile, events


def fill(url: str, runners: int, days: int) -> list[str]:
    """Bulk insert: accounts and people by executemany, events by COPY. Returns the emails."""
    from sqlalchemy import insert, select

    from gerdy.services.passwords import hash_password
    from gerdy.storage.opening import open_database
    from gerdy.storage.tables import accounts, people

    engine = open_database(url)
    start = dt.date.today() - dt.timedelta(days=days - 1)
    profile, events = history(start, days)
    profile_json = profile.model_dump(mode="json")  # type: ignore[attr-defined]
    password_hash = hash_password(PASSWORD)  # one hash for all: argon2 is slow on purpose
    emails = [f"runner{i:05d}@example.invalid" for i in range(runners)]
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(people),
            [
                {
                    "handle": f"user:bench{i:05d}",
                    "profile": profile_json,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(runners)
            ],
        )
        connection.execute(
            insert(accounts),
            [
                {
                    "email": email,
                    "password_hash": password_hash,
                    "person_handle": f"user:bench{i:05d}",
                    "calendar_token": os.urandom(32).hex(),
                    "created_at": now,
                }
                for i, email in enumerate(emails)
            ],
        )
        person_ids = connection.execute(select(people.c.id)).scalars().all()
    rows = [
        (e.id, e.type, e.date.isoformat(), json.dumps(e.model_dump(mode="json", exclude_none=True)))  # type: ignore[attr-defined]
        for e in events
    ]
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        copy_sql = ("COPY events (id, person_id, type, date, payload, recorded_at) "
                    "FROM STDIN")  # fmt: skip
        with cursor.copy(copy_sql) as copy:  # type: ignore[attr-defined]
            stamp = now.isoformat()
            for person_id in person_ids:
                for event_id, kind, date, payload in rows:
                    copy.write_row((event_id, person_id, kind, date, payload, stamp))
        raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    engine.dispose()
    print(f"events per runner: {len(rows)}; rows: {len(rows) * runners:,}")
    return emails


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GERDY_DATABASE_URL": url}
    gerdy = Path(sys.executable).parent / "gerdy"
    argv = [str(gerdy), "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                time.sleep(2)  # let every worker come up
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            command = (entry / "cmdline").read_bytes()
            if int(fields[1]) == pid and b"resource_tracker" not in command:
                found.append(int(entry.name))
    return found


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def signed_in(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    token = client.get("/api/csrf").json()["csrf_token"]
    response = client.post("/api/session", json={"email": email, "password": PASSWORD},
                           headers={"X-CSRF-Token": token})  # fmt: skip
    response.raise_for_status()
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


def drive(
    clients: list[httpx.Client], seconds: float
) -> tuple[dict[str, list[float]], Counter[str]]:
    """Each client in its own thread, requests back to back until the time is up; the errors
    counted by route and status."""
    latencies: dict[str, list[float]] = {"today": [], "checkin": [], "progress": []}
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def loop(client: httpx.Client, seed: int) -> None:
        chance = random.Random(seed)
        while time.monotonic() < end:
            pick = chance.random()
            started = time.perf_counter()
            if pick < 0.70:
                name, response = "today", client.get("/today")
            elif pick < 0.85:
                name = "checkin"
                answers = {
                    "pain_daily": chance.randint(0, 3),
                    "pain_rest": 0,
                    "none_of_these": True,
                }
                response = client.post("/api/checkins", json=answers)
            else:
                name, response = "progress", client.get("/api/progress")
            elapsed = time.perf_counter() - started
            with lock:
                latencies[name].append(elapsed)
                if response.status_code >= 400:
                    errors[f"{name} {response.status_code}"] += 1

    threads = [threading.Thread(target=loop, args=(c, i)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def floor_p95(clients: list[httpx.Client], seconds: float) -> float:
    """p95 (ms) of `/healthz`, the route that does nothing, under the same clients back to back:
    the latency this machine itself adds at this concurrency (Today cannot be faster)."""
    latencies: list[float] = []
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def loop(client: httpx.Client) -> None:
        while time.monotonic() < end:
            started = time.perf_counter()
            client.get("/healthz").raise_for_status()
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return p95_ms(latencies)


def rate_of(clients: list[httpx.Client], path: str, requests: int) -> float:
    """Requests/s of `path` from 8 threads over the clients (for the Today/healthz ratio)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(index: int) -> None:
        clients[index % len(clients)].get(path).raise_for_status()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(one, range(requests)))
    return requests / (time.perf_counter() - started)


def p95_ms(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] * 1000 if len(values) >= 20 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runners", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with postgres() as url:
        started = time.perf_counter()
        emails = fill(url, args.runners, args.days)
        print(f"filled {len(emails):,} runners x {args.days} days in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        port = free_port()
        server = start_server(url, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            chosen = random.Random(7).sample(emails, args.clients)
            clients = [signed_in(base, email) for email in chosen]
            latencies, errors = drive(clients, args.seconds)
            workers = children(server.pid)
            worker_rss = [rss_mb(pid) for pid in workers if rss_mb(pid) > 0]
            for client in clients[:8]:
                client.get("/today")
            floor = floor_p95(clients, min(args.seconds, 15))
            healthz = rate_of(clients, "/healthz", 400)
            today = rate_of(clients, "/today", 400)
            for client in clients:
                client.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    total = sum(len(v) for v in latencies.values())
    print(f"{total:,} requests in {args.seconds:g} s from {args.clients} clients "
          f"({total / args.seconds:.0f} req/s)")  # fmt: skip
    for name, values in latencies.items():
        if values:
            print(f"  {name:<9} {len(values):6,}  p50 {statistics.median(values) * 1000:7.1f} ms"
                  f"  p95 {p95_ms(values):7.1f} ms")  # fmt: skip
    today_p95 = p95_ms(latencies["today"])
    verdict = {True: "ok", False: "MISSED"}
    print(f"Today p95 {today_p95:.1f} ms (target < {P95_TARGET_MS:g} ms): "
          f"{verdict[today_p95 < P95_TARGET_MS]}")  # fmt: skip
    print(f"  the floor: /healthz alone from the same {args.clients} clients, p95 {floor:.1f} ms")
    total_errors = sum(errors.values())
    detail = ", ".join(f"{what}: {count}" for what, count in sorted(errors.items()))
    print(f"errors: {total_errors}{f' ({detail})' if detail else ''} (target 0): "
          f"{verdict[total_errors == 0]}")  # fmt: skip
    rss = ", ".join(f"{value:.0f} MB" for value in worker_rss)
    print(f"worker RSS at the end: {rss} (target < {RSS_TARGET_MB:g} MB each): "
          f"{verdict[all(v < RSS_TARGET_MB for v in worker_rss)]}")  # fmt: skip
    ratio = healthz / today
    print(f"/healthz {healthz:.0f} req/s, /today {today:.0f} req/s: Today costs {ratio:.2f}x "
          f"(target <= {RATIO_TARGET:g}x): {verdict[ratio <= RATIO_TARGET]}")  # fmt: skip
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
