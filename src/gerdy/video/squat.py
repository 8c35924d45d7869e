"""Single-leg box squat, front view (ST-6, PR-4): reps from the hips' vertical motion and the
knee's frontal-plane projection angle (FPPA) at the bottom of each rep. Pure functions.

FPPA: the angle between thigh (hip→knee) and shank (knee→ankle) in the picture, positive when
the knee sits inside the hip-ankle line (valgus, "knee caves in"), negative outside it.
The verdict feeds PR-4: "knee caved in" → slow down and raise the box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gerdy.video.gait import leg_length, mid_hip, peaks
from gerdy.video.geometry import Point, joint_angle, point_at
from gerdy.video.pose import SIDES
from gerdy.video.series import LandmarkSeries

# Munro, Herrington & Carolan 2012 (J Sport Rehabil 21(1)), 2-D FPPA in the single-leg squat:
# healthy values up to about 12° in women and 9° in men. gerdy decision: more than 10° of
# valgus at the bottom of a rep is "knee caved in" (ST-6's cue: knee over the 2nd toe).
VALGUS_LIMIT_DEG = 10.0
VALGUS_SOURCE = (
    "gerdy decision from Munro, Herrington & Carolan 2012 (J Sport Rehabil): healthy "
    "single-leg squat FPPA up to about 12° (women) and 9° (men); ST-6: knee over the 2nd toe"
)
KNEE_OVER_TOE = "knee stayed over the second toe"
KNEE_CAVED_IN = "knee caved in"
MIN_REP_S = 1.0  # a controlled single-leg squat takes longer than this
MIN_DEPTH_LEG_LENGTHS = 0.1


@dataclass(frozen=True)
class Rep:
    number: int
    sample: int
    frame: int
    time_s: float
    knee_valgus_deg: float | None

    @property
    def verdict(self) -> str:
        if self.knee_valgus_deg is None:
            return "knee not seen"
        return KNEE_CAVED_IN if self.knee_valgus_deg > VALGUS_LIMIT_DEG else KNEE_OVER_TOE

    def to_json(self) -> dict[str, object]:
        return {
            "rep": self.number,
            "frame": self.frame,
            "time_s": round(self.time_s, 3),
            "knee_valgus_deg": None
            if self.knee_valgus_deg is None
            else round(self.knee_valgus_deg, 1),
            "verdict": self.verdict,
        }


def knee_valgus_deg(hip: Point, knee: Point, ankle: Point, medial: int) -> float:
    """FPPA in degrees, positive toward `medial` (+1: the body's midline is to the right in
    the picture, -1: to the left)."""
    bend = 180.0 - joint_angle(hip, knee, ankle)
    dy = ankle[1] - hip[1]
    t = (knee[1] - hip[1]) / dy if dy else 0.5
    line_x = hip[0] + (ankle[0] - hip[0]) * t
    offset = (knee[0] - line_x) * medial
    return math.copysign(bend, offset) if offset else 0.0


def squat_reps(series: LandmarkSeries, side: str) -> list[Rep]:
    """Each rep's bottom (the hips lowest in the picture) with the stance knee's FPPA there."""
    length = leg_length(series)
    if length is None:
        return []
    ids = SIDES[side]
    other_hip = SIDES["right" if side == "left" else "left"]["hip"]
    bottoms = peaks(mid_hip(series, "y"), series.times, MIN_REP_S, MIN_DEPTH_LEG_LENGTHS * length)
    reps = []
    for number, i in enumerate(bottoms, start=1):
        hip, knee = point_at(series, ids["hip"], i), point_at(series, ids["knee"], i)
        ankle, far_hip = point_at(series, ids["ankle"], i), point_at(series, other_hip, i)
        angle = None
        if hip and knee and ankle and far_hip:
            angle = knee_valgus_deg(hip, knee, ankle, 1 if far_hip[0] > hip[0] else -1)
        frame = series.frames[i]
        reps.append(Rep(number, i, frame.index, frame.time_s, angle))
    return reps
