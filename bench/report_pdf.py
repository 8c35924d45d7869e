"""Benchmark: the PDF report of a long record, and the Progress series, this tree against
another (before/after in one run).

Fills a temp SQLite file with one `--days`-day record (default twenty years, about 28,000
events: the engine's limit), then in fresh processes, one after another, makes the PDF report
as the web's heavy-work worker does (read the record, replay it, draw the PDF) and the
Progress series alone. With `--baseline SRC` (the `src` folder of another checkout, e.g.
`git archive <commit> src | tar -x -C /tmp/before`), the same runs are made with that tree's
code, interleaved with this one's, so both see the same machine; each figure is the median
CPU time (user + system) of `--repeat` runs, with the number of replays of the record each
made, and the ratio before/after. Prints the load average at start and end.

usage: uv run python bench/report_pdf.py [--days 7300] [--repeat 5] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import year_of_history

from gerdy.storage.opening import open_database
from gerdy.storage.store import RecordStore

PERSON = "long-record"
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)

# Run in a fresh process with the tree under test first on the path: one report, timed.
CHILD = """
import datetime as dt, json, sys, time
import gerdy
from gerdy.engine import planner
from gerdy.protocol import load_protocol
from gerdy.reports.pdf import pdf_report
from gerdy.reports.progress import progress_series
from gerdy.services.coach import Coach
from gerdy.storage.opening import open_database
from gerdy.storage.store import RecordStore

url, person, now = sys.argv[1], sys.argv[2], dt.datetime.fromisoformat(sys.argv[3])
replays = []
replay = planner.replay
def counted(*args, **kwargs):
    replays.append(1)
    return replay(*args, **kwargs)
planner.replay = counted
engine, protocol = open_database(url), load_protocol()
figures = {"tree": gerdy.__file__}
for name, work in (("pdf", pdf_report), ("progress", progress_series)):
    coach = Coach(RecordStore(engine, person), protocol, lambda: now)
    replays.clear()
    started, wall = time.process_time(), time.perf_counter()
    if name == "pdf":
        made = work(coach, now.date(), now, "bench")
    else:
        made = work(coach, now.date())
    figures[name] = time.process_time() - started
    figures[name + "_wall"] = time.perf_counter() - wall
    figures[name + "_replays"] = len(replays)
print(json.dumps(figures))
"""


def fill(url: str, days: int) -> int:
    engine = open_database(url)
    profile, events = year_of_history(NOW.date() - dt.timedelta(days=days - 1), days)
    RecordStore(engine, PERSON).replace(profile, events)
    engine.dispose()
    return len(events)


def one_run(src: Path | None, url: str) -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    argv = [sys.executable, "-c", CHILD, url, PERSON, NOW.isoformat()]
    done = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=7300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="the src folder of the tree to compare")
    args = parser.parse_args()
    print(f"load average at start: {load()}")
    trees: dict[str, Path | None] = {"this tree": None}
    if args.baseline is not None:
        trees = {"baseline": args.baseline.resolve(), **trees}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        print(f"one record of {args.days} days, {fill(url, args.days):,} events")
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(args.repeat):
            for name, src in trees.items():
                runs[name].append(one_run(src, url))
    medians: dict[str, dict[str, float]] = {}
    for name, found in runs.items():
        medians[name] = {k: statistics.median(r[k] for r in found) for k in found[0] if k != "tree"}
        m = medians[name]
        print(f"{name:<10} ({found[0]['tree']})")
        print(f"  PDF report      CPU {m['pdf']:6.2f} s (wall {m['pdf_wall']:6.2f} s), "
              f"{m['pdf_replays']:.0f} replay(s) of the record")  # fmt: skip
        print(f"  Progress series CPU {m['progress']:6.2f} s (wall {m['progress_wall']:6.2f} s), "
              f"{m['progress_replays']:.0f} replay(s)")  # fmt: skip
    if "baseline" in medians:
        before, after = medians["baseline"], medians["this tree"]
        print(f"before/after, CPU medians of {args.repeat} interleaved runs: PDF "
              f"{before['pdf'] / after['pdf']:.2f}x faster, Progress "
              f"{before['progress'] / after['progress']:.2f}x")  # fmt: skip
    print(f"load average at end: {load()}")


if __name__ == "__main__":
    main()
