"""What every importer produces and how it fails: the `Activity` read from a file (one per
session of a multi-sport file) and the `ImportFailure` that reports a file by name.

Importers decode; they never touch the store, the profile or the clock (see `pipeline`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# What gerdy does with a sport, once each importer has named it in its own words.
RUN, WALK, RIDE, SWIM = "run", "walk", "ride", "swim"
CROSS_SPORTS = frozenset({WALK, RIDE, SWIM})
UNKNOWN = "unknown"

# The most a single activity file may hold once decompressed (a 24-hour FIT file is ~10 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024


class ImportFailure(Exception):
    """A file that cannot be imported: a clean, reported failure (never a crash).

    `kind` names the type of failure for programs and tests (`crc`, `truncated`,
    `undefined_message`, `not_activity`, `unknown_format`, `hostile`, `too_large`, `empty`,
    `no_duration`, `no_session`, `unsafe_name`); the message is for people.
    """

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class Activity:
    """One activity (or one session of a multi-sport file) as the file records it.

    `start` is an aware UTC datetime; a FIT file that stores only device-relative times gives
    `local_start` (the wall-clock time the device showed) instead. `sport` is "run", "walk",
    "ride", "swim", or the file's own name for another sport ("transition", "hiking", ...).
    """

    sport: str
    start: dt.datetime | None
    timer_s: float | None
    elapsed_s: float | None
    distance_m: float | None
    cadence_spm: float | None
    file: str
    session: int = 0
    local_start: dt.datetime | None = None
