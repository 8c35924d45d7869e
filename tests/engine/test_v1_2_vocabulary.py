"""Protocol v1.2's vocabulary, one test (or a few) per term, named by the rule it serves:
answered never assumed, the 2-hour question, the record as now known, one run not two, knee
side and plausible entries."""

from __future__ import annotations

import pytest

from gerdy.domain.events import Event, Run

from .conftest import Rehab

# --- the record as now known ----------------------------------------------------------------


def test_rtr_1_a_correction_moving_a_run_to_the_next_day_applies_to_the_earlier_days_plan(
    rehab: Rehab,
) -> None:
    """A correction recorded on day 13 that moves day 12's run to day 13: day 12's plan no
    longer sees a run on day 12 (as `plan` did, and `today --date` did not)."""
    gate = rehab.climb("return-1", gate=10)
    moved = rehab.run(gate + 2, 12)
    assert rehab.plan(gate + 2).run.allowed is False  # ran that day
    rehab.add(gate + 3, "run", minutes=12, pain_during=0, pain_after_hours=0,
              supersedes=moved.id)  # fmt: skip
    day_12 = rehab.plan(gate + 2)
    assert day_12.run.allowed is True
    assert day_12.run.week_minutes_done == 0
    assert rehab.plan(gate + 3).run.allowed is False  # the run is on day 13 now


def test_rtr_0_a_retraction_recorded_later_takes_the_checkin_back_on_its_own_day(
    rehab: Rehab,
) -> None:
    rehab.checkins(1, 7)
    swollen = rehab.checkin(8, swelling=True)
    rehab.strength(8)
    assert rehab.plan(8).gate.met is False
    rehab.add(9, "retraction", retracts=swollen.id)
    assert rehab.plan(8).gate.met is True  # day 8's plan reads the record as now known


# --- answered, never assumed; the 2-hour question --------------------------------------------

SOURCE = {"file": "watch.fit", "sha256": "a" * 64}


def test_rtr_1_a_run_without_its_2_hour_answer_is_unrated_and_never_pain_free(
    rehab: Rehab,
) -> None:
    gate = rehab.climb("return-1")
    rehab.checkins(gate + 1, 7)
    waiting = rehab.run(gate, 12, pain_after_hours=None)  # pain during 0, 2-h not answered
    rehab.runs([gate + 2, gate + 4], 12)
    plan = rehab.plan(gate + 5)
    asked = [q for q in plan.runs_awaiting_answers if q.event_id == waiting.id]
    assert len(asked) == 1 and asked[0].missing == ("pain_after_hours",)
    assert asked[0].imported is False
    assert "RTR-1" in rehab.alert_rules(plan, "info")
    assert rehab.plan(gate + 7).stage == "return-1"  # the week is not passed on it

    rehab.add(gate, "run", minutes=12, pain_during=0, pain_after_hours=0, supersedes=waiting.id)
    assert rehab.plan(gate + 5).runs_awaiting_answers == ()
    assert rehab.plan(gate + 7).stage == "return-2"  # answered: a pain-free week


def test_rtr_1_an_imported_run_counts_for_volume_and_is_never_pain_free(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.add(1, "run", minutes=20, source=SOURCE)
    plan = rehab.plan(2)
    assert plan.run.week_minutes_done == 20
    [asked] = plan.runs_awaiting_answers
    assert asked.imported is True
    assert asked.missing == ("pain_during", "pain_after_hours")


def test_rtr_1_the_plan_asks_about_the_runs_of_the_last_14_days_only(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(1, 10, pain_during=None)
    assert len(rehab.plan(14).runs_awaiting_answers) == 1
    assert rehab.plan(15).runs_awaiting_answers == ()


# --- one run, not two -----------------------------------------------------------------------


def test_p1_2_a_hand_run_and_the_same_run_imported_count_once(rehab: Rehab) -> None:
    rehab.set(track="reduced")  # a 40-minute week
    hand = rehab.run(2, 20)
    imported = rehab.add(2, "run", minutes=21.5, distance_km=3.5, cadence_spm=168, source=SOURCE)
    plan = rehab.plan(2)
    assert plan.run.week_minutes_done == 20  # counted once, as typed by hand
    [link] = plan.linked_runs
    assert (link.hand_id, link.imported_id) == (hand.id, imported.id)
    assert (link.minutes, link.imported_minutes) == (20, 21.5)
    assert plan.runs_awaiting_answers == ()  # the hand answers win
    assert rehab.plan(3).cadence is not None  # what only the device measured is kept


def test_rtr_1_one_run_not_two_keeps_the_hand_answers_in_a_return_week(rehab: Rehab) -> None:
    gate = rehab.climb("return-1")
    rehab.checkins(gate + 1, 7)
    for day in (gate, gate + 2, gate + 4):
        rehab.run(day, 12)
        rehab.add(day, "run", minutes=13, source=SOURCE)  # unrated, but the same run
    assert rehab.plan(gate + 4).run.week_minutes_done == 24
    assert "RTR-1" not in rehab.alert_rules(rehab.plan(gate + 5))  # nothing to rate
    assert rehab.plan(gate + 7).stage == "return-2"


def test_p1_2_within_3_minutes_is_the_same_run_even_beyond_10_percent(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    rehab.run(2, 10)
    rehab.add(2, "run", minutes=12.5, source=SOURCE)  # 25% more, but 2.5 min
    assert rehab.plan(2).run.week_minutes_done == 10


def test_p1_2_runs_further_apart_or_on_other_days_are_two_runs(rehab: Rehab) -> None:
    rehab.set(track="reduced", baseline_weekly_run_minutes=200)
    rehab.run(2, 20)
    rehab.add(2, "run", minutes=25, source=SOURCE)  # 5 min and 20% apart
    rehab.run(4, 10)
    rehab.add(5, "run", minutes=10, source=SOURCE)  # the next day
    assert rehab.plan(2).run.week_minutes_done == 45
    assert rehab.plan(2).linked_runs == ()
    assert rehab.plan(5).run.week_minutes_done == 65


# --- knee side ------------------------------------------------------------------------------


def test_ws_4_red_flags_and_warning_signs_name_the_knee_side(rehab: Rehab) -> None:
    for side, words in (("left", "Left knee"), ("right", "Right knee"), ("both", "Either knee")):
        runner = type(rehab)(rehab.protocol, side=side)
        runner.checkin(2, pain=2, swelling=True, locking=True)
        plan = runner.plan(2)
        for alert in plan.alerts:
            if alert.level in ("red_flag", "back_off"):
                assert alert.side == side
                assert alert.text.startswith(words), alert
        assert {"WS-4", "RED-4"} <= set(runner.alert_rules(plan))


# --- plausible entries ----------------------------------------------------------------------


def test_rtr_4_plausible_entries_a_hand_run_outside_the_bounds_is_refused(rehab: Rehab) -> None:
    from gerdy.domain.errors import InvalidInput
    from gerdy.engine.plausible import check_plausible

    refusals = {
        "too long": rehab.add(2, "run", minutes=400, pain_during=0),
        "too fast": rehab.add(2, "run", minutes=20, distance_km=10, pain_during=0),
        "too slow": rehab.add(2, "run", minutes=60, distance_km=2, pain_during=0),
    }
    for what, run in refusals.items():
        with pytest.raises(InvalidInput) as refused:
            check_plausible(rehab.protocol, run)
        message = str(refused.value)
        assert "cross-training" in message, what
    assert "300 min" in str(_refusal(rehab, refusals["too long"]))
    assert "2:00 min/km" in _refusal(rehab, refusals["too fast"])
    assert "30:00 min/km, slower than 20:00" in _refusal(rehab, refusals["too slow"])
    check_plausible(rehab.protocol, rehab.add(2, "run", minutes=300, distance_km=40))
    check_plausible(rehab.protocol, rehab.add(2, "run", minutes=25, distance_km=10))  # 2:30


def test_rtr_4_plausible_entries_a_distance_of_almost_nothing_is_refused_not_a_crash(
    rehab: Rehab,
) -> None:
    """A distance so small that the pace overflows to infinity (found by the API's fuzzing:
    0.001 min over 5e-324 km) is refused as too slow, with a pace the sentence can show."""
    for km in (5e-324, 1e-9):
        message = _refusal(rehab, rehab.add(2, "run", minutes=0.001, distance_km=km))
        assert "slower than 20:00 min/km" in message and "over 999:59 min/km" in message, km
    from gerdy.formatting import pace_text

    assert pace_text(30, 5e-324, "metric") == "over 999:59 /km"
    assert pace_text(30, 5e-324, "imperial") == "over 999:59 /mi"
    assert pace_text(30, 5, "metric") == "6:00 /km"


def _refusal(rehab: Rehab, run: Event) -> str:
    from gerdy.engine.plausible import implausible

    assert isinstance(run, Run)
    found = implausible(rehab.protocol, run)
    assert found is not None
    return found


def test_rtr_4_plausible_entries_an_imported_run_is_kept_counted_and_shown_to_confirm(
    rehab: Rehab,
) -> None:
    from gerdy.engine.plausible import check_plausible

    rehab.set(track="reduced", baseline_weekly_run_minutes=1000)
    ride = rehab.add(2, "run", minutes=60, distance_km=40, source=SOURCE)  # 1:30 min/km
    check_plausible(rehab.protocol, ride)  # kept as the device recorded it
    plan = rehab.plan(2)
    assert plan.run.week_minutes_done == 60  # and counted
    [confirm] = plan.runs_to_confirm
    assert confirm.event_id == ride.id and "1:30 min/km" in confirm.why
    rehab.add(2, "run", minutes=60, distance_km=40, source=SOURCE, confirmed=True,
              supersedes=ride.id)  # fmt: skip
    assert rehab.plan(2).runs_to_confirm == ()


def test_rtr_4_plausible_entries_a_loaded_hand_run_outside_the_bounds_is_counted_and_flagged(
    rehab: Rehab,
) -> None:
    """A hand-typed run of an older record (v1.1 had no bounds) is the runner's history: the
    plan keeps it, counts it like an imported run and asks to confirm or correct it."""
    rehab.set(track="reduced", baseline_weekly_run_minutes=1000)
    old = rehab.add(2, "run", minutes=350, pain_during=0, pain_after_hours=0)  # no source
    plan = rehab.plan(2)
    assert plan.run.week_minutes_done == 350
    [confirm] = plan.runs_to_confirm
    assert confirm.event_id == old.id and confirm.imported is False
    assert "350 min" in confirm.why
    rehab.add(2, "run", minutes=350, pain_during=0, pain_after_hours=0, confirmed=True,
              supersedes=old.id)  # fmt: skip
    assert rehab.plan(2).runs_to_confirm == ()
