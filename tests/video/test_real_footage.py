"""The whole side-view analysis on real footage (tests/data/video/sports2d__demo.mp4): a woman
walks across the picture (right to left) while a man jumps on a box behind her, backlit.
Slow (about 10 s), runs in CI. Through the CLI, so the JSON contract is checked too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gerdy.cli import analyze_commands
from gerdy.cli.app import new_app

from .conftest import require_real_video


@pytest.fixture(scope="module")
def side_view(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    video = require_real_video()
    app = new_app()
    analyze_commands.register(app)
    report = tmp_path_factory.mktemp("report") / "walk.html"
    result = CliRunner().invoke(
        app, ["analyze", str(video), "--view", "side", "--json", "--report", str(report)]
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), report.read_text()


def test_contract_fields(real_video: Path, side_view: tuple[dict[str, Any], str]) -> None:
    data, _ = side_view
    for key in ("view", "activity", "frames", "fps", "contacts", "cadence_spm", "overstride",
                "knee_flexion_at_contact_deg", "units"):  # fmt: skip
        assert key in data, key
    assert data["view"] == "side"
    assert data["frames"] == 230
    assert data["fps"] == pytest.approx(30.0)
    assert data["units"]["cadence_spm"].startswith("steps/min")
    for contact in data["contacts"]:
        assert set(contact) == {"frame", "time_s", "foot"}
        assert contact["foot"] in ("left", "right", "unknown")


def test_picks_the_walker_and_says_why(
    real_video: Path, side_view: tuple[dict[str, Any], str]
) -> None:
    subject = side_view[0]["subject"]
    assert len(subject["people"]) >= 2  # the man on the box was seen too
    picked = next(p for p in subject["people"] if p["track"] == subject["picked"])
    assert picked["horizontal_travel_heights"] > 1.0
    assert "crossed the picture horizontally" in subject["reason"]


def test_finds_her_steps_and_a_walking_cadence(
    real_video: Path, side_view: tuple[dict[str, Any], str]
) -> None:
    data = side_view[0]
    # about 4 s of clear walking: contacts every ~0.6 s
    assert len(data["contacts"]) >= 6
    steps = [
        b["time_s"] - a["time_s"]
        for a, b in zip(data["contacts"], data["contacts"][1:], strict=False)
    ]
    assert all(0.45 < s < 0.8 for s in steps), steps
    # measured 100 steps/min (contacts 18-19 frames apart): a relaxed walk; 80-130 is walking
    assert 80 <= data["cadence_spm"] <= 130
    assert data["activity"] == "walking"
    assert data["running_metrics_reliable"] is False


def test_reports_the_frames_without_her(
    real_video: Path, side_view: tuple[dict[str, Any], str]
) -> None:
    data = side_view[0]
    assert 0 < data["frames_without_subject"] < data["frames"]
    assert data["frames_with_subject"] + data["frames_without_subject"] == data["frames_analysed"]


def test_html_report_is_self_contained(
    real_video: Path, side_view: tuple[dict[str, Any], str]
) -> None:
    page = side_view[1]
    assert page.count("data:image/jpeg;base64,") >= 3
    assert "<svg" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
