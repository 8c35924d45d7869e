"""GPX tracks: XML checked by defusedxml first (entity expansion, external entities and DTD
tricks are refused), then read by gpxpy.

Sport: `<trk><type>` when set, else unknown (a Strava export's activities.csv may name it;
see `pipeline`). Distance: gpxpy's 2-D length (horizontal, as watches and Strava count it).
Duration: the sum of the segments' first-to-last point times. A track with points lacking a
time has no known duration (gpxpy gives none): it cannot become a run or cross event unless a
duration comes from elsewhere (activities.csv), and is otherwise reported as failed.
"""

from __future__ import annotations

from typing import Any

import gpxpy
import gpxpy.gpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from gerdy.importers.base import RIDE, RUN, SWIM, UNKNOWN, WALK, Activity, ImportFailure


def safe_xml(data: bytes, what: str) -> None:
    """Refuse hostile or malformed XML (raises ImportFailure)."""
    try:
        fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ImportFailure(
            "hostile", f"unsafe XML in the {what} file refused (it declares its own entities)"
        ) from exc
    except Exception as exc:  # xml.etree.ElementTree.ParseError and friends
        raise ImportFailure(
            "corrupt", f"not well-formed XML: the {what} file is damaged or cut short"
        ) from exc


def sport_from_words(text: str | None) -> str:
    """A sport named in free words (GPX type, Strava activity type) in gerdy's terms."""
    if not text or not text.strip():
        return UNKNOWN
    words = text.strip().lower()
    if "run" in words:
        return RUN
    if "walk" in words:
        return WALK
    if "hik" in words:
        return "hiking"
    if any(word in words for word in ("ride", "cycl", "bik")):
        return RIDE
    if "swim" in words:
        return SWIM
    if words.isdigit():
        return UNKNOWN
    return "_".join(words.split())


def decode_gpx(data: bytes, file: str) -> list[Activity]:
    safe_xml(data, "GPX")
    try:
        gpx = gpxpy.parse(data.decode("utf-8", errors="replace"))
    except (gpxpy.gpx.GPXException, ValueError) as exc:
        raise ImportFailure(
            "corrupt", "not a readable GPX file: a point's position or time is not readable"
        ) from exc
    try:
        return _activities(gpx, file)
    except (ArithmeticError, ValueError, TypeError, AttributeError) as exc:  # odd values
        raise ImportFailure(
            "corrupt", "not a readable GPX track: its points hold values that do not add up"
        ) from exc


def _activities(gpx: Any, file: str) -> list[Activity]:
    if not any(segment.points for track in gpx.tracks for segment in track.segments):
        raise ImportFailure("no_session", "the GPX file has no track points")
    types = {track.type for track in gpx.tracks if track.type}
    sport = sport_from_words(types.pop()) if len(types) == 1 else UNKNOWN
    bounds = gpx.get_time_bounds()
    duration = gpx.get_duration()
    return [
        Activity(
            sport=sport,
            start=bounds.start_time,
            timer_s=duration or None,
            elapsed_s=duration or None,
            distance_m=gpx.length_2d(),
            cadence_spm=None,
            file=file,
        )
    ]
