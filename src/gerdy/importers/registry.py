"""Which importer reads a file: the format is detected from the content (the extension is
only a hint, so a misnamed file still imports), gzip is undone with a size cap, and each
format maps to one decoder. Decoders raise `ImportFailure`; anything else escaping one is a
bug, but is still reported by name rather than stopping the import (see `pipeline`).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from gerdy.importers.base import MAX_FILE_BYTES, Activity, ImportFailure
from gerdy.importers.fit_library import decode_fit
from gerdy.importers.fit_scanner import FitFallback, scan_fit
from gerdy.importers.gpx import decode_gpx
from gerdy.importers.tcx import decode_tcx


def decode_fit_file(data: bytes, file: str) -> list[Activity]:
    """The scanner, else the reference library (which decodes or explains the failure)."""
    try:
        summary = scan_fit(data)
    except FitFallback:
        summary = decode_fit(data)
    return summary.activities(file)


DECODERS: dict[str, Callable[[bytes, str], list[Activity]]] = {
    "fit": decode_fit_file,
    "gpx": decode_gpx,
    "tcx": decode_tcx,
}
ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx")


def is_activity_name(name: str) -> bool:
    """Whether a name inside a folder or zip looks like an activity file (.fit, .gpx.gz...)."""
    lowered = name.lower().removesuffix(".gz")
    return lowered.endswith(ACTIVITY_SUFFIXES)


def gunzip(data: bytes, limit: int = MAX_FILE_BYTES) -> bytes:
    """Undo gzip, refusing more than `limit` bytes of output (a gzip bomb)."""
    parts: list[bytes] = []
    size = 0
    while True:  # a gzip stream may hold several members, one after the other
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            part = decompressor.decompress(data, limit + 1 - size)
        except zlib.error as exc:
            raise ImportFailure("corrupt", "the gzip data is damaged: it does not unpack") from exc
        size += len(part)
        parts.append(part)
        if size > limit or decompressor.unconsumed_tail:
            raise ImportFailure("too_large", f"decompresses to more than {limit // 2**20} MB")
        if not decompressor.eof:
            raise ImportFailure("truncated", "truncated gzip data")
        data = decompressor.unused_data
        if not data.strip(b"\0"):
            return b"".join(parts)


def detect_format(data: bytes) -> str:
    """ "fit", "gpx" or "tcx" from the content, or raise ImportFailure."""
    if not data:
        raise ImportFailure("empty", "the file is empty")
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        lowered = head.lower()
        if b"<trainingcenterdatabase" in lowered:
            return "tcx"
        if b"<gpx" in lowered:
            return "gpx"
    raise ImportFailure("unknown_format", "not an activity file (FIT, GPX or TCX)")


def unwrap(data: bytes) -> bytes:
    """The activity file's own bytes: gunzipped when gzip, capped in size."""
    if data[:2] == b"\x1f\x8b":
        return gunzip(data)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailure("too_large", f"larger than {MAX_FILE_BYTES // 2**20} MB")
    return data


def decode_activity_file(data: bytes, file: str) -> list[Activity]:
    """Detect the format of an (unwrapped) activity file and decode it."""
    return DECODERS[detect_format(data)](data, file)
