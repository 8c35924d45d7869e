"""The reference FIT decoder, fitdecode, used as the scanner's fallback and as its yardstick.

It decodes every message with strict CRC checking, so it is slow (about 0.8 MB/s) but says
exactly what is wrong with a bad file. Its errors become `ImportFailure`s by type: `crc`,
`truncated`, `undefined_message` (corrupt data), `not_fit`.

A file that fitdecode rejects part-way is not imported, even when a session message was read
before the error (the Strava Android file of the corpus): what follows the error is unreadable
and the file cannot be checked, so its summary cannot be trusted; the failure reason quotes
that summary so the runner can log the run by hand (`gerdy log run`) if it is right.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

import fitdecode  # type: ignore[import-untyped]

from gerdy.importers.base import ImportFailure
from gerdy.importers.fit_scanner import WANTED
from gerdy.importers.fit_summary import ACTIVITY, RECORD, FitSummary

CORRUPT = "corrupt FIT file: its data does not decode"


def decode_fit(data: bytes) -> FitSummary:
    """Summarise a FIT file with fitdecode (strict CRC), or raise ImportFailure."""
    summary = _decode(data, with_records=False)
    if summary.needs_record_cadence():
        summary = _decode(data, with_records=True)
    return summary


def _decode(data: bytes, *, with_records: bool) -> FitSummary:
    summary = FitSummary()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # malformed field sizes: fitdecode copes
            reader = fitdecode.FitReader(
                io.BytesIO(data),
                check_crc=fitdecode.CrcCheck.RAISE,
                error_handling=fitdecode.ErrorHandling.WARN,
            )
            with reader:
                for frame in reader:
                    if isinstance(frame, fitdecode.FitHeader):
                        summary.fit_files += 1
                    elif isinstance(frame, fitdecode.FitDataMessage):
                        _keep(frame, summary, with_records)
    except fitdecode.FitCRCError as exc:
        raise ImportFailure(
            "crc", "corrupt FIT file: its checksum does not match what it holds"
        ) from exc
    except fitdecode.FitEOFError as exc:
        raise ImportFailure(
            "truncated", "truncated FIT file: it is cut short (an unfinished copy or download?)"
        ) from exc
    except fitdecode.FitHeaderError as exc:
        raise ImportFailure("not_fit", "not a valid FIT file: its header is wrong") from exc
    except fitdecode.FitParseError as exc:
        raise ImportFailure(
            "undefined_message",
            f"corrupt FIT data: it uses a kind of message it never defined{_salvage(summary)}",
        ) from exc
    except ImportFailure:
        raise
    except fitdecode.FitError as exc:
        raise ImportFailure("corrupt", CORRUPT) from exc
    except Exception as exc:  # fitdecode trips on some garbage (struct, index, key errors)
        raise ImportFailure("corrupt", CORRUPT) from exc
    if not summary.fit_files:
        raise ImportFailure("empty", "the file is empty")
    return summary


def _values(frame: fitdecode.FitDataMessage, wanted: dict[int, Any]) -> dict[str, Any]:
    """The wanted fields' values. Each is one value in a valid file; a corrupt definition can
    make fitdecode read an array (a tuple) instead, and then the file is corrupt."""
    values: dict[str, Any] = {}
    for field in frame.fields:
        if field.field_def is None or field.def_num not in wanted:
            continue
        if isinstance(field.value, tuple | list):
            raise ImportFailure("corrupt", CORRUPT)
        if field.value is not None:
            values[wanted[field.def_num][0]] = field.value
    return values


def _keep(frame: fitdecode.FitDataMessage, summary: FitSummary, with_records: bool) -> None:
    number = frame.global_mesg_num
    if number not in WANTED or (number == RECORD and not with_records):
        return
    values = _values(frame, WANTED[number])
    if number == ACTIVITY and values.get("local_timestamp") is not None:
        values["local_timestamp"] = _raw_local(frame)
    summary.add_message(number, values)


def _raw_local(frame: fitdecode.FitDataMessage) -> int | None:
    """fitdecode renders local_timestamp as a datetime; keep the raw seconds like the scanner."""
    for field in frame.fields:
        if field.field_def is not None and field.def_num == 5:
            raw = field.raw_value
            return raw if isinstance(raw, int) else None
    return None


def _salvage(summary: FitSummary) -> str:
    """What the file's session said before the error, for the runner to log by hand."""
    if not summary.sessions:
        return ""
    parts = []
    for session in summary.sessions:
        minutes = (session.total_timer_time or 0) / 60
        km = (session.total_distance or 0) / 1000
        parts.append(f"{session.sport or 'activity'} {km:.2f} km in {minutes:.0f} min")
    return (
        f" (before the error its summary says: {'; '.join(parts)};"
        " log it by hand with `gerdy log run` if that is right)"
    )
