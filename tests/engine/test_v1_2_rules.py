"""Protocol v1.2's decisions on the protect stage, the strength and running rules and the red
flags, one test (or a few) per "(v1.2)" line, named by its rule: P1-2's proportion, P1-4,
RF-1, RTR-3, RTR-5, RTR-6, WS-2, RED-3, RED-6, RED-8, RED-10 and a clinician's settings."""

from __future__ import annotations

import pytest

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import SettingsChange, check_running_cadence, parse_event
from gerdy.domain.refusals import TRACK_ONLY_BEFORE_THE_GATE
from gerdy.engine.settings import check_settings_change_on_record

from .conftest import Rehab

# --- P1-2: proportion --------------------------------------------------------------------------


@pytest.mark.parametrize("pain", [1, 2])
def test_p1_2_ws_3_below_3_keeps_the_reduced_track(rehab: Rehab, pain: int) -> None:
    rehab.set(track="reduced")
    rehab.checkins(1, 3)
    rehab.strength(2, clamshell={"pain": pain})
    plan = rehab.plan(3)
    assert plan.track == "reduced"
    assert plan.run.allowed is True
    text = rehab.alert(plan, "WS-3").text
    assert "break track" not in text  # one consequence, not two that contradict
    assert "does not step up this week" in text and "Mon 8 Jan" in text  # with its end date
    assert text.count("next session") == 1


def test_p1_2_ws_3_at_3_or_more_moves_to_the_break_track_and_says_until_when(
    rehab: Rehab,
) -> None:
    rehab.set(track="reduced")
    rehab.strength(2, clamshell={"pain": 3})
    plan = rehab.plan(3)
    assert plan.track == "break" and plan.run.allowed is False
    text = rehab.alert(plan, "WS-3").text
    assert "no running before Tue 9 Jan" in text  # 7 days from day 2
    assert "does not step up" not in text


def test_p1_2_a_later_ws_3_at_3_of_10_says_the_move_to_the_break_track(rehab: Rehab) -> None:
    """WS-3 at 1/10 on Monday keeps the reduced track; WS-3 at 3/10 on Wednesday moves it to
    the break: the alert the runner reads is Wednesday's, with the break's end date (not
    Monday's "running does not step up")."""
    rehab.set(track="reduced")
    rehab.checkins(1, 12)
    rehab.strength(8, clamshell={"pain": 1})
    rehab.strength(10, clamshell={"pain": 3})
    plan = rehab.plan(11)
    assert plan.track == "break" and plan.run.allowed is False
    alert = rehab.alert(plan, "WS-3")
    assert "no running before Wed 17 Jan" in alert.text  # 7 days from day 10
    assert "does not step up" not in alert.text
    assert alert.since == rehab.date(10)


def test_p1_2_the_move_to_break_is_told_once_by_the_sign_that_moved_it(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(2, 10, pain_worsened=True)  # WS-1 moves to the break track
    rehab.strength(2, clamshell={"pain": 1})  # WS-3 the same day
    plan = rehab.plan(2)
    texts = [a.text for a in plan.alerts if a.rule in ("WS-1", "WS-3")]
    assert sum("break track" in text for text in texts) == 1


# --- P1-4: ice -----------------------------------------------------------------------------------


def test_p1_4_ice_after_every_run_and_strength_session_in_weeks_1_to_4(rehab: Rehab) -> None:
    rehab.climb("return-1")  # return week 1 from day 8 (Monday)
    rehab.checkins(9, 6)
    rehab.run(9, 12)
    strength_day = rehab.plan(10)  # Wednesday: strength, and no run (the day after one)
    assert not rehab.tasks_of(strength_day, "run")
    [ice] = rehab.tasks_of(strength_day, "ice")
    assert ice.optional is False and ice.notes[0] == "After your strength session."
    [ice] = rehab.tasks_of(rehab.plan(11), "ice")  # Thursday: a run, no strength
    assert ice.optional is False and ice.notes[0] == "After your run."
    rehab.run(11, 12)
    rehab.run(13, 12)
    assert not rehab.tasks_of(rehab.plan(12 + 2), "ice")  # Sunday: the day after Saturday's


def test_p1_4_after_week_4_ice_is_optional_and_only_after_a_run(rehab: Rehab) -> None:
    first = rehab.climb("progress", gate=30)  # week 9 on
    rehab.checkins(first, 7)
    [ice] = rehab.tasks_of(rehab.plan(first), "ice")
    assert ice.optional is True
    rehab.runs([first, first + 1, first + 2], 33)
    rehab.run(first + 3, 3)  # the week's 99 min used up: no run on first + 4
    assert not rehab.plan(first + 4).run.allowed
    assert not rehab.tasks_of(rehab.plan(first + 4), "ice")


def test_p1_4_ice_on_a_swollen_day_in_every_stage_paused_included(rehab: Rehab) -> None:
    first = rehab.climb("progress", gate=30)  # after week 4
    rehab.checkin(first + 1, pain=1, swelling=True)  # WS-4: paused
    plan = rehab.plan(first + 1)
    assert plan.stage == "paused"
    [ice] = rehab.tasks_of(plan, "ice")
    assert ice.optional is False
    assert "swelling" in ice.notes[0]


# --- RF-1 -----------------------------------------------------------------------------------------


def test_rf_1_the_doubled_cadence_is_offered_only_when_it_is_itself_valid() -> None:
    with pytest.raises(ValueError, match="the cadence is 160 steps/min"):
        check_running_cadence(80)
    for value in (50, 119.5 / 2 - 1, 40):
        with pytest.raises(ValueError, match="outside 120-230") as refused:
            check_running_cadence(value)
        assert "one foot" not in str(refused.value), value  # doubled: still under 120
    with pytest.raises(ValueError, match="outside 120-230") as refused:
        check_running_cadence(116)  # doubled: 232, over 230
    assert "one foot" not in str(refused.value)


# --- RTR-5: hills and track -----------------------------------------------------------------------


def test_rtr_5_hills_never_open_in_a_return_week_even_after_their_date(rehab: Rehab) -> None:
    """A runner still on return week 1 at gate + 35 days: flat ground only."""
    rehab.reach_gate(8)
    rehab.checkins(9, 60)
    for day in range(8, 43, 2):
        rehab.run(day, 12, pain_during=1)  # never a pain-free week: return-1 for good
    assert rehab.plan(8 + 35).run.hills_track is False  # the date has come
    plan = rehab.plan(8 + 36)
    assert plan.stage == "return-1"
    assert plan.run.hills_track is False
    notes = rehab.tasks_of(plan, "run")[0].notes
    assert rehab.protocol.hills_track.flat_only in notes
    rehab.run(8 + 36, 12, terrain="hills")
    assert "RTR-5" in rehab.alert_rules(rehab.plan(8 + 36), "info")  # a hill run is an overrun


def test_rtr_5_flat_ground_only_on_every_run_task_until_they_open(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    notes = rehab.tasks_of(rehab.plan(1), "run")[0].notes
    assert rehab.protocol.hills_track.flat_only in notes


def test_rtr_5_when_they_open_the_run_says_bring_them_in_gradually(rehab: Rehab) -> None:
    first = rehab.climb("progress")
    rehab.checkins(first, 30)
    opens = 8 + 35
    before = rehab.tasks_of(rehab.plan(opens - 1), "run")[0].notes
    after = rehab.tasks_of(rehab.plan(opens), "run")[0].notes
    assert rehab.protocol.hills_track.flat_only in before
    assert any("gradually" in note and "one short session a week" in note for note in after)
    assert rehab.protocol.hills_track.flat_only not in after


def test_rtr_5_a_hill_run_in_progress_before_they_open_stops_next_weeks_growth(
    rehab: Rehab,
) -> None:
    first = rehab.climb("progress")
    rehab.checkins(first, 14)
    rehab.run(first, 30, terrain="hills")
    rehab.runs([first + 2, first + 4], 30)
    plan = rehab.plan(first)
    assert "RTR-5" in rehab.alert_rules(plan, "info")
    assert rehab.plan(first + 7).run.week_minutes_cap == pytest.approx(90.0)  # not 99


# --- WS-2: the cap in minutes --------------------------------------------------------------------


def test_ws_2_the_cap_is_the_longest_pain_free_run_of_the_7_days_before_in_minutes(
    rehab: Rehab,
) -> None:
    first = rehab.climb("return-3")
    rehab.checkins(first, 7)
    rehab.run(first, 27, pain_during=1)  # not pain-free: does not count
    rehab.run(first + 2, 25, pain_after_hours=3)  # WS-2: the 7 days before hold 20 and 27
    plan = rehab.plan(first + 4)
    assert plan.run.rule == "WS-2" and plan.run.max_minutes == 20
    text = rehab.alert(plan, "WS-2").text
    assert "20 min at most" in text and "repeat this return week" in text


def test_ws_2_the_alert_is_gone_once_the_capped_run_is_logged(rehab: Rehab) -> None:
    first = rehab.climb("return-3")
    rehab.checkins(first, 7)
    rehab.run(first, 25, pain_after_hours=3)
    for day in (first + 1, first + 2, first + 10):
        assert "WS-2" in rehab.alert_rules(rehab.plan(day), "back_off"), day
    rehab.run(first + 2, 20)  # the capped run
    assert "WS-2" not in rehab.alert_rules(rehab.plan(first + 2))
    assert rehab.plan(first + 4).run.rule == "RTR-3"


def test_ws_2_the_next_step_comes_after_the_repeated_week_as_the_milestone_says(
    rehab: Rehab,
) -> None:
    """WS-2 on Wednesday of return week 2 (days 15-21): the week is repeated (days 22-28), so
    the next step can come on day 29, the day the milestone (RTR-8) names; not on day 22,
    which starts the repeat."""
    first = rehab.climb("return-2")
    rehab.checkins(first + 1, 14)
    rehab.run(first, 15)
    rehab.run(first + 2, 20, pain_after_hours=4)
    for day in (first + 3, first + 8):
        plan = rehab.plan(day)
        assert plan.next_milestone is not None
        assert plan.next_milestone.earliest_date == rehab.date(first + 14), day
        text = rehab.alert(plan, "WS-2").text
        assert "the next step can come from Mon 29 Jan" in text, day


def test_ws_3_the_next_step_date_moves_on_with_an_overrun_as_the_milestone_does(
    rehab: Rehab,
) -> None:
    """WS-3 on day 17 of return week 2 (days 15-21): the next step from day 29. An overrun
    on day 23 repeats days 22-28 too: the WS-3 alert, still shown, names day 36 as the
    milestone does, not day 29 beside "this return week is repeated"."""
    first = rehab.climb("return-2")
    rehab.checkins(first + 1, 14)
    rehab.strength(first + 2, clamshell={"pain": 1})
    assert "from Mon 29 Jan" in rehab.alert(rehab.plan(first + 3), "WS-3").text
    rehab.run(first + 8, 40)  # 40 min on the 10-20 min rung
    plan = rehab.plan(first + 8)
    assert "RTR-2" in rehab.alert_rules(plan, "info")
    assert plan.next_milestone is not None
    assert plan.next_milestone.earliest_date == rehab.date(first + 21)
    assert "from Mon 5 Feb" in rehab.alert(plan, "WS-3").text


def test_ws_3_in_progress_the_next_step_is_the_week_running_grows_again(rehab: Rehab) -> None:
    """WS-3 in a progress week: that week and the next hold their cap (RTR-4), so the next
    step, as the alert and the milestone say, is the week after next."""
    first = rehab.climb("progress")  # day 29; hills open on day 43
    rehab.checkins(first + 1, 40)
    week = first + 14  # days 43-49
    rehab.strength(week + 2, clamshell={"pain": 1})
    grows = week + 14
    for day in (week + 2, week + 8):
        plan = rehab.plan(day)
        assert "the next step can come from Mon 26 Feb" in rehab.alert(plan, "WS-3").text
        assert plan.next_milestone is not None
        assert plan.next_milestone.earliest_date == rehab.date(grows), day
    assert rehab.plan(week + 7).run.week_minutes_cap == pytest.approx(45.0)  # held
    assert rehab.plan(grows).run.week_minutes_cap == pytest.approx(49.5)  # grows again


# --- RED-3, RED-6, RED-10 ------------------------------------------------------------------------


def test_red_10_pauses_running_and_strength_until_cleared(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    rehab.checkins(first + 1, 2, pain=1, swelling=True)  # swelling back after running: RED-10
    rehab.checkins(first + 3, 10)
    for day in range(first + 2, first + 10):
        plan = rehab.plan(day)
        assert "RED-10" in rehab.alert_rules(plan, "red_flag")
        assert plan.stage == "paused" and plan.run.allowed is False
        assert not rehab.has_strength(plan)
    assert rehab.plan(first + 3).run.rule == "RED-10"
    rehab.add(first + 9, "clearance", rules=["RED-10"], cleared_by="Ana Ruiz",
              cleared_by_role="physiotherapist")  # fmt: skip
    assert rehab.plan(first + 9).stage == "return-1"  # one return week lower


def test_red_10_the_ws_4_pause_beside_it_does_not_promise_running_back_at_the_next_checkin(
    rehab: Rehab,
) -> None:
    """Swelling back after running: WS-4 and RED-10 both pause. WS-4's "until a check-in with
    no swelling" alone would contradict RED-10's "until they have cleared you" beside it."""
    first = rehab.climb("return-2")
    rehab.checkins(first + 1, 2, pain=1, swelling=True)
    plan = rehab.plan(first + 2)
    assert {"RED-10", "WS-4"} <= set(rehab.alert_rules(plan))
    text = rehab.alert(plan, "WS-4").text
    assert "also waits for a professional to clear RED-10" in text
    assert "clear" not in rehab.alert(rehab.plan(first + 1), "WS-4").text  # WS-4 alone


def test_red_6_an_unstable_knee_pauses_running_in_a_return_week(rehab: Rehab) -> None:
    first = rehab.climb("return-2")
    rehab.checkin(first + 1, instability=True)
    plan = rehab.plan(first + 1)
    assert plan.stage == "paused" and plan.run.allowed is False and plan.run.rule == "RED-6"
    assert "Run" not in " ".join(t.title for t in plan.tasks)


def test_red_3_rolling_and_stretching_say_stop_at_any_tingling(rehab: Rehab) -> None:
    rehab.checkin(2, numbness=True)
    plan = rehab.plan(2)
    for task in rehab.tasks_of(plan, "roll") + rehab.tasks_of(plan, "stretch"):
        assert "Stop at any tingling." in task.notes


def test_red_3_cross_training_offers_only_what_needs_no_push_off(rehab: Rehab) -> None:
    rehab.checkin(2, numbness=True)
    [cross] = rehab.tasks_of(rehab.plan(2), "cross")
    options = " ".join(cross.options).lower()
    assert "swimming" in options and "bike" in options
    assert "walking" not in options and "pool running" not in options
    [usual] = rehab.tasks_of(rehab.plan(1), "cross")
    assert "walking" in " ".join(usual.options).lower()


# --- RED-8: low adherence -------------------------------------------------------------------------


def test_red_8_not_better_with_few_sessions_done_gets_the_rate_as_info(rehab: Rehab) -> None:
    rehab.checkins(1, 50, pain=2)  # never better; no session ever logged
    plan = rehab.plan(50)
    assert "RED-8" not in rehab.alert_rules(plan, "red_flag")
    alert = rehab.alert(plan, "RED-8")
    assert alert.level == "info"
    done, prescribed = plan.adherence.done, plan.adherence.prescribed
    assert f"{done} of the {prescribed} sessions" in alert.text
    assert "%" in alert.text and "works when it is done" in alert.text
    assert "RED-8" not in rehab.alert_rules(rehab.plan(42))  # from day 43 only


# --- a clinician's settings_change ----------------------------------------------------------------


def test_p1_2_a_change_to_the_break_track_restarts_the_break_from_its_date(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.checkins(1, 20)
    rehab.add(6, "settings_change", track="break")
    rehab.strength(8)
    rehab.strength(10)
    rehab.strength(12)
    assert rehab.plan(5).run.allowed is True  # before its date: as it was
    assert rehab.plan(6).run.allowed is False
    assert rehab.plan(12).stage == "protect"  # no gate before day 13 (6 + 7)
    assert rehab.plan(13).stage == "return-1"  # then through the gate: return week 1
    assert rehab.plan(13).gate.met_on == rehab.date(13)


def test_p1_2_a_track_change_after_the_gate_is_refused_with_a_clear_message(
    rehab: Rehab,
) -> None:
    rehab.reach_gate(8)
    change = parse_event({"type": "settings_change", "date": rehab.date(9), "track": "reduced"})
    assert isinstance(change, SettingsChange)
    with pytest.raises(InvalidInput, match="after the gate") as refused:
        check_settings_change_on_record(rehab.protocol, rehab.profile, rehab.events, change)
    assert str(refused.value) == TRACK_ONLY_BEFORE_THE_GATE


def test_rtr_4_the_reduced_tracks_first_progress_week_follows_rtr_4(rehab: Rehab) -> None:
    """After a change to the reduced track, the first progress week grows from the week
    before, counted as at least 45 min: 10 min run in it -> a cap of 49.5."""
    rehab.add(2, "settings_change", track="reduced")
    rehab.checkins(1, 14)
    rehab.run(3, 10)
    rehab.strength(8)
    plan = rehab.plan(8)
    assert plan.stage == "progress"
    assert plan.run.week_minutes_cap == pytest.approx(49.5)
