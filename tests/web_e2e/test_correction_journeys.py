"""The runner's corrections in a real browser, on a phone and a desktop viewport: a red flag at
intake cleared on Today, a mistaken check-in corrected in History, a run edited and another
deleted (the export holds the retraction) and the intake edited in Settings. (The player's
journeys are in test_player.py.)"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from .support import (
    VIEWPORTS,
    LiveServer,
    NewContext,
    answer_checkin,
    answer_run,
    events,
    page_errors,
    runner_page,
)

pytestmark = pytest.mark.browser
ALERTS = "#alerts [data-alert-level], #notices [data-alert-level]"  # red flags; the others


def red_flags(page: Page) -> list[str]:
    rules: list[str] = page.eval_on_selector_all(
        "#alerts [data-alert-level=red_flag]", "els => els.map(e => e.dataset.rule)"
    )
    return rules


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_red_1_flag_at_intake_cleared_on_today_resumes_the_plan(
    size: str, live_server: LiveServer, new_context: NewContext
) -> None:
    page = runner_page(live_server, new_context, VIEWPORTS[size], "cannot_bear_weight")
    page.goto("/today")
    assert red_flags(page) == ["RED-1"]
    page.click("#clearance summary")
    page.fill("#cleared_by", "Dr Ames")
    page.fill("#cleared_by_role", "sports physician")  # v1.2: the role is asked too
    page.fill("#clearance_note", "Scan clear")
    page.click("#clearance-form button[type=submit]")
    page.wait_for_url("**/today?saved=clearance")
    assert red_flags(page) == []
    assert page.locator("#clearance-form").count() == 0
    cleared = events(page)[-1]
    assert (cleared["cleared_by"], cleared["cleared_by_role"]) == ("Dr Ames", "sports physician")
    assert "Recorded by you" in page.inner_text("#notes")
    assert page_errors(page) == []


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_red_10_a_mistaken_swelling_check_in_corrected_in_history(
    size: str, live_server: LiveServer, new_context: NewContext
) -> None:
    page = runner_page(live_server, new_context, VIEWPORTS[size])
    page.goto("/checkin")
    answer_checkin(page, 1, yes=["swelling"])
    page.click("#checkin-form button[type=submit]")
    page.wait_for_url("**/today**")
    swelling = page.locator(ALERTS).count()
    page.goto("/history?kind=checkin")
    entry = page.locator("#entries li[data-kind=checkin]").first
    entry.get_by_role("link", name="Edit").click()
    page.wait_for_url("**/edit")
    page.check("input[name=swelling][value=no]")
    page.click("#edit-form button[type=submit]")
    page.wait_for_url("**/history?saved=edited")
    fixed = events(page)[-1]
    assert fixed["swelling"] is False and fixed["supersedes"]
    page.goto("/today")
    assert page.locator(ALERTS).count() <= swelling
    assert not [t for t in page.locator(ALERTS).all_inner_texts() if "swollen" in t.lower()]


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_run_edited_and_another_deleted_and_the_export_holds_the_retraction(
    size: str, live_server: LiveServer, new_context: NewContext
) -> None:
    page = runner_page(live_server, new_context, VIEWPORTS[size])
    for minutes in ("12", "14"):
        page.goto("/runs")
        answer_run(page, minutes)
        page.click("#run-form button[type=submit]")
        page.wait_for_load_state()
    first, second = events(page)[-2:]
    page.goto("/history?kind=run")
    page.locator(f"#entry-{first['id']}").get_by_role("link", name="Edit").click()
    page.fill("#f-minutes", "13")
    page.fill("#f-pain_after_hours", "3")
    page.click("#edit-form button[type=submit]")
    page.wait_for_url("**/history?saved=edited")
    page.locator(f"#entry-{second['id']} summary").click()
    page.locator(f"#entry-{second['id']} button[type=submit]").click()
    page.wait_for_url("**/history?saved=deleted")
    assert page.locator(f"#entry-{second['id']}").count() == 0
    runs = page.locator("#entries li[data-kind=run]")
    assert runs.count() == 1 and "3 h" in runs.first.inner_text()
    with page.expect_download() as download_info:
        page.goto("/settings")
        page.click("#export-link")
    exported = json.loads(download_info.value.path().read_text())["events"]
    retraction = [e for e in exported if e["type"] == "retraction"]
    assert [r["retracts"] for r in retraction] == [second["id"]]


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_intake_edited_in_settings_changes_the_plan(
    size: str, live_server: LiveServer, new_context: NewContext
) -> None:
    page = runner_page(live_server, new_context, VIEWPORTS[size])
    page.goto("/settings")
    before = page.evaluate("fetch('/api/plan/today').then(r => r.json())")
    page.click("#edit-intake")
    page.wait_for_url("**/intake?again=1")
    page.check("input[name=numbness][value=yes]")
    page.click("#intake-form button[type=submit]")
    page.wait_for_url("**/settings?saved=intake")
    after = page.evaluate("fetch('/api/plan/today').then(r => r.json())")
    assert after != before
    assert "RED-3" in [a["rule"] for a in after["alerts"]]
