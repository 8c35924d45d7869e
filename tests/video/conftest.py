"""Fixtures for the video tests: the real footage (`tests/data/video`, with its source and
licence), and `needs_video_extra`, which skips a test locally when MediaPipe/PyAV are not
installed but fails it in CI (CI=true), where the `video` extra must be installed."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REAL_VIDEO = Path(__file__).resolve().parents[1] / "data" / "video" / "sports2d__demo.mp4"


def _video_extra_missing() -> str | None:
    missing = [m for m in ("mediapipe", "av", "cv2") if importlib.util.find_spec(m) is None]
    return ", ".join(missing) or None


def skip_or_fail(message: str) -> None:
    """Skip locally; in CI (CI=true) the video extra and the footage must be there: fail."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def require_video_extra() -> None:
    missing = _video_extra_missing()
    if missing is not None:
        skip_or_fail(
            f"the 'video' extra is not installed (missing {missing}): uv sync --extra video"
        )


def require_real_video() -> Path:
    require_video_extra()
    assert REAL_VIDEO.is_file(), f"the real footage is missing: {REAL_VIDEO}"
    return REAL_VIDEO


@pytest.fixture
def needs_video_extra() -> None:
    require_video_extra()


@pytest.fixture
def real_video() -> Path:
    return require_real_video()
