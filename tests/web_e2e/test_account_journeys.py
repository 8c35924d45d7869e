"""Account changes in a real browser, on a phone and a desktop viewport: two browsers signed in
to one account, a password change in one signs the other out (its next page load lands on
sign-in) while the first stays signed in; and an e-mail change, after which the new address
signs in."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .support import (
    PASSWORD,
    SCREENSHOTS,
    VIEWPORTS,
    LiveServer,
    NewContext,
    create_account,
    page_errors,
    quick_clinician,
    sign_in,
    sign_up_clinician,
    through_intake,
    widths_and_schemes,
)
from .test_accessibility import describe, serious_violations
from .test_journey import same_cookies

pytestmark = pytest.mark.browser
NEW_PASSWORD = "a quiet walk along the river bank"


def signed_in_runner(
    live_server: LiveServer, new_context: NewContext, size: str, email: str
) -> Page:
    context = new_context(live_server.url, viewport=VIEWPORTS[size])
    page = context.new_page()
    sign_in(page, email, then="**/*")
    return page


def runner_through_intake(
    live_server: LiveServer, new_context: NewContext, size: str, prefix: str
) -> tuple[str, Page]:
    """A new account (its address starting with `prefix`), signed in and through the intake:
    the address and the page."""
    email = create_account(live_server, f"{prefix}.{uuid.uuid4().hex[:10]}@example.org")
    page = signed_in_runner(live_server, new_context, size, email)
    page.goto("/intake")
    through_intake(page)
    return email, page


def change_password(page: Page, current: str) -> None:
    """Submit the Settings password form, from `current` to `NEW_PASSWORD`."""
    page.goto("/settings")
    page.fill("#current-password", current)
    page.fill("#new-password", NEW_PASSWORD)
    page.click("#password-form button[type=submit]")


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_password_change_signs_out_the_other_browser(
    size: str, live_server: LiveServer, new_context: NewContext
) -> None:
    email, mine = runner_through_intake(live_server, new_context, size, "pw")
    other = signed_in_runner(live_server, new_context, size, email)
    other.goto("/today")
    assert other.url.endswith("/today")

    change_password(mine, PASSWORD)
    mine.wait_for_url("**/settings?saved=password*")
    assert "Password changed" in mine.inner_text("#settings-notice")

    other.goto("/progress")
    assert "/signin" in other.url, other.url
    mine.goto("/progress")
    assert mine.url.endswith("/progress"), "the browser that changed the password stays in"

    sign_in(other, email, NEW_PASSWORD, then="**/today")
    assert page_errors(mine) == [] and page_errors(other) == []


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_wrong_current_password_is_shown_next_to_the_form(
    size: str, live_server: LiveServer, new_context: NewContext
) -> None:
    _, page = runner_through_intake(live_server, new_context, size, "pw")
    change_password(page, "not my password at all")
    error = page.locator("#password-error")
    error.wait_for()
    assert "not right" in error.inner_text() and "Nothing was changed" in error.inner_text()
    assert error.get_attribute("role") == "alert"


def test_an_email_change_then_signs_in_with_the_new_address(
    live_server: LiveServer, new_context: NewContext
) -> None:
    _, page = runner_through_intake(live_server, new_context, "phone", "em")
    new_email = f"moved.{uuid.uuid4().hex[:10]}@example.org"
    page.goto("/settings")
    page.fill("#new-email", new_email)
    page.fill("#email-password", PASSWORD)
    page.click("#email-form button[type=submit]")
    page.wait_for_url("**/settings?saved=email*")
    assert page.inner_text("#current-email") == new_email

    fresh = new_context(live_server.url).new_page()
    sign_in(fresh, new_email, then="**/today")
    assert page_errors(page) == []


def test_a_clinicians_settings_and_a_reset_accounts_new_password(
    live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    """A clinician reaches Settings from their menu and changes their password there; after
    `gerdy users reset-password`, the one-time password leads straight to choosing a new one.
    Both pages photographed at 360 and 390 px and desktop, light and dark; axe finds nothing
    serious; nothing scrolls sideways. The clinician the other journeys make without the
    form (`quick_clinician`) is the one sign-up makes."""
    from gerdy.services.accounts import reset_password

    context = new_context(live_server.url, viewport=VIEWPORTS["phone"], bypass_csp=True)
    page = context.new_page()
    email = f"physio.{uuid.uuid4().hex[:10]}@example.org"
    sign_up_clinician(page, email, "Ana Ruiz")
    quick = new_context(live_server.url)  # no page: none is needed
    quick_clinician(quick, live_server, f"quick.{email}", "Ana Ruiz")
    formed, made = map(live_server.app.state.gerdy.accounts.by_email, (email, f"quick.{email}"))
    assert formed is not None and made is not None
    assert (made.role, made.display_name, made.must_change_password) == (
        formed.role, formed.display_name, formed.must_change_password,
    )  # fmt: skip
    same_cookies(quick, page.context)
    page.locator("a[href='/settings']:visible").first.click()
    page.wait_for_url("**/settings")
    assert page.locator("#delete-form").count() == 1
    violations = serious_violations(page, axe_script)
    assert not violations, describe(violations)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, scheme in widths_and_schemes(page, "clinician Settings"):
        page.screenshot(
            path=str(SCREENSHOTS / f"clinician-settings-{label}-{scheme}.png"), full_page=True
        )
    change_password(page, PASSWORD)
    page.wait_for_url("**/settings?saved=password*")
    assert "Password changed" in page.inner_text("#settings-notice")

    one_time = reset_password(live_server.app.state.gerdy.accounts, email).password
    page.goto("/caseload")
    page.wait_for_url("**/signin**")
    sign_in(page, email, one_time, then="**/settings/password")
    assert page.locator("h1").inner_text() == "Choose a new password"
    violations = serious_violations(page, axe_script)
    assert not violations, describe(violations)
    for label, scheme in widths_and_schemes(page, "new password"):
        page.screenshot(path=str(SCREENSHOTS / f"new-password-{label}-{scheme}.png"))
    page.goto("/caseload")
    page.wait_for_url("**/settings/password")
    page.fill("#current-password", one_time)
    page.fill("#new-password", "another walk along the river bank")
    page.click("#password-form button[type=submit]")
    page.wait_for_url("**/settings?saved=password*")
    page.goto("/caseload")
    assert page.locator("h1").inner_text() == "Caseload"
    assert page_errors(page) == []
