"""Pure content: rules whose effect is what the user reads (TL, ED, and the "why?" of every
task and alert). The engine must hand out the protocol's words, keyed by rule ID."""

from __future__ import annotations

import re

import pytest

from gerdy.protocol import Protocol

from .conftest import Rehab

SPEC_PREFIXES = ("TL", "P1", "FR", "ST", "PR", "SX", "RF", "RTR", "WS", "RED", "ED")


def test_tl_1_expected_course_is_an_expectation_not_a_deadline(protocol: Protocol) -> None:
    timeline = {item.id: item for item in protocol.timeline}
    text = timeline["TL-1"].text
    assert "4 to 8 weeks" in text and "6 to 12 weeks" in text
    assert "not deadlines" in text
    assert "not a deadline" in protocol.rules["TL-1"].why
    assert (protocol.gate.expected_weeks.min, protocol.gate.expected_weeks.max) == (4, 6)
    assert "not a" in (protocol.rules["RTR-0"].detail or "")  # "an expectation, not a target"


def test_tl_2_strength_stays_for_good(protocol: Protocol) -> None:
    timeline = {item.id: item for item in protocol.timeline}
    assert "2 to 3 strength sessions a week" in timeline["TL-2"].text
    assert protocol.strength.maintenance_sessions_per_week.min == 2
    assert protocol.strength.maintenance_sessions_per_week.max == 3


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("ED-1", "compression, not friction"),
        ("ED-2", "turns inward"),
        ("ED-3", "rest does not make your"),
        ("ED-4", "hardly lengthens"),
        ("ED-5", "front"),
        ("ED-6", "not medical advice"),
    ],
)
def test_ed_1_to_ed_6_education_content(protocol: Protocol, rule: str, words: str) -> None:
    education = {item.id: item for item in protocol.education}
    assert words in education[rule].text
    assert protocol.rules[rule].why


def test_ed_1_says_compression_and_never_blames_friction(protocol: Protocol) -> None:
    education = {item.id: item for item in protocol.education}
    assert "30 degrees" in education["ED-1"].text
    assert "friction" not in protocol.rules["ED-1"].why.lower()


def test_ed_6_disclaimer_is_part_of_the_protocol(protocol: Protocol) -> None:
    education = {item.id: item for item in protocol.education}
    assert "not medical advice" in education["ED-6"].text


def test_every_rule_id_of_the_spec_has_a_why(protocol: Protocol) -> None:
    for rule_id, rule in protocol.rules.items():
        assert re.match(rf"^({'|'.join(SPEC_PREFIXES)})-\d+$", rule_id)
        assert len(rule.why) >= 10


def test_every_task_and_alert_names_a_rule_and_says_why(rehab: Rehab) -> None:
    rehab.set(intake={"locking": True}, cadence_spm=160)
    rehab.climb("progress")
    rehab.run(30, 20, pain_after_hours=3)
    for plan in rehab.plans(1, 40):
        assert plan.protocol_version == rehab.protocol.version
        for task in plan.tasks:
            assert task.rule in rehab.protocol.rules
            assert task.why == rehab.protocol.rules[task.rule].why
        for shown in plan.alerts:
            assert shown.rule in rehab.protocol.rules
            assert shown.text
        assert plan.run.rule in rehab.protocol.rules
        assert plan.run.why == rehab.protocol.rules[plan.run.rule].why
