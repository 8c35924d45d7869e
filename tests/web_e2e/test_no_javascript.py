"""The pages without JavaScript: everything but the player and the metronome works, and
what needs JavaScript stays out of sight. Sign-up and the intake are answered through their
forms, the guided session is logged through its plain form, and the Progress tables stand in
for the charts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from .support import LiveServer, NewContext, answer_run, new_runner, page_errors, quick_runner

pytestmark = pytest.mark.browser


def signed_up_without_javascript(
    live_server: LiveServer, new_context: NewContext, email: str
) -> Page:
    """A new runner, signed up and through the intake in a browser with JavaScript off."""
    page = new_context(live_server.url, java_script_enabled=False).new_page()
    new_runner(page, weekly_minutes=90, days_ago=0, cadence=158, email=email)
    return page


def test_without_javascript_the_forms_do_the_work(
    live_server: LiveServer, new_context: NewContext
) -> None:
    page = signed_up_without_javascript(live_server, new_context, "no.script@example.org")

    page.goto("/session/roll")
    assert page.is_hidden("#player")
    assert page.is_visible("#session-form")
    page.click("#session-form button[type=submit]")
    page.wait_for_url("**/today?saved=roll&entry=*")
    assert page.locator("#tasks li[data-kind=roll][data-done=true]").count() >= 1

    page.goto("/progress")
    assert page.is_visible("#table-pain")
    assert page.locator("[data-chart] canvas").count() == 0

    page.goto("/runs")
    answer_run(page, "15")
    page.click("#run-form button[type=submit]")
    page.wait_for_url(re.compile(r"/runs"))
    assert "Saved your run" in page.inner_text("#feedback")
    assert page_errors(page) == []


def test_without_javascript_the_metronome_button_is_hidden(
    live_server: LiveServer, new_context: NewContext
) -> None:
    page = new_context(live_server.url, java_script_enabled=False).new_page()
    quick_runner(page, live_server, weekly_minutes=90, days_ago=0, cadence=158)
    page.goto("/runs")
    assert page.locator("#metronome-toggle").count() == 1
    assert page.is_hidden("#metronome-toggle")
