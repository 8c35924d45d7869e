"""Every file of the corpus (tests/data/corpus): valid activities import with the reference
distance, timer time and cadence (its README's tolerances: distance +-1 % stored / +-2 %
recomputed from points, durations +-1 s, cadence +-1 spm), sports land right, bad files fail
cleanly, and the scanner equals fitdecode field for field."""

from __future__ import annotations

import math

import pytest

from gerdy.domain.events import Cross, Run
from gerdy.importers.base import ImportFailure
from gerdy.importers.fit_library import decode_fit
from gerdy.importers.fit_scanner import FitFallback, scan_fit
from gerdy.importers.registry import decode_activity_file
from gerdy.storage.store import RecordStore

from .conftest import BY_NAME, ImportRunner, corpus_file, names

STORED_DISTANCE, POINTS_DISTANCE, SECONDS, SPM = 0.01, 0.02, 1.0, 1.0
EXPECTED_FIT = {  # file -> the events (type, activity) its sessions become, in order
    "fitparse__2013-02-06-12-11-14.fit": ["run"],
    "fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit": ["ride"],
    "fitparse__activity-small-fenix2-run.fit": ["run"],
    "fitparse__compressed-speed-distance.fit": ["run"],
    "fitparse__coros-pace-2-cycling-misaligned-fields.fit": ["ride"],
    "fitparse__developer-types-sample.fit": ["run"],
    "fitparse__event_timestamp.fit": ["swim"],
    "fitparse__garmin-fenix-5-run.fit": ["run"],
    "fitparse__garmin-fenix-5-walk.fit": ["walk"],
    "fitparse__sample_mulitple_header.fit": ["swim", "ride", "run"],
}
BAD_FIT = {
    "fitdecode__activity-filecrc.fit": "crc",
    "fitdecode__activity-unexpected-eof.fit": "truncated",
    "fitparse__nick.fit": "truncated",
    "fitparse__strava-android-app-201.10-b1218918.fit": "undefined_message",
}


def close(value: float | None, reference: float, relative: float = 0, absolute: float = 0) -> bool:
    return value is not None and math.isclose(value, reference, rel_tol=relative, abs_tol=absolute)


def test_the_corpus_lists_every_case() -> None:
    assert set(EXPECTED_FIT) | set(BAD_FIT) == set(names("fit"))


@pytest.mark.parametrize("name", names("fit", valid=True))
def test_valid_fit_imports_with_reference_values(name: str, run_import: ImportRunner) -> None:
    reference = BY_NAME[name]
    summary = run_import(corpus_file(name))
    assert summary.failed == []
    sessions = [s for s in reference["sessions"] if s["sport"] != "transition"]
    assert len(summary.imported) == len(sessions) == len(EXPECTED_FIT[name])
    assert summary.skipped.get("transition", 0) == len(reference["sessions"]) - len(sessions)
    for row, session, kind in zip(summary.imported, sessions, EXPECTED_FIT[name], strict=True):
        assert row["type"] == ("run" if kind == "run" else "cross")
        assert close(row["distance_km"] * 1000, session["total_distance_m"], STORED_DISTANCE)
        assert close(row["minutes"] * 60, session["total_timer_time_s"], absolute=SECONDS)
        if session["avg_cadence_spm"] is not None:
            assert close(row["cadence_spm"], session["avg_cadence_spm"], absolute=SPM)
        elif kind == "run":
            assert row["cadence_spm"] is None
        if session["start_time"].endswith("Z"):
            assert row["date"] == session["start_time"][:10]


def test_cross_events_name_the_sport(run_import: ImportRunner, sqlite_store: RecordStore) -> None:
    run_import(corpus_file("fitparse__sample_mulitple_header.fit"))
    events = sqlite_store.events()
    assert [(e.type, getattr(e, "activity", None)) for e in events] == [
        ("cross", "swim"),
        ("cross", "ride"),
        ("run", None),
    ]
    sources = [e.source for e in events if isinstance(e, Cross | Run)]
    assert len(sources) == len(events)
    assert {source.file if source else None for source in sources} == {
        str(corpus_file("fitparse__sample_mulitple_header.fit"))
    }
    assert all(getattr(e, "pain_during", None) is None for e in events)


def test_device_relative_times_date_the_run_by_the_device_clock(run_import: ImportRunner) -> None:
    # Forerunner 70: times since power-on; the activity message's local time dates it.
    summary = run_import(corpus_file("fitparse__compressed-speed-distance.fit"))
    assert [row["date"] for row in summary.imported] == ["2012-02-13"]


@pytest.mark.parametrize(("name", "kind"), sorted(BAD_FIT.items()))
def test_bad_fit_fails_cleanly_with_its_type(
    name: str, kind: str, run_import: ImportRunner
) -> None:
    path = corpus_file(name)
    with pytest.raises(ImportFailure) as failure:
        decode_activity_file(path.read_bytes(), name)
    assert failure.value.kind == kind
    summary = run_import(path)
    assert summary.imported == []
    assert [row["file"] for row in summary.failed] == [str(path)]


def test_strava_android_file_is_not_imported_but_its_summary_is_quoted(
    run_import: ImportRunner,
) -> None:
    summary = run_import(corpus_file("fitparse__strava-android-app-201.10-b1218918.fit"))
    reason = summary.failed[0]["reason"]
    assert "a kind of message it never defined" in reason
    assert "11.27 km in 59 min" in reason and "gerdy log run" in reason


@pytest.mark.parametrize("name", names("fit"))
def test_scanner_equals_fitdecode_field_for_field(name: str) -> None:
    data = corpus_file(name).read_bytes()
    try:
        library = decode_fit(data)
    except ImportFailure:
        with pytest.raises(FitFallback):  # the scanner must not accept what fitdecode refuses
            scan_fit(data)
        return
    scanned = scan_fit(data)
    assert scanned == library
    assert scanned.fit_files == BY_NAME[name]["fit_files_chained"]
    assert len(scanned.sessions) == BY_NAME[name]["num_sessions"]


# --- GPX --------------------------------------------------------------------------------------
def test_gpx_with_a_type_imports_as_its_sport(run_import: ImportRunner) -> None:
    reference = BY_NAME["saf__riderx3.gpx"]
    summary = run_import(corpus_file("saf__riderx3.gpx"))
    [row] = summary.imported
    assert row["type"] == "cross" and row["date"] == reference["start_time"][:10]
    assert close(row["distance_km"] * 1000, reference["length_2d_m"], POINTS_DISTANCE)
    assert close(row["minutes"] * 60, reference["duration_s"], absolute=SECONDS)


@pytest.mark.parametrize(
    "name",
    [
        "gpxpy__Mojstrovka.gpx",
        "gpxpy__cerknicko-jezero.gpx",
        "gpxpy__cerknicko-without-times.gpx",
        "gpxpy__korita-zbevnica.gpx",
    ],
)
def test_gpx_without_a_sport_is_skipped_as_unknown(name: str, run_import: ImportRunner) -> None:
    summary = run_import(corpus_file(name))
    assert (summary.imported, summary.failed) == ([], [])
    assert summary.skipped == {"unknown": 1}


@pytest.mark.parametrize("name", names("gpx"))
def test_gpx_values_match_the_reference(name: str) -> None:
    reference = BY_NAME[name]
    [activity] = decode_activity_file(corpus_file(name).read_bytes(), name)
    assert close(activity.distance_m, reference["length_2d_m"], POINTS_DISTANCE)
    if reference["duration_s"]:
        assert close(activity.timer_s, reference["duration_s"], absolute=SECONDS)
    else:  # no times on some points (or all equal): no duration
        assert activity.timer_s is None


# --- TCX --------------------------------------------------------------------------------------
def test_tcx_run_imports_with_lap_sums(run_import: ImportRunner) -> None:
    reference = BY_NAME["tcxparser__test.tcx"]
    [row] = run_import(corpus_file("tcxparser__test.tcx")).imported
    assert row["type"] == "run" and row["date"] == "2012-12-26"
    assert close(row["distance_km"] * 1000, reference["laps_total_distance_m"], STORED_DISTANCE)
    assert close(row["minutes"] * 60, reference["laps_total_time_s"], absolute=SECONDS)
    assert row["cadence_spm"] is None


def test_tcx_sport_other_is_skipped_as_other(run_import: ImportRunner) -> None:
    summary = run_import(corpus_file("saf__walking_activity_1.tcx"))
    assert (summary.imported, summary.failed, summary.skipped) == ([], [], {"other": 1})


def test_tcx_lap_cadence_is_per_foot_and_doubled() -> None:
    reference = BY_NAME["saf__walking_activity_1.tcx"]
    [activity] = decode_activity_file(
        corpus_file("saf__walking_activity_1.tcx").read_bytes(), "walk.tcx"
    )
    assert activity.sport == "other"
    stored = reference["lap_avg_run_cadence_stored"]
    assert activity.cadence_spm is not None
    assert 2 * min(stored) <= activity.cadence_spm <= 2 * max(stored)
    assert close(activity.timer_s, reference["laps_total_time_s"], absolute=SECONDS)
