"""The clinician's forms in a real browser at 360x800 (issue 18): the caseload names the
runner's red flag and warning sign in words; the adjustment form shows every setting in force;
ST-0 strength days two in a row come back inline — the refusal in view, next to the strength
days, the ticks kept, axe clean; once the runner stops sharing, the caseload says so.
Photographed at 360 and 390 px and desktop width, light and dark
(artifacts/screenshots/clinic-forms-*.png)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .support import (
    LiveServer,
    NewContext,
    page_errors,
    quick_clinician,
    quick_runner,
    shoot,
    widths_and_schemes,
)
from .test_clinic_journey import accessible, make_code, redeem

pytestmark = pytest.mark.browser

PHONE_360_800 = {"width": 360, "height": 800}

SWOLLEN_TODAY = """async () => {
  const token = document.querySelector('meta[name=csrf-token]').content;
  const response = await fetch('/api/checkins', {method: 'POST', headers: {
    'Content-Type': 'application/json', 'X-CSRF-Token': token},
    body: JSON.stringify({pain_daily: 2, pain_rest: 0, swelling: true, none_of_these: true})});
  if (response.status !== 201) throw new Error(await response.text());
}"""


def photograph(page: Page, name: str) -> None:
    for label, scheme in widths_and_schemes(page, name):
        shoot(page, f"clinic-forms-{name}-{label}-{scheme}")
    page.set_viewport_size(PHONE_360_800)  # type: ignore[arg-type]


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 0
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_st_0_refused_adjustment_inline_at_360(
    new_context: NewContext, live_server: LiveServer, axe_script: Path
) -> None:
    options = {"bypass_csp": True, "viewport": PHONE_360_800}  # axe-core is injected
    runner = new_context(live_server.url, **options).new_page()
    quick_runner(runner, live_server, weekly_minutes=90, days_ago=12, yes=("cannot_bear_weight",))
    runner.goto("/today")
    runner.evaluate(SWOLLEN_TODAY)
    code = make_code(runner, "Sam Words")

    physio = new_context(live_server.url, **options).new_page()
    quick_clinician(physio, live_server, "forms.physio@example.org", "Ana Ruiz")
    physio.goto("/caseload")
    redeem(physio, code)
    row = physio.locator("#caseload > li").first
    flags = row.locator(".case-flags li[data-rule=RED-1]")
    assert re.match(r"\w+ .*RED-1$", flags.inner_text()), flags.inner_text()  # words, then ID
    warnings = row.locator("li[data-rule^=WS-]")
    assert warnings.count() >= 1 and not warnings.first.inner_text().startswith("WS-")
    accessible(physio, axe_script)
    photograph(physio, "caseload")

    row.locator("h2 a").click()
    physio.wait_for_url(re.compile(r"/clinic/runners/\d+$"))
    physio.click("#settings-action summary")
    assert "Now Mon, Wed, Fri" in physio.inner_text("#strength-now")
    assert physio.inner_text("#gate-days-now").startswith("Now ")
    physio.uncheck("#strength-wed")
    physio.check("#strength-tue")  # Mon, Tue, Fri: two days in a row
    physio.select_option("#gate-days", "7")
    physio.click("#clinician-settings-form button[type=submit]")
    physio.wait_for_selector("#settings-error")
    assert in_view(physio, "#settings-error"), "the refusal is out of sight"
    error = physio.inner_text("#strength-error")
    assert error.startswith("Strength days must not include two adjacent days"), error
    assert "strength_days" not in physio.inner_text("#clinician-actions")
    for day, ticked in (("mon", True), ("tue", True), ("wed", False), ("fri", True)):
        assert physio.is_checked(f"#strength-{day}") is ticked, day
    assert physio.input_value("#gate-days") == "7"
    accessible(physio, axe_script)
    photograph(physio, "settings-refused")
    physio.click("#settings-error a")  # the link goes to the answer to change
    assert physio.url.endswith("#strength-mon")

    runner.goto("/sharing")
    runner.click("#access form button[type=submit]")
    runner.wait_for_url("**/sharing?revoked=1*")
    physio.goto("/caseload")
    assert "Sam Words stopped sharing on" in physio.inner_text("#ended-shares")
    assert "yet" not in physio.inner_text("#caseload")
    accessible(physio, axe_script)
    photograph(physio, "stopped-sharing")
    refused = "the server responded with a status of 400"  # the refused form's own answer
    for page in (runner, physio):
        errors = [e for e in page_errors(page) if refused not in e]
        assert errors == [], errors
