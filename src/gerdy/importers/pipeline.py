"""The import use case: files, folders and export zips in; `run` and `cross` events out.

`import_paths(target, profile, paths)` lists the work (a folder is walked for .fit/.gpx/.tcx,
optionally .gz; a zip is streamed member by member with its activities.csv), decodes it
(in parallel worker processes when there are many files, in-process for a few), and records
each file's events through the record's use case (`target.log`: one transaction per file,
checked by the record's rules), so an interrupted import leaves only whole activities and can
simply be run again. The summary is the `gerdy import --json` contract:
{"imported": [...], "duplicates": N, "skipped": {sport: N}, "failed": [...]}.

Decisions (documented here, tested in tests/importers):
- Runs become `run` events (minutes = timer time, distance in km, cadence in steps/min of both
  feet, pain left empty); walks, rides and swims become `cross` events with activity
  walk/ride/swim; every other sport (transition, hiking, generic, "other", unknown...) is
  skipped and counted under its name. A multi-sport file gives one event per session.
- The sport comes from the file; where the file names none (GPX without `<type>`, TCX
  Sport="Other", FIT generic), a Strava activities.csv entry names it, else it is skipped as
  "unknown"/"other": we never guess a run.
- A run or cross activity without a usable duration (a GPX whose points lack times and no
  Moving Time in activities.csv) fails: "no times in the track, so the duration is unknown".
- Activities dated before the programme's start date are not recorded (the record refuses
  them, `BeforeStart`): they are counted under `skipped["before_start"]`, not failed — a
  years-long export is mostly history, and listing each such file as a failure would hide the
  real ones.
- `since`: activities dated before it are left out silently (the user asked for that).
- Duplicates: a file whose content SHA-256 is already a source in the record, or was already
  seen in this import (the same file loose and inside a zip), adds nothing and counts once
  in `duplicates` (files, not sessions).
- A FIT file the reference decoder rejects part-way fails as a whole (see `fit_library`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from gerdy.domain.errors import BeforeStart, InvalidInput
from gerdy.importers.base import (
    CROSS_SPORTS,
    MAX_FILE_BYTES,
    RUN,
    UNKNOWN,
    Activity,
    ImportFailure,
)
from gerdy.importers.registry import decode_activity_file, is_activity_name, unwrap
from gerdy.importers.strava_zip import (
    CsvHint,
    open_zip,
    read_activities_csv,
    read_member,
    unsafe_name,
)

if TYPE_CHECKING:
    import zipfile

    from gerdy.domain.events import Event
    from gerdy.domain.profile import Profile

FileProgress = Callable[[int, int, str], None]  # (files done, of how many, the file just read)
OVERRIDABLE_SPORTS = frozenset({UNKNOWN, "other"})


class ImportTarget(Protocol):
    """The record being imported into (`gerdy.services.imports.RecordImport`): the importers
    produce events; the record checks and logs them."""

    def has_source(self, sha256: str) -> bool: ...

    def check(self, event: Event) -> None: ...

    def log(self, events: Sequence[Event]) -> list[Event]: ...


# Below this many files, decoding in-process beats starting worker processes.
PARALLEL_FROM = 24


@dataclass(frozen=True)
class FileToDecode:
    """One file to import: a loose file (`member` None) or a member of the zip at `path`."""

    label: str
    path: str
    member: str | None = None
    hint: CsvHint | None = None


@dataclass
class FileResult:
    label: str
    sha256: str | None = None
    activities: list[Activity] = field(default_factory=list)
    failure: str | None = None
    hint: CsvHint | None = None
    size: int = 0  # bytes once unpacked (gunzipped)


@dataclass
class ImportSummary:
    imported: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "skipped": dict(sorted(self.skipped.items())),
            "failed": self.failed,
        }


# --- listing the work ---------------------------------------------------------------------
def collect_tasks(
    paths: Iterable[Path], display_names: Mapping[Path, str] | None = None
) -> list[FileToDecode]:
    """The files to import, in a stable order. Missing paths are the caller's to check.
    `display_names` names given files as the runner knows them (the label and the stored
    `source.file`), e.g. an upload saved under a temporary path."""
    names = display_names or {}
    tasks: list[FileToDecode] = []
    for path in paths:
        if path in names and path.suffix.lower() == ".zip":
            tasks.extend(_zip_tasks(path, names[path]))
        elif path in names:
            tasks.append(FileToDecode(names[path], str(path)))
        elif path.is_dir():
            for found in sorted(path.rglob("*")):
                if (
                    found.is_file()
                    and not found.name.startswith(".")
                    and (is_activity_name(found.name))
                ):
                    tasks.append(FileToDecode(str(found), str(found)))
        elif path.suffix.lower() == ".zip":
            tasks.extend(_zip_tasks(path))
        else:
            tasks.append(FileToDecode(str(path), str(path)))
    return tasks


def _zip_tasks(path: Path, label: str | None = None) -> list[FileToDecode]:
    try:
        archive = open_zip(path)
    except ImportFailure:
        # decoded as a plain file: fails by name
        return [FileToDecode(label or str(path), str(path))]
    with archive:
        hints = read_activities_csv(archive)
        return [
            FileToDecode(
                name, str(path), name, hints.get(name) or hints.get(name.removesuffix(".gz"))
            )
            for name in archive.namelist()
            if not name.endswith("/") and is_activity_name(name)
        ]


# --- decoding (runs in worker processes) --------------------------------------------------
_OPEN_ZIPS: dict[str, zipfile.ZipFile] = {}


def _read(task: FileToDecode) -> bytes:
    if task.member is None:
        size = os.path.getsize(task.path)
        if size > MAX_FILE_BYTES:
            raise ImportFailure("too_large", f"larger than {MAX_FILE_BYTES // 2**20} MB")
        with open(task.path, "rb") as handle:
            return handle.read()
    archive = _OPEN_ZIPS.get(task.path)
    if archive is None:
        archive = _OPEN_ZIPS[task.path] = open_zip(Path(task.path))
    return read_member(archive, task.member)


def decode_task(task: FileToDecode) -> FileResult:
    """Read, unwrap, hash and decode one file; every failure is reported, never raised."""
    result = FileResult(task.label, hint=task.hint)
    try:
        data = unwrap(_read(task))
        result.size = len(data)
        result.sha256 = hashlib.sha256(data).hexdigest()
        result.activities = decode_activity_file(data, task.label)
    except ImportFailure as exc:
        result.failure = exc.reason
    except OSError:
        result.failure = "the file could not be read from the disk"
    except Exception:  # a decoder bug must not stop the other files (nor show its internals)
        result.failure = "the file could not be read: it may be damaged or not an activity file"
    return result


def new_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of decoding processes (spawned: safe from threaded servers)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


def unpacked_size(tasks: Sequence[FileToDecode], limit: int) -> tuple[int, bool]:
    """What the tasks' files unpack to, and whether that is over `limit`; counted before any
    is decoded, and no further than `limit`. A zip member or a loose file counts its size (a
    zip's own directory says it: a zip bomb shows at no cost); a gzipped one (`.fit.gz`: the
    gzip bomb, kilobytes that inflate to gigabytes) counts what it inflates to, streamed a
    chunk at a time, each file at most what its decoder would inflate (`MAX_FILE_BYTES` and
    one byte), and the count stops as soon as the total passes `limit`."""
    total = 0
    archives: dict[str, zipfile.ZipFile] = {}
    try:
        for task in tasks:
            budget = min(limit - total, MAX_FILE_BYTES) + 1
            if task.member is None:
                with open(task.path, "rb") as handle:
                    total += _size_of(handle, os.path.getsize(task.path), budget)
            else:
                archive = archives.get(task.path)
                if archive is None:
                    archive = archives[task.path] = open_zip(Path(task.path))
                info = archive.getinfo(task.member)
                if info.file_size > MAX_FILE_BYTES or unsafe_name(task.member):
                    total += min(info.file_size, budget)  # refused unread by `read_member`
                else:
                    with archive.open(info) as member:
                        total += _size_of(member, info.file_size, budget)
            if total > limit:
                return total, True
    finally:
        for archive in archives.values():
            archive.close()
    return total, False


INFLATE_CHUNK_BYTES = 1024 * 1024


def _size_of(stream: IO[bytes], stored: int, budget: int) -> int:
    """The stream's unpacked size, at most `budget`: `stored` unless it is gzip, else what it
    inflates to (a gzip the decoder will call damaged counts what inflated before the damage)."""
    if stream.read(2) != b"\x1f\x8b":
        return min(stored, budget)
    stream.seek(0)
    total = 0
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as inflated:
            while total < budget and (chunk := inflated.read(INFLATE_CHUNK_BYTES)):
                total += len(chunk)
    except (OSError, EOFError, zlib.error):
        pass
    return min(total, budget)


def decode_chunk(tasks: Sequence[FileToDecode]) -> list[FileResult]:
    """Decode a few tasks in one trip to a worker process."""
    return [decode_task(task) for task in tasks]


# In a shared pool, one import has at most this many files queued or decoding at once (in
# chunks of CHUNK_FILES): the pool's queue is first come, first served, so an import that
# queued all of its files would keep another runner's upload waiting for every one of them.
CHUNK_FILES = 4
QUEUED_PER_IMPORT = 4 * CHUNK_FILES


def decode_shared(tasks: Sequence[FileToDecode], executor: Executor) -> Iterator[FileResult]:
    """Decode the tasks in order in a pool other imports share, a few chunks at a time (the
    next one queued once the oldest is recorded); leaving early cancels what is queued."""
    chunks = iter([tasks[i : i + CHUNK_FILES] for i in range(0, len(tasks), CHUNK_FILES)])
    pending: deque[Future[list[FileResult]]] = deque(
        executor.submit(decode_chunk, chunk)
        for chunk in islice(chunks, QUEUED_PER_IMPORT // CHUNK_FILES)
    )
    try:
        while pending:
            yield from pending.popleft().result()  # the rest keep the workers busy meanwhile
            following = next(chunks, None)
            if following is not None:
                pending.append(executor.submit(decode_chunk, following))
    finally:
        for future in pending:
            future.cancel()


def decode_all(
    tasks: Sequence[FileToDecode], workers: int | None = None, executor: Executor | None = None
) -> Iterator[FileResult]:
    """Decode the tasks in order: in worker processes when there are many (in `executor`
    when given, a long-lived pool shared with other imports: see `decode_shared`; else in a
    pool made for this call)."""
    workers = workers or os.cpu_count() or 1
    if len(tasks) < PARALLEL_FROM or (executor is None and workers < 2):
        yield from map(decode_task, tasks)
        return
    if executor is not None:
        yield from decode_shared(tasks, executor)
        return
    executor = new_pool(workers)
    try:
        yield from executor.map(decode_task, tasks, chunksize=8)
    except BaseException:  # Ctrl-C or a store error: stop now, the files done are whole
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


# --- recording ----------------------------------------------------------------------------
def local_date(activity: Activity, timezone: str | None) -> dt.date | None:
    if activity.start is not None:
        if timezone:
            return activity.start.astimezone(ZoneInfo(timezone)).date()
        return activity.start.astimezone().date()
    return activity.local_start.date() if activity.local_start is not None else None


def ended_at(activity: Activity, timezone: str | None, seconds: float) -> dt.datetime | None:
    """When the activity ended, UTC: its start plus its length (the elapsed time when the file
    has it, else `seconds`). A run's 2-hour question (v1.2) comes 2 h after this, not after
    the import. None when the file's times are not anchored to a day."""
    start = activity.start
    if start is None and activity.local_start is not None:
        local = activity.local_start
        if local.tzinfo is None:
            local = local.replace(tzinfo=ZoneInfo(timezone)) if timezone else local.astimezone()
        start = local
    if start is None:
        return None
    length = activity.elapsed_s if activity.elapsed_s and activity.elapsed_s > 0 else seconds
    return (start + dt.timedelta(seconds=length)).astimezone(dt.UTC).replace(microsecond=0)


def _events(
    target: ImportTarget, result: FileResult, profile: Profile, since: dt.date | None
) -> tuple[list[Event], list[dict[str, Any]], Counter[str]]:
    """The events of one file, the summary rows and what was skipped (raises ImportFailure)."""
    # Here, not at the top: each decoding process (spawned) imports this module and never
    # records, and the event models would add about 490 M instructions (~100 ms) to its start.
    from pydantic import ValidationError

    from gerdy.domain.events import RUNNING_CADENCE_SPM, Cross, Run, Source
    from gerdy.domain.refusals import refusal

    assert result.sha256 is not None
    source = Source(file=result.label[-500:], sha256=result.sha256)
    hint = result.hint or CsvHint()
    events: list[Event] = []
    rows: list[dict[str, Any]] = []
    skipped: Counter[str] = Counter()
    for activity in result.activities:
        sport = activity.sport
        if sport in OVERRIDABLE_SPORTS and hint.sport != UNKNOWN:
            sport = hint.sport
        if sport != RUN and sport not in CROSS_SPORTS:
            skipped[sport] += 1
            continue
        date = local_date(activity, profile.timezone)
        if date is None:
            raise ImportFailure("no_date", "no usable start time: the date is unknown")
        if since is not None and date < since:
            continue
        seconds = activity.timer_s or (hint.moving_s if len(result.activities) == 1 else None)
        if not seconds or seconds <= 0:
            raise ImportFailure("no_duration", "no times in the track, so the duration is unknown")
        minutes = round(seconds / 60, 3)
        km = round(activity.distance_m / 1000, 3) if activity.distance_m is not None else None
        cadence = None
        low, high = RUNNING_CADENCE_SPM  # RF-1: an implausible watch value is left out
        if sport == RUN and activity.cadence_spm and low <= activity.cadence_spm <= high:
            cadence = round(activity.cadence_spm, 1)
        try:
            event: Event = (
                Run(
                    date=date,
                    minutes=minutes,
                    distance_km=km,
                    cadence_spm=cadence,
                    source=source,
                    recorded_at=ended_at(activity, profile.timezone, seconds),
                )
                if sport == RUN
                else Cross(
                    date=date, activity=sport, minutes=minutes, distance_km=km, source=source
                )
            )
        except ValidationError as exc:
            raise ImportFailure("invalid", refusal(exc)) from exc
        try:
            target.check(event)
        except BeforeStart:
            skipped["before_start"] += 1
            continue
        except InvalidInput as exc:
            raise ImportFailure("refused", str(exc)) from exc
        events.append(event)
        rows.append(
            {
                "file": result.label,
                "type": event.type,
                "date": date.isoformat(),
                "minutes": minutes,
                "distance_km": km,
                "cadence_spm": cadence,
            }
        )
    return events, rows, skipped


@dataclass(frozen=True)
class ImportOptions:
    """How an import runs. `since`: only activities from that day on; `progress(done, total,
    label)` after each file; `workers` or an `executor` to decode in; `display_names` for files
    shown under another name (uploads); files past `max_unpacked_bytes` unpacked bytes in all
    are not imported (each is listed as failed, saying why)."""

    since: dt.date | None = None
    progress: FileProgress | None = None
    workers: int | None = None
    display_names: Mapping[Path, str] | None = None
    executor: Executor | None = None
    max_unpacked_bytes: int | None = None


def import_paths(
    target: ImportTarget,
    profile: Profile,
    paths: Sequence[Path],
    options: ImportOptions | None = None,
) -> ImportSummary:
    """Import every activity found in `paths` into the target record; see the module
    docstring and `ImportOptions`."""
    chosen = options or ImportOptions()
    since, progress, max_unpacked_bytes = chosen.since, chosen.progress, chosen.max_unpacked_bytes
    tasks = collect_tasks(paths, chosen.display_names)
    summary = ImportSummary()
    seen: set[str] = set()
    unpacked = 0
    for done, result in enumerate(decode_all(tasks, chosen.workers, chosen.executor), start=1):
        unpacked += result.size
        if max_unpacked_bytes is not None and unpacked > max_unpacked_bytes:
            reason = f"not imported: the files unpack to more than {max_unpacked_bytes // 2**20} MB"
            summary.failed.extend(
                {"file": task.label, "reason": reason} for task in tasks[done - 1 :]
            )
            break
        _record(target, profile, since, result, summary, seen)
        if progress is not None:
            progress(done, len(tasks), result.label)
    return summary


def _record(
    target: ImportTarget,
    profile: Profile,
    since: dt.date | None,
    result: FileResult,
    summary: ImportSummary,
    seen: set[str],
) -> None:
    if result.failure is not None or result.sha256 is None:
        summary.failed.append({"file": result.label, "reason": result.failure or "unreadable"})
        return
    if result.sha256 in seen or target.has_source(result.sha256):
        summary.duplicates += 1
        return
    seen.add(result.sha256)
    try:
        events, rows, skipped = _events(target, result, profile, since)
    except ImportFailure as exc:
        summary.failed.append({"file": result.label, "reason": exc.reason})
        return
    if events:
        try:
            target.log(events)  # one transaction per file: all of its sessions or none
        except InvalidInput as exc:
            summary.failed.append({"file": result.label, "reason": str(exc)})
            return
    summary.imported.extend(rows)
    summary.skipped.update(skipped)
