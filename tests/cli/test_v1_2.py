"""Protocol v1.2 through the CLI, as a physio would try it: each test is named by the rule it
serves and drives the commands in-process (CliRunner) on a fresh SQLite record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .helpers import START, Gerdy, assert_one_line_error, exported, ok_json

DAY_1 = dt.date.fromisoformat(START)


def day(n: int) -> str:
    return (DAY_1 + dt.timedelta(days=n - 1)).isoformat()


def reach_the_gate(gerdy: Gerdy, on: int = 8) -> None:
    """Pain-free check-ins from day 1 and all six strength exercises on day `on`: RTR-0."""
    for n in range(1, on + 1):
        assert (
            gerdy(
                "checkin", "--date", day(n), "--pain", "0", "--rest-pain", "0", "--none-of-these"
            ).exit_code
            == 0
        )
    assert gerdy("log", "strength", "--all", "--pain", "0", "--date", day(on)).exit_code == 0


def run(gerdy: Gerdy, n: int, minutes: float, *extra: str) -> Any:
    args = ("log", "run", "--date", day(n), "--minutes", f"{minutes:g}", "--pain-during", "0")
    return ok_json(gerdy(*args, *extra, "--json"))


# --- RTR-8: the next milestone -------------------------------------------------------------


def test_rtr_8_today_and_status_name_the_next_milestone(started: Gerdy) -> None:
    started("checkin", "--date", day(1), "--pain", "0", "--rest-pain", "0", "--none-of-these")
    plan = ok_json(started("today", "--date", day(1), "--json"))
    milestone = plan["next_milestone"]
    assert milestone["rule"] == "RTR-0" and milestone["earliest_date"] == day(8)
    assert "pain-free" in milestone["what"]
    status = ok_json(started("status", "--date", day(1), "--json"))
    assert status["next_milestone"] == milestone
    for command in ("today", "status"):
        out = " ".join(started(command, "--date", day(1)).stdout.split())
        assert "Next: Mon 12 Jan 2026 at the earliest" in out
        assert "RTR-8" in out


def test_rtr_8_in_a_return_week_the_day_it_can_be_passed(started: Gerdy) -> None:
    reach_the_gate(started)
    milestone = ok_json(started("today", "--date", day(9), "--json"))["next_milestone"]
    assert milestone["rule"] == "RTR-1" and milestone["earliest_date"] == day(15)


# --- answered, never assumed; the 2-hour question ------------------------------------------


def test_rtr_1_a_run_waits_for_its_2_hour_answer_then_log_rate_answers_it(started: Gerdy) -> None:
    reach_the_gate(started)
    logged = run(started, 8, 12)  # no --pain-after-hours: the 2-hour question waits
    run_id = logged["event"]["id"]
    [waiting] = logged["runs_awaiting_answers"]
    assert waiting["event_id"] == run_id and waiting["missing"] == ["pain_after_hours"]
    text = started("today", "--date", day(9)).stdout
    assert f"gerdy log rate {run_id}" in " ".join(text.split())
    answered = ok_json(started("log", "rate", run_id, "--pain-after-hours", "0", "--json"))
    assert answered["event"]["supersedes"] == run_id
    assert answered["event"]["pain_during"] == 0 and answered["event"]["pain_after_hours"] == 0
    assert answered["runs_awaiting_answers"] == []


def test_rtr_1_log_rate_without_a_waiting_run_is_a_one_line_error(started: Gerdy) -> None:
    assert_one_line_error(started("log", "rate", "--pain-during", "0"), 2, "no run is waiting")
    assert_one_line_error(started("log", "rate", "nope", "--pain-during", "0"), 1, "no run")


# --- plausible entries ----------------------------------------------------------------------


def test_rtr_4_plausible_entries_a_400_min_run_is_refused_by_every_way_in(
    started: Gerdy, tmp_path: Path
) -> None:
    before = exported(started)
    result = started("log", "run", "--date", day(2), "--minutes", "400", "--pain-during", "0")
    assert_one_line_error(result, 1, "longer than the 300 min", "cross-training")
    fast = started("log", "run", "--date", day(2), "--minutes", "20", "--distance-km", "10",
                   "--pain-during", "0")  # fmt: skip
    assert_one_line_error(fast, 1, "2:00 min/km", "faster than 2:30")
    assert exported(started) == before


def test_rtr_4_plausible_entries_an_old_backup_with_a_350_min_hand_run_loads_and_asks(
    started: Gerdy, tmp_path: Path
) -> None:
    """A v1.1 backup holding a hand-typed 350-min run is the runner's history, not a new
    entry: `load` keeps it and the plan asks to confirm or correct it; only a new run typed
    by hand is refused."""
    document = json.loads(exported(started))
    old = {"id": "old-run", "type": "run", "date": day(2), "minutes": 350, "pain_during": 0,
           "pain_after_hours": 0}  # fmt: skip
    document["events"].append(old)
    path = tmp_path / "v1_1.json"
    path.write_text(json.dumps(document))
    assert started("load", str(path), "--replace").exit_code == 0
    plan = ok_json(started("today", "--date", day(2), "--json"))
    [confirm] = plan["runs_to_confirm"]
    assert confirm["event_id"] == "old-run" and "350 min" in confirm["why"]
    out = " ".join(started("today", "--date", day(2)).stdout.split())
    assert "gerdy log rate old-run --confirm" in out
    typed = started("log", "run", "--date", day(3), "--minutes", "350", "--pain-during", "0")
    assert_one_line_error(typed, 1, "a run of 350 min is longer than the 300 min")
    confirmed = ok_json(started("log", "rate", "old-run", "--confirm", "--json"))
    assert confirmed["event"]["minutes"] == 350 and confirmed["event"]["confirmed"] is True
    assert ok_json(started("today", "--date", day(2), "--json"))["runs_to_confirm"] == []


# --- one run, not two -----------------------------------------------------------------------

GPX = """<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk>
<type>running</type><trkseg>{points}</trkseg></trk></gpx>"""


def gpx_run(path: Path, date: str, minutes: int) -> Path:
    points = "".join(
        f'<trkpt lat="{48 + i * 0.0005:.5f}" lon="11.00000">'
        f"<time>{date}T07:{i:02d}:00Z</time></trkpt>"
        for i in range(minutes + 1)
    )
    path.write_text(GPX.format(points=points))
    return path


def test_p1_2_one_run_not_two_a_hand_run_and_its_import_count_once(
    gerdy: Gerdy, tmp_path: Path
) -> None:
    result = gerdy("init", "--start-date", START, "--side", "left", "--weekly-minutes", "100",
                   "--timezone", "UTC", "--no-red-flags")  # fmt: skip
    assert result.exit_code == 0, result.stderr  # the reduced track: a 40-minute week
    hand = run(gerdy, 2, 20, "--pain-after-hours", "0")
    assert gerdy("import", str(gpx_run(tmp_path / "run.gpx", day(2), 21))).exit_code == 0
    plan = ok_json(gerdy("today", "--date", day(2), "--json"))
    assert plan["run"]["week_minutes_done"] == 20
    [link] = plan["linked_runs"]
    assert link["hand_id"] == hand["event"]["id"]
    assert plan["runs_awaiting_answers"] == []
    out = " ".join(gerdy("today", "--date", day(2)).stdout.split())
    assert "One run, not two" in out


# --- clearances: name and role, recorded by you ----------------------------------------------


def test_red_1_a_clearance_names_the_professional_and_role_and_reads_recorded_by_you(
    started: Gerdy,
) -> None:
    started(
        "checkin",
        "--date",
        day(2),
        "--pain",
        "3",
        "--rest-pain",
        "0",
        "--none-of-these",
        "--cannot-bear-weight",
    )
    before = exported(started)
    assert_one_line_error(
        started("log", "clearance", "--date", day(3), "--rule", "RED-1", "--role", "GP"),
        2, "missing --by",
    )  # fmt: skip
    assert exported(started) == before
    result = started("log", "clearance", "--date", day(3), "--rule", "RED-1", "--by", "Ana Ruiz",
                     "--role", "physiotherapist")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Ana Ruiz (physiotherapist), recorded by you" in " ".join(result.stdout.split())
    stored = json.loads(exported(started))["events"][-1]
    assert stored["author"] == {"role": "runner", "name": "the runner"}
    assert (stored["cleared_by"], stored["cleared_by_role"]) == ("Ana Ruiz", "physiotherapist")


def test_red_1_today_and_status_list_the_clearance_as_the_runners_word(started: Gerdy) -> None:
    """v1.2: a clearance the runner recorded is shown everywhere as theirs, the CLI's Today
    and status included (they listed no notes, clearances or settings changes)."""
    started(
        "checkin",
        "--date",
        day(2),
        "--pain",
        "3",
        "--rest-pain",
        "0",
        "--none-of-these",
        "--cannot-bear-weight",
    )
    result = started("log", "clearance", "--date", day(3), "--rule", "RED-1", "--by", "Ana Ruiz",
                     "--role", "physiotherapist", "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for command in ("today", "status"):
        out = " ".join(started(command, "--date", day(4)).stdout.split())
        assert "Notes and changes" in out
        assert "Cleared: RED-1" in out
        assert "Seen by Ana Ruiz (physiotherapist)" in out and "Recorded by you" in out


def test_red_1_a_v1_1_clearance_without_a_role_still_loads(started: Gerdy, tmp_path: Path) -> None:
    document = json.loads(exported(started))
    document["events"] = [
        {"type": "checkin", "date": day(2), "pain_daily": 3, "cannot_bear_weight": True},
        {"type": "clearance", "date": day(3), "rules": ["RED-1"], "cleared_by": "Dr Ames"},
    ]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document))
    assert started("load", str(path), "--replace").exit_code == 0
    plan = ok_json(started("today", "--date", day(3), "--json"))
    assert not any(alert["rule"] == "RED-1" for alert in plan["alerts"])


# --- overruns: keeping to the rung, shown at save --------------------------------------------


def test_rtr_1_a_run_the_day_after_a_run_is_told_as_soon_as_it_is_saved(started: Gerdy) -> None:
    reach_the_gate(started)
    run(started, 8, 12, "--pain-after-hours", "0")
    result = started("log", "run", "--date", day(9), "--minutes", "12", "--pain-during", "0",
                     "--pain-after-hours", "0")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Today's run was 12 min; the plan offered no run that day" in out
    assert "return week is repeated" in out


def test_p1_2_a_run_during_the_break_gets_its_alert_at_save(started: Gerdy) -> None:
    logged = run(started, 3, 20, "--pain-after-hours", "0")
    [alert] = [a for a in logged["alerts"] if a["level"] == "info" and a["since"] == day(3)]
    assert alert["rule"] == "P1-2" and "offered no run" in alert["text"]


# --- RTR-7: back after a gap ---------------------------------------------------------------


def test_rtr_7_after_a_gap_the_plan_asks_for_a_checkin_first(started: Gerdy) -> None:
    reach_the_gate(started)
    plan = ok_json(started("today", "--date", day(16), "--json"))  # days 9..15 silent
    assert plan["run"]["allowed"] is False and plan["run"]["rule"] == "RTR-7"
    assert plan["next_milestone"]["rule"] == "RTR-7"
    out = " ".join(started("status", "--date", day(16)).stdout.split())
    assert "Check in first" in out
    started("checkin", "--date", day(16), "--pain", "0", "--rest-pain", "0", "--none-of-these")
    assert ok_json(started("today", "--date", day(16), "--json"))["run"]["allowed"] is True


# --- P1-2 proportion, RED-6, knee side, RF-1 ------------------------------------------------


def test_p1_2_pain_2_in_one_exercise_keeps_the_reduced_track(gerdy: Gerdy) -> None:
    result = gerdy("init", "--start-date", START, "--side", "right", "--weekly-minutes", "100",
                   "--no-red-flags")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    logged = ok_json(gerdy("log", "strength", "--date", day(2), "--exercise",
                           "clamshell:15,15,15:2", "--json"))  # fmt: skip
    [ws3] = [a for a in logged["alerts"] if a["rule"] == "WS-3"]
    assert "break track" not in ws3["text"] and ws3["text"].startswith("Right knee")
    assert ok_json(gerdy("today", "--date", day(3), "--json"))["track"] == "reduced"


def test_red_6_an_unstable_knee_pauses_running_in_the_cli(started: Gerdy) -> None:
    reach_the_gate(started)
    started(
        "checkin",
        "--date",
        day(9),
        "--pain",
        "0",
        "--rest-pain",
        "0",
        "--none-of-these",
        "--instability",
    )
    status = ok_json(started("status", "--date", day(10), "--json"))
    assert status["stage"] == "paused" and status["run"]["allowed"] is False
    assert status["next_milestone"]["earliest_date"] is None


def test_rf_1_the_cli_offers_the_doubled_cadence_only_when_it_is_valid(started: Gerdy) -> None:
    args = ("log", "run", "--date", day(2), "--minutes", "20", "--pain-during", "0")
    assert_one_line_error(started(*args, "--cadence", "80"), 1, "160 steps/min")
    result = started(*args, "--cadence", "50")
    assert_one_line_error(result, 1, "outside 120-230")
    assert "one foot" not in result.stderr


# --- the record as now known -----------------------------------------------------------------


def test_rtr_1_a_correction_moving_a_run_to_the_next_day_is_honoured_by_today_and_status(
    started: Gerdy,
) -> None:
    """The issue's case: a correction recorded on day 13 moves day 12's run to day 13; `plan`
    honoured it, `today --date` and `status --date` for day 12 did not."""
    reach_the_gate(started, on=10)
    moved = run(started, 12, 12, "--pain-after-hours", "0")["event"]["id"]
    assert ok_json(started("today", "--date", day(12), "--json"))["run"]["allowed"] is False
    corrected = json.dumps({"type": "run", "date": day(13), "minutes": 12, "pain_during": 0,
                            "pain_after_hours": 0})  # fmt: skip
    assert started("correct", moved, "--json-event", corrected).exit_code == 0
    for command in ("today", "status"):
        plan = ok_json(started(command, "--date", day(12), "--json"))
        assert plan["run"]["allowed"] is True, command
    assert ok_json(started("today", "--date", day(13), "--json"))["run"]["allowed"] is False


def test_rtr_2_a_45_min_run_on_a_10_to_20_min_rung_is_told_at_save(started: Gerdy) -> None:
    reach_the_gate(started)
    for n in range(9, 16):
        started("checkin", "--date", day(n), "--pain", "0", "--rest-pain", "0", "--none-of-these")
    for n in (8, 10, 12):
        run(started, n, 12, "--pain-after-hours", "0")
    result = started("log", "run", "--date", day(15), "--minutes", "45", "--pain-during", "0",
                     "--pain-after-hours", "0")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Today's run was 45 min; the plan was 10\u201320 min" in out
    assert "return week is repeated" in out
