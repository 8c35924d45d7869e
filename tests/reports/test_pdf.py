"""The PDF report: 1-3 A4 pages whose text (read back with poppler's pdftotext) names the
stage, the latest pain, the open red flags and the cleared ones with who cleared them; charts
drawn as vectors (no embedded pictures). Page 1 is rendered to artifacts/report-page-1.png
with pdftoppm, to look at."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gerdy.domain.events import Checkin, Clearance, FormCheck, FormRep
from gerdy.engine import planner
from gerdy.engine.course import Course
from gerdy.reports.gather import report_data
from gerdy.reports.pdf import pdf_and_series, render_report
from gerdy.reports.progress import compute_series
from gerdy.services import Coach
from gerdy.services.coach import Signer

from .conftest import NOW, TODAY

PHYSIO = Signer("Dr. Ines Okafor", 7)
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found, info.stdout
    return int(found.group(1))


@pytest.fixture
def report(coach: Coach, tmp_path: Path) -> Path:
    """The demo record plus: kneecap pain five days ago, cleared by a physio the next day;
    the physio's note and settings change three days ago; locking two days ago, cleared
    yesterday (with a note); numbness today (RED-3 opens and pauses running); a box-squat
    video check."""
    coach.log(Checkin(date=TODAY - dt.timedelta(days=5), pain_daily=0, front_of_knee=True))
    for days_ago, data in (
        (4, {"type": "clearance", "rules": ["RED-5"]}),
        (3, {"type": "note", "text": "Flat routes this week."}),
        (3, {"type": "settings_change", "hills_track_week": 8}),
    ):
        coach.record_as_clinician(PHYSIO, {**data, "date": TODAY - dt.timedelta(days=days_ago)})
    coach.log(
        Checkin(date=TODAY - dt.timedelta(days=2), pain_daily=1, locking=True),
        Clearance(
            date=TODAY - dt.timedelta(days=1),
            rules=("RED-4",),
            note="seen: no mechanical block",
            cleared_by="Ana Ruiz",
            cleared_by_role="physio",
        ),
        FormCheck(
            date=TODAY - dt.timedelta(days=1),
            view="front",
            exercise="single_leg_box_squat",
            side="right",
            reps=(FormRep(caved_in=False), FormRep(caved_in=True), FormRep(caved_in=False)),
        ),
        Checkin(date=TODAY, pain_daily=5, numbness=True),
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(render_report(report_data(coach, TODAY, NOW, "Sam R.")))
    return path


def test_report_names_stage_latest_pain_and_open_red_flags(report: Path) -> None:
    text = pdf_text(report)
    assert "Sam R." in text
    assert re.search(r"Stage\s+paused \(since Wed 13 May 2026\)", text), text
    assert "5/10 on Wed 13 May 2026" in text
    flags = text.split("Red flags", 1)[1].split("Stage timeline", 1)[0]
    assert re.search(r"RED-3\s+Tingling[^\n]*Wed 13 May 2026\s+open", flags), flags
    assert not re.search(r"RED-4[^\n]*open", flags)  # cleared, so not open
    # v1.2: the runner's clearance names the professional, on the runner's word (to a physio)
    assert re.search(r"Tue 12 May 2026\s+RED-4\s+On the runner's", text), text
    assert "Ana Ruiz" in text and "(physio)" in text and "seen: no mechanical" in text
    assert re.search(r"Sat 09 May 2026\s+RED-5\s+Dr. Ines Okafor \(clinician\)", text), text


def test_report_says_when_each_red_flag_was_raised_red_4_red_5(report: Path) -> None:
    """Each red flag of the report's days, open or cleared, with the day it was raised (the
    check-in that raised it) and the day a clearance ended it."""
    text = pdf_text(report)
    flags = text.split("Red flags", 1)[1].split("Cleared", 1)[0]
    assert re.search(r"RED-5\s+Pain at the front[^\n]*Fri 08 May 2026\s+cleared Sat 09 May", flags)
    assert re.search(r"RED-4\s+[^\n]*Mon 11 May 2026\s+cleared Tue 12 May 2026", flags), flags
    assert flags.index("RED-5") < flags.index("RED-4") < flags.index("RED-3")  # by date raised


def test_report_shows_the_intake_baseline_p1_2(report: Path, coach: Coach) -> None:
    """The physio's starting point: the usual running minutes before the pain and the answers
    on the pain's pattern that chose the track (P1-2), as the runner answered them."""
    profile = coach.profile()
    text = pdf_text(report)
    baseline = text.split("Intake baseline", 1)[1].split("Notes and adjustments", 1)[0]
    minutes = f"{profile.baseline_weekly_run_minutes:g} min a week"
    assert re.search(rf"Usual running before the pain\s+{minutes}", baseline), baseline
    first_mile = "yes" if profile.intake.pain_within_first_mile else "no"
    assert re.search(rf"within the first mile \(1.6 km\) of a run\?\s+{first_mile}", baseline)
    persists = "yes" if profile.intake.pain_persists_after_activity else "no"
    assert re.search(rf"after runs or other activity\)\?\s+{persists}", baseline)
    assert re.search(rf"Track at the start \(P1-2\)\s+{profile.derived_track}", baseline)


def test_report_lists_notes_and_adjustments_with_who_made_them(report: Path) -> None:
    text = pdf_text(report)
    section = text.split("Notes and adjustments", 1)[1]
    assert re.search(r"Sun 10 May 2026\s+Dr. Ines Okafor \(clinician\)\s+Flat routes", section)
    assert "hills and track from return week 8 (RTR-5)" in section


def test_report_holds_every_section(report: Path) -> None:
    text = pdf_text(report)
    for heading in (
        "Stage timeline",
        "Daily pain",
        "Weekly running minutes against the cap",
        "Strength doses: at the start and now",
        "Runs of the last 4 weeks",
        "Form checks (video)",
        "About this report (ED-6)",
    ):
        assert heading in text, heading
    assert "knee caved in on 1 of 3 reps" in text
    assert "not medical advice" in text
    assert re.search(r"Adherence\s+\d+ of \d+ sessions done \(\d+%\) \(14 d\)", text), text
    assert re.search(r"protect \d\d \w\w\w.\d\d \w\w\w; return-1", text)


def test_report_is_one_to_three_a4_pages_of_vector_charts(report: Path) -> None:
    assert 1 <= pages(report) <= 3
    info = subprocess.run(["pdfinfo", str(report)], capture_output=True, text=True, check=True)
    assert "595.276 x 841.89 pts (A4)" in info.stdout
    images = subprocess.run(
        ["pdfimages", "-list", str(report)], capture_output=True, text=True, check=True
    )
    assert len(images.stdout.strip().splitlines()) == 2, images.stdout  # the header only


def test_page_one_is_rendered_for_a_look(report: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "report-page-1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(report),
         str(target)],
        check=True,
    )  # fmt: skip
    assert (ARTIFACTS / "report-page-1.png").stat().st_size > 10_000


def test_the_report_replays_the_record_once(coach: Coach, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's plans and its Progress series come from one replay of the record (they
    took one each: twice the work for a long record), and the series is the one the Progress
    page replays for itself."""
    replays: list[dt.date] = []
    replay = planner.replay

    def counted(*args: Any, **kwargs: Any) -> Iterator[Course]:
        replays.append(args[3])
        return replay(*args, **kwargs)

    monkeypatch.setattr(planner, "replay", counted)
    made = pdf_and_series(coach, TODAY, NOW, "Sam R.")
    assert replays == [TODAY]
    assert made.pdf.startswith(b"%PDF")
    monkeypatch.undo()
    assert made.series == compute_series(coach, TODAY)
    assert made.series.pain and made.series.adherence and made.series.gate
