"""The guided player in a real browser, on a phone and a desktop viewport: per-side work starts
with the sore side and pain is stored per side (`pain_by_side`); "knee caved in" is asked for
the single-leg box squat only; every step shows the exercise's figure and cues; a reload
offers to go on where the session was, and saving the session drops that resume point."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .support import (
    VIEWPORTS,
    LiveServer,
    NewContext,
    events,
    fast_forward,
    page_errors,
    runner_page,
    screenshot,
)

pytestmark = pytest.mark.browser
BOX_SQUAT = "single_leg_box_squat"


def player(page: Page) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate("window.gerdyPlayer.state()")
    return found


def step_ids(page: Page) -> list[str]:
    """The session's exercises, in order, as the page lists them."""
    found: list[str] = page.eval_on_selector_all(
        "#steps li[data-exercise]", "steps => steps.map(s => s.dataset.exercise)"
    )
    return found


def step_on(page: Page) -> None:
    """One phase on: Done for a self-paced one, else the test clock past its end."""
    if page.get_attribute("#player", "data-phase") == "manual":
        page.click("#player-next")
    else:
        fast_forward(page, 15)


def shown_exercise(page: Page) -> str:
    """The exercise whose figure the running player shows."""
    figure = page.locator("#player-how figure[data-figure]")
    assert figure.is_visible()
    return str(figure.get_attribute("data-figure"))


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_the_player_starts_with_the_sore_side_and_stores_pain_per_side(
    size: str, live_server: LiveServer, new_context: NewContext
) -> None:
    page = runner_page(live_server, new_context, VIEWPORTS[size], side="right")
    page.goto("/session/strength")
    assert "about" in page.inner_text("#session-length")
    steps = page.eval_on_selector_all(
        "#steps li[data-exercise]", "s => s.map(e => e.dataset.exercise)"
    )
    page.click("#player-start")
    for _ in range(400):
        if "side" in page.inner_text("#player-position").lower():
            break
        step_on(page)
    assert "Right side" in page.inner_text("#player-position")
    page.click("#player-end")
    page.wait_for_selector("#player-review")
    caved = page.eval_on_selector_all("#player-review input[id$=-caved]", "i => i.map(e => e.id)")
    assert caved == ([f"player-{BOX_SQUAT}-caved"] if BOX_SQUAT in steps else [])
    right = page.locator("#player-review select[id$=-pain-right]").first
    right_id = right.get_attribute("id")
    assert right_id is not None
    exercise = right_id.removeprefix("player-").removesuffix("-pain-right")
    page.check(f"#player-{exercise}-did")
    right.select_option("2")
    # The left side left at "choose" is not taken as 0: the review refuses, names it, saves nothing.
    page.click("#player-log")
    refusal = page.locator("#player-error")
    expect(refusal).to_be_visible()
    assert "Choose the pain you felt" in refusal.inner_text()
    assert page.get_attribute(f"#player-{exercise}-pain-left", "aria-invalid") == "true"
    assert page.evaluate("() => document.activeElement.id") == "player-error"
    assert "/session/strength" in page.url
    page.select_option(f"#player-{exercise}-pain-left", "0")
    page.click("#player-log")
    page.wait_for_url("**/today**")
    logged = events(page)[-1]
    log = next(e for e in logged["exercises"] if e["id"] == exercise)
    assert log["pain_by_side"] == {"left": 0, "right": 2} and log["pain"] == 2
    page.goto("/progress")  # WS-3: Progress shows the pain of each side
    cells = page.locator("#table-side-pain tbody tr").first.locator("td").all_inner_texts()
    assert cells[2:] == ["0", "2"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= VIEWPORTS[size]["width"]
    if size == "phone":
        screenshot(page, "progress-side-pain")
    assert page_errors(page) == []


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_every_step_shows_the_figure_and_cues_and_a_reload_goes_on_from_there(
    size: str, live_server: LiveServer, new_context: NewContext
) -> None:
    page = runner_page(live_server, new_context, VIEWPORTS[size])
    page.goto("/session/roll")
    steps = page.eval_on_selector_all(
        "#steps li[data-exercise]", "s => s.map(e => e.dataset.exercise)"
    )
    assert len(steps) >= 2
    page.click("#player-start")
    for _ in range(200):  # every phase of the first exercise, into the second
        index = player(page)["index"]
        exercise = steps[int(page.inner_text("#player-exercise").split()[1]) - 1]
        assert shown_exercise(page) == exercise, f"phase {index}"
        assert page.locator("#player-cues li").count() >= 1
        if exercise == steps[1]:
            break
        step_on(page)
    fast_forward(page, 3)  # a little way into the phase
    before = player(page)
    if size == "phone":  # screenshot() takes phone, desktop and dark itself
        screenshot(page, "player-figure")

    page.reload()
    assert page.inner_text(f"#step-{steps[1]} h2 a") in page.inner_text("#player-resume")
    page.click("#player-resume-button")
    after = player(page)
    assert after["index"] == before["index"] and after["setsDone"] == before["setsDone"]
    assert shown_exercise(page) == steps[1]
    assert page.get_attribute("#player", "data-phase") is not None

    page.click("#player-end")
    page.wait_for_selector("#player-review")
    page.reload()  # the review too is where a reload lands
    page.click("#player-resume-button")
    page.wait_for_selector("#player-review")
    key = page.evaluate("window.gerdyPlayer.resumeKey")
    assert page.evaluate("k => localStorage.getItem(k)", key) is not None
    page.click("#player-log")
    page.wait_for_url("**/today?saved=roll&entry=*")
    assert page.evaluate("k => localStorage.getItem(k)", key) is None
    page.goto("/session/roll")
    assert page.locator("#player-resume").count() == 0
    assert page_errors(page) == []
