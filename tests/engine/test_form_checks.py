"""Saved video form checks (`gerdy analyze --save`) feed RF-1's cadence and PR-4's box."""

from __future__ import annotations

from gerdy.engine import DayPlan

from .conftest import Rehab


def squat_level(rehab: Rehab, plan: DayPlan) -> str:
    level = rehab.task_for(plan, "single_leg_box_squat", "strength").level
    assert level is not None
    return level


def test_rf_1_running_form_check_cadence_is_a_measurement(rehab: Rehab) -> None:
    rehab.set(cadence_spm=160)
    rehab.add(20, "form_check", view="side", activity="running", cadence_spm=166)
    cadence = rehab.cadence_of(rehab.plan(21))
    assert cadence.current == 166
    assert cadence.target == round(166 * 1.075)  # 14+ days after the first measurement


def test_rf_1_walking_form_check_is_not_a_running_cadence(rehab: Rehab) -> None:
    rehab.set(cadence_spm=160)
    rehab.add(20, "form_check", view="side", activity="walking", cadence_spm=104)
    assert rehab.cadence_of(rehab.plan(21)).current == 160


def test_pr_4_squat_video_with_a_caved_knee_raises_the_box(rehab: Rehab) -> None:
    before = squat_level(rehab, rehab.plan(8))
    rehab.add(
        8, "form_check", view="front", exercise="single_leg_box_squat", side="left",
        reps=[{"knee_valgus_deg": 4, "caved_in": False}, {"knee_valgus_deg": 15, "caved_in": True}],
    )  # fmt: skip
    after = squat_level(rehab, rehab.plan(10))
    assert before != after
    assert "55" in after and "50" in before


def test_pr_4_squat_video_with_the_knee_over_the_toe_changes_nothing(rehab: Rehab) -> None:
    before = squat_level(rehab, rehab.plan(8))
    rehab.add(8, "form_check", view="front", exercise="single_leg_box_squat", side="left",
              reps=[{"knee_valgus_deg": 3, "caved_in": False}])  # fmt: skip
    assert squat_level(rehab, rehab.plan(10)) == before
