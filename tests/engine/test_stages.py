"""The stage model: protect -> return-1 -> return-2 -> return-3 -> progress, week by week
(RTR-1..3's "pain-free week"), the reduced track's shortcut to progress (P1-2), and the
pauses that step one return week back (WS-1, WS-4, RED-1..3), never to `protect`."""

from __future__ import annotations

from .conftest import Rehab


def test_p1_2_protect_from_day_1_on_both_tracks(rehab: Rehab) -> None:
    assert rehab.plan(1).stage == "protect"
    assert rehab.plan(1).stage_since == rehab.date(1)
    assert rehab.plan(1).day == 1 and rehab.plan(1).week == 1
    assert rehab.plan(15).week == 3
    rehab.set(track="reduced")
    assert rehab.plan(1).stage == "protect"
    assert rehab.plan(1).track == "reduced"


def test_rtr_1_return_week_1_is_the_gate_day_and_the_six_days_after(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.runs([8, 10, 12], 15)
    plans = rehab.plans(8, 15)
    assert [p.stage for p in plans[:7]] == ["return-1"] * 7
    assert plans[0].return_week == 1
    assert plans[7].stage == "return-2"
    assert plans[7].stage_since == rehab.date(15)


def test_rtr_1_return_week_counted_from_a_gate_met_mid_week(rehab: Rehab) -> None:
    rehab.checkins(1, 2, pain=2)
    rehab.checkins(3, 20)  # streak reaches 7 on day 9 (a Tuesday)
    rehab.strength(8)
    rehab.runs([9, 11, 13], 12)
    assert rehab.plan(9).stage == "return-1"
    assert rehab.plan(15).stage == "return-1"
    assert rehab.plan(16).stage == "return-2"


def test_rtr_2_pain_free_week_1_moves_to_return_2(rehab: Rehab) -> None:
    assert rehab.climb("return-2") == 15
    plan = rehab.plan(15)
    assert plan.stage == "return-2"
    assert plan.run.rule == "RTR-2"


def test_rtr_2_week_1_with_a_painful_run_is_repeated(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.run(8, 15)
    rehab.run(10, 15, pain_during=2)
    rehab.run(12, 15)
    plan = rehab.plan(15)
    assert plan.stage == "return-1"
    assert plan.stage_since == rehab.date(15)
    assert plan.run.max_minutes == 15


def test_rtr_2_return_week_without_any_run_is_repeated(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    assert rehab.plan(15).stage == "return-1"
    assert rehab.plan(15).stage_since == rehab.date(15)


def test_rtr_2_run_with_unrated_pain_is_not_pain_free(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.run(8, 15)
    rehab.run(10, 15, pain_during=None)
    assert rehab.plan(15).stage == "return-1"


def test_rtr_2_ws_event_in_the_week_means_it_is_not_pain_free(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.runs([8, 10, 12], 15)
    rehab.strength(10, clamshell={"pain": 1})  # WS-3
    assert rehab.plan(15).stage == "return-1"


def test_rtr_3_pain_free_return_2_moves_to_return_3(rehab: Rehab) -> None:
    assert rehab.climb("return-3") == 22
    plan = rehab.plan(22)
    assert plan.stage == "return-3"
    assert plan.run.rule == "RTR-3"


def test_rtr_3_painful_return_2_week_is_repeated(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.runs([15, 17], 20)
    rehab.run(19, 20, pain_during=1)
    assert rehab.plan(22).stage == "return-2"


def test_rtr_4_pain_free_return_3_moves_to_progress(rehab: Rehab) -> None:
    assert rehab.climb("progress") == 29
    plan = rehab.plan(29)
    assert plan.stage == "progress"
    assert plan.return_week is None
    assert plan.run.rule == "RTR-4"
    rehab.checkins(29, 92)  # checking in every day (RTR-7)
    assert rehab.plan(120).stage == "progress"  # maintenance: progress has no end


def test_p1_2_reduced_track_gate_goes_straight_to_progress(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.reach_gate(8)
    plan = rehab.plan(8)
    assert plan.stage == "progress"
    assert plan.track == "reduced"
    assert plan.gate.met_on == rehab.date(8)


def test_p1_2_reduced_track_with_a_warning_sign_returns_through_return_1(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.checkins(1, 9)
    rehab.run(2, 20, pain_worsened=True)  # WS-1 in protect: to the break track
    rehab.strength(9)
    plan = rehab.plan(9)
    assert plan.track == "break"
    assert plan.stage == "return-1"


def test_ws_1_pause_never_goes_back_to_protect_nor_asks_for_the_gate(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.run(15, 20, pain_worsened=True)
    rehab.checkins(16, 3)
    plans = rehab.plans(15, 18)
    assert [p.stage for p in plans] == ["paused", "paused", "paused", "return-1"]
    # no strength session since the gate day and no 7-day streak: the gate is not asked again
    assert plans[-1].gate.met_on == rehab.date(8)


def test_one_week_lower_from_each_stage(rehab: Rehab) -> None:
    cases = {"return-1": "return-1", "return-2": "return-1", "return-3": "return-2",
             "progress": "return-3"}  # fmt: skip
    for stage, lower in cases.items():
        runner = type(rehab)(rehab.protocol)
        first = runner.climb(stage)
        runner.run(first + 1, 10, pain_worsened=True)  # WS-1
        runner.checkins(first + 2, 3)
        assert runner.plan(first + 1).stage == "paused", stage
        assert runner.plan(first + 4).stage == lower, stage
        assert runner.plan(first + 4).stage_since == runner.date(first + 4)


def test_rtr_2_resumed_stage_counts_its_week_from_the_resume_day(rehab: Rehab) -> None:
    rehab.climb("return-2")
    rehab.run(15, 20, pain_worsened=True)
    rehab.checkins(16, 3)  # resumes return-1 on day 18
    rehab.runs([18, 20, 22], 15)
    assert rehab.plan(24).stage == "return-1"
    assert rehab.plan(25).stage == "return-2"
