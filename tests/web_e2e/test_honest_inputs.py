"""Answered, never assumed (v1.2), in a real browser at 360x800 and on a desktop: an untouched
check-in is not saved as a pain-free day; reopening Check-in shows the day's answers and says
saving replaces the check-in from HH:MM; Today's one tap on "Log the run" saves an unrated run
and opens its questions at once, and the run is rated only when they are answered. axe finds
no serious WCAG violation on the pages on the way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize

from .support import (
    DESKTOP,
    TEST_CLOCK,
    LiveServer,
    NewContext,
    answer_checkin,
    events,
    page_errors,
    quick_runner,
    screenshot,
)
from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser
SIZES: dict[str, ViewportSize] = {"360": {"width": 360, "height": 800}, "desktop": DESKTOP}


def accessible(page: Page, axe_script: Path, what: str) -> None:
    violations = serious_violations(page, axe_script)
    assert not violations, f"{what}:\n{describe(violations)}"
    wide = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size
    assert viewport is None or wide <= viewport["width"], f"{what} scrolls sideways: {wide}px"


def of_type(page: Page, kind: str) -> list[dict[str, object]]:
    return [e for e in events(page) if e["type"] == kind]


@pytest.mark.parametrize("size", list(SIZES))
def test_rtr_0_ws_1_answered_never_assumed_in_the_browser(
    size: str, live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    context = new_context(live_server.url, viewport=SIZES[size], bypass_csp=True)
    context.add_init_script(TEST_CLOCK)
    page = context.new_page()
    quick_runner(page, live_server, weekly_minutes=120, days_ago=20)

    # An untouched check-in: the browser asks for the pain answer; nothing is saved.
    page.goto("/checkin")
    page.click("#checkin-form button[type=submit]")
    assert page.url.endswith("/checkin")
    assert page.evaluate("document.querySelector('input[name=pain_daily]').validity.valueMissing")
    # Without the browser's check, the server refuses it inline, keeping what was answered.
    page.evaluate("document.getElementById('checkin-form').noValidate = true")
    page.check("input[name=pain_rest][value='2']")
    page.check("input[name=locking][value=no]")
    page.click("#checkin-form button[type=submit]")
    page.wait_for_selector("#form-error")
    assert "Not answered" in page.inner_text("#form-error")
    assert page.is_checked("input[name=pain_rest][value='2']")
    assert page.is_checked("input[name=locking][value=no]")
    assert of_type(page, "checkin") == []
    accessible(page, axe_script, "the refused check-in")
    screenshot(page, f"honest-checkin-refused-{size}")

    answer_checkin(page, 1)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_url(re.compile(r"/today"))
    assert of_type(page, "checkin")[-1]["pain_daily"] == 1

    # Reopened: today's answers and the notice that saving replaces the check-in from HH:MM.
    page.goto("/checkin")
    notice = page.inner_text("#replace-notice")
    assert re.search(r"replaces the check-in from \d\d:\d\d", notice), notice
    assert page.is_checked("input[name=pain_daily][value='1']")
    assert page.is_checked("input[name=swelling][value=no]")
    accessible(page, axe_script, "the reopened check-in")
    screenshot(page, f"honest-checkin-reopened-{size}")

    # One tap on "Log the run": an unrated run, its questions at once.
    page.goto("/today")
    run_task = page.locator("#tasks li[data-kind=run]").first
    run_task.locator("summary").first.click()
    run_task.get_by_role("button", name="Log the run").click()
    page.wait_for_url(re.compile(r"/runs/\w+/rate"))
    run = of_type(page, "run")[-1]
    assert "pain_during" not in run, "a one-tap run was given a pain answer"
    accessible(page, axe_script, "the rate page")
    screenshot(page, f"honest-rate-{size}")
    page.goto("/today")
    waiting = page.locator(f"#runs-to-rate li[data-run='{run['id']}']")
    assert "not rated yet" in waiting.inner_text()
    accessible(page, axe_script, "Today with a run to rate")
    screenshot(page, f"honest-today-to-rate-{size}")

    # Rate it: only now does it carry its answers; the 2-hour question comes later.
    waiting.get_by_role("link", name=re.compile("Rate this run")).click()
    page.wait_for_url(re.compile(r"/rate"))
    page.click("#rate-form button[type=submit]")  # nothing chosen: the browser refuses
    assert of_type(page, "run")[-1]["id"] == run["id"]
    page.check("input[name=pain_during][value='0']")
    page.click("#rate-form button[type=submit]")
    page.wait_for_url(re.compile(r"/today"))
    rated = of_type(page, "run")[-1]
    assert rated["supersedes"] == run["id"] and rated["pain_during"] == 0
    assert rated["pain_worsened"] is False and "pain_after_hours" not in rated
    assert "the 2-hour question comes at" in page.inner_text("#runs-to-rate")
    # the one refusal asked for (a 400 answer) is the only error the browser saw
    assert [e for e in page_errors(page) if "status of 400" not in e] == []
