"""Benchmark: a clinician's caseload page with 500 shared runners of 120 days each.

Fills a database by bulk insert (accounts, people and shares by executemany, events by
executemany on SQLite and COPY on PostgreSQL): `--runners` runners, each `--days` days of
history (a daily check-in, a run every other day after the first month; every tenth runner
with an open red flag, every seventh quiet for four days), all shared with one clinician. Then,
in one process (the app in-process, over the ASGI transport, so the figures are the app's own),
signs the clinician in and measures:

- the first caseload after start (every row computed: parsing and replaying each record),
- the caseload page (its first 50 rows by need) again and again (`--requests` times): every
  record's version is read in one query, unchanged rows come from the per-process cache —
  p95 target < 200 ms,
- the same while a runner logs a check-in before every request (one row recomputed),
- all the rows on one page (`?shown=N`),
- `/healthz` as the baseline, in the same run (the ratio is printed).

On SQLite (a temp file) and on PostgreSQL: `--postgres URL` (or $GERDY_DATABASE_URL) uses
that database, which must be empty; otherwise the script starts its own throwaway cluster as
bench/web_scale.py does (PostgreSQL must be installed). `--only sqlite|postgres` runs one.

usage: uv run python bench/caseload.py [--runners 500] [--days 120] [--requests 40]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

P95_TARGET_MS = 200.0
PASSWORD = "bench password 123"
CLINICIAN = "physio@example.invalid"


def history(start: dt.date, days: int, index: int) -> list[Any]:
    """A runner's events; every tenth has a red flag today, every seventh no check-in for 4
    days."""
    from gerdy.domain.events import Checkin, Run
    from gerdy.storage.store import with_id

    events: list[Any] = []
    quiet = index % 7 == 3
    for offset in range(days):
        date = start + dt.timedelta(days=offset)
        if quiet and offset >= days - 4:
            continue
        flag = index % 10 == 0 and offset == days - 1
        pain = max(0, 4 - offset // 10 + index % 3)
        events.append(with_id(Checkin(date=date, pain_daily=pain, cannot_bear_weight=flag)))
        if offset > 30 and offset % 2:
            events.append(with_id(Run(date=date, minutes=20 + offset % 10, pain_during=0)))
    return events


def fill(url: str, runners: int, days: int) -> int:
    """Bulk insert the runners, their shares with one clinician and their events; returns the
    number of events."""
    from sqlalchemy import insert, select

    from gerdy.domain.profile import Profile
    from gerdy.services.passwords import hash_password
    from gerdy.storage.opening import open_database
    from gerdy.storage.tables import accounts, people, shares
    from gerdy.storage.tables import events as event_table

    engine = open_database(url)
    today = dt.datetime.now(dt.UTC).date()
    start = today - dt.timedelta(days=days - 1)
    profile = Profile(start_date=start, side="left", baseline_weekly_run_minutes=150)  # type: ignore[arg-type]
    profile_json = profile.model_dump(mode="json")
    password_hash = hash_password(PASSWORD)
    now = dt.datetime.now(dt.UTC)
    handles = [f"user:caseload{i:05d}" for i in range(runners)]
    with engine.begin() as connection:
        connection.execute(
            insert(people),
            [{"handle": h, "profile": profile_json, "created_at": now, "updated_at": now}
             for h in handles],
        )  # fmt: skip
        connection.execute(
            insert(accounts),
            [{"email": f"runner{i:05d}@example.invalid", "password_hash": password_hash,
              "person_handle": h, "calendar_token": os.urandom(32).hex(), "created_at": now,
              "role": "runner"} for i, h in enumerate(handles)]
            + [{"email": CLINICIAN, "password_hash": password_hash,
                "person_handle": "user:caseload-clinician", "calendar_token": os.urandom(32).hex(),
                "created_at": now, "role": "clinician", "display_name": "Bench Physio"}],
        )  # fmt: skip
        ids = dict(connection.execute(select(accounts.c.person_handle, accounts.c.id)).all())
        person_ids = dict(connection.execute(select(people.c.handle, people.c.id)).all())
        clinician = ids["user:caseload-clinician"]
        connection.execute(
            insert(shares),
            [{"runner_id": ids[h], "clinician_id": clinician, "alias": f"Runner {i:03d}",
              "created_at": now} for i, h in enumerate(handles)],
        )  # fmt: skip
    rows = []
    for index, handle in enumerate(handles):
        for event in history(start, days, index):
            payload = event.model_dump(mode="json", exclude_none=True)
            rows.append((event.id, person_ids[handle], event.type, event.date, payload))
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            copy_sql = "COPY events (id, person_id, type, date, payload, recorded_at) FROM STDIN"
            with cursor.copy(copy_sql) as copy:  # type: ignore[attr-defined]
                stamp = now.isoformat()
                for event_id, person_id, kind, date, payload in rows:
                    copy.write_row(
                        (event_id, person_id, kind, date.isoformat(), json.dumps(payload), stamp)
                    )
            raw.commit()
            cursor.execute("ANALYZE")
            raw.commit()
        finally:
            raw.close()
    else:
        with engine.begin() as connection:
            connection.execute(
                insert(event_table),
                [{"id": i, "person_id": p, "type": t, "date": d, "payload": pl, "recorded_at": now}
                 for i, p, t, d, pl in rows],
            )  # fmt: skip
    engine.dispose()
    return len(rows)


def p95_ms(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] * 1000 if len(values) > 1 else values[0] * 1000


def timed(client: Any, path: str) -> tuple[float, str]:
    began = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - began
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, response.text


def measure(url: str, label: str, runners: int, days: int, requests: int) -> dict[str, float]:
    from fastapi.testclient import TestClient

    from gerdy.web.app import create_app

    began = time.perf_counter()
    events = fill(url, runners, days)
    filled = time.perf_counter() - began
    app = create_app(url)
    client = TestClient(app, base_url="http://localhost")  # a host the app serves
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/signin").text)
    assert token
    signin = client.post(
        "/signin", data={"email": CLINICIAN, "password": PASSWORD, "csrf_token": token.group(1)},
        follow_redirects=False,
    )  # fmt: skip
    assert signin.status_code == 303, signin.text
    first, page = timed(client, "/caseload")
    shown = page.count('data-runner="')
    assert shown == min(runners, 50), f"the caseload's first page shows {shown} runners"
    assert runners <= 50 or f"of {runners}." in page
    first_need = re.search(r'data-need="([^"]+)"', page)
    warm = [timed(client, "/caseload")[0] for _ in range(requests)]
    coach = app.state.gerdy.coach_for("user:caseload00001")
    changed = []
    for n in range(requests):
        coach.record({"type": "checkin", "pain_daily": n % 3})
        changed.append(timed(client, "/caseload")[0])
    every = [timed(client, f"/caseload?shown={runners}")[0] for _ in range(max(requests // 4, 2))]
    healthz = [timed(client, "/healthz")[0] for _ in range(requests)]
    app.state.gerdy.engine.dispose()
    figures = {
        "fill_s": filled,
        "events": events,
        "first_ms": first * 1000,
        "p95_ms": p95_ms(warm),
        "median_ms": statistics.median(warm) * 1000,
        "changed_p95_ms": p95_ms(changed),
        "every_p95_ms": p95_ms(every),
        "healthz_p95_ms": p95_ms(healthz),
    }
    verdict = "ok" if figures["p95_ms"] < P95_TARGET_MS else "OVER TARGET"
    print(
        f"{label}: {runners} runners x {days} days ({events:,} events, filled in "
        f"{filled:.1f} s); first row shown: {first_need.group(1) if first_need else '?'}\n"
        f"  first caseload after start (every row computed): {figures['first_ms']:,.0f} ms\n"
        f"  caseload p95 {figures['p95_ms']:.1f} ms (median {figures['median_ms']:.1f} ms, "
        f"{requests} requests; target < {P95_TARGET_MS:.0f} ms: {verdict})\n"
        f"  with one runner's new check-in before each: p95 {figures['changed_p95_ms']:.1f} ms\n"
        f"  all {runners} rows on one page: p95 {figures['every_p95_ms']:.1f} ms\n"
        f"  /healthz p95 {figures['healthz_p95_ms']:.1f} ms; caseload/healthz "
        f"{figures['p95_ms'] / figures['healthz_p95_ms']:.1f}x"
    )
    return figures


@contextlib.contextmanager
def postgres_url(given: str | None) -> Iterator[str]:
    if given:
        yield given
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from web_scale import postgres  # the same throwaway cluster as bench/web_scale.py

    with postgres() as url:
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, default=500)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--postgres", default=os.environ.get("GERDY_DATABASE_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    options = parser.parse_args()
    results = {}
    if options.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory(prefix="gerdy-caseload.") as folder:
            url = f"sqlite:///{folder}/gerdy.sqlite"
            results["sqlite"] = measure(url, "SQLite", options.runners, options.days,
                                        options.requests)  # fmt: skip
    if options.only in (None, "postgres"):
        with postgres_url(options.postgres) as url:
            results["postgres"] = measure(url, "PostgreSQL", options.runners, options.days,
                                          options.requests)  # fmt: skip
    over = [name for name, f in results.items() if f["p95_ms"] >= P95_TARGET_MS]
    print("target met" if not over else f"OVER TARGET on {', '.join(over)}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
