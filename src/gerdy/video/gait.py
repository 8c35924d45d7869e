"""Gait events and cadence from landmark series: pure functions, no model, no I/O.

- Foot contacts, side view: the leading foot's heel furthest ahead of the hip (Zeni et al.,
  2008, "Two simple methods for determining gait events during treadmill and overground
  walking using kinematic data"); label-free, so MediaPipe swapping the legs does not matter.
  Toe-offs likewise: the trailing toe furthest behind the hip.
- Foot contacts, rear view: each foot's lowest point in the picture (it is on the ground).
- Cadence (RF-1): steps/min, both feet, from the median time between consecutive contacts.
- Activity: running / walking / unknown from cadence, double support and speed cues; it
  says `unknown` unless at least two cues agree and none disagrees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from gerdy.video.pose import SIDES
from gerdy.video.series import LandmarkSeries, Values, median, sample_step, segments

MIN_STEP_S = 0.25  # no one takes more than 4 steps a second (240 steps/min)
MAX_STEP_S = 1.5  # a longer pause between contacts is not part of a gait cycle
MIN_CONTACTS = 4


@dataclass(frozen=True)
class Contact:
    sample: int  # position in the series
    frame: int  # frame index in the video
    time_s: float
    foot: str  # left | right | unknown

    def to_json(self) -> dict[str, object]:
        return {"frame": self.frame, "time_s": round(self.time_s, 3), "foot": self.foot}


def peaks(
    values: Sequence[float | None],
    times: Sequence[float],
    min_separation_s: float,
    min_prominence: float,
) -> list[int]:
    """Indices of local maxima that rise `min_prominence` above the lowest value within
    `min_separation_s` on both sides, at least `min_separation_s` apart (the highest wins).
    A maximum with too little signal on one side (the series starts or stops there) is left
    out: the subject entering or leaving the picture is not an event."""
    dt = sample_step(times)
    half = max(1, round(min_separation_s / dt))
    found: list[int] = []
    for start, stop in segments(values):
        run = [v for v in values[start:stop] if v is not None]
        for k in range(1, len(run) - 1):
            v = run[k]
            if v < run[k - 1] or v < run[k + 1]:
                continue
            left, right = run[max(0, k - half) : k], run[k + 1 : k + half + 1]
            if len(left) < half // 2 or len(right) < half // 2:
                continue
            if v - max(min(left), min(right)) >= min_prominence:
                found.append(start + k)
    found.sort(key=lambda i: -(values[i] or 0.0))
    kept: list[int] = []
    for i in found:
        if all(abs(times[i] - times[j]) >= min_separation_s for j in kept):
            kept.append(i)
    return sorted(kept)


def mid_hip(series: LandmarkSeries, axis: str) -> Values:
    left = series.coordinate(SIDES["left"]["hip"], axis)
    right = series.coordinate(SIDES["right"]["hip"], axis)
    return [
        None if a is None and b is None else (a + b) / 2 if a is not None and b is not None
        else a if a is not None else b
        for a, b in zip(left, right, strict=True)
    ]  # fmt: skip


def leg_length(series: LandmarkSeries) -> float | None:
    """Median hip-knee plus knee-ankle length in pixels over the frames where both are seen."""
    lengths: list[float] = []
    for side in ("left", "right"):
        ids = SIDES[side]
        hx, hy = series.coordinate(ids["hip"], "x"), series.coordinate(ids["hip"], "y")
        kx, ky = series.coordinate(ids["knee"], "x"), series.coordinate(ids["knee"], "y")
        ax, ay = series.coordinate(ids["ankle"], "x"), series.coordinate(ids["ankle"], "y")
        for p in zip(hx, hy, kx, ky, ax, ay, strict=True):
            if None not in p:
                a, b, c, d, e, f = (float(q) for q in p if q is not None)
                lengths.append(math.hypot(a - c, b - d) + math.hypot(c - e, d - f))
    return median(lengths) if lengths else None


def travel_direction(series: LandmarkSeries) -> int:
    """+1 if the subject faces/moves right in the picture, -1 if left (side view): the foot
    points forward (toe ahead of heel); the hip's motion decides a tie."""
    votes = 0.0
    for side in ("left", "right"):
        toe = series.coordinate(SIDES[side]["toe"], "x")
        heel = series.coordinate(SIDES[side]["heel"], "x")
        votes += sum(
            math.copysign(1, t - h)
            for t, h in zip(toe, heel, strict=True)
            if t is not None and h is not None
        )
    if votes:
        return 1 if votes > 0 else -1
    hip = [v for v in mid_hip(series, "x") if v is not None]
    return 1 if len(hip) < 2 or hip[-1] >= hip[0] else -1


def foot_reach(series: LandmarkSeries, part: str, direction: int) -> dict[str, Values]:
    """Per foot, how far `part` (heel, toe or ankle) is ahead of the hip, in pixels."""
    hip = mid_hip(series, "x")
    reach: dict[str, Values] = {}
    for side in ("left", "right"):
        foot = series.coordinate(SIDES[side][part], "x")
        if all(v is None for v in foot):
            foot = series.coordinate(SIDES[side]["ankle"], "x")
        reach[side] = [
            None if f is None or h is None else (f - h) * direction
            for f, h in zip(foot, hip, strict=True)
        ]
    return reach


def _extreme_foot(reach: dict[str, Values], sign: int) -> tuple[Values, list[str]]:
    """Per frame the leading (sign +1) or trailing (-1) foot's reach and which foot it is."""
    best: Values = []
    which: list[str] = []
    for a, b in zip(reach["left"], reach["right"], strict=True):
        if a is None and b is None:
            best.append(None)
            which.append("unknown")
        elif b is None or (a is not None and a * sign >= b * sign):
            best.append(sign * a if a is not None else None)
            which.append("left")
        else:
            best.append(sign * b)
            which.append("right")
    return best, which


def side_view_events(series: LandmarkSeries) -> tuple[list[Contact], list[Contact]]:
    """(contacts, toe-offs) in a side view: peaks of the leading heel's reach ahead of the
    hip and of the trailing toe's reach behind it."""
    length = leg_length(series)
    if length is None:
        return [], []
    direction = travel_direction(series)
    times = series.times
    events: list[list[Contact]] = []
    for part, sign in (("heel", 1), ("toe", -1)):
        signal, which = _extreme_foot(foot_reach(series, part, direction), sign)
        found = peaks(signal, times, MIN_STEP_S, 0.15 * length)
        events.append([_contact(series, i, _label(signal, which, i)) for i in found])
    return events[0], events[1]


def _label(signal: Values, which: list[str], i: int) -> str:
    return which[i] if signal[i] is not None else "unknown"


def rear_view_contacts(series: LandmarkSeries) -> list[Contact]:
    """Per foot, its lowest point in the picture (largest y): the foot is on the ground."""
    length = leg_length(series)
    if length is None:
        return []
    found: list[Contact] = []
    for side in ("left", "right"):
        heel = series.coordinate(SIDES[side]["heel"], "y")
        if all(v is None for v in heel):
            heel = series.coordinate(SIDES[side]["ankle"], "y")
        for i in peaks(heel, series.times, 2 * MIN_STEP_S, 0.05 * length):
            found.append(_contact(series, i, side))
    return sorted(found, key=lambda c: c.time_s)


def _contact(series: LandmarkSeries, i: int, foot: str) -> Contact:
    frame = series.frames[i]
    return Contact(sample=i, frame=frame.index, time_s=frame.time_s, foot=foot)


def step_intervals(contacts: Sequence[Contact]) -> list[float]:
    """Times between consecutive contacts, leaving out pauses and gaps (> MAX_STEP_S)."""
    ordered = sorted(c.time_s for c in contacts)
    return [b - a for a, b in pairwise(ordered) if 0 < b - a <= MAX_STEP_S]


def cadence_spm(contacts: Sequence[Contact]) -> float | None:
    """Steps per minute, both feet (RF-1), from the mean step time over the steps within 30%
    of the median one (a missed or doubled contact does not count; frame-rate rounding
    averages out); None with fewer than MIN_CONTACTS contacts in gait."""
    steps = step_intervals(contacts)
    if len(steps) < MIN_CONTACTS - 1:
        return None
    typical = median(steps)
    usual = [s for s in steps if abs(s - typical) <= 0.3 * typical]
    return 60.0 * len(usual) / sum(usual)


def toe_off_lag(contacts: Sequence[Contact], toe_offs: Sequence[Contact]) -> float | None:
    """Median delay from a contact to the next toe-off, as a fraction of the step time.
    Walking has double support: the other foot leaves soon after a contact (about 0.2 of a
    step); running has none: the next toe-off is the landing foot's own (about 0.6-0.8)."""
    offs = sorted(t.time_s for t in toe_offs)
    steps = step_intervals(contacts)
    if not offs or not steps:
        return None
    step = median(steps)
    lags = []
    for contact in contacts:
        later = [t - contact.time_s for t in offs if 0 < t - contact.time_s < step]
        if later:
            lags.append(later[0] / step)
    return median(lags) if len(lags) >= 2 else None


def speed_leg_lengths(series: LandmarkSeries) -> float | None:
    """Median horizontal hip speed over the picture, in leg lengths per second."""
    length = leg_length(series)
    hip = mid_hip(series, "x")
    times = series.times
    speeds = []
    for start, stop in segments(hip):
        if stop - start >= 2:
            a, b = hip[start], hip[stop - 1]
            assert a is not None and b is not None
            span = times[stop - 1] - times[start]
            if span > 0.3:
                speeds.append(abs(b - a) / span)
    if not speeds or not length:
        return None
    return median(speeds) / length


def vertical_oscillation(series: LandmarkSeries, contacts: Sequence[Contact]) -> float | None:
    """Median peak-to-peak hip height change within each step, in leg lengths."""
    length = leg_length(series)
    hip = mid_hip(series, "y")
    ordered = sorted(contacts, key=lambda c: c.sample)
    swings = []
    for a, b in pairwise(ordered):
        if 0 < b.time_s - a.time_s <= MAX_STEP_S:
            ys = [v for v in hip[a.sample : b.sample + 1] if v is not None]
            if len(ys) >= 3:
                swings.append(max(ys) - min(ys))
    if not swings or not length:
        return None
    return median(swings) / length


@dataclass(frozen=True)
class ActivityCall:
    activity: str  # running | walking | unknown
    reasons: list[str]


WALKING_CADENCE_BELOW = 135.0  # steps/min
RUNNING_CADENCE_ABOVE = 150.0


def classify_activity(  # noqa: C901 -- one branch per gait signal, read as a table
    cadence: float | None,
    *,
    toe_off_lag: float | None = None,
    speed: float | None = None,
    oscillation: float | None = None,
) -> ActivityCall:
    """Conservative: a label needs the cadence cue and at least one other cue to agree, and
    no cue to disagree; otherwise `unknown`, with the reasons either way."""
    if cadence is None:
        return ActivityCall("unknown", ["too few foot contacts to measure a cadence"])
    votes: list[tuple[str, str]] = []
    if cadence < WALKING_CADENCE_BELOW:
        votes.append(("walking", f"cadence {cadence:.0f} steps/min is a walking cadence"))
    elif cadence > RUNNING_CADENCE_ABOVE:
        votes.append(("running", f"cadence {cadence:.0f} steps/min is a running cadence"))
    else:
        votes.append(("", f"cadence {cadence:.0f} steps/min fits walking or running"))
    if toe_off_lag is not None:
        if toe_off_lag < 0.4:
            votes.append(("walking", "both feet on the ground after each contact (double support)"))
        elif toe_off_lag > 0.5:
            votes.append(("running", "no double support: a flight or single-support gait"))
    if speed is not None and speed > 0.5:  # below that: a treadmill, or no signal
        if speed < 1.8:
            votes.append(("walking", f"moves {speed:.1f} leg lengths/s: walking speed"))
        elif speed > 2.6:
            votes.append(("running", f"moves {speed:.1f} leg lengths/s: running speed"))
    if oscillation is not None:
        if oscillation < 0.04:
            votes.append(("walking", f"hips rise and fall {oscillation:.2f} leg lengths a step"))
        elif oscillation > 0.08:
            votes.append(("running", f"hips rise and fall {oscillation:.2f} leg lengths a step"))
    labels = {label for label, _ in votes if label}
    reasons = [reason for _, reason in votes]
    cadence_label = votes[0][0]
    if cadence_label and labels == {cadence_label} and len([v for v in votes if v[0]]) >= 2:
        return ActivityCall(cadence_label, reasons)
    return ActivityCall("unknown", [*reasons, "the cues do not agree enough to say"])
