"""The protocol file is the only source of the protocol's numbers and lists.

Every parameter a rule needs is required: deleting it from a copy of itbs.yaml makes the load
fail with a message that names the rule. The domain's id types (exercises, red flags) and the
check-in's questions are checked against the file, so the code cannot drift from the data.
"""

from __future__ import annotations

import copy
from importlib import resources
from typing import Any, get_args

import pytest

from gerdy.domain.events import CheckinAnswers, RedFlagId, RollId, StrengthId, StretchId
from gerdy.protocol import Protocol, load_protocol
from gerdy.protocol.loader import parse_yaml
from gerdy.protocol.schema import InvalidProtocol, validate_protocol

Path = tuple[str | int | tuple[str, str], ...]


def _document() -> Any:
    return parse_yaml(resources.files("gerdy.protocol").joinpath("itbs.yaml").read_text("utf-8"))


DOCUMENT = _document()


def _item(items: list[dict[str, Any]], key: str, value: str) -> int:
    return next(i for i, item in enumerate(items) if item.get(key) == value)


def _exercise(exercise_id: str) -> int:
    return _item(DOCUMENT["exercises"], "id", exercise_id)


def _sign(rule: str) -> tuple[str, int]:
    return ("warning_signs", _item(DOCUMENT["warning_signs"], "id", rule))


def _flag(rule: str) -> tuple[str, int]:
    return ("red_flags", _item(DOCUMENT["red_flags"], "id", rule))


# (where the parameter is, the rule it belongs to)
PARAMETERS: list[tuple[Path, str]] = [
    (("protect", "first_mile_km"), "P1-2"),
    (("protect", "min_break_days"), "P1-2"),
    (("protect", "reduced_cap_fraction"), "P1-2"),
    (("protect", "reduced_single_run_fraction"), "P1-2"),
    (("protect", "moved_to_break"), "P1-2"),
    (("protect", "ice_minutes"), "P1-4"),
    (("protect", "ice_after_sessions_last_week"), "P1-4"),
    (("protect", "heat_free_days"), "P1-5"),
    (("protect", "donts"), "P1-6"),
    # the spec's vocabulary (v1.2) has no rule IDs: its terms name the parameters
    *[
        (("vocabulary", "same_run", key), "one run, not two")
        for key in ("within_fraction", "within_minutes")
    ],
    *[
        (("vocabulary", "plausible_run", key), "plausible entries")
        for key in ("max_minutes", "fastest_pace_seconds", "slowest_pace_seconds", "too_long")
    ],
    (("vocabulary", "unrated_runs_days"), "answered, never assumed"),
    (("rolling", "first_day"), "FR-4"),
    (("rolling", "last_week"), "FR-4"),
    (("stretching", "first_day"), "SX-1"),
    *[
        (("strength", key), "ST-0")
        for key in (
            "first_day",
            "intensive_last_week",
            "sessions_per_week",
            "maintenance_sessions_per_week",
            "default_days",
        )
    ],
    *[(("exercises", _exercise(e["id"]), "dose"), e["rule"]) for e in DOCUMENT["exercises"]],
    *[
        (("exercises", _exercise(e["id"]), "progression", key), e["progression"]["rule"])
        for e in DOCUMENT["exercises"]
        if "progression" in e
        for key in ("levels", "start_level", "raise_box_when_knee_caves")
    ],
    *[
        (("gate", key), "RTR-0")
        for key in ("pain_free_days_default", "pain_free_days_allowed", "earliest_day")
    ],
    (("return_weeks", 0, "minutes"), "RTR-1"),
    (("return_weeks", 0, "alternate_days"), "RTR-1"),
    (("return_weeks", 1, "minutes"), "RTR-2"),
    (("return_weeks", 1, "pickups_seconds"), "RTR-2"),
    (("return_weeks", 2, "runs_per_week"), "RTR-3"),
    (("return_weeks", 2, "long_run"), "RTR-3"),
    (("return_weeks", 2, "long_run_after_pain_free_runs"), "RTR-3"),
    (("progress", "weekly_growth"), "RTR-4"),
    (("progress", "min_base_weekly_minutes"), "RTR-4"),
    *[
        (("progress", key), "RTR-4")
        for key in (
            "single_run_growth",
            "single_run_days",
            "single_run_floor_minutes",
            "min_run_minutes",
        )
    ],
    (("rung_tolerance_minutes",), "RTR-1"),
    (("hills_track", "from_return_week_default"), "RTR-5"),
    (("hills_track", "from_return_week_allowed"), "RTR-5"),
    (("hills_track", "flat_only"), "RTR-5"),
    (("hills_track", "gradually"), "RTR-5"),
    (("back_after_gap", "days_without_checkin"), "RTR-7"),
    (("progress", "overrun_fraction"), "RTR-4"),
    (("warm_up", "rolls"), "RTR-6"),
    (("warm_up", "activation"), "RTR-6"),
    *[((*_sign(f"WS-{n}"), "pauses_running"), f"WS-{n}") for n in range(1, 5)],
    ((*_sign("WS-1"), "resume_pain_free_days"), "WS-1"),
    ((*_sign("WS-1"), "action_later"), "WS-1"),
    ((*_sign("WS-2"), "pain_after_hours"), "WS-2"),
    ((*_sign("WS-2"), "cap_days"), "WS-2"),
    ((*_sign("WS-2"), "cap_if_none_minutes"), "WS-2"),
    ((*_sign("WS-3"), "to_break_track_from_pain"), "WS-3"),
    ((*_sign("WS-3"), "no_step_up"), "WS-3"),
    *[((*_sign(f"WS-{n}"), key), f"WS-{n}") for n in (1, 4) for key in ("pause", "resumed")],
    *[((*_flag(f["id"]), "pauses"), f["id"]) for f in DOCUMENT["red_flags"]],
    ((*_flag("RED-8"), "from_day"), "RED-8"),
    ((*_flag("RED-8"), "window_checkins"), "RED-8"),
    ((*_flag("RED-8"), "min_adherence"), "RED-8"),
    ((*_flag("RED-8"), "low_adherence"), "RED-8"),
    ((*_flag("RED-10"), "consecutive_days"), "RED-10"),
    *[
        (("cadence", key), "RF-1")
        for key in ("valid_spm", "step_factor", "ceiling_spm", "no_change_at_spm", "recheck_days")
    ],
]


def _without(document: Any, path: Path) -> Any:
    changed = copy.deepcopy(document)
    node = changed
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return changed


def test_the_shipped_protocol_has_every_parameter() -> None:
    for path, _rule in PARAMETERS:
        node = DOCUMENT
        for part in path:
            node = node[part]  # KeyError here: the table names a parameter the file lacks


@pytest.mark.parametrize(
    ("path", "rule"), PARAMETERS, ids=[".".join(map(str, p)) for p, _ in PARAMETERS]
)
def test_a_missing_parameter_fails_the_load_naming_its_rule(path: Path, rule: str) -> None:
    with pytest.raises(InvalidProtocol) as raised:
        validate_protocol(_without(DOCUMENT, path))
    assert f"{rule}:" in str(raised.value)


@pytest.mark.parametrize("rule", ["WS-1", "WS-2", "WS-3", "RED-8", "RED-10"])
def test_a_missing_rule_with_its_own_numbers_fails_the_load(rule: str) -> None:
    section, index = _sign(rule) if rule.startswith("WS") else _flag(rule)
    with pytest.raises(InvalidProtocol, match=rule):
        validate_protocol(_without(DOCUMENT, (section, index)))


# --- the domain's id types and the check-in's questions -----------------------------------------


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return load_protocol()


def test_st_fr_sx_exercise_id_types_match_the_protocol(protocol: Protocol) -> None:
    assert get_args(StrengthId) == tuple(e.id for e in protocol.exercises_of("strength"))
    assert get_args(RollId) == tuple(e.id for e in protocol.exercises_of("roll"))
    assert get_args(StretchId) == tuple(e.id for e in protocol.exercises_of("stretch"))


def test_red_flag_id_type_names_every_flag_a_clearance_can_close(protocol: Protocol) -> None:
    # RED-9 is the intake screen itself, not a flag of its own: nothing to clear.
    assert get_args(RedFlagId) == tuple(f.id for f in protocol.red_flags if f.id != "RED-9")


def test_ws_4_red_checkin_questions_cover_every_symptom_field(protocol: Protocol) -> None:
    symptoms = [
        name for name, field in CheckinAnswers.model_fields.items() if field.annotation is bool
    ]
    assert sorted(q.field for q in protocol.checkin.symptoms) == sorted(symptoms)
    for question in protocol.checkin.symptoms:
        assert question.question.endswith("?")
        assert question.rule in protocol.rules
