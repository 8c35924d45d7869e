"""The Rich views fit an 80-column terminal, put alerts first, and show doses and units as a
runner reads them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console, RenderableType

from gerdy.cli import cards, render
from gerdy.demo import demo_document
from gerdy.engine import plan_day, plan_days
from gerdy.engine.plan import DayPlan, Task
from gerdy.formatting import dose_text, in_units, km_from
from gerdy.protocol import load_protocol

from .helpers import Gerdy

TODAY = dt.date(2026, 3, 4)  # a Wednesday: strength and a run on the demo's day 42


def demo_plan(date: dt.date = TODAY) -> DayPlan:
    document = demo_document(TODAY)
    return plan_day(load_protocol(), document.profile, document.events, date)


def rendered_lines(renderable: RenderableType, width: int = 80) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text().splitlines()


def assert_fits(renderable: RenderableType) -> list[str]:
    lines = rendered_lines(renderable)
    too_long = [line for line in lines if len(line) > 80]
    assert not too_long, too_long
    return lines


def test_today_fits_80_columns() -> None:
    plan = demo_plan()
    lines = assert_fits(render.day_view(plan, load_protocol(), "metric"))
    assert any("Single-leg box squat" in line for line in lines)


def test_status_calendar_intake_and_cards_fit_80_columns() -> None:
    protocol = load_protocol()
    document = demo_document(TODAY)
    plan = demo_plan()
    assert_fits(render.status_view(plan, protocol))
    first = TODAY - dt.timedelta(days=6)
    days = plan_days(protocol, document.profile, document.events, first, TODAY)
    assert_fits(render.calendar_view(days))
    day_one = demo_plan(document.profile.start_date)
    assert_fits(render.intake_view(document.profile, day_one, protocol))
    assert_fits(cards.exercise_table(protocol.exercises))
    for exercise in protocol.exercises:
        assert_fits(cards.exercise_card(exercise, protocol))


def test_ws_2_back_off_alert_is_shown_before_the_tasks() -> None:
    plan = demo_plan()
    lines = rendered_lines(render.day_view(plan, load_protocol(), "metric"))
    text = "\n".join(lines)
    assert "WS-2 \u00b7 back off" in text
    assert text.index("WS-2") < text.index("Today")


def test_rtr_6_repeated_rule_says_why_once() -> None:
    plan = demo_plan()
    text = "\n".join(rendered_lines(render.day_view(plan, load_protocol(), "metric")))
    assert text.count("RTR-6 \u00b7 as above") >= 1


def task(**fields: object) -> Task:
    return Task.model_validate({"rule": "ST-1", "kind": "strength", "title": "x", "why": "y"}
                               | fields)  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"sets": 3, "reps": 15, "per_side": True}, "3 \u00d7 15 per side"),
        ({"sets": 3, "reps": 15}, "3 \u00d7 15"),
        ({"sets": 3, "steps": 10, "per_direction": True}, "3 \u00d7 10 steps each way"),
        ({"sets": 1, "seconds": 60, "seconds_max": 90, "per_side": True}, "60\u201390 s per side"),
        ({"kind": "run", "minutes": 10, "minutes_max": 15}, "10\u201315 min"),
        ({"kind": "run", "minutes_max": 12}, "up to 12 min"),
        ({"kind": "cross"}, ""),
    ],
)
def test_dose_text(fields: dict[str, object], expected: str) -> None:
    assert dose_text(task(**fields)) == expected


def test_pr_4_box_height_in_the_runners_units() -> None:
    label = "Box 50 cm (20 in) high"
    assert in_units(label, "imperial") == "Box 20 in high"
    assert in_units(label, "metric") == "Box 50 cm high"
    assert in_units("Ankle weight of 0.5\u20131 kg (1\u20132 lb)", "imperial").endswith(
        "1\u20132 lb"
    )


def test_pr_level_shown_with_the_task() -> None:
    plan = demo_plan()
    text = "\n".join(rendered_lines(render.day_view(plan, load_protocol(), "imperial")))
    assert " in high" in text and " cm high" not in text


def test_distance_in_miles_is_stored_in_km() -> None:
    assert km_from(None, 1.0) == 1.609
    assert km_from(5.0, None) == 5.0


def test_cli_today_output_fits_80_columns(gerdy: Gerdy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert gerdy("demo").exit_code == 0
    for args in (["today"], ["status"], ["plan"], ["exercises", "clamshell"]):
        lines = gerdy("--record", "demo", *args).stdout.splitlines()
        assert lines and max(len(line) for line in lines) <= 80, args
