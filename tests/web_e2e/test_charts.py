"""The Progress charts with 0, 1 and 60 days of data, in a real browser: the time axis spans
the days there are (never years around one point), the weekly cap is there to draw, the
adherence line is a 14-day rate, and a met gate stays drawn as met."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page

from .support import (
    LiveServer,
    NewContext,
    page_errors,
    quick_runner,
    screenshot,
    sign_in_quickly,
)
from .test_accessibility import wait_for_charts

pytestmark = pytest.mark.browser
CHARTS = ("pain", "weekly-minutes", "adherence", "gate")
ROLLS = ["tfl_roll", "lateral_quad_roll", "glute_roll"]
STRETCHES = ["pigeon", "hip_flexor_stretch", "figure_four"]


def runner_starting(
    live_server: LiveServer, new_context: NewContext, days_ago: int
) -> tuple[Page, dt.date]:
    """A new runner whose day 1 is `days_ago` days ago (-1: tomorrow, so no day yet), signed
    in without the forms (no page loaded yet): the page and today's date."""
    page = new_context(live_server.url).new_page()
    today = quick_runner(page, live_server, weekly_minutes=100, days_ago=days_ago)
    return page, today


def post_events(page: Page, *events: dict[str, Any]) -> None:
    """Log the events through the API as the page's signed-in browser (its cookies and the
    session's CSRF token), no page needed."""
    token = page.request.get("/api/csrf").json()["csrf_token"]
    for event in events:
        response = page.request.post("/api/events", data=event, headers={"X-CSRF-Token": token})
        assert response.ok, response.text()


def plot(page: Page, chart: str) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(
        """id => { const u = document.getElementById(id).gerdyPlot;
                   return {min: u.scales.x.min, max: u.scales.x.max, data: u.data}; }""",
        f"chart-{chart}",
    )
    return found


def states(page: Page) -> list[str | None]:
    return [page.get_attribute(f"#chart-{c}", "data-chart-state") for c in CHARTS]


def test_no_days_yet_draws_no_chart(live_server: LiveServer, new_context: NewContext) -> None:
    page, _today = runner_starting(live_server, new_context, -1)
    page.goto("/progress")
    wait_for_charts(page)
    assert states(page) == ["empty"] * 4
    screenshot(page, "charts-0-days")
    assert page_errors(page) == []


def test_one_day_spans_a_week_around_today_in_this_year(
    live_server: LiveServer, new_context: NewContext
) -> None:
    page, today = runner_starting(live_server, new_context, 0)
    post_events(page, {"type": "checkin", "date": today.isoformat(), "pain_daily": 2})
    page.goto("/progress")
    wait_for_charts(page)
    assert states(page) == ["drawn"] * 4
    for chart in ("pain", "adherence", "gate"):
        span = plot(page, chart)
        first = dt.datetime.fromtimestamp(span["min"]).date()
        last = dt.datetime.fromtimestamp(span["max"]).date()
        assert (last - first).days <= 8, f"{chart}: {first}..{last}"
        assert first <= today <= last
    weeks = plot(page, "weekly-minutes")["data"]
    assert weeks[0] == [1] and weeks[2][0] is not None  # one week, and its cap to draw
    screenshot(page, "charts-1-day")
    assert page_errors(page) == []


def test_sixty_days_draw_every_day_and_a_rolling_adherence(
    live_server: LiveServer, new_context: NewContext
) -> None:
    page, today = runner_starting(live_server, new_context, 59)
    logged: list[dict[str, Any]] = []
    for n in range(60):
        date = (today - dt.timedelta(days=59 - n)).isoformat()
        logged.append({"type": "checkin", "date": date, "pain_daily": n % 3})
        if n >= 46:  # rolling and stretching only in the last two weeks
            logged.append({"type": "roll", "date": date, "items": ROLLS})
            logged.append({"type": "stretch", "date": date, "items": STRETCHES})
    post_events(page, *logged)
    page.goto("/progress")
    wait_for_charts(page)
    assert states(page) == ["drawn"] * 4
    pain = plot(page, "pain")
    assert len(pain["data"][0]) == 60
    assert dt.datetime.fromtimestamp(pain["min"]).date() <= today - dt.timedelta(days=59)
    rates = [r for r in plot(page, "adherence")["data"][1] if r is not None]
    assert max(rates) - min(rates) >= 20, "a 14-day rate moves when the habit changes"
    weeks = plot(page, "weekly-minutes")["data"][0]
    assert weeks == list(range(1, 10))
    screenshot(page, "charts-60-days")
    assert page_errors(page) == []


def test_a_met_gate_stays_drawn_as_met(demo_server: LiveServer, new_context: NewContext) -> None:
    email, _password = demo_server.app.state.gerdy.demo_credentials
    page = new_context(demo_server.url).new_page()
    sign_in_quickly(page.context, demo_server, email)
    page.goto("/progress")
    wait_for_charts(page)
    series = page.evaluate("fetch('/api/progress/gate').then(r => r.json())")
    drawn = plot(page, "gate")["data"]
    for point, shown in zip(series, drawn[1], strict=True):
        if point["met"]:
            assert shown >= point["needed_days"], point
    assert "Met" in page.inner_text("#gate-section")
