"""RF-1: the cadence target, and the form cues RF-2..5 that come with it."""

from __future__ import annotations

import datetime as dt

import pytest

from gerdy.domain.events import Run
from gerdy.domain.profile import Profile
from gerdy.engine.cadence import cadence_measurements
from gerdy.engine.history import History
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


def naive_measurements(
    profile: Profile, history: History, until: dt.date
) -> list[tuple[dt.date, float]]:
    """RF-1's measurements read the way they were before they were gathered once: every day
    of the history up to `until`, in date order, each day's runs then its running videos."""
    measured: list[tuple[dt.date, float]] = []
    if profile.cadence_spm is not None:
        measured.append((profile.start_date, float(profile.cadence_spm)))
    for date in sorted(d for d in history.days if d <= until):
        day = history.days[date]
        measured += [(date, r.cadence_spm) for r in day.runs if r.cadence_spm is not None]
        measured += [
            (date, f.cadence_spm)
            for f in day.form_checks
            if f.activity == "running" and f.cadence_spm is not None
        ]
    return measured


def test_rf_1_measurements_gathered_once_are_each_days_own(rehab: Rehab) -> None:
    """The measurements are gathered once per history (a year of plans over a long record read
    every day of it for each day planned); each day still sees exactly its own past: recorded
    out of date order, two on one day, a video, a run without a cadence."""
    rehab.set(cadence_spm=150, track="reduced")
    rehab.run(20, 15, cadence_spm=165)
    rehab.run(9, 15, cadence_spm=152)
    rehab.run(9, 10, cadence_spm=154)  # the same day: both, in the order recorded
    rehab.run(12, 15)
    rehab.add(16, "form_check", view="side", activity="running", cadence_spm=160.5)
    rehab.add(17, "form_check", view="side", activity="walking", cadence_spm=110.0)
    history = History(rehab.events, until=rehab.date(30))
    for day in range(1, 31):
        date = rehab.date(day)
        assert cadence_measurements(rehab.profile, history, date) == naive_measurements(
            rehab.profile, history, date
        ), day
    assert [value for _, value in history.cadences()] == [152, 154, 160.5, 165]
    history.add(Run(date=rehab.date(30), minutes=15, cadence_spm=170))  # a projection's
    assert cadence_measurements(rehab.profile, history, rehab.date(30))[-1][1] == 170
