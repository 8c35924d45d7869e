"""TCX (Garmin Training Center) activities, read with defusedxml (hostile XML refused).

One activity per `<Activity>`; its `Sport` attribute names the sport ("Running", "Biking";
"Other" says nothing: the activity is skipped as "other" unless a Strava activities.csv names
its sport — we do not guess from speed, since a rehab run-walk is as slow as a brisk walk).
Timer time and distance are the sums of the laps' stored `TotalTimeSeconds` and
`DistanceMeters`; running cadence is the laps' `AvgRunCadence` (per foot, like FIT) doubled,
weighted by lap time.
"""

from __future__ import annotations

import datetime as dt
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring

from gerdy.importers.base import RIDE, RUN, Activity, ImportFailure
from gerdy.importers.gpx import safe_xml

NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
TCX_SPORTS = {"running": RUN, "biking": RIDE, "other": "other"}


def _number(element: Element | None) -> float | None:
    if element is None or element.text is None:
        return None
    try:
        return float(element.text)
    except ValueError:
        return None


def _time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def decode_tcx(data: bytes, file: str) -> list[Activity]:
    safe_xml(data, "TCX")
    root = fromstring(data, forbid_dtd=True)
    activities = root.findall(f"{NS}Activities/{NS}Activity")
    if not activities:
        raise ImportFailure("no_session", "the TCX file has no activity")
    return [_activity(element, file, index) for index, element in enumerate(activities)]


def _activity(element: Element, file: str, index: int) -> Activity:
    sport_word = (element.get("Sport") or "other").strip().lower()
    sport = TCX_SPORTS.get(sport_word, sport_word)
    laps = element.findall(f"{NS}Lap")
    timer = sum(_number(lap.find(f"{NS}TotalTimeSeconds")) or 0.0 for lap in laps)
    distance = sum(_number(lap.find(f"{NS}DistanceMeters")) or 0.0 for lap in laps)
    weighted = weight = 0.0
    for lap in laps:
        cadence = _number(lap.find(".//{*}AvgRunCadence"))
        seconds = _number(lap.find(f"{NS}TotalTimeSeconds")) or 0.0
        if cadence is not None and seconds > 0:
            weighted += cadence * seconds
            weight += seconds
    start = _time(element.findtext(f"{NS}Id")) or (
        _time(laps[0].get("StartTime")) if laps else None
    )
    return Activity(
        sport=sport,
        start=start,
        timer_s=timer or None,
        elapsed_s=timer or None,
        distance_m=distance if laps else None,
        cadence_spm=2 * weighted / weight if weight else None,
        file=file,
        session=index,
    )
