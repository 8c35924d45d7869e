"""Small geometry helpers over pixel points: angles and per-frame landmark points."""

from __future__ import annotations

import math

from gerdy.video.series import LandmarkSeries

Point = tuple[float, float]


def point_at(series: LandmarkSeries, landmark: int, sample: int) -> Point | None:
    """The cleaned pixel position of `landmark` at `sample`, or None where it is not seen."""
    x = series.coordinate(landmark, "x")[sample]
    y = series.coordinate(landmark, "y")[sample]
    return None if x is None or y is None else (x, y)


def joint_angle(a: Point, b: Point, c: Point) -> float:
    """The angle ABC in degrees (180 = straight)."""
    v1 = (a[0] - b[0], a[1] - b[1])
    v2 = (c[0] - b[0], c[1] - b[1])
    n1, n2 = math.hypot(*v1), math.hypot(*v2)
    if n1 == 0 or n2 == 0:
        return 180.0
    cos = (v1[0] * v2[0] + v1[1] * v2[1]) / (n1 * n2)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def flexion(hip: Point, knee: Point, ankle: Point) -> float:
    """Knee flexion in degrees: 0 with the leg straight."""
    return 180.0 - joint_angle(hip, knee, ankle)


def tilt_deg(low_side: Point, high_side: Point) -> float:
    """How far `low_side` sits below `high_side` (image y grows downward), in degrees from
    the horizontal; negative when it sits above."""
    dx = abs(low_side[0] - high_side[0])
    dy = low_side[1] - high_side[1]
    return math.degrees(math.atan2(dy, dx)) if dx or dy else 0.0
