"""Landmark time series: confidence gating, gap filling and smoothing.

Owns the step from "what the model said per frame" to "a trustworthy coordinate per frame, or
None": a landmark below `MIN_VISIBILITY` or outside the frame (a person partly out of the
picture) is dropped, short gaps are bridged by linear interpolation, and the rest is smoothed
with a short centred moving average. Long gaps stay gaps: metrics work per segment.
Pure Python, no model, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from gerdy.video.pose import Pose, PoseFrame

MIN_VISIBILITY = 0.5  # MediaPipe visibility below this: treat the landmark as not seen
FRAME_MARGIN = 0.02  # a landmark further than this outside the picture is a guess
MAX_GAP_S = 0.2  # bridge gaps up to this long; longer ones split the series
SMOOTH_WINDOW_S = 1 / 15  # centred moving average over about this long (3 frames at 30 fps)

Values = list[float | None]


@dataclass
class LandmarkSeries:
    """The analysed frames of one subject, in time order (`landmarks` None: not seen)."""

    frames: list[PoseFrame]
    width: int = 0
    height: int = 0
    notes: list[str] = field(default_factory=list)
    _cache: dict[tuple[int, str, bool], Values] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.frames and not self.width:
            self.width, self.height = self.frames[0].width, self.frames[0].height

    @property
    def times(self) -> list[float]:
        return [f.time_s for f in self.frames]

    @property
    def seen(self) -> int:
        return sum(1 for f in self.frames if f.landmarks is not None)

    def coordinate(self, landmark: int, axis: str, clean: bool = True) -> Values:
        """One landmark's x or y in pixels per frame, gated (and, if `clean`, gap-filled and
        smoothed)."""
        key = (landmark, axis, clean)
        if key not in self._cache:
            scale = self.width if axis == "x" else self.height
            raw: Values = [
                None if pose is None else gated(pose, landmark, axis, scale)
                for pose in (f.landmarks for f in self.frames)
            ]
            self._cache[key] = cleaned(raw, self.times) if clean else raw
        return self._cache[key]


def gated(pose: Pose, landmark: int, axis: str, scale: float) -> float | None:
    point = pose[landmark]
    if point.visibility < MIN_VISIBILITY:
        return None
    if not (-FRAME_MARGIN <= point.x <= 1 + FRAME_MARGIN) or not (
        -FRAME_MARGIN <= point.y <= 1 + FRAME_MARGIN
    ):
        return None
    return (point.x if axis == "x" else point.y) * scale


def sample_step(times: Sequence[float]) -> float:
    """The typical time between samples (median), 1/30 s if it cannot tell."""
    steps = sorted(b - a for a, b in pairwise(times) if b > a)
    return steps[len(steps) // 2] if steps else 1 / 30


def fill_gaps(values: Sequence[float | None], max_gap: int) -> Values:
    """Linear interpolation over interior runs of None no longer than `max_gap` samples."""
    out: Values = list(values)
    last: int | None = None
    for i, value in enumerate(values):
        if value is None:
            continue
        if last is not None and 1 < i - last <= max_gap + 1:
            start = values[last]
            assert start is not None
            for j in range(last + 1, i):
                out[j] = start + (value - start) * (j - last) / (i - last)
        last = i
    return out


def smooth(values: Sequence[float | None], half_window: int) -> Values:
    """Centred moving average over the known values within `half_window` samples; None stays
    None (a smoothed value never appears where nothing was seen)."""
    if half_window <= 0:
        return list(values)
    out: Values = []
    for i, value in enumerate(values):
        if value is None:
            out.append(None)
            continue
        near = [v for v in values[max(0, i - half_window) : i + half_window + 1] if v is not None]
        out.append(sum(near) / len(near))
    return out


def cleaned(values: Sequence[float | None], times: Sequence[float]) -> Values:
    """Gap-filled (up to MAX_GAP_S) and smoothed (SMOOTH_WINDOW_S) at the series' rate."""
    dt = sample_step(times)
    filled = fill_gaps(values, max(0, round(MAX_GAP_S / dt)))
    return smooth(filled, max(0, round(SMOOTH_WINDOW_S / dt / 2)))


def segments(values: Sequence[float | None]) -> list[tuple[int, int]]:
    """(start, stop) index ranges of consecutive known values."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, value in enumerate(values):
        if value is not None and start is None:
            start = i
        elif value is None and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(values)))
    return runs


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
