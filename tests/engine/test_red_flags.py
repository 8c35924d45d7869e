"""RED-1..11: red flags are shown first and every day until a clearance names them; RED-1..3
(and, v1.2, RED-6 and RED-10) also pause running and loaded strength work until then."""

from __future__ import annotations

import pytest

from gerdy.engine import DayPlan
from gerdy.protocol import Protocol

from .conftest import Rehab

NON_PAUSING = [
    ("RED-4", {"locking": True}),
    ("RED-5", {"front_of_knee": True}),
]
# v1.2: RED-6 (an unstable knee) pauses like RED-1..3 (it carried on in v1.1)
PAUSING = [
    ("RED-1", {"cannot_bear_weight": True}),
    ("RED-2", {"swelling": True, "instability": True}),
    ("RED-3", {"numbness": True}),
    ("RED-6", {"worse_knee_pushed_outward": True}),
    ("RED-6", {"instability": True}),
]


def red(rehab: Rehab, plan: DayPlan) -> list[str]:
    return rehab.alert_rules(plan, "red_flag")


# --- raised by a check-in, shown until cleared ----------------------------------------------------


@pytest.mark.parametrize(("flag", "symptoms"), NON_PAUSING)
def test_red_4_and_red_5_shown_daily_until_cleared_plan_carries_on(
    rehab: Rehab, flag: str, symptoms: dict[str, bool]
) -> None:
    rehab.climb("return-2")
    rehab.checkin(16, **symptoms)
    rehab.checkins(17, 9)  # checking in every day (RTR-7)
    for plan in rehab.plans(16, 25):
        assert red(rehab, plan) == [flag]
        assert plan.stage in ("return-2", "return-3")
    day17 = rehab.plan(17)
    assert day17.run.allowed is True
    assert rehab.has_strength(day17)
    assert rehab.alert(day17, flag).since == rehab.date(16)

    rehab.clearance(20, flag)
    assert red(rehab, rehab.plan(19)) == [flag]
    assert red(rehab, rehab.plan(20)) == []


@pytest.mark.parametrize(("flag", "symptoms"), PAUSING)
def test_red_1_to_red_3_and_red_6_pause_running_and_strength_until_cleared(
    rehab: Rehab, flag: str, symptoms: dict[str, bool]
) -> None:
    rehab.climb("return-2")
    rehab.checkin(16, **symptoms)
    for plan in rehab.plans(16, 22):
        assert flag in red(rehab, plan)
        assert plan.stage == "paused"
        assert plan.run.allowed is False
        assert not rehab.has_strength(plan)  # days 17, 19 and 22 are strength days
        assert not rehab.tasks_of(plan, "run")
    day17 = rehab.plan(17)
    assert day17.run.rule == flag
    assert "cleared you" in rehab.alert(day17, flag).text
    # rolling (weeks 1-4) and stretching stay, only if painless
    for task in rehab.tasks_of(day17, "roll") + rehab.tasks_of(day17, "stretch"):
        assert any("no pain" in note for note in task.notes)
    assert rehab.tasks_of(day17, "cross")

    rehab.checkin(23)  # no more swelling (WS-4 with RED-2)
    rehab.clearance(24, flag)
    resumed = rehab.plan(24)
    assert red(rehab, resumed) == []
    assert resumed.stage == "return-1"  # one return week lower
    assert resumed.run.allowed is True
    assert rehab.has_strength(rehab.plan(26))


def test_red_1_in_protect_removes_strength_and_holds_the_gate(rehab: Rehab) -> None:
    rehab.checkins(1, 14)
    rehab.checkin(5, cannot_bear_weight=True)
    rehab.strength(8)
    for plan in rehab.plans(5, 11):
        assert plan.stage == "protect"
        assert "RED-1" in red(rehab, plan)
        assert not any(t.kind == "strength" and not t.done for t in plan.tasks)
        assert plan.gate.met is False
    assert not rehab.has_strength(rehab.plan(10))
    rehab.clearance(12, "RED-1")
    day12 = rehab.plan(12)
    assert day12.gate.met_on == rehab.date(12)
    assert day12.stage == "return-1"


def test_red_1_clearance_must_name_the_flag(rehab: Rehab) -> None:
    rehab.checkin(2, cannot_bear_weight=True, locking=True)
    rehab.clearance(3, "RED-4")
    plan = rehab.plan(8)
    assert red(rehab, plan) == ["RED-1"]
    assert not rehab.has_strength(plan)


def test_red_1_raised_again_by_a_later_checkin_after_clearance(rehab: Rehab) -> None:
    rehab.checkin(2, cannot_bear_weight=True)
    rehab.clearance(3, "RED-1")
    rehab.checkin(9, cannot_bear_weight=True)
    assert red(rehab, rehab.plan(8)) == []
    assert red(rehab, rehab.plan(9)) == ["RED-1"]
    assert rehab.alert(rehab.plan(9), "RED-1").since == rehab.date(9)


def test_red_2_swelling_with_instability_not_red_6(rehab: Rehab) -> None:
    rehab.checkin(2, swelling=True, instability=True)
    assert red(rehab, rehab.plan(2)) == ["RED-2"]


def test_red_2_tender_swelling_with_instability(rehab: Rehab) -> None:
    rehab.checkin(2, tender_swelling=True, instability=True)
    assert red(rehab, rehab.plan(2)) == ["RED-2", "RED-7"]


def test_red_6_instability_without_swelling(rehab: Rehab) -> None:
    rehab.checkin(2, instability=True)
    assert red(rehab, rehab.plan(2)) == ["RED-6"]
    assert not rehab.has_strength(rehab.plan(8))  # v1.2: RED-6 pauses strength work


def test_red_7_tender_swelling_does_not_stop_strength(rehab: Rehab) -> None:
    rehab.checkin(2, tender_swelling=True)
    plan = rehab.plan(8)
    assert red(rehab, plan) == ["RED-7"]
    assert rehab.has_strength(plan)


def test_red_flags_come_first_and_say_see_a_professional_not_a_diagnosis(rehab: Rehab) -> None:
    rehab.checkin(2, pain=3, locking=True, front_of_knee=True)
    plan = rehab.plan(2)
    levels = [a.level for a in plan.alerts]
    assert levels[:2] == ["red_flag", "red_flag"]
    assert "info" in levels  # P1-5, P1-6 come after
    for item in plan.alerts[:2]:
        assert "not a diagnosis" in item.text
        assert "physiotherapist" in item.text


def test_red_1_to_red_11_every_flag_text_refers_to_a_professional(protocol: Protocol) -> None:
    for number in range(1, 12):
        flag = protocol.red_flag(f"RED-{number}")
        assert "not a diagnosis" in flag.text
        assert "physiotherapist" in flag.text
        assert flag.pauses is (number <= 3 or number in (6, 10))  # v1.2: RED-6, RED-10


# --- RED-8: not improving ----------------------------------------------------------------------


def faithful_runner(rehab: Rehab, last: int, pain_first: int = 2, pain_later: int = 2) -> None:
    """Check-ins every day (pain_first in week 1, then pain_later), every roll, stretch and
    scheduled strength session done, through day `last`."""
    rehab.checkins(1, 7, pain=pain_first)
    rehab.checkins(8, last - 7, pain=pain_later)
    for day in range(1, last + 1):
        if day <= 28:
            rehab.roll(day)
        rehab.stretch(day)
        if day >= 8 and (day - 1) % 7 in (0, 2, 4):
            rehab.strength(day)


def test_red_8_raised_from_day_43_when_pain_is_flat_and_adherence_good(rehab: Rehab) -> None:
    faithful_runner(rehab, 50)
    assert rehab.plan(42).adherence.ratio == 1.0
    assert "RED-8" not in red(rehab, rehab.plan(42))
    day43 = rehab.plan(43)
    assert "RED-8" in red(rehab, day43)
    assert day43.stage == "protect"
    assert rehab.has_strength(day43)  # RED-8 does not pause anything
    assert "RED-8" in red(rehab, rehab.plan(50))


def test_red_8_not_raised_when_pain_came_down(rehab: Rehab) -> None:
    faithful_runner(rehab, 50, pain_first=4, pain_later=3)
    assert "RED-8" not in red(rehab, rehab.plan(50))


def test_red_8_raised_when_pain_got_worse(rehab: Rehab) -> None:
    faithful_runner(rehab, 43, pain_first=2, pain_later=3)
    assert "RED-8" in red(rehab, rehab.plan(43))


def test_red_8_not_raised_for_a_runner_whose_daily_pain_is_0(rehab: Rehab) -> None:
    """Many runners with ITBS have no pain in daily life, only when running: 0 at the start
    and 0 at day 43 is "not lower", but it is not "not improving": a red flag telling a
    pain-free runner to see a professional because they are not getting better (beside a
    run card building up) is wrong. Nor is RED-8's low-adherence note (v1.2)."""
    faithful_runner(rehab, 50, pain_first=0, pain_later=0)
    for day in (43, 50):
        assert "RED-8" not in rehab.alert_rules(rehab.plan(day)), day
    lazy = type(rehab)(rehab.protocol)
    lazy.checkins(1, 50, pain=0)
    assert "RED-8" not in lazy.alert_rules(lazy.plan(50))


def test_red_8_not_raised_with_poor_adherence(rehab: Rehab) -> None:
    rehab.checkins(1, 50, pain=2)
    plan = rehab.plan(50)
    assert plan.adherence.done == 0
    assert "RED-8" not in red(rehab, plan)


def test_red_8_cleared_is_not_raised_again(rehab: Rehab) -> None:
    faithful_runner(rehab, 60)
    rehab.clearance(45, "RED-8")
    assert "RED-8" in red(rehab, rehab.plan(44))
    assert "RED-8" not in red(rehab, rehab.plan(45))
    assert "RED-8" not in red(rehab, rehab.plan(60))


def two_thirds_adherent(rehab: Rehab, extra_roll_days: int = 0) -> None:
    """Day 43 with 87 prescribed sessions (28 rolls, 43 stretches, 16 strength) and 58 done."""
    rehab.checkins(1, 43, pain=2)
    for day in range(1, 44):
        rehab.stretch(day)
    for day in range(1, 15 + extra_roll_days):
        rehab.roll(day)
    rehab.strength(43)


def test_red_8_adherence_just_above_two_thirds(rehab: Rehab) -> None:
    two_thirds_adherent(rehab, extra_roll_days=1)
    plan = rehab.plan(43)
    assert (plan.adherence.prescribed, plan.adherence.done) == (87, 59)
    assert "RED-8" in red(rehab, plan)


def test_red_8_adherence_of_exactly_two_thirds_counts(rehab: Rehab) -> None:
    two_thirds_adherent(rehab)
    plan = rehab.plan(43)
    assert (plan.adherence.prescribed, plan.adherence.done) == (87, 58)
    assert "RED-8" in red(rehab, plan)


# --- RED-9 and RED-11: the intake screen --------------------------------------------------------


@pytest.mark.parametrize(
    ("intake", "flags"),
    [
        ({"cannot_bear_weight": True}, ["RED-1"]),
        ({"tender_swelling": True, "instability": True}, ["RED-2", "RED-7"]),
        ({"numbness": True}, ["RED-3"]),
        ({"locking": True}, ["RED-4"]),
        ({"front_of_knee": True}, ["RED-5"]),
        ({"worse_knee_pushed_outward": True}, ["RED-6"]),
        ({"instability": True}, ["RED-6"]),
        ({"tender_swelling": True}, ["RED-7"]),
        ({"atypical_location": True}, ["RED-11"]),
        ({"not_activity_related": True}, ["RED-11"]),
    ],
)
def test_red_9_intake_flags_shown_from_day_1(
    rehab: Rehab, intake: dict[str, bool], flags: list[str]
) -> None:
    rehab.set(intake=intake)
    day1 = rehab.plan(1)
    assert red(rehab, day1) == flags
    for flag in flags:
        shown = rehab.alert(day1, flag)
        assert "RED-9" in shown.text
        assert shown.since == rehab.date(1)
    assert red(rehab, rehab.plan(30)) == flags


def test_red_9_no_intake_flags_no_alerts(rehab: Rehab) -> None:
    assert red(rehab, rehab.plan(1)) == []


def test_red_9_pausing_intake_flag_keeps_strength_away_until_cleared(rehab: Rehab) -> None:
    rehab.set(intake={"numbness": True})
    assert not rehab.has_strength(rehab.plan(8))
    rehab.clearance(3, "RED-3")
    assert red(rehab, rehab.plan(3)) == []
    assert rehab.has_strength(rehab.plan(8))


def test_red_11_from_intake_does_not_pause(rehab: Rehab) -> None:
    rehab.set(intake={"atypical_location": True})
    rehab.reach_gate(8)
    plan = rehab.plan(8)
    assert "RED-11" in red(rehab, plan)
    assert plan.stage == "return-1"
    assert plan.run.allowed is True


# --- RED-10: swelling that persists or comes back -------------------------------------------


def test_red_10_three_consecutive_swelling_checkins(rehab: Rehab) -> None:
    rehab.checkins(1, 3, pain=1, swelling=True)
    assert "RED-10" not in red(rehab, rehab.plan(2))
    day3 = rehab.plan(3)
    assert "RED-10" in red(rehab, day3)
    assert rehab.alert(day3, "RED-10").since == rehab.date(3)


def test_red_10_a_checkin_without_swelling_restarts_the_count(rehab: Rehab) -> None:
    rehab.checkins(1, 2, swelling=True)
    rehab.checkin(3)
    rehab.checkins(4, 2, swelling=True)
    assert "RED-10" not in red(rehab, rehab.plan(5))
    rehab.checkin(6, swelling=True)
    assert "RED-10" in red(rehab, rehab.plan(6))


def test_red_10_swelling_back_after_a_ws_4_pause_resumed(rehab: Rehab) -> None:
    rehab.climb("return-3")
    rehab.checkin(23, swelling=True)  # WS-4: paused
    rehab.checkin(24)  # resumes return-2
    rehab.run(24, 15)
    assert "RED-10" not in red(rehab, rehab.plan(24))
    rehab.checkin(26, swelling=True)
    plan = rehab.plan(26)
    assert "RED-10" in red(rehab, plan)
    assert plan.stage == "paused"  # and WS-4 again


def test_red_10_cleared_starts_counting_again(rehab: Rehab) -> None:
    rehab.checkins(1, 3, swelling=True)
    rehab.clearance(4, "RED-10")
    rehab.checkins(4, 2, swelling=True)
    assert "RED-10" not in red(rehab, rehab.plan(5))
    rehab.checkin(6, swelling=True)
    assert "RED-10" in red(rehab, rehab.plan(6))


def test_red_10_swelling_back_after_running_began_counts_even_while_paused(rehab: Rehab) -> None:
    """v1.1: "comes back" is a swollen day after the first run after the gate, when an
    earlier check-in was swollen; a pause in between does not change that."""
    rehab.climb("return-3")
    rehab.run(22, 25, pain_worsened=True)  # WS-1: paused
    rehab.checkin(23, pain=1, swelling=True)  # WS-4 as well
    rehab.checkin(24, pain=1)  # the swelling is gone; WS-1 still holds the pause
    rehab.checkin(25, pain=1, swelling=True)  # 2 swelling check-ins, not consecutive
    assert "RED-10" not in red(rehab, rehab.plan(24))
    plan = rehab.plan(25)
    assert plan.stage == "paused"
    assert "RED-10" in red(rehab, plan)


def test_red_3_stops_reduced_track_running_in_protect(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    assert rehab.plan(2).run.allowed is True
    rehab.checkin(2, numbness=True)
    plan = rehab.plan(2)
    assert plan.stage == "protect"
    assert plan.run.allowed is False
    assert plan.run.rule == "RED-3"
    rehab.clearance(4, "RED-3")
    assert rehab.plan(4).run.allowed is True


def test_red_2_intake_swelling_with_instability_pauses_until_cleared(rehab: Rehab) -> None:
    rehab.set(intake={"swelling": True, "instability": True})
    plan = rehab.plan(8)
    assert "RED-2" in rehab.alert_rules(plan, "red_flag")
    assert "RED-6" not in rehab.alert_rules(plan)
    assert not rehab.has_strength(plan) and plan.run.allowed is False
    rehab.clearance(9, "RED-2")
    assert "RED-2" not in rehab.alert_rules(rehab.plan(9))


def test_red_4_alert_carries_the_flag_title_once(rehab: Rehab) -> None:
    rehab.checkin(3, pain=2, locking=True)
    alert = rehab.alert(rehab.plan(3), "RED-4")
    assert alert.title == rehab.protocol.red_flag("RED-4").title
    assert alert.title not in alert.text
