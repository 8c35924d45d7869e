"""`gerdy init`, `gerdy demo`, `gerdy export` and `gerdy load`: the record as a whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gerdy.cli.intake import SCREEN_FLAGS
from gerdy.intake import RED_11_FIELDS, RED_FLAG_FIELDS

from .helpers import START, Gerdy, assert_one_line_error, exported, ok_json, screen

PROFILE_KEYS = {
    "start_date", "side", "baseline_weekly_run_minutes", "cadence_spm", "strength_days",
    "track", "intake", "units", "timezone",
}  # fmt: skip
INTAKE_KEYS = {
    "pain_within_first_mile", "pain_persists_after_activity", "cannot_bear_weight",
    "instability", "numbness", "locking", "front_of_knee", "worse_knee_pushed_outward",
    "tender_swelling", "atypical_location", "not_activity_related",
}  # fmt: skip


def test_init_json_prints_the_saved_profile(gerdy: Gerdy) -> None:
    profile = ok_json(
        gerdy("init", "--start-date", START, "--side", "both", "--weekly-minutes", "150",
              "--cadence", "162", "--strength-days", "tue,thu,sat", "--pain-after-activity",
              *screen("locking"), "--timezone", "Europe/Berlin", "--units", "imperial",
              "--json")
    )  # fmt: skip
    assert profile.keys() >= PROFILE_KEYS
    assert profile["intake"].keys() >= INTAKE_KEYS
    assert profile["start_date"] == START and profile["side"] == "both"
    assert profile["baseline_weekly_run_minutes"] == 150
    assert profile["cadence_spm"] == 162 and profile["strength_days"] == ["tue", "thu", "sat"]
    assert profile["intake"]["pain_persists_after_activity"] is True
    assert profile["intake"]["locking"] is True and profile["intake"]["numbness"] is False
    assert profile["units"] == "imperial" and profile["timezone"] == "Europe/Berlin"
    assert ok_json(gerdy("export"))["profile"]["start_date"] == START


def test_p1_2_init_reports_the_track(gerdy: Gerdy) -> None:
    result = gerdy("init", "--start-date", START, "--side", "left", "--weekly-minutes", "100",
                   "--no-red-flags")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "reduced track" in result.stdout and "P1-2" in result.stdout
    assert "What happens next" in result.stdout
    plan = ok_json(gerdy("today", "--date", START, "--json"))
    assert plan["track"] == "reduced"


def test_red_9_intake_flags_shown_before_plan(gerdy: Gerdy) -> None:
    result = gerdy(
        "init", "--start-date", START, "--side", "left", "--weekly-minutes", "100",
        *screen("front-of-knee", "not-activity-related"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("RED-9") < out.index("RED-5") < out.index("Saved")
    assert "RED-11" in out and out.index("RED-11") < out.index("Track")
    today = gerdy("today", "--date", START).stdout
    assert today.index("RED-5") < today.index("Today")


def test_init_refuses_an_existing_profile_without_replace(started: Gerdy) -> None:
    before = exported(started)
    result = started("init", "--side", "left", "--weekly-minutes", "10", "--no-red-flags")
    assert_one_line_error(result, 1, "--replace")
    assert exported(started) == before


def test_init_replace_changes_the_profile_and_keeps_the_events(started: Gerdy) -> None:
    started("checkin", "--date", "2026-01-06", "--pain", "2", "--rest-pain", "0", "--none-of-these")
    profile = ok_json(
        started("init", "--replace", "--start-date", START, "--side", "left",
                "--weekly-minutes", "90", "--no-red-flags", "--json")
    )  # fmt: skip
    assert profile["side"] == "left"
    assert len(ok_json(started("export"))["events"]) == 1


def test_init_replace_refuses_a_start_after_logged_events(started: Gerdy) -> None:
    started("checkin", "--date", "2026-01-06", "--pain", "2", "--rest-pain", "0", "--none-of-these")
    before = exported(started)
    result = started("init", "--replace", "--start-date", "2026-01-10", "--side", "left",
                     "--weekly-minutes", "90", "--no-red-flags")  # fmt: skip
    assert_one_line_error(result, 1, "before the new start date")
    assert exported(started) == before


def test_st_0_init_refuses_adjacent_strength_days(gerdy: Gerdy) -> None:
    result = gerdy("init", "--side", "left", "--weekly-minutes", "90",
                   "--strength-days", "sun,mon,wed", "--no-red-flags")  # fmt: skip
    assert_one_line_error(result, 1, "adjacent")


def test_export_load_export_round_trip_is_identical(started: Gerdy, tmp_path: Path) -> None:
    started("checkin", "--date", "2026-01-06", "--pain", "2", "--rest-pain", "0", "--none-of-these")
    started("log", "roll", "--date", "2026-01-06")
    first = exported(started)
    path = tmp_path / "record.json"
    result = started("export", "--output", str(path))
    assert result.exit_code == 0 and result.stdout == ""
    assert path.read_text(encoding="utf-8") == first
    loaded = ok_json(started("load", str(path), "--replace", "--json"))
    assert loaded == {"loaded": 2, "reported": 0, "start_date": START}
    assert exported(started) == first


def test_load_into_an_empty_record(gerdy: Gerdy, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    document = {
        "format": "gerdy/1",
        "profile": {"start_date": START, "side": "right", "baseline_weekly_run_minutes": 60},
        "events": [{"type": "checkin", "date": START, "pain_daily": 3}],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    result = gerdy("load", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Loaded 1 events" in result.stdout
    assert ok_json(gerdy("export"))["events"][0]["pain_daily"] == 3


def test_load_into_a_non_empty_record_is_refused_without_replace(
    started: Gerdy, tmp_path: Path
) -> None:
    path = tmp_path / "record.json"
    path.write_text(exported(started), encoding="utf-8")
    started("checkin", "--date", "2026-01-06", "--pain", "2", "--rest-pain", "0", "--none-of-these")
    before = exported(started)
    assert_one_line_error(started("load", str(path)), 1, "--replace")
    assert exported(started) == before


@pytest.mark.parametrize(
    ("settings", "rule"),
    [({"gate_days": 6}, "RTR-0"), ({"hills_track_week": 5}, "RTR-5"),
     ({"maintenance_strength_per_week": 1}, "TL-2")],
)  # fmt: skip
def test_rtr_0_rtr_5_load_refuses_settings_the_protocol_does_not_allow(
    started: Gerdy, tmp_path: Path, settings: dict[str, int], rule: str
) -> None:
    document = json.loads(exported(started))
    document["profile"]["settings"] = settings
    path = tmp_path / "bad-settings.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = exported(started)
    assert_one_line_error(started("load", str(path), "--replace"), 1, "profile", rule)
    assert exported(started) == before


def test_demo_then_today_on_the_demo_record_works(gerdy: Gerdy) -> None:
    loaded = ok_json(gerdy("demo", "--json"))
    assert loaded["loaded"] > 100
    result = gerdy("--record", "demo", "today")
    assert result.exit_code == 0, result.stderr
    assert "day 42" in result.stdout and "Today" in result.stdout
    plan = ok_json(gerdy("--record", "demo", "today", "--json"))
    assert plan["day"] == 42 and plan["gate"]["met"] is True


def test_demo_never_touches_the_runners_own_record(started: Gerdy) -> None:
    before = exported(started)
    assert started("demo").exit_code == 0
    assert started("demo").exit_code == 0  # a second demo simply replaces the sample
    assert exported(started) == before
    assert ok_json(started("--record", "demo", "status", "--json"))["stage"] == "return-2"


# --- RED-9: the safety screen is answered, never assumed ---------------------------------------
def test_red_9_init_without_a_terminal_names_every_missing_screen_flag(
    gerdy: Gerdy, database_file: Path
) -> None:
    result = gerdy("init", "--side", "left", "--weekly-minutes", "60", "--locking",
                   "--no-numbness")  # fmt: skip
    assert_one_line_error(result, 2, "RED-9", "--no-red-flags")
    named = {flag for flag in SCREEN_FLAGS.values() if f"--{flag}/--no-{flag}" in result.stderr}
    assert named == set(SCREEN_FLAGS.values()) - {"locking", "numbness"}
    assert "no profile" in gerdy("today").stderr  # nothing was saved


def test_red_9_every_screen_flag_given_is_recorded(gerdy: Gerdy) -> None:
    profile = ok_json(
        gerdy("init", "--side", "left", "--weekly-minutes", "60", *screen("numbness"), "--json")
    )
    assert {name for name, yes in profile["intake"].items() if yes} == {"numbness"}


def test_red_9_no_red_flags_answers_no_to_all(gerdy: Gerdy) -> None:
    profile = ok_json(
        gerdy("init", "--side", "left", "--weekly-minutes", "60", "--no-red-flags", "--json")
    )
    assert not any(profile["intake"].values())
    assert not any(a["level"] == "red_flag" for a in ok_json(gerdy("today", "--json"))["alerts"])


def test_red_9_no_red_flags_next_to_a_yes_is_refused(gerdy: Gerdy) -> None:
    result = gerdy("init", "--side", "left", "--weekly-minutes", "60", "--no-red-flags",
                   "--cannot-bear-weight", "--no-locking")  # fmt: skip
    assert_one_line_error(result, 2, "--no-red-flags", "--cannot-bear-weight")
    assert "no profile" in gerdy("today").stderr


def test_screen_flags_cover_the_whole_screen() -> None:
    """Every intake field the screen asks about (RED-1..7, RED-11) has its flag."""
    assert set(SCREEN_FLAGS) == {name for _, name in RED_FLAG_FIELDS} | set(RED_11_FIELDS)


def test_init_help_fits_80_columns(gerdy: Gerdy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = gerdy("init", "--help")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    assert "\u2026" not in result.stdout  # no option cut short
    for flag in (*SCREEN_FLAGS.values(), "pain-first-mile", "pain-after-activity"):
        assert f"--{flag} / --no-{flag}" in result.stdout
    assert "--no-red-flags" in result.stdout


def test_export_accepts_json_and_prints_the_same_document(started: Gerdy) -> None:
    result = started("export", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == exported(started)
    assert json.loads(result.stdout)["profile"]["side"] == "right"


FORGED_NOTE = {"id": "n1", "type": "note", "date": START, "text": "Race on Sunday.",
               "author": {"role": "clinician", "name": "Dr. Forged"}}  # fmt: skip


def test_load_keeps_a_clinicians_event_it_cannot_verify_as_reported(
    started: Gerdy, tmp_path: Path
) -> None:
    document = json.loads(exported(started))
    document["events"].append(FORGED_NOTE)
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = started("load", str(path), "--replace")
    assert result.exit_code == 0, result.stderr
    assert "1 entry names a clinician but could not be verified" in result.stdout
    note = ok_json(started("export"))["events"][-1]
    assert note["author"] == {"role": "reported", "name": "Dr. Forged"}


def test_load_verifies_with_the_web_apps_secret_in_the_same_database(
    gerdy: Gerdy, database_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A web record with its physio's note, exported, loads back through `gerdy load` (same
    database, same secret) with the note still the physio's."""
    from fastapi.testclient import TestClient

    from gerdy.web.app import create_app

    from ..web.clinic import clinician_client, runner_id, shared
    from ..web.conftest import signed_up
    from ..web.test_clinician_word import post

    monkeypatch.setenv("GERDY_ALLOWED_HOSTS", "testserver")  # the test client's Host
    app = create_app(f"sqlite:///{database_file}")
    try:
        runner = signed_up(TestClient(app), "runner@example.org")
        physio = clinician_client(app)
        shared(app, runner, physio)
        file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
        assert post(physio, file + "/note", {"text": "Keep going"}) == 303
        document = runner.get("/api/export").json()
        handle = app.state.gerdy.accounts.by_email("runner@example.org").person_handle
    finally:
        app.state.gerdy.engine.dispose()
    path = tmp_path / "web.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = ok_json(gerdy("--record", handle, "load", str(path), "--replace", "--json"))
    assert loaded["reported"] == 0
    assert ok_json(gerdy("--record", handle, "export")) == document
