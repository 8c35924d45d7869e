"""An upload that cannot be imported is told in gerdy's own words: never a library's message
(zlib's "Error -3 while decompressing", the XML parser's "line 1, column 10", defusedxml's
"DTDForbidden(name=...)", fitdecode's "read crc: 45525", a float conversion...), which says
nothing to a runner and tells an attacker what runs inside."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from .conftest import csrf_of

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
FIT = (CORPUS / "fitparse__garmin-fenix-5-run.fit").read_bytes()
BROKEN: dict[str, bytes] = {
    "bad-gzip.fit.gz": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 40,
    "entity.gpx": b"<gpx><trk>&oops;</trk>",
    "dtd.gpx": b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x "y">]><gpx>&x;</gpx>',
    "numbers.gpx": (
        b'<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>'
        b'<trkpt lat="abc" lon="x"><time>zz</time></trkpt></trkseg></trk></gpx>'
    ),
    "crc.fit": (CORPUS / "fitdecode__activity-filecrc.fit").read_bytes(),
    "cut.fit": FIT[: len(FIT) // 2],
}
# What library messages look like: Python reprs, offsets, line/column, error numbers.
LIBRARY_TEXT = re.compile(
    r"Error -\d|line \d+, column|\w+\(\w+=|crc: \d|@ \d|could not convert|Forbidden|<None>"
)


def test_every_unreadable_upload_is_explained_in_our_words(runner: TestClient) -> None:
    parts = [("files", (name, data, "application/octet-stream")) for name, data in BROKEN.items()]
    response = runner.post("/api/imports", files=parts, headers={"X-CSRF-Token": csrf_of(runner)})
    assert response.status_code == 200, response.text
    reasons = {row["file"]: row["reason"] for row in response.json()["failed"]}
    assert set(reasons) == set(BROKEN)
    leaked = {name: reason for name, reason in reasons.items() if LIBRARY_TEXT.search(reason)}
    assert leaked == {}
    assert "damaged" in reasons["bad-gzip.fit.gz"]
    assert "unsafe" in reasons["dtd.gpx"]
    assert "cut short" in reasons["cut.fit"]
