"""The fast FIT scanner: reads only the messages gerdy needs and skips the rest by size.

A FIT file is a header, a stream of definition and data messages, and a CRC; several such
files may be chained. Definitions give each local message type's global number and field
sizes (developer fields included), so every data message we do not need (records above all)
is skipped with one addition. We decode file_id, sport, session, lap and activity, and the
record cadence only when a run's session stores none (a second pass).

The scanner handles the common case and refuses the rest by raising `FitFallback`: a CRC or
header mismatch, a truncated file, a compressed-timestamp header on a message we read, a field
we read with an unexpected base type or size, a message overrunning the data. The caller then
asks the reference decoder (`fit_library`), which either decodes the file or says precisely
what is wrong with it. Values equal fitdecode's field for field (tested on the whole corpus).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from crcmod.predefined import mkCrcFun
from fitdecode import profile  # type: ignore[import-untyped]

from gerdy.importers.fit_summary import (
    ACTIVITY,
    FILE_ID,
    LAP,
    RECORD,
    SESSION,
    SPORT,
    FitSummary,
    fit_datetime,
)

# FIT's CRC is CRC-16/ARC; over a whole FIT file including its CRC it gives 0.
fit_crc: Callable[[bytes | memoryview], int] = mkCrcFun("crc-16")


class FitFallback(Exception):
    """The scanner cannot read this file; decode it with the reference library instead."""


# base type id -> (struct code, size, invalid raw value)
BASE_TYPES: dict[int, tuple[str, int, int]] = {
    0x00: ("B", 1, 0xFF),  # enum
    0x01: ("b", 1, 0x7F),
    0x02: ("B", 1, 0xFF),
    0x83: ("h", 2, 0x7FFF),
    0x84: ("H", 2, 0xFFFF),
    0x85: ("i", 4, 0x7FFFFFFF),
    0x86: ("I", 4, 0xFFFFFFFF),
    0x0A: ("B", 1, 0x00),  # uint8z
    0x8B: ("H", 2, 0x0000),
    0x8C: ("I", 4, 0x00000000),
    0x8E: ("q", 8, 0x7FFFFFFFFFFFFFFF),
    0x8F: ("Q", 8, 0xFFFFFFFFFFFFFFFF),
    0x90: ("Q", 8, 0),
}

# How a field is rendered: "int", "time" (date_time), "sport"/"sub_sport"/"file" (enums),
# or a scale to divide by.
Render = str | int
WANTED: dict[int, dict[int, tuple[str, Render]]] = {
    FILE_ID: {0: ("type", "file")},
    SPORT: {0: ("sport", "sport"), 1: ("sub_sport", "sub_sport")},
    SESSION: {
        2: ("start_time", "time"),
        5: ("sport", "sport"),
        6: ("sub_sport", "sub_sport"),
        7: ("total_elapsed_time", 1000),
        8: ("total_timer_time", 1000),
        9: ("total_distance", 100),
        18: ("avg_cadence", "int"),
        92: ("avg_fractional_cadence", 128),
    },
    LAP: {
        2: ("start_time", "time"),
        25: ("sport", "sport"),
        39: ("sub_sport", "sub_sport"),
        7: ("total_elapsed_time", 1000),
        8: ("total_timer_time", 1000),
        9: ("total_distance", 100),
        17: ("avg_cadence", "int"),
        80: ("avg_fractional_cadence", 128),
    },
    ACTIVITY: {253: ("timestamp", "time"), 5: ("local_timestamp", "int")},
    RECORD: {4: ("cadence", "int"), 53: ("fractional_cadence", 128)},
}


def _enums() -> dict[str, dict[int, str]]:
    return {name: dict(profile.FIELD_TYPES[name].enum) for name in ("sport", "sub_sport", "file")}


ENUMS = _enums()

# (name, offset in the message, struct code, invalid raw, render)
FieldReader = tuple[str, int, str, int, Render]


def scan_fit(data: bytes) -> FitSummary:
    """Summarise a FIT file (chained files included), or raise FitFallback."""
    summary = _scan(data, with_records=False)
    if summary.needs_record_cadence():
        summary = _scan(data, with_records=True)
    return summary


def _scan(data: bytes, *, with_records: bool) -> FitSummary:
    view = memoryview(data)
    size = len(data)
    summary = FitSummary()
    pos = 0
    while pos < size:
        if size - pos < 12:
            raise FitFallback("trailing bytes after the FIT data")
        header_size = data[pos]
        if header_size not in (12, 14) or data[pos + 8 : pos + 12] != b".FIT":
            raise FitFallback("not a FIT header")
        (body_size,) = struct.unpack_from("<I", data, pos + 4)
        end = pos + header_size + body_size
        if end + 2 > size:
            raise FitFallback("truncated")
        if header_size == 14:
            (header_crc,) = struct.unpack_from("<H", data, pos + 12)
            if header_crc and fit_crc(view[pos : pos + 12]) != header_crc:
                raise FitFallback("header CRC mismatch")
        if fit_crc(view[pos : end + 2]) != 0:
            raise FitFallback("file CRC mismatch")
        try:
            _scan_body(data, pos + header_size, end, summary, with_records)
        except (IndexError, struct.error, TypeError) as exc:  # malformed beyond our checks
            raise FitFallback(f"malformed data ({exc})") from exc
        summary.fit_files += 1
        pos = end + 2
    if not summary.fit_files:
        raise FitFallback("empty")
    return summary


def _scan_body(data: bytes, pos: int, end: int, summary: FitSummary, with_records: bool) -> None:
    sizes: dict[int, int] = {}
    readers: dict[int, tuple[int, list[FieldReader]] | None] = {}
    wanted = WANTED if with_records else {k: v for k, v in WANTED.items() if k != RECORD}
    while pos < end:
        header = data[pos]
        if header < 0x40:  # a normal data message: the common case, kept tight
            local = header & 0x0F
            try:
                length = sizes[local]
            except KeyError:
                raise FitFallback(f"local message {local} not defined") from None
            reader = readers[local]
            if reader is not None:
                _read_message(data, pos + 1, reader, summary)
            pos += 1 + length
        elif header & 0x80:  # compressed timestamp header
            local = (header >> 5) & 0x03
            if local not in sizes:
                raise FitFallback(f"local message {local} not defined")
            if readers[local] is not None:
                raise FitFallback("compressed timestamp on a message gerdy reads")
            pos += 1 + sizes[local]
        else:  # a definition message
            local = header & 0x0F
            pos, sizes[local], readers[local] = _read_definition(data, pos, header, wanted)
    if pos != end:
        raise FitFallback("a message runs past the end of the data")


def _read_definition(
    data: bytes, pos: int, header: int, wanted: dict[int, dict[int, tuple[str, Render]]]
) -> tuple[int, int, tuple[int, list[FieldReader]] | None]:
    endian = ">" if data[pos + 2] else "<"
    (global_number,) = struct.unpack_from(endian + "H", data, pos + 3)
    count = data[pos + 5]
    fields_at = pos + 6
    after = fields_at + 3 * count
    wanted_fields = wanted.get(global_number)
    readers: list[FieldReader] = []
    offset = 0
    for i in range(fields_at, after, 3):
        number, field_size, base_type = data[i], data[i + 1], data[i + 2]
        if wanted_fields is not None and number in wanted_fields:
            known = BASE_TYPES.get(base_type)
            if known is None or known[1] != field_size:
                raise FitFallback(f"field {number} of message {global_number} is unusual")
            name, render = wanted_fields[number]
            readers.append((name, offset, endian + known[0], known[2], render))
        offset += field_size
    if header & 0x20:  # developer fields
        dev_count = data[after]
        dev_at = after + 1
        after = dev_at + 3 * dev_count
        offset += sum(data[i + 1] for i in range(dev_at, after, 3))
    if after > len(data):
        raise FitFallback("truncated definition")
    reader = (global_number, readers) if wanted_fields is not None else None
    return after, offset, reader


def _read_message(
    data: bytes, at: int, reader: tuple[int, list[FieldReader]], summary: FitSummary
) -> None:
    global_number, fields = reader
    values: dict[str, Any] = {}
    for name, offset, code, invalid, render in fields:
        (raw,) = struct.unpack_from(code, data, at + offset)
        if raw == invalid:
            continue
        if render == "int":
            values[name] = raw
        elif render == "time":
            values[name] = fit_datetime(raw)
        elif isinstance(render, str):
            values[name] = ENUMS[render].get(raw, raw)
        else:
            values[name] = float(raw) / render
    summary.add_message(global_number, values)
