"""Synthetic landmark series with known answers: gaits (side and rear view) and a squat.

Everything is built in pixels on a 1280 x 720 frame and stored normalized, like MediaPipe.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from gerdy.video.pose import SIDES, Landmark, PoseFrame
from gerdy.video.series import LandmarkSeries

W, H = 1280, 720
Point = tuple[float, float]


def pose_from(
    points: dict[int, Point], visibility: float = 0.95, width: int = W, height: int = H
) -> tuple[Landmark, ...]:
    """33 landmarks; the ones not given sit at the first given point with low visibility."""
    default = next(iter(points.values()))
    out = []
    for i in range(33):
        x, y = points.get(i, default)
        out.append(Landmark(x / width, y / height, 0.0, visibility if i in points else 0.1))
    return tuple(out)


def build(
    make: Callable[[float], dict[int, Point]],
    *,
    fps: float = 30.0,
    seconds: float = 8.0,
    noise_px: float = 0.0,
    dropout: float = 0.0,
    seed: int = 1,
    width: int = W,
) -> LandmarkSeries:
    """Sample `make(t)` (pixel points) at `fps` with Gaussian noise and dropped frames; a
    wide `width` leaves room for a subject crossing at running speed."""
    rng = random.Random(seed)
    frames = []
    for i in range(round(fps * seconds)):
        t = i / fps
        points = {
            k: (x + rng.gauss(0, noise_px), y + rng.gauss(0, noise_px))
            for k, (x, y) in make(t).items()
        }
        landmarks = None if rng.random() < dropout else pose_from(points, width=width)
        frames.append(PoseFrame(i, t, width, H, landmarks))
    return LandmarkSeries(frames)


def side_gait(
    cadence: float,
    *,
    duty: float,
    speed_legs: float,
    direction: int = 1,
    leg: float = 300.0,
    reach: float = 0.35,
) -> Callable[[float], dict[int, Point]]:
    """A side-view gait: each heel's reach ahead of the hip is a cosine peaking at that
    foot's contact (left at t = 0.25 s + k·stride, right half a stride later); each toe is
    furthest behind at that foot's toe-off (duty x stride after its contact)."""
    stride = 120.0 / cadence
    w = 2 * math.pi / stride
    t0 = 0.25

    def make(t: float) -> dict[int, Point]:
        hip = ((200 if direction > 0 else 7800) + direction * speed_legs * leg * t, 300.0)
        points: dict[int, Point] = {SIDES["left"]["hip"]: hip, SIDES["right"]["hip"]: hip}
        for n, side in enumerate(("left", "right")):
            contact = t0 + n * stride / 2
            heel_reach = reach * leg * math.cos(w * (t - contact))
            toe_reach = reach * leg * math.cos(w * (t - contact - (duty - 0.5) * stride))
            heel = (hip[0] + direction * heel_reach, hip[1] + leg * 0.95)
            toe = (hip[0] + direction * (toe_reach + 0.2 * leg), hip[1] + leg)
            ankle = (heel[0] + direction * 0.03 * leg, heel[1] - 0.05 * leg)
            points |= knee_and_foot(side, hip, ankle, heel, toe, leg, direction)
        return points

    return make


def knee_and_foot(
    side: str, hip: Point, ankle: Point, heel: Point, toe: Point, leg: float, direction: int
) -> dict[int, Point]:
    """The knee where thigh and shank (leg/2 each) meet, bent forward."""
    ids = SIDES[side]
    mx, my = (hip[0] + ankle[0]) / 2, (hip[1] + ankle[1]) / 2
    chord = math.dist(hip, ankle)
    bend = math.sqrt(max(0.0, (leg / 2) ** 2 - (chord / 2) ** 2))
    ux, uy = (ankle[0] - hip[0]) / chord, (ankle[1] - hip[1]) / chord
    nx, ny = -uy, ux  # perpendicular; pick the one pointing forward
    if nx * direction < 0:
        nx, ny = -nx, -ny
    knee = (mx + nx * bend, my + ny * bend)
    return {ids["knee"]: knee, ids["ankle"]: ankle, ids["heel"]: heel, ids["toe"]: toe}


def knee_flexion_expected(hip: Point, ankle: Point, leg: float) -> float:
    chord = math.dist(hip, ankle)
    return 180.0 - 2 * math.degrees(math.asin(min(1.0, chord / leg)))


def rear_gait(
    cadence: float,
    *,
    hip_width: float = 100.0,
    left_out: float = 30.0,
    right_out: float = 30.0,
    right_cross_every: int = 0,
    drop_left_deg: float = 6.0,
    drop_right_deg: float = 3.0,
    leg: float = 300.0,
    bounce: float = 0.09,
) -> Callable[[float], dict[int, Point]]:
    """From behind: the runner's left is the picture's left. Each heel is lowest at its
    contact; each foot lands `*_out` px out from the midline (the right one every
    `right_cross_every`-th step 20 px across it); during each stance the other hip drops by
    the side's angle (a bump peaking at the contact)."""
    stride = 120.0 / cadence
    w = 2 * math.pi / stride
    t0, mid = 0.25, 640.0

    def bump(t: float, contact: float) -> float:
        phase = ((t - contact + stride / 2) % stride) - stride / 2
        return max(0.0, math.cos(math.pi * phase / (stride / 2))) ** 2

    def make(t: float) -> dict[int, Point]:
        hip_y = 300 + bounce * leg / 2 * math.cos(2 * w * (t - t0))
        left_hip, right_hip = (mid - hip_width / 2, hip_y), (mid + hip_width / 2, hip_y)
        tilt_l = bump(t, t0) * hip_width * math.tan(math.radians(drop_left_deg))
        tilt_r = bump(t, t0 + stride / 2) * hip_width * math.tan(math.radians(drop_right_deg))
        right_hip = (right_hip[0], right_hip[1] + tilt_l)  # left stance: right hip lower
        left_hip = (left_hip[0], left_hip[1] + tilt_r)
        points = {SIDES["left"]["hip"]: left_hip, SIDES["right"]["hip"]: right_hip}
        step_number = math.floor((t - t0 + stride / 4) / stride)
        right_x = mid + right_out
        if right_cross_every and step_number % right_cross_every == 0:
            right_x = mid - 20
        for n, (side, x) in enumerate((("left", mid - left_out), ("right", right_x))):
            contact = t0 + n * stride / 2
            lift = 0.15 * leg * (1 - math.cos(w * (t - contact))) / 2
            heel = (x, 300 + leg - lift)
            hip = left_hip if side == "left" else right_hip
            knee = ((hip[0] + x) / 2, (hip[1] + heel[1]) / 2)
            ids = SIDES[side]
            points |= {ids["knee"]: knee, ids["ankle"]: (x, heel[1] - 10),
                       ids["heel"]: heel, ids["toe"]: (x, heel[1] + 5)}  # fmt: skip
        return points

    return make


def squat(
    valgus_per_rep: list[float], *, period: float = 3.0, depth: float = 120.0, side: str = "left"
) -> Callable[[float], dict[int, Point]]:
    """Front view, the subject facing the camera (their left hip on the picture's right).
    Rep k bottoms out at (k + 0.5) x period with the stance knee `valgus_per_rep[k]` degrees
    inward (toward the other hip)."""
    stance_x, other_x = (700.0, 600.0) if side == "left" else (600.0, 700.0)
    medial = -1 if other_x < stance_x else 1

    def make(t: float) -> dict[int, Point]:
        k = min(int(t // period), len(valgus_per_rep) - 1)
        down = (
            (1 - math.cos(2 * math.pi * t / period)) / 2 if t < period * len(valgus_per_rep) else 0
        )
        hip_y = 300 + depth * down
        ankle = (stance_x, 650.0)
        thigh = (ankle[1] - hip_y) / 2
        offset = thigh * math.tan(math.radians(valgus_per_rep[k] * down) / 2)
        knee = (stance_x + medial * offset, (hip_y + ankle[1]) / 2)
        ids, other = SIDES[side], SIDES["right" if side == "left" else "left"]
        return {ids["hip"]: (stance_x, hip_y), other["hip"]: (other_x, hip_y),
                ids["knee"]: knee, ids["ankle"]: ankle, ids["heel"]: (stance_x, 655.0),
                ids["toe"]: (stance_x, 660.0), other["knee"]: (other_x, hip_y + 80),
                other["ankle"]: (other_x + 40, hip_y + 120)}  # fmt: skip

    return make
