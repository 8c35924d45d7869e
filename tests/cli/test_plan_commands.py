"""`gerdy today`, `gerdy status` and `gerdy plan`: the JSON contract of issue 2 and the
human views (alerts first, tasks with dose, rule and why)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

from gerdy.services import Coach
from gerdy.storage.store import open_store

from .helpers import START, TODAY, Gerdy, ok_json

TODAY_KEYS = {"date", "day", "week", "stage", "track", "tasks", "run", "gate", "alerts", "cadence"}
TASK_KEYS = {"rule", "kind", "exercise", "sets", "reps", "steps", "seconds", "per_side"}
RUN_KEYS = {"allowed", "min_minutes", "max_minutes", "pickups", "hills_track", "rule"}
GATE_KEYS = {"met", "pain_free_days", "needed_days", "strength_pain_free"}
STATUS_KEYS = {
    "date", "stage", "track", "gate", "alerts", "adherence", "run", "cadence", "expectations",
    "next_milestone", "runs_awaiting_answers", "runs_to_confirm",
}  # fmt: skip


def test_today_json_is_the_day_plan_contract(started: Gerdy, database_file: Path) -> None:
    plan = ok_json(started("today", "--date", "2026-01-12", "--json"))
    assert plan.keys() >= TODAY_KEYS
    assert plan["date"] == "2026-01-12" and plan["day"] == 8 and plan["week"] == 2
    assert plan["stage"] == "protect" and plan["track"] == "break"
    assert plan["tasks"] and all(task.keys() >= TASK_KEYS for task in plan["tasks"])
    kinds = {task["kind"] for task in plan["tasks"]}
    assert {"roll", "stretch", "strength"} <= kinds
    assert plan["run"].keys() >= RUN_KEYS
    assert plan["gate"].keys() >= GATE_KEYS
    assert all({"level", "rule", "text"} <= alert.keys() for alert in plan["alerts"])
    assert plan["cadence"]["current"] == 160 and "target" in plan["cadence"]
    with open_store(f"sqlite:///{database_file}") as store:
        expected = Coach.open(store).plan(dt.date(2026, 1, 12)).to_json()
    assert plan == json.loads(json.dumps(expected))


def test_today_json_cadence_is_null_when_unknown(gerdy: Gerdy) -> None:
    gerdy(
        "init", "--start-date", START, "--side", "left", "--weekly-minutes", "60", "--no-red-flags"
    )
    assert ok_json(gerdy("today", "--date", START, "--json"))["cadence"] is None


def test_today_human_view_shows_tasks_doses_rules_and_gate(started: Gerdy) -> None:
    result = started("today", "--date", "2026-01-12")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "day 8" in out and "week 2" in out and "Stage: Protect" in out
    assert "Clamshell  3 \u00d7 15 per side" in out
    assert "60\u201390 s per side" in out
    assert "3 \u00d7 10 steps each way" in out
    assert "ST-1 \u00b7" in out and "FR-1 \u00b7" in out
    assert "0 of 7 pain-free days" in out
    assert "Cadence (RF-1)" in out


def test_red_flag_alerts_come_before_the_tasks(started: Gerdy) -> None:
    started(
        "checkin",
        "--date",
        "2026-01-06",
        "--pain",
        "3",
        "--rest-pain",
        "0",
        "--none-of-these",
        "--numbness",
    )
    out = started("today", "--date", "2026-01-06").stdout
    assert "RED-3" in out
    assert out.index("RED-3") < out.index("Today") < out.index("FR-1")


def test_rtr_0_gate_progress_in_status(started: Gerdy) -> None:
    for day in range(5, 8):
        started(
            "checkin",
            "--date",
            f"2026-01-{day:02d}",
            "--pain",
            "0",
            "--rest-pain",
            "0",
            "--none-of-these",
        )
    status = ok_json(started("status", "--date", "2026-01-07", "--json"))
    assert status["gate"]["pain_free_days"] == 3 and status["gate"]["needed_days"] == 7
    human = started("status", "--date", "2026-01-07").stdout
    assert "3 of 7 pain-free days" in human


def test_status_json_keys_and_same_stage_gate_alerts_as_today(started: Gerdy) -> None:
    started(
        "checkin",
        "--date",
        "2026-01-08",
        "--pain",
        "2",
        "--rest-pain",
        "0",
        "--none-of-these",
        "--front-of-knee",
    )
    status = ok_json(started("status", "--date", "2026-01-08", "--json"))
    today = ok_json(started("today", "--date", "2026-01-08", "--json"))
    assert set(status) == STATUS_KEYS
    for key in ("stage", "gate", "alerts", "run", "cadence", "track", "date"):
        assert status[key] == today[key]
    assert set(status["adherence"]) == {"prescribed", "done", "ratio"}
    assert any(alert["rule"] == "RED-5" for alert in status["alerts"])


def test_tl_1_expectations_in_status(started: Gerdy) -> None:
    status = ok_json(started("status", "--date", START, "--json"))
    assert [item["rule"] for item in status["expectations"]] == ["TL-1"]
    assert "What to expect (TL-1)" in started("status", "--date", START).stdout


def test_status_reads_as_labelled_lines_without_orphans(started: Gerdy) -> None:
    """Each status line starts with its label ("Track: ..."); no line continues another."""
    lines = [line.strip() for line in started("status", "--date", START).stdout.splitlines()]
    assert any(line.startswith("Track: ") for line in lines)
    adherence = next(line for line in lines if line.startswith("Adherence"))
    assert "strength sessions" in adherence
    assert not any(line.startswith("strength sessions") for line in lines)


def test_plan_json_is_a_list_of_consecutive_days(started: Gerdy) -> None:
    days = ok_json(started("plan", "--weeks", "1", "--from", "2026-01-10", "--json"))
    assert [day["date"] for day in days] == [f"2026-01-{d}" for d in range(10, 17)]
    assert all(day.keys() >= TODAY_KEYS for day in days)


def test_st_0_plan_calendar_marks_strength_days(started: Gerdy) -> None:
    days = ok_json(started("plan", "--weeks", "2", "--from", START, "--json"))
    strength_dates = [d["date"] for d in days if any(t["kind"] == "strength" for t in d["tasks"])]
    assert strength_dates == ["2026-01-12", "2026-01-14", "2026-01-16"]
    out = started("plan", "--weeks", "2", "--from", START).stdout
    assert "2026-01-12" in out and "Mon" in out and "protect" in out


def test_plan_defaults_to_the_start_date_when_it_lies_ahead(gerdy: Gerdy) -> None:
    ahead = (TODAY + dt.timedelta(days=30)).isoformat()  # TODAY: the commands' fixed clock
    gerdy(
        "init", "--start-date", ahead, "--side", "left", "--weekly-minutes", "60", "--no-red-flags"
    )
    days = ok_json(gerdy("plan", "--weeks", "1", "--json"))
    assert days[0]["date"] == ahead and days[0]["day"] == 1


def test_rtr_2_plan_shows_the_alternate_days_ahead(gerdy: Gerdy) -> None:
    """The sample runner is in return week 2 today: the days ahead alternate run and rest, as
    if each offered run were done (the projection is marked in the JSON)."""
    assert gerdy("demo").exit_code == 0
    days = ok_json(gerdy("--record", "demo", "plan", "--weeks", "1", "--json"))
    assert days[0]["stage"] == "return-2" and not days[0]["projected"]
    assert all(day["projected"] for day in days[1:])
    alternate = [d for d in days if d["stage"] in ("return-1", "return-2")]
    assert len(alternate) >= 3
    for before, after in itertools.pairwise(alternate):
        assert not (before["run"]["allowed"] and after["run"]["allowed"]), (before, after)
    out = gerdy("--record", "demo", "plan", "--weeks", "1").stdout
    assert "\u2014" in out and "assume you run each run offered" in " ".join(out.split())
