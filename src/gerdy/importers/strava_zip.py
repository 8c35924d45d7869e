"""Strava (or any) bulk-export zips, streamed: the central directory is read, each member is
read on its own when its turn comes (never the whole zip, never extracted to disk), and
`activities.csv` gives the sport (and moving time) of each file that lacks one (GPX).

Members are refused by name when unsafe (absolute, `..`, drive letters: the path traversal
trick) and by size when they would decompress to more than `MAX_FILE_BYTES` (a zip bomb).
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from gerdy.importers.base import MAX_FILE_BYTES, UNKNOWN, ImportFailure
from gerdy.importers.gpx import sport_from_words


@dataclass(frozen=True)
class CsvHint:
    """What activities.csv says about one file."""

    sport: str = UNKNOWN
    moving_s: float | None = None


def unsafe_name(name: str) -> bool:
    """True for a member name that would escape a folder if extracted."""
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or (len(normalised) > 1 and normalised[1] == ":"):
        return True
    return ".." in normalised.split("/")


def _seconds(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value > 0 else None


def read_activities_csv(archive: zipfile.ZipFile) -> dict[str, CsvHint]:
    """activities.csv as {member name: hint}; empty when the zip has none."""
    names = [n for n in archive.namelist() if posixpath.basename(n) == "activities.csv"]
    if not names:
        return {}
    info = archive.getinfo(names[0])
    if info.file_size > MAX_FILE_BYTES:
        return {}
    with archive.open(info) as raw:
        rows = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
        header = next(rows, [])
        try:
            file_col, type_col = header.index("Filename"), header.index("Activity Type")
        except ValueError:
            return {}
        moving_col = header.index("Moving Time") if "Moving Time" in header else None
        hints: dict[str, CsvHint] = {}
        for row in rows:
            if len(row) <= max(file_col, type_col) or not row[file_col]:
                continue
            moving = row[moving_col] if moving_col is not None and moving_col < len(row) else ""
            hints[row[file_col]] = CsvHint(sport_from_words(row[type_col]), _seconds(moving))
    return hints


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member's bytes (still gzipped if it is a .gz), at most MAX_FILE_BYTES."""
    if unsafe_name(name):
        raise ImportFailure("unsafe_name", "unsafe name in the zip (path traversal) refused")
    info = archive.getinfo(name)
    if info.file_size > MAX_FILE_BYTES:
        raise ImportFailure("too_large", f"larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        with archive.open(info) as member:
            data = member.read(MAX_FILE_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ImportFailure(
            "corrupt", "this file in the zip is damaged: it does not unpack"
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailure("too_large", f"larger than {MAX_FILE_BYTES // 2**20} MB")
    return data


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFailure(
            "corrupt", "not a readable zip file: it is damaged or cut short"
        ) from exc
