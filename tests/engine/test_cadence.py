"""RF-1: the cadence target, and the form cues RF-2..5 that come with it."""

from __future__ import annotations

import pytest

from gerdy.protocol import Protocol

from .conftest import Rehab

DASH = "\u2013"  # the en dash the protocol texts use in ranges


@pytest.mark.parametrize(
    ("current", "target"),
    [(150, 161), (155, 167), (160, 172), (162, 174), (165, 177), (168, 180), (169, 180)],
)
def test_rf_1_target_is_7_5_percent_above_current_at_most_180(
    rehab: Rehab, current: int, target: int
) -> None:
    rehab.set(cadence_spm=current)
    cadence = rehab.cadence_of(rehab.plan(1))
    assert cadence.rule == "RF-1"
    assert cadence.current == current
    assert cadence.target == target == min(180, round(current * 1.075))
    assert cadence.change is True
    assert cadence.recheck_on == rehab.date(15)


@pytest.mark.parametrize("current", [170, 175, 185])
def test_rf_1_runner_at_170_or_more_gets_no_change(rehab: Rehab, current: int) -> None:
    rehab.set(cadence_spm=current)
    cadence = rehab.cadence_of(rehab.plan(1))
    assert cadence.change is False
    assert cadence.target == current
    assert cadence.recheck_on is None


def test_rf_1_no_cadence_known_no_target(rehab: Rehab) -> None:
    assert rehab.plan(1).cadence is None
    rehab.reach_gate(8)
    rehab.run(8, 15)
    assert rehab.plan(9).cadence is None


def test_rf_1_cadence_from_a_run_when_the_profile_has_none(rehab: Rehab) -> None:
    rehab.reach_gate(8)
    rehab.run(8, 15, cadence_spm=158)
    cadence = rehab.cadence_of(rehab.plan(8))
    assert (cadence.current, cadence.target) == (158, 170)
    assert cadence.recheck_on == rehab.date(22)


def test_rf_1_target_held_during_the_adaptation_weeks(rehab: Rehab) -> None:
    rehab.set(cadence_spm=150)
    rehab.set(track="reduced")
    rehab.run(8, 15, cadence_spm=158)  # only 7 days after the base measurement
    cadence = rehab.cadence_of(rehab.plan(8))
    assert cadence.current == 158
    assert cadence.target == 161
    assert cadence.recheck_on == rehab.date(15)


def test_rf_1_recheck_after_14_days_steps_again(rehab: Rehab) -> None:
    rehab.set(cadence_spm=150, track="reduced")
    rehab.run(15, 15, cadence_spm=161)
    cadence = rehab.cadence_of(rehab.plan(15))
    assert cadence.current == 161
    assert cadence.target == 173  # round(161 * 1.075) = 173
    assert cadence.recheck_on == rehab.date(29)
    rehab.run(29, 15, cadence_spm=172)
    later = rehab.cadence_of(rehab.plan(29))
    assert later.change is False
    assert later.target == 172
    assert later.recheck_on is None


def test_rf_1_runs_after_the_plan_date_are_not_seen(rehab: Rehab) -> None:
    rehab.set(cadence_spm=150, track="reduced")
    rehab.run(20, 15, cadence_spm=165)
    assert rehab.cadence_of(rehab.plan(19)).current == 150


def test_rf_1_plan_days_does_not_show_a_later_cadence_on_an_earlier_day(rehab: Rehab) -> None:
    rehab.set(cadence_spm=150, track="reduced")
    rehab.run(20, 15, cadence_spm=165)
    plans = rehab.plans(19, 20)
    assert rehab.cadence_of(plans[0]).current == 150
    assert rehab.cadence_of(plans[1]).current == 165


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("RF-2", f"5{DASH}10% shorter"),
        ("RF-3", "two train tracks"),
        ("RF-4", f"2{DASH}5 degrees"),
        ("RF-5", "flat"),
    ],
)
def test_rf_2_to_rf_5_form_cues_in_the_protocol(protocol: Protocol, rule: str, words: str) -> None:
    cues = {cue.id: cue for cue in protocol.form_cues}
    assert words in cues[rule].text
    assert protocol.rules[rule].why


def test_rf_2_metronome_at_the_target_cadence(protocol: Protocol) -> None:
    cue = next(c for c in protocol.form_cues if c.id == "RF-2")
    assert "metronome" in cue.text


def test_rf_4_lean_only_after_video_shows_crossover_or_drop(protocol: Protocol) -> None:
    cue = next(c for c in protocol.form_cues if c.id == "RF-4")
    assert "video" in cue.text
