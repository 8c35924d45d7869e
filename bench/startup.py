"""Benchmark: start-up of `gerdy today` vs a bare import of its main libraries.

Target: `gerdy today` within 1.5x of `python -c "import sqlalchemy, pydantic, typer, rich"`
measured in the same run and environment, with bytecode compiled as an installed package has it.

The script first compiles the bytecode of gerdy and of the environment's packages
(`python -m compileall`), since a machine with PYTHONDONTWRITEBYTECODE=1 never writes it and
would time the compiler instead (`--no-compile` skips this). It prints wall-clock medians and
CPU-time medians (user + system of the child process); the CPU ratio is the steady one on a
busy machine, the wall ratio is what a user waits. `--instructions` instead counts the
instructions each command executes under `valgrind --tool=cachegrind` (one run each after a
warm-up, `PYTHONHASHSEED=0`): the same figure whatever else the machine is doing.

usage: uv run python bench/startup.py [--repeat N] [--no-compile] [--instructions]
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from _common import gerdy_argv, sqlite_url, time_command_cpu

import gerdy
from gerdy.domain.profile import Profile
from gerdy.storage.store import open_store

TARGET = 1.5


def compile_bytecode() -> None:
    for folder in {Path(gerdy.__file__).parent, Path(sysconfig.get_paths()["purelib"])}:
        compileall.compile_dir(folder, quiet=2, workers=0)


def measure(
    commands: dict[str, list[str]], env: dict[str, str], repeat: int
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each command, run in turn `repeat` times (interleaved, so
    a change in the machine's load touches every command alike)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for argv in commands.values():
        time_command_cpu(argv, env, 1)  # warm up: file caches, the protocol's JSON cache
    for _ in range(repeat):
        for name, argv in commands.items():
            times[name] += time_command_cpu(argv, env, 1, warm_up=False)
    out = {}
    for name, runs in times.items():
        wall = statistics.median(t[0] for t in runs)
        cpu = statistics.median(t[1] for t in runs)
        print(f"{name:<52} wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  (n={repeat})")
        out[name] = (wall, cpu)
    return out


def instructions(commands: dict[str, list[str]], env: dict[str, str]) -> dict[str, float]:
    """Instructions executed by each command (cachegrind's "I refs"), in millions."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt install valgrind)")
    full_env = {**os.environ, **env, "PYTHONHASHSEED": "0"}
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, argv in commands.items():
            subprocess.run(argv, env=full_env, check=True, capture_output=True)  # warm up
            counted = subprocess.run(
                ["valgrind", "--tool=cachegrind", "--cache-sim=no",
                 f"--cachegrind-out-file={tmp}/out", *argv],
                env=full_env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            found = re.search(r"I\s+refs:\s+([\d,]+)", counted.stderr)
            if found is None:
                raise SystemExit(f"no instruction count from valgrind for {name}")
            out[name] = int(found.group(1).replace(",", "")) / 1e6
            print(f"{name:<52} {out[name]:9,.0f} M instructions")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-compile", action="store_true", help="do not compile bytecode")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with cachegrind"
    )
    args = parser.parse_args()
    if not args.no_compile:
        compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        url = sqlite_url(Path(tmp), "startup.db")
        start = dt.date(2026, 1, 5)
        with open_store(url) as store:
            store.save_profile(
                Profile(start_date=start, side="right", baseline_weekly_run_minutes=120)
            )
        env = {"GERDY_DATABASE_URL": url}
        today_argv = gerdy_argv("today", "--date", "2026-01-20")
        baseline = "python -c 'import sqlalchemy, pydantic, typer, rich'"
        commands = {
            baseline: [sys.executable, "-c", "import sqlalchemy, pydantic, typer, rich"],
            "gerdy today": today_argv,
            "gerdy today --json": [*today_argv, "--json"],
        }
        if args.instructions:
            counts = instructions(commands, env)
        else:
            results = measure(commands, env, args.repeat)
    if args.instructions:
        for name in ("gerdy today", "gerdy today --json"):
            ratio = counts[name] / counts[baseline]
            verdict = "ok" if ratio <= TARGET else "OVER TARGET"
            print(f"ratio {name} / bare imports (instructions): {ratio:.2f}x", end=" ")
            print(f"(target <= {TARGET}x) {verdict}")
        return
    base = results[baseline]
    for name in ("gerdy today", "gerdy today --json"):
        value = results[name]
        for clock, index in (("wall", 0), ("cpu", 1)):
            ratio = value[index] / base[index]
            verdict = "ok" if ratio <= TARGET else "OVER TARGET"
            print(f"ratio {name} / bare imports ({clock}): {ratio:.2f}x", end=" ")
            print(f"(target <= {TARGET}x) {verdict}")


if __name__ == "__main__":
    main()
