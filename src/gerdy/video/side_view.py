"""Side-view running metrics (pure): over-striding (RF-2) and knee flexion at contact.

Over-striding: how far the landing heel is ahead of the hip at contact, in leg lengths
(hip-knee-ankle). Knee flexion at contact: 0° with the leg straight; the band is loaded most
near 30° of flexion (ED-1 of the protocol), so it is shown, not judged.
"""

from __future__ import annotations

from collections.abc import Sequence

from gerdy.video.gait import Contact, foot_reach, leg_length, travel_direction
from gerdy.video.geometry import flexion, point_at
from gerdy.video.pose import SIDES
from gerdy.video.series import LandmarkSeries, median

# RF-2: there is no agreed cut-off for "landing too far ahead"; gerdy flags a heel landing more
# than this many leg lengths ahead of the hip (gerdy decision), and only for running.
OVERSTRIDE_FLAG_LEG_LENGTHS = 0.3


def overstride_per_contact(
    series: LandmarkSeries, contacts: Sequence[Contact]
) -> list[float | None]:
    """Heel ahead of the hip at each contact, in leg lengths (the leading foot's heel)."""
    length = leg_length(series)
    if not length:
        return [None for _ in contacts]
    reach = foot_reach(series, "heel", travel_direction(series))
    out: list[float | None] = []
    for contact in contacts:
        ahead = [v for v in (r[contact.sample] for r in reach.values()) if v is not None]
        out.append(max(ahead) / length if ahead else None)
    return out


def knee_flexion_per_contact(
    series: LandmarkSeries, contacts: Sequence[Contact]
) -> list[float | None]:
    """Knee flexion (degrees) of the landing leg at each contact."""
    direction = travel_direction(series)
    reach = foot_reach(series, "heel", direction)
    out: list[float | None] = []
    for contact in contacts:
        side = contact.foot
        if side not in SIDES:
            left, right = reach["left"][contact.sample], reach["right"][contact.sample]
            side = "left" if right is None or (left is not None and left >= right) else "right"
        ids = SIDES[side]
        hip = point_at(series, ids["hip"], contact.sample)
        knee = point_at(series, ids["knee"], contact.sample)
        ankle = point_at(series, ids["ankle"], contact.sample)
        out.append(None if None in (hip, knee, ankle) else flexion(hip, knee, ankle))  # type: ignore[arg-type]
    return out


def typical(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return median(known) if known else None
