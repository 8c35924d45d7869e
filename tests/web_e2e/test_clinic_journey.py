"""The clinician's journey in a real browser (issue 12): a runner with an open red flag makes
a share code in Settings, a clinician redeems it, the caseload lists that runner
first (another runner, doing fine, below), the clinician opens the runner's file and records a
clearance, the runner's Today resumes running and names who cleared it, the clinician reads
Progress and History (read-only), and once the runner ends the access the clinician's next
request is a 404. Every new page is checked with axe-core (no serious or critical WCAG 2.2
A/AA violation) and photographed at 360 and 390 px and desktop width, light and dark, into
artifacts/screenshots/clinic-*.png. No page may log a console error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .support import (
    PHONE,
    LiveServer,
    NewContext,
    answer_checkin,
    page_errors,
    quick_clinician,
    quick_runner,
    shoot,
    widths_and_schemes,
)
from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser


def photograph(page: Page, name: str) -> None:
    """artifacts/screenshots/clinic-NAME-{360,390,desktop}-{light,dark}.png; nothing may
    scroll sideways at any width."""
    for label, scheme in widths_and_schemes(page, name):
        shoot(page, f"clinic-{name}-{label}-{scheme}")
    page.set_viewport_size(PHONE)


def accessible(page: Page, axe_script: Path) -> None:
    violations = serious_violations(page, axe_script)
    assert not violations, describe(violations)


PAIN_FREE_DAYS = """async days => {
  const token = document.querySelector('meta[name=csrf-token]').content;
  const today = new Date(document.querySelector('#today').dataset.date);
  for (let n = days; n >= 1; n--) {
    const date = new Date(today.getTime() - n * 86400000).toISOString().slice(0, 10);
    const response = await fetch('/api/events', {method: 'POST', headers: {
      'Content-Type': 'application/json', 'X-CSRF-Token': token},
      body: JSON.stringify({type: 'checkin', date, pain_daily: 0})});
    if (response.status !== 201) throw new Error(await response.text());
  }
}"""


def checked_in_runner(page: Page, server: LiveServer, email: str, *red_flags: str) -> None:
    """A runner who started 20 days ago (made without the forms: `quick_runner`), ten
    pain-free days logged through the API (the return-to-run check is met), then today's
    check-in (with these symptoms)."""
    quick_runner(page, server, weekly_minutes=120, days_ago=20, email=email)
    page.goto("/today")
    page.evaluate(PAIN_FREE_DAYS, 10)
    page.goto("/checkin")
    answer_checkin(page, 0, yes=red_flags)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_url(re.compile(r"/today"))


def make_code(page: Page, alias: str) -> str:
    page.goto("/settings")
    page.click("#sharing-link a")
    page.wait_for_url("**/sharing")
    page.fill("#alias", alias)
    page.click("#share-form button[type=submit]")
    code: str = page.inner_text("#share-code")
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code), code
    return code


def redeem(page: Page, code: str) -> None:
    page.fill("#share-code", code)
    page.click("#redeem-form button[type=submit]")
    page.wait_for_url("**/caseload?added=1")


def test_share_redeem_caseload_file_revoke(
    new_context: NewContext, live_server: LiveServer, axe_script: Path
) -> None:
    options = {"bypass_csp": True}  # axe-core is injected as a script
    runner = new_context(live_server.url, **options).new_page()
    checked_in_runner(runner, live_server, "flagged.runner@example.org", "cannot_bear_weight")
    assert runner.locator("#alerts [data-alert-level=red_flag]").count() >= 1
    flagged_code = make_code(runner, "Sam Flagged")
    accessible(runner, axe_script)
    photograph(runner, "sharing-code")

    other = new_context(live_server.url, **options).new_page()
    checked_in_runner(other, live_server, "steady.runner@example.org")
    steady_code = make_code(other, "Kim Steady")

    physio = new_context(live_server.url, **options).new_page()
    quick_clinician(physio, live_server, "ana.physio@example.org", "Ana Ruiz")
    physio.goto("/caseload")
    redeem(physio, steady_code)  # shared first, listed second: the red flag comes first
    redeem(physio, flagged_code)
    rows = physio.locator("#caseload > li")
    assert rows.count() == 2
    assert "Sam Flagged" in rows.nth(0).inner_text()
    assert rows.nth(0).get_attribute("data-need") == "red flag"
    assert "Kim Steady" in rows.nth(1).inner_text()
    assert rows.nth(0).locator("svg.spark polyline").count() >= 1
    accessible(physio, axe_script)
    photograph(physio, "caseload")

    rows.nth(0).locator("h2 a").click()
    physio.wait_for_url(re.compile(r"/clinic/runners/\d+$"))
    file_url = physio.url
    assert physio.locator("#alerts [data-alert-level=red_flag]").count() >= 1
    assert physio.locator("main form[action^='/today']").count() == 0
    assert physio.get_attribute("#run-allowance", "data-allowed") == "false"  # paused: RED-1
    physio.click("#note-action summary")  # open every form for axe and the screenshots
    physio.click("#settings-action summary")
    accessible(physio, axe_script)
    photograph(physio, "file-today")
    physio.click("#clinician-clearance-form button[type=submit]")
    physio.wait_for_url("**?saved=clearance*")  # the form's #fragment may stay
    assert physio.locator("#alerts [data-alert-level=red_flag]").count() == 0

    runner.goto("/today")
    assert runner.locator("#alerts [data-alert-level=red_flag]").count() == 0
    assert runner.get_attribute("#run-allowance", "data-allowed") == "true", "running resumes"
    cleared = runner.locator("#notes [data-kind=clearance]")
    assert "Ana Ruiz" in cleared.inner_text(), cleared.inner_text()
    photograph(runner, "runner-today-cleared")

    physio.click("#settings-action summary")  # RTR-0: 5 pain-free days, from today
    physio.select_option("#gate-days", "5")
    physio.click("#clinician-settings-form button[type=submit]")
    physio.wait_for_url("**?saved=settings*")
    runner.goto("/settings")  # the runner's Settings shows the value in force, and who set it
    gate = runner.inner_text("#setting-gate_days")
    assert "5" in gate and "set by your physio Ana Ruiz" in gate, gate

    physio.click("#file-nav a[href$='/progress']")
    physio.wait_for_function(
        "() => [...document.querySelectorAll('[data-chart]')]"
        ".every(c => ['drawn', 'empty'].includes(c.dataset.chartState))"
    )
    accessible(physio, axe_script)
    photograph(physio, "file-progress")
    physio.click("#file-nav a[href$='/history']")
    physio.wait_for_url("**/history")
    assert physio.locator("#entries [data-kind=checkin]").count() == 11
    assert physio.locator("#entries [data-kind=clearance]").count() == 1
    accessible(physio, axe_script)
    photograph(physio, "file-history")

    runner.goto("/sharing")
    log = runner.inner_text("#access-log")
    assert "Ana Ruiz" in log and "history" in log
    runner.click("#access form button[type=submit]")
    runner.wait_for_url("**/sharing?revoked=1*")
    assert "Nobody" in runner.inner_text("#access")
    photograph(runner, "sharing-revoked")

    for page in (runner, other, physio):
        assert page_errors(page) == [], page_errors(page)
    response = physio.goto(file_url)  # the next request after the revocation
    assert response is not None and response.status == 404
    physio.goto("/caseload")
    assert physio.locator("#caseload > li").count() == 1
