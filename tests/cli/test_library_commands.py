"""`gerdy exercises` and `gerdy learn`: the protocol's library, read-only."""

from __future__ import annotations

from gerdy.protocol import load_protocol

from .helpers import Gerdy, ok_json

EXERCISE_IDS = {
    "clamshell", "side_lying_abduction", "glute_bridge", "single_leg_bridge",
    "lateral_band_walk", "single_leg_box_squat", "tfl_roll", "lateral_quad_roll",
    "glute_roll", "pigeon", "hip_flexor_stretch", "figure_four",
}  # fmt: skip


def test_exercises_json_lists_the_twelve(gerdy: Gerdy) -> None:
    exercises = ok_json(gerdy("exercises", "--json"))
    assert {e["id"] for e in exercises} == EXERCISE_IDS


def test_exercises_list_shows_ids_rules_and_doses(gerdy: Gerdy) -> None:
    out = gerdy("exercises").stdout
    assert "clamshell" in out and "ST-1" in out and "3 \u00d7 15\u201320 per side" in out


def test_st_7_exercise_card_shows_how_to_errors_and_progression(gerdy: Gerdy) -> None:
    out = gerdy("exercises", "clamshell").stdout
    for heading in ("Targets", "Purpose", "Dose", "How to", "Cues", "Common errors (ST-7)"):
        assert heading in out
    assert "Progression (PR-1)" in out and "(start here)" in out


def test_pr_4_box_squat_card_by_rule_id(gerdy: Gerdy) -> None:
    card = ok_json(gerdy("exercises", "ST-6", "--json"))
    assert card["id"] == "single_leg_box_squat" and card["progression"]["rule"] == "PR-4"
    assert card["why"]
    assert "Progression (PR-4)" in gerdy("exercises", "st-6").stdout


def test_learn_lists_the_education_texts(gerdy: Gerdy) -> None:
    topics = ok_json(gerdy("learn", "--json"))
    ids = [topic["id"] for topic in topics]
    assert ids[:6] == ["ED-1", "ED-2", "ED-3", "ED-4", "ED-5", "ED-6"]
    assert "SX-4" in ids and "TL-1" in ids


def test_sx_4_learn_explains_the_it_band_stretch(gerdy: Gerdy) -> None:
    topic = ok_json(gerdy("learn", "sx-4", "--json"))
    assert topic["id"] == "SX-4" and "collagen" in topic["text"]
    assert "SX-4" in gerdy("learn", "SX-4").stdout


def test_ed_6_disclaimer(gerdy: Gerdy) -> None:
    assert "not medical advice" in ok_json(gerdy("learn", "ED-6", "--json"))["text"]


def test_learn_shows_any_rule_of_the_protocol_by_its_id(gerdy: Gerdy) -> None:
    """`gerdy learn RULE` answers "why?" for every rule ID, as the web does (e.g. RTR-4, WS-2)."""
    protocol = load_protocol()
    education = {topic["id"] for topic in ok_json(gerdy("learn", "--json"))}
    for rule_id, rule in protocol.rules.items():
        topic = ok_json(gerdy("learn", rule_id.lower(), "--json"))
        assert topic["id"] == rule_id and topic["text"]
        if rule_id not in education:  # the education texts keep their own, longer wording
            assert topic["title"] == rule.title and rule.why in topic["text"]
    assert "10%" in gerdy("learn", "RTR-4").stdout
