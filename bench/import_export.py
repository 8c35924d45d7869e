"""Benchmark: `gerdy import` of a Strava-like bulk export vs a plain full decode by the FIT
libraries, measured in the same run.

The input is built from the corpus's valid FIT files, replicated (weighted toward the long
recordings so the average is ~240 KB, as in real exports) into a temporary zip of
`--activities` `.fit.gz` members with an activities.csv. Each copy gets a unique tail (a
chained mini FIT file with its own CRC) so that none is a duplicate of another.

Targets (issue 4): the whole import (decode + store into SQLite) of 2,000 activities in under
60 s on a 2-core machine, at least 10x fitdecode's files/s, peak memory under 500 MB.
fitdecode and garmin-fit-sdk decode a sample (one cycle of the corpus files) and are
extrapolated to the whole set; the script says so.
usage: uv run python bench/import_export.py [--activities N] [--workers N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import resource
import struct
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

from gerdy.domain.profile import Profile
from gerdy.importers.fit_scanner import fit_crc
from gerdy.importers.pipeline import ImportOptions
from gerdy.services import Coach
from gerdy.storage.store import open_store

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
WEIGHTS = {"fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit": 3, "fitparse__coros-pace-2": 2}
TARGET_SECONDS, TARGET_RATIO, TARGET_MB = 60.0, 10.0, 500.0


def corpus_cycle() -> list[tuple[str, bytes]]:
    """The valid FIT files of the corpus, the long ones repeated (see WEIGHTS)."""
    reference = json.loads((CORPUS / "reference.json").read_text())
    cycle: list[tuple[str, bytes]] = []
    for entry in reference:
        if entry["format"] != "fit" or not entry["valid"]:
            continue
        weight = next((w for k, w in WEIGHTS.items() if entry["file"].startswith(k)), 1)
        cycle += [(entry["file"], (CORPUS / entry["file"]).read_bytes())] * weight
    return cycle


def unique_tail(index: int) -> bytes:
    """A chained mini FIT file: one manufacturer-specific message holding `index`."""
    body = bytes([0x40, 0, 0]) + struct.pack("<HB", 0xFF00, 1) + bytes([0, 4, 0x86])
    body += bytes([0x00]) + struct.pack("<I", index)
    header = struct.pack("<BBHI4s", 12, 0x10, 2100, len(body), b".FIT")
    data = header + body
    return data + struct.pack("<H", fit_crc(data))


def build_export(path: Path, activities: int) -> tuple[int, list[bytes]]:
    """Write the zip; return the uncompressed size of its activity files and one cycle."""
    cycle = corpus_cycle()
    packed = {name: gzip.compress(data, compresslevel=6) for name, data in cycle}
    total = 0
    rows = io.StringIO()
    table = csv.writer(rows)
    table.writerow(["Activity ID", "Activity Date", "Activity Type", "Filename", "Moving Time"])
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for index in range(activities):
            name, data = cycle[index % len(cycle)]
            tail = unique_tail(index)
            member = f"activities/{index + 1000}.fit.gz"
            # gzip members may follow one another: the base file once compressed, plus the tail
            archive.writestr(member, packed[name] + gzip.compress(tail))
            table.writerow([index + 1000, "Jan 1, 2024, 7:00:00 AM", "Run", member, ""])
            total += len(data) + len(tail)
        archive.writestr("activities.csv", rows.getvalue())
    return total, [data for _, data in cycle]


def time_fitdecode(sample: list[bytes]) -> float:
    import fitdecode  # type: ignore[import-untyped]

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for data in sample:
            with fitdecode.FitReader(io.BytesIO(data)) as reader:
                for _ in reader:
                    pass
    return time.perf_counter() - start


def time_garmin_sdk(sample: list[bytes]) -> float | None:
    try:
        from garmin_fit_sdk import Decoder, Stream
    except ImportError:
        return None
    start = time.perf_counter()
    for data in sample:
        Decoder(Stream.from_byte_array(bytearray(data))).read()
    return time.perf_counter() - start


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.zip"
        started = time.perf_counter()
        total_bytes, sample = build_export(export, args.activities)
        mb = total_bytes / 2**20
        print(
            f"input: {args.activities} activities, {mb:.0f} MB of FIT uncompressed, "
            f"zip {export.stat().st_size / 2**20:.0f} MB (built in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        profile = Profile(
            start_date=dt.date(2000, 1, 1), side="right", baseline_weekly_run_minutes=120
        )
        store.save_profile(profile)
        started = time.perf_counter()
        summary = Coach.open(store).import_files([export], ImportOptions(workers=args.workers))
        seconds = time.perf_counter() - started
        store.close()
    imported = len(summary.imported)
    files_per_s = args.activities / seconds
    print(
        f"gerdy import: {seconds:.1f} s, {files_per_s:.0f} files/s, {mb / seconds:.1f} MB/s "
        f"({imported} events, {summary.duplicates} duplicates, {len(summary.failed)} failed, "
        f"skipped {dict(summary.skipped)})"
    )
    sample_mb = sum(map(len, sample)) / 2**20
    baselines = {"fitdecode": time_fitdecode(sample), "garmin-fit-sdk": time_garmin_sdk(sample)}
    ratio_fitdecode = 0.0
    for library, sample_s in baselines.items():
        if sample_s is None:
            print(f"{library}: not installed")
            continue
        lib_files_per_s = len(sample) / sample_s
        ratio = files_per_s / lib_files_per_s
        if library == "fitdecode":
            ratio_fitdecode = ratio
        print(
            f"{library} full decode (a sample of {len(sample)} files, {sample_mb:.1f} MB, "
            f"extrapolated): {lib_files_per_s:.2f} files/s, {sample_mb / sample_s:.2f} MB/s, "
            f"~{args.activities / lib_files_per_s / 60:.0f} min for all; gerdy is "
            f"{ratio:.0f}x faster"
        )
    main_mb, worker_mb = peak_mb(resource.RUSAGE_SELF), peak_mb(resource.RUSAGE_CHILDREN)
    print(f"peak memory: main process {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB")
    checks = {
        f"whole import < {TARGET_SECONDS:.0f} s": seconds < TARGET_SECONDS,
        f">= {TARGET_RATIO:.0f}x fitdecode files/s": ratio_fitdecode >= TARGET_RATIO,
        f"peak memory < {TARGET_MB:.0f} MB": max(main_mb, worker_mb) < TARGET_MB,
    }
    for label, met in checks.items():
        print(f"target {label}: {'met' if met else 'MISSED'}")
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
