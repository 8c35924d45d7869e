"""The Calendar page and the Settings page in a real browser, as the `--demo` runner: the month
view (previous/next month, today marked, nothing wider than a 360 px screen), the feed address
with its Copy button (JavaScript) or as a selectable read-only field (none), and screenshots of
both pages at 360 and 390 px and on a desktop, light and dark."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .support import (
    SCHEMES,
    WIDTHS,
    DemoPage,
    page_errors,
    screenshots_wanted,
    settle,
    shoot,
)

pytestmark = pytest.mark.browser


def screenshots(page: Page, name: str) -> None:
    """NAME-{360,390,desktop}-{light,dark}.png in artifacts/screenshots/."""
    if not screenshots_wanted():
        return
    for label, size in WIDTHS:
        page.set_viewport_size(size)
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            settle(page)
            shoot(page, f"{name}-{label}-{scheme}")
    page.emulate_media(color_scheme="light")


def overflow(page: Page) -> int:
    width: int = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    return width


@pytest.mark.parametrize("path", ["/calendar", "/settings"])
def test_calendar_and_settings_fit_every_width(path: str, demo_page: DemoPage) -> None:
    page = demo_page(True)
    page.goto(path)
    for label, size in WIDTHS:
        page.set_viewport_size(size)
        settle(page)
        assert overflow(page) <= 0, f"{path} scrolls sideways at {label}"
    screenshots(page, path.strip("/"))
    assert page_errors(page) == []


def test_the_month_view_moves_between_months_and_marks_today(
    demo_page: DemoPage,
) -> None:
    page = demo_page(True)
    page.goto("/calendar")
    title = page.inner_text("#month-title")
    today = page.locator("#month li.day[aria-current=date]")
    assert today.count() == 1
    assert today.get_attribute("data-stage")  # the demo runner is well into the programme
    page.click("#month-next")
    page.wait_for_url("**/calendar?month=*")
    assert page.inner_text("#month-title") != title
    assert page.locator("#month li.day[aria-current=date]").count() == 0
    page.click("#month-previous")
    assert page.inner_text("#month-title") == title
    days = page.locator("#month li.day")
    assert days.count() >= 28
    assert page.locator("#month li.day[data-stage]").count() > 0
    page.click("#month-previous")  # the month before: the demo runner's weeks of runs
    assert page.locator("#month [data-run]").count() > 0, "the demo's logged runs are shown"
    assert page_errors(page) == []


def test_the_copy_button_copies_the_feed_address(demo_page: DemoPage) -> None:
    page = demo_page(True, permissions=["clipboard-read", "clipboard-write"])
    page.goto("/calendar")
    address = page.input_value("#feed-url")
    assert address.startswith("http") and address.endswith(".ics")
    button = page.locator("#copy-feed-url")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
    assert page.inner_text("#copy-status") == "Copied."
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert page_errors(page) == []


def test_without_javascript_the_feed_address_is_a_selectable_field(
    demo_page: DemoPage,
) -> None:
    page = demo_page(True, java_script_enabled=False)
    page.goto("/calendar")
    assert not page.locator("#copy-feed-url").is_visible()
    field = page.locator("#feed-url")
    assert field.is_visible() and field.get_attribute("readonly") is not None
    field.click()
    page.keyboard.press("Control+A")
    selected = page.evaluate(
        "(() => { const f = document.getElementById('feed-url');"
        " return f.value.substring(f.selectionStart, f.selectionEnd); })()"
    )
    assert selected == field.input_value() and selected.endswith(".ics")
