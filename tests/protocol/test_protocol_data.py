"""The packaged protocol file (itbs.yaml) loads and carries the spec's rule IDs and numbers."""

from __future__ import annotations

from importlib import resources

import pytest

from gerdy.domain.events import RUNNING_CADENCE_SPM
from gerdy.protocol import Protocol, load_protocol

DASH = "\u2013"  # the en dash the protocol texts use in ranges


def _ids(prefix: str, first: int, last: int) -> list[str]:
    return [f"{prefix}-{n}" for n in range(first, last + 1)]


SPEC_RULE_IDS = [
    *_ids("TL", 1, 2),
    *_ids("P1", 1, 7),
    *_ids("FR", 1, 4),
    *_ids("ST", 0, 7),
    *_ids("PR", 1, 4),
    *_ids("SX", 1, 4),
    *_ids("RF", 1, 5),
    *_ids("RTR", 0, 8),
    *_ids("WS", 1, 4),
    *_ids("RED", 1, 11),
    *_ids("ED", 1, 6),
]

EXERCISES = [
    ("clamshell", "strength", "ST-1"),
    ("side_lying_abduction", "strength", "ST-2"),
    ("glute_bridge", "strength", "ST-3"),
    ("single_leg_bridge", "strength", "ST-4"),
    ("lateral_band_walk", "strength", "ST-5"),
    ("single_leg_box_squat", "strength", "ST-6"),
    ("tfl_roll", "roll", "FR-1"),
    ("lateral_quad_roll", "roll", "FR-2"),
    ("glute_roll", "roll", "FR-3"),
    ("pigeon", "stretch", "SX-1"),
    ("hip_flexor_stretch", "stretch", "SX-2"),
    ("figure_four", "stretch", "SX-3"),
]


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return load_protocol()


def _raw_text() -> str:
    return resources.files("gerdy.protocol").joinpath("itbs.yaml").read_text("utf-8")


# --- the file as a whole -----------------------------------------------------------------


def test_protocol_file_loads_and_validates(protocol: Protocol) -> None:
    assert protocol.id == "itbs"
    assert protocol.version == "1.2"


@pytest.mark.parametrize("rule_id", SPEC_RULE_IDS)
def test_every_spec_rule_id_has_a_rule_entry(protocol: Protocol, rule_id: str) -> None:
    rule = protocol.rules[rule_id]
    assert rule.title
    assert "\n" not in rule.why.strip()
    assert len(rule.why) <= 140


def test_rules_hold_no_ids_outside_the_spec(protocol: Protocol) -> None:
    assert set(protocol.rules) == set(SPEC_RULE_IDS)


def test_ed_6_disclaimer_says_educational_not_medical_advice(protocol: Protocol) -> None:
    assert "not medical advice" in next(e for e in protocol.education if e.id == "ED-6").text


def test_no_commercial_product_is_mentioned() -> None:
    text = _raw_text().lower()
    for word in ("ageless", "critical bench", "money-back", "guarantee", "http"):
        assert word not in text


# --- exercises (ST, FR, SX) ----------------------------------------------------------------


def test_st_fr_sx_twelve_exercises_in_order_with_kind_and_rule(protocol: Protocol) -> None:
    assert [(e.id, e.kind, e.rule) for e in protocol.exercises] == EXERCISES


@pytest.mark.parametrize("exercise_id", [e[0] for e in EXERCISES])
def test_st_fr_sx_every_exercise_has_how_to_content(protocol: Protocol, exercise_id: str) -> None:
    exercise = protocol.exercise(exercise_id)
    assert exercise.name and exercise.purpose and exercise.target_muscles and exercise.cues
    assert len(exercise.steps) >= 3


def test_st_1_clamshell_dose_is_3x15_to_20(protocol: Protocol) -> None:
    clamshell = protocol.exercise("clamshell")
    assert clamshell.dose.sets == 3
    assert clamshell.dose.unit == "reps"
    assert (clamshell.dose.range.min, clamshell.dose.range.max) == (15, 20)
    assert clamshell.dose.per == "side"
    assert clamshell.tempo is not None and clamshell.tempo.hold_top_s == 2


def test_pr_1_clamshell_band_after_no_band(protocol: Protocol) -> None:
    progression = protocol.exercise("clamshell").progression
    assert progression is not None and progression.rule == "PR-1"
    assert len(progression.levels) == 2 and progression.start_level == 0


def test_st_2_pr_2_side_lying_abduction_3x12_to_15_slow_lowering(protocol: Protocol) -> None:
    exercise = protocol.exercise("side_lying_abduction")
    assert (exercise.dose.sets, exercise.dose.range.min, exercise.dose.range.max) == (3, 12, 15)
    assert exercise.tempo is not None and exercise.tempo.lower_s is not None
    assert (exercise.tempo.lower_s.min, exercise.tempo.lower_s.max) == (3, 4)
    assert exercise.progression is not None and exercise.progression.rule == "PR-2"


def test_st_3_glute_bridge_is_3x15_both_legs_without_progression(protocol: Protocol) -> None:
    bridge = protocol.exercise("glute_bridge")
    assert (bridge.dose.sets, bridge.dose.range.min, bridge.dose.range.max) == (3, 15, 15)
    assert bridge.dose.per is None
    assert bridge.progression is None


def test_st_4_single_leg_bridge_3x10_to_12_per_side(protocol: Protocol) -> None:
    bridge = protocol.exercise("single_leg_bridge")
    assert (bridge.dose.range.min, bridge.dose.range.max, bridge.dose.per) == (10, 12, "side")
    assert bridge.progression is None


def test_st_5_pr_3_band_walk_10_to_15_steps_per_direction_three_levels(
    protocol: Protocol,
) -> None:
    walk = protocol.exercise("lateral_band_walk")
    assert (walk.dose.sets, walk.dose.unit, walk.dose.per) == (3, "steps", "direction")
    assert (walk.dose.range.min, walk.dose.range.max) == (10, 15)
    assert walk.progression is not None and walk.progression.rule == "PR-3"
    assert len(walk.progression.levels) == 3


def test_st_6_pr_4_box_squat_levels_easy_to_hard_start_at_50cm(protocol: Protocol) -> None:
    squat = protocol.exercise("single_leg_box_squat")
    assert (squat.dose.sets, squat.dose.range.min, squat.dose.range.max) == (3, 8, 10)
    progression = squat.progression
    assert progression is not None and progression.rule == "PR-4"
    heights = [(lv.box_height_cm, lv.box_height_in) for lv in progression.levels]
    assert heights == [(60, 24), (55, 22), (50, 20), (45, 18), (40, 16)]
    assert progression.levels[progression.start_level].box_height_cm == 50
    assert progression.raise_box_when_knee_caves


def test_st_7_common_errors_on_clamshell_single_leg_bridge_box_squat(protocol: Protocol) -> None:
    with_errors = {e.id for e in protocol.exercises if e.common_errors}
    assert with_errors == {"clamshell", "single_leg_bridge", "single_leg_box_squat"}
    assert all(c.rule == "ST-7" for e in protocol.exercises for c in e.common_errors)


def test_st_0_three_sessions_from_day_8_through_week_8(protocol: Protocol) -> None:
    strength = protocol.strength
    assert (strength.first_day, strength.intensive_last_week) == (8, 8)
    assert strength.sessions_per_week == 3
    maintenance = strength.maintenance_sessions_per_week
    assert (maintenance.min, maintenance.max) == (2, 3)
    assert strength.default_days == ("mon", "wed", "fri")


@pytest.mark.parametrize(
    ("exercise_id", "per_day_max"),
    [("tfl_roll", 2), ("lateral_quad_roll", 2), ("glute_roll", 1)],
)
def test_fr_1_fr_2_fr_3_rolls_60_to_90s_per_side(
    protocol: Protocol, exercise_id: str, per_day_max: int
) -> None:
    roll = protocol.exercise(exercise_id)
    assert (roll.dose.sets, roll.dose.unit, roll.dose.per) == (1, "seconds", "side")
    assert (roll.dose.range.min, roll.dose.range.max) == (60, 90)
    assert roll.dose.times_per_day is not None
    assert (roll.dose.times_per_day.min, roll.dose.times_per_day.max) == (1, per_day_max)


def test_fr_1_tfl_roll_pauses_20_to_30s_on_tender_spots(protocol: Protocol) -> None:
    tempo = protocol.exercise("tfl_roll").tempo
    assert tempo is not None and tempo.pause_tender_s is not None
    assert (tempo.pause_tender_s.min, tempo.pause_tender_s.max) == (20, 30)


def test_fr_2_lateral_quad_roll_keeps_away_from_the_knee(protocol: Protocol) -> None:
    cautions = " ".join(protocol.exercise("lateral_quad_roll").cautions)
    assert f"10{DASH}15 cm (4{DASH}6 in)" in cautions
    assert f"8{DASH}10 cm (3{DASH}4 in)" in cautions


def test_fr_window_days_1_to_week_4_and_sx_for_good(protocol: Protocol) -> None:
    assert (protocol.rolling.first_day, protocol.rolling.last_week) == (1, 4)
    assert (protocol.stretching.first_day, protocol.stretching.last_week) == (1, None)


@pytest.mark.parametrize(
    ("exercise_id", "low", "high"),
    [("pigeon", 60, 90), ("hip_flexor_stretch", 45, 60), ("figure_four", 45, 60)],
)
def test_sx_1_sx_2_sx_3_stretch_holds(
    protocol: Protocol, exercise_id: str, low: int, high: int
) -> None:
    stretch = protocol.exercise(exercise_id)
    assert (stretch.dose.sets, stretch.dose.unit, stretch.dose.per) == (1, "seconds", "side")
    assert (stretch.dose.range.min, stretch.dose.range.max) == (low, high)


def test_sx_4_explains_the_it_band_stretch_in_detail(protocol: Protocol) -> None:
    detail = protocol.rules["SX-4"].detail
    assert detail is not None and "collagen" in detail


# --- protect (P1) ------------------------------------------------------------------------


def test_p1_2_break_is_7_days_and_reduced_cap_is_40_percent(protocol: Protocol) -> None:
    protect = protocol.protect
    assert protect.min_break_days == 7
    assert protect.first_mile_km == pytest.approx(1.6)
    assert protect.reduced_cap_fraction == pytest.approx(0.40)


def test_p1_4_p1_5_p1_6_ice_heat_and_donts(protocol: Protocol) -> None:
    protect = protocol.protect
    assert (protect.ice_minutes.min, protect.ice_minutes.max) == (15, 20)
    assert protect.heat_free_days == 3
    assert len(protect.donts) == 3


def test_p1_3_cross_training_options(protocol: Protocol) -> None:
    usual = [c.id for c in protocol.cross_training if c.offered == "usual"]
    assert usual == ["swim", "pool_run", "bike", "walk"]
    without_weight = [c.id for c in protocol.cross_training if c.offered == "cannot_bear_weight"]
    assert without_weight == ["swim_arms", "upper_body"]


# --- return to running (RTR) -------------------------------------------------------------


def test_rtr_0_gate_7_pain_free_days_not_before_day_8(protocol: Protocol) -> None:
    gate = protocol.gate
    assert gate.rule == "RTR-0"
    assert gate.pain_free_days_default == 7
    assert gate.pain_free_days_allowed == (5, 7)
    assert gate.earliest_day == 8
    assert (gate.expected_weeks.min, gate.expected_weeks.max) == (4, 6)


def test_rtr_1_rtr_2_rtr_3_return_weeks(protocol: Protocol) -> None:
    w1, w2, w3 = protocol.return_weeks
    assert (w1.stage, w1.rule, w1.minutes.min, w1.minutes.max) == ("return-1", "RTR-1", 10, 15)
    assert w1.alternate_days
    assert (w2.stage, w2.rule, w2.minutes.max, w2.pickups_seconds) == (
        "return-2",
        "RTR-2",
        20,
        30,
    )
    assert w2.alternate_days
    assert (w3.stage, w3.rule, w3.runs_per_week) == ("return-3", "RTR-3", 3)
    assert w3.alternate_days  # v1.2: never on consecutive days, as in weeks 1-2
    assert (w3.minutes.min, w3.minutes.max) == (20, 30)
    assert w3.long_run is not None and (w3.long_run.min, w3.long_run.max) == (30, 35)
    assert w3.long_run_after_pain_free_runs == 2


def test_rtr_4_rtr_5_growth_10_percent_hills_from_week_6(protocol: Protocol) -> None:
    assert protocol.progress.weekly_growth == pytest.approx(0.10)
    assert protocol.progress.min_base_weekly_minutes == 45
    assert protocol.hills_track.from_return_week_default == 6
    allowed = protocol.hills_track.from_return_week_allowed
    assert (allowed.min, allowed.max) == (6, 8)


def test_rtr_6_warm_up_rolls_and_one_set_of_activation(protocol: Protocol) -> None:
    warm_up = protocol.warm_up
    assert warm_up.rolls == ("tfl_roll", "lateral_quad_roll", "glute_roll")
    assert [(a.exercise, a.sets) for a in warm_up.activation] == [
        ("clamshell", 1),
        ("lateral_band_walk", 1),
    ]


# --- warning signs (WS) and red flags (RED) ----------------------------------------------


def test_ws_1_to_ws_4_which_pause_running(protocol: Protocol) -> None:
    pauses = {w.id: w.pauses_running for w in protocol.warning_signs}
    assert pauses == {"WS-1": True, "WS-2": False, "WS-3": False, "WS-4": True}
    assert protocol.pain_builds.resume_pain_free_days == 3
    assert protocol.pain_lasts.pain_after_hours == 2


def test_red_1_to_red_11_present_and_only_red_1_2_3_6_10_pause(protocol: Protocol) -> None:
    assert [r.id for r in protocol.red_flags] == _ids("RED", 1, 11)
    pausing = {r.id for r in protocol.red_flags if r.pauses}
    assert pausing == {"RED-1", "RED-2", "RED-3", "RED-6", "RED-10"}  # v1.2: RED-6, RED-10
    for flag in protocol.red_flags:
        assert "not a diagnosis" in flag.text
        assert "physiotherapist or sports physician" in flag.text


def test_red_9_intake_questions_for_red_1_to_7_and_red_11(protocol: Protocol) -> None:
    asked = {r.id for r in protocol.red_flags if r.intake_question}
    assert asked == {*_ids("RED", 1, 7), "RED-11"}
    assert all(r.intake_question.endswith("?") for r in protocol.red_flags if r.intake_question)


def test_red_6_question_asks_about_the_knee_pushed_outward(protocol: Protocol) -> None:
    question = protocol.red_flag("RED-6").intake_question
    assert question is not None
    assert "outward" in question and "straight" in question
    assert "inward" not in question


def test_red_8_not_improving_from_day_43(protocol: Protocol) -> None:
    flag = protocol.not_improving
    assert (flag.from_day, flag.window_checkins) == (43, 7)
    assert flag.min_adherence == (2, 3)


def test_red_10_swelling_on_3_consecutive_days(protocol: Protocol) -> None:
    assert protocol.swelling_stays.consecutive_days == 3


# --- running form (RF), timeline (TL), education (ED) ------------------------------------


def test_rf_1_cadence_numbers(protocol: Protocol) -> None:
    cadence = protocol.cadence
    assert (cadence.valid_spm.min, cadence.valid_spm.max) == RUNNING_CADENCE_SPM
    assert cadence.step_factor == pytest.approx(1.075)
    assert (cadence.ceiling_spm, cadence.no_change_at_spm, cadence.recheck_days) == (180, 170, 14)


def test_rf_2_to_rf_5_form_cues(protocol: Protocol) -> None:
    assert [c.id for c in protocol.form_cues] == _ids("RF", 2, 5)
    assert f"2{DASH}5" in next(c for c in protocol.form_cues if c.id == "RF-4").text


def test_tl_1_tl_2_timeline(protocol: Protocol) -> None:
    assert [t.id for t in protocol.timeline] == ["TL-1", "TL-2"]


def test_ed_1_to_ed_6_and_ed_1_says_compression_of_a_fat_pad(protocol: Protocol) -> None:
    assert [e.id for e in protocol.education] == _ids("ED", 1, 6)
    ed_1 = protocol.education[0].text
    assert "compression" in ed_1 and "fat pad" in ed_1
