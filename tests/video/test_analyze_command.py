"""`gerdy analyze`: one-line errors, nothing saved (the module registers into a bare app)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gerdy.cli import analyze_commands
from gerdy.cli.app import new_app
from gerdy.domain.events import Event, FormCheck


def run(*args: str) -> Result:
    app = new_app()
    analyze_commands.register(app)
    return CliRunner().invoke(app, ["analyze", *args])


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_without_the_extra_it_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from gerdy.video import pose

    def missing() -> None:
        raise pose.VideoExtraMissing(pose.INSTALL_HINT)

    monkeypatch.setattr(pose, "require_video_extra", missing)
    video = tmp_path / "run.mp4"
    video.write_bytes(b"\0")
    assert_one_line_error(run(str(video), "--view", "rear"), "pip install 'gerdy[video]'")


def test_wrong_view(needs_video_extra: None, tmp_path: Path) -> None:
    video = tmp_path / "run.mp4"
    video.write_bytes(b"\0")
    assert_one_line_error(run(str(video)), "--view rear or --view side")
    assert_one_line_error(run(str(video), "--view", "front"), "--view rear or --view side")
    result = run(str(video), "--view", "top")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert_one_line_error(
        run(str(video), "--exercise", "single_leg_box_squat"), "--side left or --side right"
    )


def test_unreadable_video_and_missing_file(needs_video_extra: None, tmp_path: Path) -> None:
    video = tmp_path / "run.mp4"
    video.write_text("hello")
    assert_one_line_error(run(str(video), "--view", "side", "--json"), "run.mp4")
    assert_one_line_error(run(str(tmp_path / "gone.mp4"), "--view", "side"), "no such video")


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty database of the test's own (the runner has no profile yet)."""
    database = tmp_path / "gerdy.db"
    monkeypatch.setenv("GERDY_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.delenv("GERDY_RECORD", raising=False)
    return database


def start_record() -> None:
    from gerdy.cli.session import open_coach
    from gerdy.domain.profile import Profile

    with open_coach() as coach:
        coach.start(Profile(start_date="2026-01-05", side="left", baseline_weekly_run_minutes=90))


def saved_events() -> list[Event]:
    from gerdy.cli.session import open_coach

    with open_coach() as coach:
        return list(coach.events())


SQUAT_RESULT = {
    "view": "front",
    "activity": "unknown",
    "exercise": "single_leg_box_squat",
    "side": "left",
    "cadence_spm": None,
    "reps": [
        {"rep": 1, "knee_valgus_deg": 3.0, "verdict": "knee stayed over the second toe"},
        {"rep": 2, "knee_valgus_deg": 16.0, "verdict": "knee caved in"},
    ],
}


def test_save_without_a_record_is_refused_before_any_work(
    needs_video_extra: None, record: Path, tmp_path: Path
) -> None:
    video = tmp_path / "run.mp4"
    video.write_text("hello")
    assert_one_line_error(run(str(video), "--view", "side", "--save"), "gerdy init")


def test_save_of_an_unreadable_video_saves_nothing(
    needs_video_extra: None, record: Path, tmp_path: Path
) -> None:
    start_record()
    video = tmp_path / "run.mp4"
    video.write_text("hello")
    assert_one_line_error(
        run(str(video), "--view", "side", "--save", "--date", "2026-02-01", "--json")
    )
    assert saved_events() == []


def test_pr_4_save_stores_a_form_check_event(
    needs_video_extra: None, record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gerdy.video import report

    start_record()
    video = tmp_path / "squat_left.mp4"
    video.write_bytes(b"not decoded: the analysis is replaced below")
    monkeypatch.setattr(analyze_commands, "run_analysis", lambda *a, **k: object())
    monkeypatch.setattr(report, "result_json", lambda analysis: dict(SQUAT_RESULT))
    result = run(str(video), "--exercise", "single_leg_box_squat", "--side", "left",
                 "--save", "--date", "2026-02-02", "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (event,) = saved_events()
    assert isinstance(event, FormCheck) and str(event.date) == "2026-02-02"
    assert [rep.caved_in for rep in event.reps] == [False, True]
    assert event.source is not None
    assert event.source.file == "squat_left.mp4" and len(event.source.sha256) == 64
