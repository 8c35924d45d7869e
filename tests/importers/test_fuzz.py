"""Fuzzing the FIT and GPX paths on mutated corpus files (bounded, so it runs in CI): the
decoders raise nothing but `ImportFailure`, and never hang."""

from __future__ import annotations

import contextlib
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerdy.importers.base import ImportFailure
from gerdy.importers.fit_scanner import FitFallback, fit_crc, scan_fit
from gerdy.importers.registry import decode_activity_file

from .conftest import corpus_file

FIT_FILES = [
    "fitparse__garmin-fenix-5-run.fit",
    "fitparse__compressed-speed-distance.fit",
    "fitparse__garmin-fenix-5-walk.fit",
    "fitdecode__activity-filecrc.fit",
]
FUZZ = settings(
    max_examples=200,
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(buffer) - 1, 0)))
        if action == "flip" and buffer:
            buffer[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del buffer[at:]
        elif action == "insert":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif buffer:
            del buffer[at : at + draw(st.integers(1, 64))]
    return bytes(buffer)


def with_fixed_crc(data: bytes) -> bytes:
    """Recompute the CRC so the scanner reads the mutated body instead of falling back."""
    if len(data) < 14:
        return data
    return data[:-2] + struct.pack("<H", fit_crc(data[:-2]))


def fit_sources() -> st.SearchStrategy[bytes]:
    return st.sampled_from(FIT_FILES).map(lambda name: corpus_file(name).read_bytes())


@FUZZ
@given(st.data())
def test_fit_decoding_raises_only_import_failures(data: st.DataObject) -> None:
    blob = data.draw(fit_sources().flatmap(mutated))
    with contextlib.suppress(ImportFailure):
        decode_activity_file(blob, "fuzz.fit")


def test_fit_field_of_the_wrong_shape_is_a_clean_failure() -> None:
    """Found by the fuzzer: one flipped byte makes a session field an array in the library's
    reading (a tuple where a number belongs), and a cut later makes the library quote the
    session read so far. That is a corrupt file, never a TypeError."""
    data = bytearray(corpus_file("fitparse__compressed-speed-distance.fit").read_bytes())
    data[105] = 105
    del data[3415 : 3415 + 37]
    with pytest.raises(ImportFailure) as failure:
        decode_activity_file(bytes(data), "fuzz.fit")
    assert failure.value.kind == "corrupt"


@FUZZ
@given(st.data())
def test_scanner_on_mutated_bodies_falls_back_or_reads(data: st.DataObject) -> None:
    blob = with_fixed_crc(data.draw(fit_sources().flatmap(mutated)))
    with contextlib.suppress(FitFallback, ImportFailure):
        scan_fit(blob).activities("fuzz.fit")


GPX_SOURCE = "saf__riderx3.gpx"


@settings(FUZZ, max_examples=100)
@given(st.data())
def test_gpx_decoding_raises_only_import_failures(data: st.DataObject) -> None:
    source = corpus_file(GPX_SOURCE).read_bytes()[:20000] + b"</trkseg></trk></gpx>"
    blob = data.draw(mutated(source))
    with contextlib.suppress(ImportFailure):
        decode_activity_file(blob, "fuzz.gpx")
