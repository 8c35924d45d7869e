"""Benchmark: `gerdy today` on a year of history (~1,400 events) vs on an empty record.

Target (issue 2): the year costs at most 1.5x the empty record. Also prints the engine alone
(in-process `plan_day`) so a regression can be placed in the engine or around it.
usage: uv run python bench/today_history.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from _common import gerdy_argv, sqlite_url, summary, time_command, year_of_history

from gerdy.engine import plan_day
from gerdy.protocol import load_protocol
from gerdy.storage.store import open_store

TARGET = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    start = dt.date(2025, 11, 1)
    profile, events = year_of_history(start)
    as_of = (start + dt.timedelta(days=364)).isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        urls = {"empty": sqlite_url(folder, "empty.db"), "year": sqlite_url(folder, "year.db")}
        for name, url in urls.items():
            with open_store(url) as store:
                store.save_profile(profile)
                if name == "year":
                    store.append(events)
        print(f"record with a year of history: {len(events)} events")
        medians = {}
        for name, url in urls.items():
            times = time_command(
                gerdy_argv("today", "--date", as_of, "--json"),
                {"GERDY_DATABASE_URL": url},
                args.repeat,
            )
            medians[name] = summary(f"gerdy today, {name} record", times)
    protocol = load_protocol()
    date = start + dt.timedelta(days=364)
    begin = time.perf_counter()
    for _ in range(5):
        plan_day(protocol, profile, events, date)
    engine_ms = (time.perf_counter() - begin) / 5 * 1000
    print(f"{'engine alone, year of history (in-process)':<44} mean   {engine_ms:7.1f} ms")
    ratio = medians["year"] / medians["empty"]
    verdict = "ok" if ratio <= TARGET else "OVER TARGET"
    print(f"ratio year/empty: {ratio:.2f}x (target <= {TARGET}x) {verdict}")


if __name__ == "__main__":
    main()
