"""Shared pieces of the benchmark scripts: a year-long sample history and a command timer.

Benchmarks print figures and ratios against a baseline measured in the same run; they are
never timed unit tests.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from gerdy.domain.events import Checkin, Event, ExerciseLog, Roll, Run, Strength, Stretch
from gerdy.domain.profile import Profile

STRENGTH_IDS = ("clamshell", "side_lying_abduction", "glute_bridge", "single_leg_bridge",
                "lateral_band_walk", "single_leg_box_squat")  # fmt: skip


def year_of_history(start: dt.date, days: int = 365) -> tuple[Profile, list[Event]]:
    """About 1,400 events: daily check-in, roll and stretch, strength Mon/Wed/Fri, runs."""
    profile = Profile(
        start_date=start,
        side="left",
        baseline_weekly_run_minutes=150,
        cadence_spm=162,
        intake={"pain_within_first_mile": True},
    )  # type: ignore[arg-type]
    events: list[Event] = []
    for offset in range(days):
        date = start + dt.timedelta(days=offset)
        events.append(Checkin(date=date, pain_daily=max(0, 4 - offset // 5)))
        events.append(Roll(date=date, items=("tfl_roll", "lateral_quad_roll", "glute_roll")))
        events.append(Stretch(date=date, items=("pigeon", "hip_flexor_stretch")))
        if date.weekday() in (0, 2, 4) and offset >= 7:
            logs = tuple(
                ExerciseLog(id=i, sets=(20, 20, 20), pain=0, effort="right")  # type: ignore[arg-type]
                for i in STRENGTH_IDS
            )
            events.append(Strength(date=date, exercises=logs))
        elif offset > 30 and date.weekday() in (1, 3, 6):
            events.append(
                Run(
                    date=date,
                    minutes=20 + offset % 10,
                    pain_during=0,
                    cadence_spm=164 + offset % 5,
                    terrain="flat",
                )
            )
    return profile, events


def time_command(argv: list[str], env: dict[str, str], repeat: int) -> list[float]:
    """Wall seconds of each of `repeat` runs (after one warm-up run)."""
    return [wall for wall, _ in time_command_cpu(argv, env, repeat)]


def time_command_cpu(
    argv: list[str], env: dict[str, str], repeat: int, *, warm_up: bool = True
) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds: user + system) of each of `repeat` runs, after one warm-up
    run. CPU time is what a command costs itself, so it varies less on a busy machine."""
    full_env = {**os.environ, **env}
    if warm_up:
        subprocess.run(argv, env=full_env, check=True, capture_output=True)
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        begin = time.perf_counter()
        subprocess.run(argv, env=full_env, check=True, capture_output=True)
        wall = time.perf_counter() - begin
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        times.append((wall, cpu))
    return times


def gerdy_argv(*args: str) -> list[str]:
    """The installed `gerdy` console script of this environment, as a user runs it."""
    return [str(Path(sys.executable).parent / "gerdy"), *args]


def summary(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(
        f"{name:<44} median {median * 1000:7.1f} ms  (min {min(times) * 1000:.1f}, n={len(times)})"
    )
    return median


def sqlite_url(folder: Path, name: str) -> str:
    return f"sqlite:///{folder / name}"
