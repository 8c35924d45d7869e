"""Feedback at save, the road ahead and less friction, in a real browser at 360x800 and on a
desktop: a 45-min run on a 10-20 min rung is told on the page right after saving, a 400-min
run is refused with the form kept, the break-track runner sees the earliest run date, every
success message and confirmation opens where the user is looking (inside the viewport, clear
of the tab bar, focused), and "done as prescribed" can be undone. axe runs on each page a
journey changes; screenshots land in artifacts/screenshots/feedback-*."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, ViewportSize
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from gerdy.demo import demo_document
from gerdy.services.passwords import hash_password

from .support import (
    DESKTOP,
    PASSWORD,
    LiveServer,
    NewContext,
    answer_checkin,
    answer_run,
    page_errors,
    quick_runner,
    screenshot,
    sign_in_quickly,
)
from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser

PHONE_800: ViewportSize = {"width": 360, "height": 800}
SIZES = {"phone": PHONE_800, "desktop": DESKTOP}


def in_view(page: Page, target: Locator) -> None:
    """The target's top is inside the viewport and not under the phone's tab bar."""
    target.wait_for(state="visible")
    box = target.bounding_box()
    assert box is not None
    height = page.viewport_size["height"] if page.viewport_size else 800
    bar = page.locator("#tab-bar")
    covered = bar.bounding_box()["height"] if bar.count() and bar.is_visible() else 0  # type: ignore[index]
    assert 0 <= box["y"] <= height - covered - 16, (box, height, covered)


def focused_id(page: Page, expected: str) -> str:
    """The focused element's id, once it is `expected` (or after a second, whatever it is)."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "id => document.activeElement && document.activeElement.id === id", arg=expected,
            timeout=1000,
        )  # fmt: skip
    found: str = page.evaluate("document.activeElement && document.activeElement.id")
    return found


def axe_clean(page: Page, axe_script: Path, what: str) -> None:
    violations = serious_violations(page, axe_script)
    assert not violations, f"{what}:\n{describe(violations)}"


def return_week_2_runner(server: LiveServer, new_context: NewContext, size: ViewportSize) -> Page:
    """A runner whose record is the demo's: return week 2 (10-20 min runs), today's run not
    logged yet, signed in without the form (no page loaded yet). axe is injected later, so
    the context bypasses the CSP."""
    state = server.app.state.gerdy
    email = f"r.{uuid.uuid4().hex[:10]}@example.org"
    account = state.accounts.create(email, hash_password(PASSWORD))
    today = state.now().date()
    state.coach_for(account.person_handle).load(demo_document(today), replace=True)
    page = new_context(server.url, viewport=size, bypass_csp=True).new_page()
    sign_in_quickly(page.context, server, email)
    return page


@pytest.mark.parametrize("size", SIZES)
def test_rtr_2_a_45_min_run_is_told_at_once_and_a_400_min_run_is_refused_with_the_form_kept(
    size: str, live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    page = return_week_2_runner(live_server, new_context, SIZES[size])
    page.goto("/runs")
    answer_run(page, "400", pain=2, worsened=False)
    page.fill("#run-distance", "40")
    page.fill("#run-note", "a very long day")
    page.select_option("#run-terrain", "flat")
    page.click("#run-form button[type=submit]")
    error = page.locator("#run-error")
    in_view(page, error)
    assert "a run of 400 min is longer than the 300 min a run can be" in error.inner_text().lower()
    assert focused_id(page, "run-error") == "run-error"
    assert page.input_value("#run-minutes") == "400"
    assert page.input_value("#run-distance") == "40"
    assert page.input_value("#run-note") == "a very long day"
    assert page.input_value("#run-terrain") == "flat"
    assert page.is_checked("input[name=pain_during][value='2']")
    assert page.is_checked("input[name=pain_worsened][value=no]")
    axe_clean(page, axe_script, "runs, refused")
    screenshot(page, f"feedback-runs-refused-{size}")

    answer_run(page, "45", pain=0)
    page.fill("#run-distance", "")
    page.click("#run-form button[type=submit]")
    page.wait_for_url("**/runs?saved=run&entry=*")
    feedback = page.locator("#feedback")
    in_view(page, feedback)
    assert focused_id(page, "feedback") == "feedback"
    overrun = feedback.locator("section.alert[data-rule=RTR-2]")
    assert "Today's run was 45 min; the plan was 10\u201320 min" in overrun.inner_text()
    assert "This return week is repeated" in overrun.inner_text()
    assert page.locator("#feedback-next[data-earliest]").count() == 1
    axe_clean(page, axe_script, "runs, feedback")
    screenshot(page, f"feedback-runs-saved-{size}")
    # the run is listed with its pace in the profile's units (no distance: a dash)
    assert page.locator("#recent-runs td[data-label=Pace]").first.inner_text() == "—"
    assert [e for e in page_errors(page) if "status of 400" not in e] == []


@pytest.mark.parametrize("size", SIZES)
def test_rtr_8_the_break_track_runner_sees_the_earliest_run_date(
    size: str, live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    page = new_context(live_server.url, viewport=SIZES[size], bypass_csp=True).new_page()
    today = quick_runner(
        page, live_server, weekly_minutes=120, days_ago=0, yes=("pain_within_first_mile",)
    )
    earliest = today + dt.timedelta(days=7)  # the gate on day 8 at the earliest (RTR-0)
    said = f"{earliest:%a} {earliest.day} {earliest:%b} at the earliest"
    for path in ("/today", "/runs", f"/calendar?month={earliest:%Y-%m}"):
        page.goto(path)
        ahead = page.locator("#road-ahead")
        assert ahead.get_attribute("data-earliest") == earliest.isoformat(), path
        text = ahead.inner_text()
        assert said in text and "Earliest run" in text and "pain-free" in text, (path, text)
        assert "RTR-0" not in text.split("why?")[0]  # the rule behind "why?"
        axe_clean(page, axe_script, path)
        screenshot(page, f"feedback-road-ahead{path.split('?')[0].replace('/', '-')}-{size}")
    tag = page.locator(f"li[data-date='{earliest.isoformat()}'] .milestone-tag")
    assert tag.count() == 1
    page.goto("/today")
    stage = page.locator("#today-summary .stage").inner_text()
    assert stage.startswith("Protect") and "a break from running" in stage


@pytest.mark.parametrize("size", SIZES)
def test_done_as_prescribed_can_be_undone_at_once(
    size: str, live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    page = new_context(live_server.url, viewport=SIZES[size], bypass_csp=True).new_page()
    quick_runner(page, live_server, weekly_minutes=120, days_ago=3)
    page.goto("/today")
    page.click("#session-stretch [data-group-tick=stretch] button[type=submit]")
    feedback = page.locator("#feedback")
    in_view(page, feedback)
    assert focused_id(page, "feedback") == "feedback"
    assert page.locator("#session-stretch").get_attribute("data-done") == "true"
    axe_clean(page, axe_script, "today, feedback")
    screenshot(page, f"feedback-today-saved-{size}")
    page.click("#undo-form button")
    undone = page.locator("#undone")
    in_view(page, undone)
    assert focused_id(page, "undone") == "undone"
    assert page.locator("#session-stretch").get_attribute("data-done") == "false"
    screenshot(page, f"feedback-today-undone-{size}")
    # Log on cross-training opens its form
    page.click("#today-summary [data-session-link=cross]")
    form = page.locator("#log-cross form")
    in_view(page, form.locator("button[type=submit]"))


@pytest.mark.parametrize("size", SIZES)
def test_success_messages_and_confirmations_open_in_view(
    size: str, live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    page = new_context(live_server.url, viewport=SIZES[size], bypass_csp=True).new_page()
    quick_runner(page, live_server, weekly_minutes=120, days_ago=3)
    # the check-in: what it changed, right after saving
    page.goto("/checkin")
    answer_checkin(page, 0)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_url("**/today?saved=checkin&entry=*")
    in_view(page, page.locator("#feedback"))
    # Settings: the success message, though the form is far down the page
    page.goto("/settings")
    page.locator("#settings-form button[type=submit]").click()
    notice = page.locator("#settings-notice")
    in_view(page, notice)
    assert focused_id(page, "settings-notice") == "settings-notice"
    axe_clean(page, axe_script, "settings, saved")
    screenshot(page, f"feedback-settings-saved-{size}")
    # History: the delete confirmation of the last entry on the page opens above the tab bar
    token = page.get_attribute("meta[name=csrf-token]", "content") or ""
    for _ in range(6):  # entries enough for the last one to sit at the bottom of the screen
        done = page.request.post(
            "/today/done", form={"csrf_token": token, "kind": "stretch", "exercise": "pigeon"},
            headers={"origin": live_server.url}, max_redirects=0,
        )  # fmt: skip
        assert done.status == 303, done.text()
    page.goto("/history")
    last = page.locator("#entries .entry").last
    last.scroll_into_view_if_needed()
    last.locator("details.confirm summary").click()
    confirm = last.locator("form.delete-form button[type=submit]")
    in_view(page, confirm)
    assert page.evaluate("document.activeElement.className") == "danger"
    screenshot(page, f"feedback-history-confirm-{size}")
    confirm.click()
    in_view(page, page.locator("#history-notice"))
    axe_clean(page, axe_script, "history, deleted")
