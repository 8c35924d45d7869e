"""Strava-like export zips built from corpus files, duplicates, and hostile inputs: each bad
file is reported by name, the rest of the import goes on, nothing partial is stored."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from gerdy.importers.base import MAX_FILE_BYTES
from gerdy.storage.store import RecordStore

from .conftest import ImportRunner, corpus_file

RUN_FIT = "fitparse__activity-small-fenix2-run.fit"
CSV_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename,Moving Time\n"
)


def strava_zip(path: Path, members: dict[str, bytes], csv_rows: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", CSV_HEADER + "".join(row + "\n" for row in csv_rows))
        archive.writestr("profile.csv", "not an activity\n")
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_strava_export_takes_sports_from_activities_csv(
    tmp_path: Path, run_import: ImportRunner
) -> None:
    walk_gpx = corpus_file("gpxpy__cerknicko-jezero.gpx").read_bytes()
    other_tcx = corpus_file("saf__walking_activity_1.tcx").read_bytes()
    no_times = corpus_file("gpxpy__cerknicko-without-times.gpx").read_bytes()
    export = strava_zip(
        tmp_path / "export.zip",
        {
            "activities/1.fit.gz": gzip.compress(corpus_file(RUN_FIT).read_bytes()),
            "activities/2.gpx.gz": gzip.compress(walk_gpx),
            "activities/3.tcx.gz": gzip.compress(other_tcx),
            "activities/4.gpx": no_times,
            "activities/5.gpx": corpus_file("gpxpy__korita-zbevnica.gpx").read_bytes(),
        },
        [
            "1,x,Morning Run,Run,2832,activities/1.fit.gz,2832",
            "2,x,Lake walk,Walk,4239,activities/2.gpx.gz,2425",
            "3,x,Evening Walk,Walk,4495,activities/3.tcx.gz,4495",
            "4,x,No times,Walk,,activities/4.gpx,",
            "5,x,Hike with a moving time,Walk,,activities/5.gpx,7084",
        ],
    )
    summary = run_import(export)
    by_file = {row["file"]: row for row in summary.imported}
    assert set(by_file) == {
        "activities/1.fit.gz",
        "activities/2.gpx.gz",
        "activities/3.tcx.gz",
        "activities/5.gpx",
    }
    assert by_file["activities/1.fit.gz"]["type"] == "run"
    assert by_file["activities/1.fit.gz"]["cadence_spm"] == 162
    assert by_file["activities/2.gpx.gz"]["type"] == "cross"
    assert by_file["activities/3.tcx.gz"]["minutes"] == pytest.approx(4495.153 / 60, abs=0.02)
    assert by_file["activities/5.gpx"]["minutes"] == pytest.approx(7084 / 60, abs=0.02)
    assert summary.failed == [
        {"file": "activities/4.gpx", "reason": "no times in the track, so the duration is unknown"}
    ]


def test_same_file_twice_loose_and_in_a_zip_adds_nothing(
    tmp_path: Path, run_import: ImportRunner, sqlite_store: RecordStore
) -> None:
    run = corpus_file(RUN_FIT)
    export = strava_zip(
        tmp_path / "export.zip",
        {"activities/9.fit.gz": gzip.compress(run.read_bytes())},
        ["9,x,Run,Run,1,activities/9.fit.gz,1"],
    )
    first = run_import(run, run)
    assert (len(first.imported), first.duplicates) == (1, 1)
    again = run_import(export, run)
    assert (again.imported, again.duplicates) == ([], 2)
    assert len(sqlite_store.events()) == 1


def test_hostile_zip_members_are_refused_by_name(tmp_path: Path, run_import: ImportRunner) -> None:
    bomb = gzip.compress(bytes(MAX_FILE_BYTES + 1024))
    export = strava_zip(
        tmp_path / "export.zip",
        {
            "../evil.fit": corpus_file(RUN_FIT).read_bytes(),
            "activities/bomb.fit.gz": bomb,
            "activities/empty.fit": b"",
            "activities/ok.fit": corpus_file("fitparse__garmin-fenix-5-run.fit").read_bytes(),
        },
        [],
    )
    summary = run_import(export)
    reasons = {row["file"]: row["reason"] for row in summary.failed}
    assert "path traversal" in reasons["../evil.fit"]
    assert "more than" in reasons["activities/bomb.fit.gz"]
    assert "empty" in reasons["activities/empty.fit"]
    assert [row["file"] for row in summary.imported] == ["activities/ok.fit"]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<gpx version="1.1" creator="x"><trk><name>&lol3;</name><trkseg>
<trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>&xxe;</Id>
</Activity></Activities></TrainingCenterDatabase>"""


def test_hostile_and_broken_files_fail_by_name_and_the_rest_imports(
    tmp_path: Path, run_import: ImportRunner, sqlite_store: RecordStore
) -> None:
    files = {
        "laughs.gpx": BILLION_LAUGHS,
        "xxe.tcx": EXTERNAL_ENTITY,
        "empty.fit": b"",
        "notes.fit": b"just some text, not a watch file",
        "cut.fit": corpus_file(RUN_FIT).read_bytes()[:5000],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    huge = tmp_path / "huge.gpx"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    misnamed = tmp_path / "misnamed.gpx"  # a FIT file with the wrong extension still imports
    misnamed.write_bytes(corpus_file(RUN_FIT).read_bytes())
    paths = [tmp_path / name for name in files] + [huge, misnamed]
    summary = run_import(*paths)
    reasons = {Path(row["file"]).name: row["reason"] for row in summary.failed}
    assert set(reasons) == set(files) | {"huge.gpx"}
    assert "unsafe XML" in reasons["laughs.gpx"] and "unsafe XML" in reasons["xxe.tcx"]
    assert "empty" in reasons["empty.fit"]
    assert "not an activity file" in reasons["notes.fit"]
    assert "truncated" in reasons["cut.fit"]
    assert "larger than" in reasons["huge.gpx"]
    assert [Path(row["file"]).name for row in summary.imported] == ["misnamed.gpx"]
    assert len(sqlite_store.events()) == 1


def test_a_folder_is_walked_and_since_leaves_out_older_activities(
    tmp_path: Path, run_import: ImportRunner
) -> None:
    folder = tmp_path / "garmin"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.fit").write_bytes(corpus_file(RUN_FIT).read_bytes())  # 2015-08-15
    (folder / "sub" / "b.fit.gz").write_bytes(
        gzip.compress(corpus_file("fitparse__garmin-fenix-5-run.fit").read_bytes())  # 2017
    )
    (folder / "readme.txt").write_text("ignored")
    import datetime as dt

    summary = run_import(folder, since=dt.date(2016, 1, 1))
    assert [row["date"] for row in summary.imported] == ["2017-06-11"]
    assert summary.failed == []


def test_activities_before_the_start_date_are_skipped_and_counted(
    tmp_path: Path, sqlite_store: RecordStore
) -> None:
    import datetime as dt

    from gerdy.domain.profile import Profile
    from gerdy.services import Coach

    profile = Profile(start_date=dt.date(2016, 1, 1), side="left", baseline_weekly_run_minutes=60)
    sqlite_store.save_profile(profile)
    paths = [corpus_file(RUN_FIT), corpus_file("fitparse__garmin-fenix-5-run.fit")]
    summary = Coach.open(sqlite_store).import_files(paths)
    assert summary.skipped == {"before_start": 1}
    assert [row["date"] for row in summary.imported] == ["2017-06-11"]


def test_many_files_decode_in_worker_processes(tmp_path: Path, run_import: ImportRunner) -> None:
    data = corpus_file("fitparse__garmin-fenix-5-run.fit").read_bytes()
    members = {f"activities/{i}.fit": data + b"" for i in range(30)}
    members["activities/bad.fit"] = data[:100]
    export = strava_zip(tmp_path / "export.zip", members, [])
    summary = run_import(export, workers=2)
    assert (len(summary.imported), summary.duplicates, len(summary.failed)) == (1, 29, 1)
