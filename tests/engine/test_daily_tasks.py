"""What a day shows besides strength and running: foam rolling (FR-1..4), stretching
(SX-1..4), the protect stage's cross-training, ice, heat and don'ts (P1-1, P1-3..6), the pre-run
warm-up (RTR-6) and RED-8's adherence count."""

from __future__ import annotations

from gerdy.protocol import Protocol

from .conftest import Rehab

DASH = "\u2013"  # the en dash the protocol texts use in ranges

ROLLS = {"tfl_roll": "FR-1", "lateral_quad_roll": "FR-2", "glute_roll": "FR-3"}
STRETCHES = {"pigeon": ("SX-1", 60, 90), "hip_flexor_stretch": ("SX-2", 45, 60),
             "figure_four": ("SX-3", 45, 60)}  # fmt: skip


# --- FR: foam rolling ------------------------------------------------------------------------


def test_fr_1_to_fr_3_roll_tasks_daily_in_weeks_1_to_4(rehab: Rehab) -> None:
    for plan in rehab.plans(1, 28):
        rolls = rehab.tasks_of(plan, "roll")
        assert {t.exercise: t.rule for t in rolls} == ROLLS
        for task in rolls:
            assert (task.seconds, task.seconds_max) == (60, 90)
            assert task.per_side is True
            assert task.optional is False
            assert task.why == rehab.protocol.rules[task.rule].why
    assert not rehab.tasks_of(rehab.plan(29), "roll")


def test_fr_1_rolling_comes_before_stretching_and_strength(rehab: Rehab) -> None:
    kinds = [t.kind for t in rehab.plan(8).tasks]
    assert kinds.index("roll") < kinds.index("stretch") < kinds.index("strength")
    assert max(i for i, k in enumerate(kinds) if k == "roll") < kinds.index("stretch")


def test_fr_1_logged_rolls_are_done(rehab: Rehab) -> None:
    rehab.roll(3, items=["tfl_roll", "glute_roll"])
    done = {t.exercise for t in rehab.tasks_of(rehab.plan(3), "roll") if t.done}
    assert done == {"tfl_roll", "glute_roll"}
    assert not any(t.done for t in rehab.tasks_of(rehab.plan(4), "roll"))


def test_fr_2_lateral_quad_roll_stays_away_from_the_knee(protocol: Protocol) -> None:
    roll = protocol.exercise("lateral_quad_roll")
    assert roll.rule == "FR-2"
    assert any(f"10{DASH}15 cm" in c for c in roll.cautions)
    assert any(f"8{DASH}10 cm" in c for c in roll.cautions)


def test_fr_4_safe_rolling_content(protocol: Protocol) -> None:
    assert "FR-4" in protocol.rules
    assert "sharp" in protocol.rules["FR-4"].why
    for exercise_id in ROLLS:
        cautions = " ".join(protocol.exercise(exercise_id).cautions)
        assert "moderate pressure" in cautions.lower()
        assert "bony point" in cautions or "knee" in cautions


def test_fr_after_week_4_rolling_is_the_pre_run_warm_up_on_run_days_only(rehab: Rehab) -> None:
    first = rehab.climb("progress", gate=24)  # progress from day 45, after week 4
    assert first == 45
    run_day = rehab.plan(first)
    assert run_day.run.allowed is True
    rolls = rehab.tasks_of(run_day, "roll")
    assert {t.exercise for t in rolls} == set(ROLLS)
    assert all(t.rule == "RTR-6" and not t.optional for t in rolls)  # v1.2: every run
    rehab.checkins(first, 6)
    rehab.run(first, 30)
    rehab.run(first + 2, 30)
    rehab.run(first + 4, 39)  # the week's 99 minutes are used up
    rest_day = rehab.plan(first + 5)
    assert rest_day.run.allowed is False
    assert not rehab.tasks_of(rest_day, "roll")


def test_rtr_6_warm_up_rolls_are_not_optional_in_return_weeks_after_week_4(rehab: Rehab) -> None:
    gate = rehab.reach_gate(30)
    rolls = rehab.tasks_of(rehab.plan(gate), "roll")
    assert {t.exercise for t in rolls} == set(ROLLS)
    assert all(t.rule == "RTR-6" and not t.optional for t in rolls)
    rehab.run(gate, 15)
    assert not rehab.tasks_of(rehab.plan(gate + 1), "roll")  # rest day


# --- RTR-6: activation before each run in return weeks ----------------------------------------


def test_rtr_6_activation_before_each_run_in_return_weeks(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    plan = rehab.plan(8)
    activation = rehab.tasks_of(plan, "activation")
    assert [t.exercise for t in activation] == ["clamshell", "lateral_band_walk"]
    assert all(t.sets == 1 and t.rule == "RTR-6" for t in activation)
    kinds = [t.kind for t in plan.tasks]
    assert kinds.index("activation") < kinds.index("run")
    assert not any(t.done for t in activation)
    rehab.run(8, 15)
    assert all(t.done for t in rehab.tasks_of(rehab.plan(8), "activation"))  # the warm-up
    assert not rehab.tasks_of(rehab.plan(9), "activation")  # no run on day 9


def test_rtr_6_tasks_come_in_the_order_to_do_them_with_activation_just_before_the_run(
    rehab: Rehab,
) -> None:
    rehab.reach_gate(8)
    plan = rehab.plan(8)  # day 8: a strength day in return week 1, a run allowed
    kinds = list(dict.fromkeys(t.kind for t in plan.tasks))
    assert kinds == ["roll", "activation", "run", "stretch", "strength", "ice"]
    assert rehab.tasks_of(rehab.plan(10), "activation")


def test_rtr_6_activation_follows_the_adaptive_dose(rehab: Rehab) -> None:
    rehab.checkins(1, 3, pain=1)
    rehab.checkins(4, 7)
    rehab.strength(8, effort="easy")
    rehab.strength(10)
    plan = rehab.plan(10)
    assert plan.stage == "return-1"
    clamshell = rehab.task_for(plan, "clamshell", "activation")
    assert clamshell.reps == 16
    assert rehab.task_for(plan, "lateral_band_walk", "activation").steps == 11


def test_rtr_6_activation_before_every_run_in_protect_and_progress_too(rehab: Rehab) -> None:
    """v1.2 (RTR-6): before every run, in every stage (v1.1: only in return weeks)."""
    rehab.set(track="reduced")
    assert rehab.plan(2).run.allowed is True
    kinds = [t.kind for t in rehab.plan(2).tasks]
    assert kinds.index("activation") < kinds.index("run")
    runner = type(rehab)(rehab.protocol)
    first = runner.climb("progress")
    assert runner.plan(first).run.allowed is True
    assert runner.tasks_of(runner.plan(first), "activation")


# --- SX: stretching ---------------------------------------------------------------------------


def test_sx_1_to_sx_3_stretches_daily_from_day_1_for_good(rehab: Rehab) -> None:
    for day in (1, 8, 29, 57, 200):
        stretches = rehab.tasks_of(rehab.plan(day), "stretch")
        assert {t.exercise: (t.rule, t.seconds, t.seconds_max) for t in stretches} == STRETCHES
        assert all(t.per_side and t.sets == 1 for t in stretches)


def test_sx_2_hip_flexor_stretch_comes_after_rolling(rehab: Rehab) -> None:
    exercises = [t.exercise for t in rehab.plan(2).tasks]
    assert exercises.index("hip_flexor_stretch") > exercises.index("glute_roll")


def test_sx_4_no_it_band_stretch_is_prescribed_and_why_is_explained(rehab: Rehab) -> None:
    protocol = rehab.protocol
    for day in (1, 8, 29):
        for task in rehab.plan(day).tasks:
            assert task.rule != "SX-4"
            assert "it band" not in task.title.lower()
    assert {e.rule for e in protocol.exercises_of("stretch")} == {"SX-1", "SX-2", "SX-3"}
    rule = protocol.rules["SX-4"]
    assert "collagen" in (rule.detail or "")
    assert "barely lengthens" in rule.why


# --- P1: the protect stage's extras ------------------------------------------------------------


def test_p1_1_stay_active_protect_offers_other_activity(rehab: Rehab) -> None:
    assert "30 degrees" in (rehab.protocol.rules["P1-1"].detail or "")
    assert rehab.tasks_of(rehab.plan(1), "cross")  # activity is swapped, not stopped


def test_p1_3_cross_training_offered_in_protect(rehab: Rehab) -> None:
    cross = rehab.tasks_of(rehab.plan(1), "cross")
    assert len(cross) == 1
    task = cross[0]
    assert task.rule == "P1-3"
    assert task.optional is True
    assert set(task.options) == {
        "Swimming", "Pool running", "Stationary bike (saddle high)", "Walking",
    }  # fmt: skip
    notes = {c.id: c.note for c in rehab.protocol.cross_training}
    assert "saddle high" in notes["bike"].lower()
    assert "flotation belt" in notes["pool_run"]
    rehab.cross(1)
    assert rehab.tasks_of(rehab.plan(1), "cross")[0].done is True


def test_p1_3_cross_training_offered_on_the_reduced_track_and_while_paused(rehab: Rehab) -> None:
    rehab.set(track="reduced")
    assert rehab.tasks_of(rehab.plan(1), "cross")
    runner = type(rehab)(rehab.protocol)
    runner.climb("return-2")
    assert not runner.tasks_of(runner.plan(15), "cross")
    runner.run(15, 20, pain_worsened=True)
    assert runner.tasks_of(runner.plan(16), "cross")


def test_p1_4_ice_after_activity_15_to_20_min(rehab: Rehab) -> None:
    ice = rehab.tasks_of(rehab.plan(1), "ice")
    assert len(ice) == 1
    assert ice[0].rule == "P1-4"
    assert (ice[0].minutes, ice[0].minutes_max) == (15, 20)
    assert ice[0].optional is False
    assert "cloth" in (rehab.protocol.rules["P1-4"].detail or "")


def test_p1_4_ice_only_after_runs_once_out_of_protect(rehab: Rehab) -> None:
    """After week 4 (v1.2: before it, ice follows every run and strength session)."""
    rehab.reach_gate(30)
    rehab.run(30, 15)
    on_run_day = rehab.tasks_of(rehab.plan(30), "ice")
    assert len(on_run_day) == 1 and on_run_day[0].optional is True
    assert not rehab.tasks_of(rehab.plan(31), "ice")


def test_p1_5_no_heat_alert_on_days_1_to_3_only(rehab: Rehab) -> None:
    shown = [p.day for p in rehab.plans(1, 7) if "P1-5" in rehab.alert_rules(p, "info")]
    assert shown == [1, 2, 3]
    assert "3 days" in rehab.alert(rehab.plan(1), "P1-5").text


def test_p1_6_donts_shown_in_protect_only(rehab: Rehab) -> None:
    text = rehab.alert(rehab.plan(1), "P1-6").text
    for dont in rehab.protocol.protect.donts:
        assert dont in text
    assert "foam roll" in text and "stretch" in text and "run through" in text
    rehab.reach_gate(8)
    assert "P1-6" in rehab.alert_rules(rehab.plan(7))
    assert "P1-6" not in rehab.alert_rules(rehab.plan(8))


def test_p1_7_diet_note_is_optional_content(protocol: Protocol) -> None:
    note = protocol.rules["P1-7"].detail or ""
    assert "omega-3" in note and "turmeric" in note and "ultra-processed" in note
    assert "optional" in note
    assert "never replaces" in protocol.rules["P1-7"].why


# --- adherence (RED-8's measure) ------------------------------------------------------------


def test_red_8_adherence_counts_roll_stretch_and_scheduled_strength(rehab: Rehab) -> None:
    rehab.roll(1)
    rehab.roll(1, items=["glute_roll"])  # twice a day is still one session
    rehab.stretch(1)
    rehab.stretch(2)
    rehab.strength(8)
    rehab.cross(2)
    rehab.set(track="reduced")
    rehab.run(3, 10)  # runs, cross-training and ice are not counted
    # today counts only what is already done: day 7 sees days 1..6 (6 rolls + 6 stretches)
    day7 = rehab.plan(7)
    assert (day7.adherence.prescribed, day7.adherence.done) == (12, 3)
    day8 = rehab.plan(8)  # days 1..7 and day 8's strength session
    assert (day8.adherence.prescribed, day8.adherence.done) == (15, 4)
    rehab.roll(8)
    day8 = rehab.plan(8)
    assert (day8.adherence.prescribed, day8.adherence.done) == (16, 5)
    assert rehab.plan(9).adherence.prescribed == 17  # days 1..8 in full


def test_red_8_adherence_after_week_4_has_no_rolls(rehab: Rehab) -> None:
    before, after = rehab.plan(30), rehab.plan(31)
    assert after.adherence.prescribed - before.adherence.prescribed == 1  # day 30's stretch


def test_red_8_adherence_ignores_a_strength_session_on_an_unscheduled_day(rehab: Rehab) -> None:
    rehab.strength(9)  # Tuesday; Monday (day 8) was missed
    without = type(rehab)(rehab.protocol)
    plan, reference = rehab.plan(9), without.plan(9)
    assert plan.adherence.prescribed == reference.adherence.prescribed == 17
    assert plan.adherence.done == 0
