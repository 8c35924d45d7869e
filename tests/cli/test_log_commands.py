"""`gerdy checkin` and `gerdy log ...`: each records one event of the gerdy/1 contract and
reports the day's stage, gate and alerts."""

from __future__ import annotations

from .helpers import START, Gerdy, ok_json

LOGGED_KEYS = {
    "event", "stage", "gate", "alerts", "next_milestone", "runs_awaiting_answers",
    "runs_to_confirm", "linked_runs",
}  # fmt: skip
STRENGTH_IDS = [
    "clamshell", "side_lying_abduction", "glute_bridge", "single_leg_bridge",
    "lateral_band_walk", "single_leg_box_squat",
]  # fmt: skip


def test_checkin_json_records_the_contract_event(started: Gerdy) -> None:
    logged = ok_json(
        started("checkin", "--date", "2026-01-06", "--pain", "2", "--rest-pain", "1",
                "--swelling", "--none-of-these", "--note", "stiff in the morning", "--json")
    )  # fmt: skip
    assert set(logged) == LOGGED_KEYS
    event = logged["event"]
    assert event["type"] == "checkin" and event["date"] == "2026-01-06"
    assert event["pain_daily"] == 2 and event["pain_rest"] == 1 and event["swelling"] is True
    assert event["id"]
    assert any(alert["rule"] == "WS-4" for alert in logged["alerts"])


def test_checkin_defaults_to_today(started: Gerdy) -> None:
    logged = ok_json(
        started("checkin", "--pain", "0", "--rest-pain", "0", "--none-of-these", "--json")
    )
    assert logged["event"]["date"] >= START


def test_red_1_checkin_shows_the_red_flag_at_once(started: Gerdy) -> None:
    result = started(
        "checkin",
        "--date",
        "2026-01-06",
        "--pain",
        "5",
        "--rest-pain",
        "0",
        "--none-of-these",
        "--cannot-bear-weight",
    )
    assert result.exit_code == 0, result.stderr
    assert "RED-1" in result.stdout and "see a professional" in result.stdout


def test_log_strength_specs_with_pain_and_effort(started: Gerdy) -> None:
    logged = ok_json(
        started("log", "strength", "--date", "2026-01-12",
                "--exercise", "clamshell:15,15,15:0:easy",
                "--exercise", "ST-6:8,8,7:2:hard", "--knee-caved-in", "--json")
    )  # fmt: skip
    exercises = logged["event"]["exercises"]
    assert exercises[0] == {
        "id": "clamshell", "sets": [15, 15, 15], "pain": 0, "effort": "easy",
        "knee_caved_in": False,
    }  # fmt: skip
    assert exercises[1]["id"] == "single_leg_box_squat" and exercises[1]["pain"] == 2
    assert exercises[1]["knee_caved_in"] is True
    assert any(alert["rule"] == "WS-3" for alert in logged["alerts"])


def test_log_strength_all_uses_the_days_prescription(started: Gerdy) -> None:
    plan = ok_json(started("today", "--date", "2026-01-12", "--json"))
    prescribed = {t["exercise"]: t for t in plan["tasks"] if t["kind"] == "strength"}
    logged = ok_json(
        started("log", "strength", "--date", "2026-01-12", "--all", "--pain", "0", "--json")
    )
    exercises = logged["event"]["exercises"]
    assert [e["id"] for e in exercises] == STRENGTH_IDS
    for exercise in exercises:
        task = prescribed[exercise["id"]]
        count = task["reps"] if task["reps"] is not None else task["steps"]
        assert exercise["sets"] == [count] * task["sets"]
        assert exercise["pain"] == 0 and exercise["effort"] == "right"
    assert logged["gate"]["strength_pain_free"] is True


def test_st_0_log_strength_all_refused_on_a_day_without_a_session(started: Gerdy) -> None:
    result = started("log", "strength", "--date", "2026-01-13", "--all", "--pain", "0")
    assert result.exit_code == 1
    assert "no strength session is prescribed on 2026-01-13" in result.stderr


def test_log_run_json_and_imperial_distance(gerdy: Gerdy) -> None:
    gerdy("init", "--start-date", START, "--side", "left", "--weekly-minutes", "100",
          "--units", "imperial", "--no-red-flags")  # fmt: skip
    logged = ok_json(
        gerdy("log", "run", "--date", "2026-01-06", "--minutes", "20", "--pain-during", "0",
              "--distance-mi", "2", "--cadence", "166", "--terrain", "flat",
              "--pain-after-hours", "0", "--json")
    )  # fmt: skip
    run = logged["event"]
    assert run["type"] == "run" and run["minutes"] == 20 and run["pain_during"] == 0
    assert run["distance_km"] == 3.219 and run["cadence_spm"] == 166 and run["terrain"] == "flat"
    human = gerdy("log", "run", "--date", "2026-01-07", "--minutes", "15", "--pain-during", "0",
                  "--distance-km", "3.2187")  # fmt: skip
    assert "2.0 mi" in human.stdout


def test_ws_1_run_with_worsening_pain_is_recorded(started: Gerdy) -> None:
    logged = ok_json(
        started("log", "run", "--date", "2026-01-06", "--minutes", "10", "--pain-during", "4",
                "--pain-worsened", "--json")
    )  # fmt: skip
    assert logged["event"]["pain_worsened"] is True
    assert any(alert["rule"] == "WS-1" for alert in logged["alerts"])


def test_log_roll_and_stretch_default_to_all_three_and_take_rule_ids(started: Gerdy) -> None:
    rolled = ok_json(started("log", "roll", "--date", START, "--json"))
    assert rolled["event"]["items"] == ["tfl_roll", "lateral_quad_roll", "glute_roll"]
    stretched = ok_json(started("log", "stretch", "pigeon", "SX-3", "--date", START, "--json"))
    assert stretched["event"]["items"] == ["pigeon", "figure_four"]
    tasks = ok_json(started("today", "--date", START, "--json"))["tasks"]
    done = {t["exercise"] for t in tasks if t["done"]}
    assert done == {"tfl_roll", "lateral_quad_roll", "glute_roll", "pigeon", "figure_four"}


def test_p1_3_log_cross_training(started: Gerdy) -> None:
    logged = ok_json(
        started("log", "cross", "--date", START, "--activity", "bike", "--minutes", "30",
                "--json")
    )  # fmt: skip
    assert logged["event"] == {
        "id": logged["event"]["id"], "date": START, "type": "cross", "activity": "bike",
        "minutes": 30.0, "recorded_at": logged["event"]["recorded_at"],
    }  # fmt: skip


def test_red_1_clearance_lifts_the_pause(started: Gerdy) -> None:
    started(
        "checkin",
        "--date",
        "2026-01-06",
        "--pain",
        "3",
        "--rest-pain",
        "0",
        "--none-of-these",
        "--cannot-bear-weight",
    )
    cleared = ok_json(
        started("log", "clearance", "--date", "2026-01-07", "--rule", "red-1",
                "--by", "Ana Ruiz", "--role", "physiotherapist", "--note", "physio: fine",
                "--json")
    )  # fmt: skip
    assert cleared["event"]["rules"] == ["RED-1"] and cleared["event"]["note"] == "physio: fine"
    assert not any(alert["rule"] == "RED-1" for alert in cleared["alerts"])


def test_correct_supersedes_an_event(started: Gerdy) -> None:
    wrong = ok_json(
        started(
            "checkin",
            "--date",
            "2026-01-06",
            "--pain",
            "8",
            "--rest-pain",
            "0",
            "--none-of-these",
            "--json",
        )
    )
    old_id = wrong["event"]["id"]
    fixed = ok_json(
        started("correct", old_id, "--json-event",
                '{"type": "checkin", "date": "2026-01-06", "pain_daily": 0}', "--json")
    )  # fmt: skip
    assert fixed["supersedes"] == old_id and fixed["pain_daily"] == 0
    events = ok_json(started("export"))["events"]
    assert [e["id"] for e in events] == [old_id, fixed["id"]]


def test_log_without_a_kind_shows_help(started: Gerdy) -> None:
    result = started("log")
    assert result.exit_code == 0 and "strength" in result.stdout
