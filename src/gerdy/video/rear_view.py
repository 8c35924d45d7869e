"""Rear-view running metrics (pure): step width relative to hip width, crossovers (RF-3) and
contralateral pelvic drop at mid-stance per side (RF-4, ED-2).

Image x is the runner's left-right from behind; the hips say which side is which, so a
mirrored video or MediaPipe's own left/right do not change the answers. The camera must be
level: a tilted picture adds its tilt to the pelvic drop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from gerdy.video.gait import MAX_STEP_S, Contact, step_intervals
from gerdy.video.geometry import point_at, tilt_deg
from gerdy.video.pose import SIDES
from gerdy.video.series import LandmarkSeries, median

# RF-3 "land each foot under its own hip": a heel whose centre lands within this many hip
# widths of the pelvis midline, or across it, counts as a crossover (gerdy decision: a foot is
# about 0.3 hip widths wide, so at 0.1 its inner edge is already on or past the midline).
CROSSOVER_MARGIN = 0.1
# Contralateral pelvic drop (ED-2): gerdy flags more than this at mid-stance. Injured runners
# showed more drop than healthy ones in Bramah et al. 2018 (Am J Sports Med 46(12)); there is
# no agreed cut-off, so this is a gerdy decision to show the number in context, not a diagnosis.
PELVIC_DROP_FLAG_DEG = 5.0
MID_STANCE_WINDOW = 0.25  # ± this share of a step around the foot's stance event


@dataclass(frozen=True)
class FootPlacement:
    contact: Contact
    side: str  # the foot (left | right) as told by the hips, not by the model's label
    offset_hip_widths: float  # heel centre from the midline toward its own side (+) or across (-)
    hip_width_px: float
    x_px: float


def placements(series: LandmarkSeries, contacts: Sequence[Contact]) -> list[FootPlacement]:
    found = []
    for contact in contacts:
        if contact.foot not in SIDES:
            continue
        ids = SIDES[contact.foot]
        other = SIDES["right" if contact.foot == "left" else "left"]
        hip = point_at(series, ids["hip"], contact.sample)
        other_hip = point_at(series, other["hip"], contact.sample)
        heel = point_at(series, ids["heel"], contact.sample) or point_at(
            series, ids["ankle"], contact.sample
        )
        if hip is None or other_hip is None or heel is None:
            continue
        width = abs(hip[0] - other_hip[0])
        if width <= 0:
            continue
        mid = (hip[0] + other_hip[0]) / 2
        own = 1 if hip[0] > mid else -1
        found.append(
            FootPlacement(contact, contact.foot, (heel[0] - mid) * own / width, width, heel[0])
        )
    return found


def step_width_ratio(feet: Sequence[FootPlacement]) -> float | None:
    """Median lateral distance between consecutive opposite-foot contacts over hip width."""
    ratios = []
    for a, b in pairwise(feet):
        if a.side != b.side and 0 < b.contact.time_s - a.contact.time_s <= MAX_STEP_S:
            ratios.append(abs(a.x_px - b.x_px) / ((a.hip_width_px + b.hip_width_px) / 2))
    return median(ratios) if ratios else None


def crossovers(feet: Sequence[FootPlacement]) -> int:
    """Contacts with the foot at or across the midline (RF-3)."""
    return sum(1 for f in feet if f.offset_hip_widths <= CROSSOVER_MARGIN)


def pelvic_drop(series: LandmarkSeries, contacts: Sequence[Contact]) -> dict[str, float | None]:
    """Per stance leg, the median over its steps of the peak contralateral pelvic drop around
    mid-stance (degrees; positive: the other hip is lower than the stance hip)."""
    steps = step_intervals(contacts)
    step = median(steps) if steps else None
    out: dict[str, float | None] = {"left": None, "right": None}
    if step is None:
        return out
    times = series.times
    for side in ("left", "right"):
        stance_hip = SIDES[side]["hip"]
        free_hip = SIDES["right" if side == "left" else "left"]["hip"]
        drops = []
        for contact in (c for c in contacts if c.foot == side):
            window = [
                i for i, t in enumerate(times)
                if abs(t - contact.time_s) <= MID_STANCE_WINDOW * step
            ]  # fmt: skip
            angles = []
            for i in window:
                low, high = point_at(series, free_hip, i), point_at(series, stance_hip, i)
                if low is not None and high is not None:
                    angles.append(tilt_deg(low, high))
            if angles:
                drops.append(max(angles))
        out[side] = median(drops) if drops else None
    return out
