"""The metrics on synthetic landmark series with known answers (no model, no video)."""

from __future__ import annotations

import math

import pytest

from gerdy.video import gait, rear_view, side_view, squat
from gerdy.video.series import fill_gaps, segments, smooth

from .synthetic import build, rear_gait, side_gait
from .synthetic import squat as squat_motion


def test_fill_gaps_bridges_short_gaps_only() -> None:
    assert fill_gaps([1.0, None, 3.0], 1) == [1.0, 2.0, 3.0]
    assert fill_gaps([1.0, None, None, 4.0], 1) == [1.0, None, None, 4.0]
    assert fill_gaps([None, 1.0, None], 3) == [None, 1.0, None]  # no extrapolation


def test_smooth_keeps_gaps_and_averages() -> None:
    assert smooth([1.0, 2.0, 3.0, None, 5.0], 1) == [1.5, 2.0, 2.5, None, 5.0]
    assert segments([None, 1.0, 2.0, None, 3.0]) == [(1, 3), (4, 5)]


@pytest.mark.parametrize(("cadence", "duty", "speed"), [(104.0, 0.6, 1.3), (172.0, 0.35, 3.2)])
@pytest.mark.parametrize("direction", [1, -1])
def test_side_view_cadence_contacts_and_activity(
    cadence: float, duty: float, speed: float, direction: int
) -> None:
    series = build(side_gait(cadence, duty=duty, speed_legs=speed, direction=direction),
                   seconds=6, noise_px=1.0, dropout=0.03, width=8000)  # fmt: skip
    contacts, toe_offs = gait.side_view_events(series)
    stride = 120 / cadence
    expected = [0.25 + k * stride / 2 for k in range(1, 40) if 0.25 + k * stride / 2 < 6.0]
    found = [c.time_s for c in contacts]
    assert len(found) >= len(expected) - 2, found
    for t in found:
        assert min(abs(t - e) for e in [0.25, *expected]) <= 1.5 / 30
    assert gait.cadence_spm(contacts) == pytest.approx(cadence, rel=0.04)
    call = gait.classify_activity(
        gait.cadence_spm(contacts),
        toe_off_lag=gait.toe_off_lag(contacts, toe_offs),
        speed=gait.speed_leg_lengths(series),
    )
    assert call.activity == ("walking" if cadence < 135 else "running"), call.reasons


def test_side_view_overstride_and_knee_flexion_known() -> None:
    make = side_gait(170.0, duty=0.35, speed_legs=3.0, reach=0.35)
    series = build(make, seconds=4, width=8000)
    contacts, _ = gait.side_view_events(series)
    over = side_view.typical(side_view.overstride_per_contact(series, contacts))
    length = gait.leg_length(series)
    assert length is not None
    # the heel is 0.35 x 300 px ahead of the hip at contact; leg length as measured (hip-knee-ankle)
    assert over == pytest.approx(0.35 * 300 / length, rel=0.05)
    points = make(contacts[1].time_s)
    expected = side_gait_knee(points)
    knee = side_view.knee_flexion_per_contact(series, contacts)[1]
    assert knee == pytest.approx(expected, abs=2.0)


def side_gait_knee(points: dict[int, tuple[float, float]]) -> float:
    from gerdy.video.geometry import flexion

    best = max(("left", "right"), key=lambda s: points[29 if s == "left" else 30][0])
    ids = {"left": (23, 25, 27), "right": (24, 26, 28)}[best]
    return flexion(points[ids[0]], points[ids[1]], points[ids[2]])


def test_activity_is_unknown_when_cues_disagree_or_are_missing() -> None:
    assert gait.classify_activity(None).activity == "unknown"
    assert gait.classify_activity(100.0).activity == "unknown"  # cadence alone is not enough
    assert gait.classify_activity(100.0, toe_off_lag=0.7).activity == "unknown"
    assert gait.classify_activity(145.0, toe_off_lag=0.7, speed=3.0).activity == "unknown"
    assert gait.classify_activity(170.0, toe_off_lag=0.7, speed=3.0).activity == "running"


def test_rear_view_step_width_crossovers_and_pelvic_drop_known() -> None:
    series = build(
        rear_gait(176.0, left_out=30, right_out=40, drop_left_deg=6.0, drop_right_deg=3.0),
        seconds=8, noise_px=0.5, dropout=0.02,
    )  # fmt: skip
    contacts = gait.rear_view_contacts(series)
    assert gait.cadence_spm(contacts) == pytest.approx(176.0, rel=0.04)
    feet = rear_view.placements(series, contacts)
    assert rear_view.step_width_ratio(feet) == pytest.approx(70 / 100, abs=0.05)
    assert rear_view.crossovers(feet) == 0
    drop = rear_view.pelvic_drop(series, contacts)
    assert drop["left"] == pytest.approx(6.0, abs=1.0)
    assert drop["right"] == pytest.approx(3.0, abs=1.0)
    call = gait.classify_activity(
        gait.cadence_spm(contacts), oscillation=gait.vertical_oscillation(series, contacts)
    )
    assert call.activity == "running", call.reasons


def test_rear_view_counts_crossovers_RF_3() -> None:
    series = build(rear_gait(170.0, right_cross_every=2), seconds=8)
    contacts = gait.rear_view_contacts(series)
    feet = rear_view.placements(series, contacts)
    rights = [f for f in feet if f.side == "right"]
    crossed = rear_view.crossovers(feet)
    assert crossed == pytest.approx(len(rights) / 2, abs=1)
    assert all(f.offset_hip_widths > 0.2 for f in feet if f.side == "left")


def test_squat_reps_and_knee_valgus_ST_6_PR_4() -> None:
    angles = [4.0, 16.0, 8.0, 22.0]
    series = build(squat_motion(angles), seconds=12.5, noise_px=0.5)
    reps = squat.squat_reps(series, "left")
    assert len(reps) == 4
    for rep, angle in zip(reps, angles, strict=True):
        assert rep.knee_valgus_deg == pytest.approx(angle, abs=1.5)
    assert [r.verdict for r in reps] == [
        squat.KNEE_OVER_TOE,
        squat.KNEE_CAVED_IN,
        squat.KNEE_OVER_TOE,
        squat.KNEE_CAVED_IN,
    ]


def test_squat_right_leg_and_varus_is_negative() -> None:
    series = build(squat_motion([-6.0, 12.0], side="right"), seconds=6.5)
    reps = squat.squat_reps(series, "right")
    assert [round(r.knee_valgus_deg or 0) for r in reps] == [-6, 12]


def test_knee_valgus_geometry() -> None:
    # hip above ankle, knee 10 px toward the midline (+1: midline to the right) at mid-height
    angle = squat.knee_valgus_deg((0.0, 0.0), (10.0, 100.0), (0.0, 200.0), medial=1)
    assert angle == pytest.approx(2 * math.degrees(math.atan(10 / 100)), abs=0.01)
    assert squat.knee_valgus_deg((0.0, 0.0), (10.0, 100.0), (0.0, 200.0), medial=-1) < 0


def test_few_contacts_give_no_cadence() -> None:
    series = build(side_gait(110.0, duty=0.6, speed_legs=1.3), seconds=1.2, width=8000)
    contacts, _ = gait.side_view_events(series)
    assert gait.cadence_spm(contacts) is None
