"""Answered, never assumed (v1.2), in a real browser at 360x800 and on a desktop: Today's
strength pain starts at "choose"; "Done as prescribed" without it is stopped by the browser
(and refused by the server, the form kept), and the session is logged with the pain chosen.
History's Edit asks the check-in's questions in the Check-in page's words. axe finds no
serious WCAG violation on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .support import TEST_CLOCK, LiveServer, NewContext, answer_checkin, events, quick_runner
from .support import screenshot as shoot_all
from .test_honest_inputs import SIZES, accessible

pytestmark = pytest.mark.browser


def strength(page: Page) -> list[dict[str, object]]:
    return [e for e in events(page) if e["type"] == "strength"]


@pytest.mark.parametrize("size", list(SIZES))
def test_rtr_0_strength_pain_is_chosen_in_the_browser(
    size: str, live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    context = new_context(live_server.url, viewport=SIZES[size], bypass_csp=True)
    context.add_init_script(TEST_CLOCK)
    page = context.new_page()
    quick_runner(page, live_server, weekly_minutes=120, days_ago=20)
    page.goto("/checkin")
    answer_checkin(page, 1, 0)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_url("**/today**")

    group = page.locator("#session-strength form[data-group-tick=strength]")
    select = group.locator("select[name=pain]")
    assert select.input_value() == ""  # "choose": nothing assumed
    group.locator("button[type=submit]").click()
    assert select.evaluate("s => s.validity.valueMissing")
    assert strength(page) == []
    if size == "360":  # each screenshot is taken at every width and in dark mode
        shoot_all(page, "strength-pain-choose")
    accessible(page, axe_script, "Today, strength pain not chosen")

    # Without the browser's check, the server refuses it on Today, nothing saved.
    group.evaluate("f => { f.noValidate = true; }")
    group.locator("button[type=submit]").click()
    page.locator("#tick-error").wait_for()
    assert "Choose the pain" in page.locator("#tick-error").inner_text()
    assert strength(page) == []
    accessible(page, axe_script, "Today, strength pain refused")

    group = page.locator("#session-strength form[data-group-tick=strength]")
    group.locator("select[name=pain]").select_option("2")
    group.locator("button[type=submit]").click()
    page.wait_for_function("() => !document.querySelector('[data-group-tick=strength]')")
    [logged] = strength(page)
    exercises = logged["exercises"]
    assert isinstance(exercises, list) and {e["pain"] for e in exercises} == {2}

    page.goto("/history?kind=checkin")
    entry = page.locator("#entries li[data-kind=checkin]").first
    entry.get_by_role("link", name="Edit").click()
    page.wait_for_selector("#edit-form")
    assert page.is_checked("input[name=swelling][value=no]")
    if size == "360":
        shoot_all(page, "history-edit-checkin")
    accessible(page, axe_script, "History's Edit of a check-in")
