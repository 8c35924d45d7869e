"""Benchmark: start-up of `gerdy today` vs a bare import of its main libraries.

Target (issue 2): `gerdy today` within 1.5x of `python -c "import sqlalchemy, pydantic,
typer, rich"` measured in the same run and environment.
usage: uv run python bench/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from _common import gerdy_argv, sqlite_url, summary, time_command

from gerdy.domain.profile import Profile
from gerdy.storage.store import open_store

TARGET = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    baseline_argv = [sys.executable, "-c", "import sqlalchemy, pydantic, typer, rich"]
    with tempfile.TemporaryDirectory() as tmp:
        url = sqlite_url(Path(tmp), "startup.db")
        start = dt.date(2026, 1, 5)
        with open_store(url) as store:
            store.save_profile(
                Profile(start_date=start, side="right", baseline_weekly_run_minutes=120)
            )
        env = {"GERDY_DATABASE_URL": url}
        base = summary(
            "python -c 'import sqlalchemy, pydantic, typer, rich'",
            time_command(baseline_argv, env, args.repeat),
        )
        today = summary(
            "gerdy today",
            time_command(gerdy_argv("today", "--date", "2026-01-20"), env, args.repeat),
        )
        as_json = summary(
            "gerdy today --json",
            time_command(gerdy_argv("today", "--date", "2026-01-20", "--json"), env, args.repeat),
        )
    for name, value in (("gerdy today", today), ("gerdy today --json", as_json)):
        ratio = value / base
        verdict = "ok" if ratio <= TARGET else "OVER TARGET"
        print(f"ratio {name} / bare imports: {ratio:.2f}x (target <= {TARGET}x) {verdict}")


if __name__ == "__main__":
    main()
