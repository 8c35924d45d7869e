"""Account changes in a real browser, on a phone and a desktop viewport: two browsers signed in
to one account, a password change in one signs the other out (its next page load lands on
sign-in) while the first stays signed in; and an e-mail change, after which the new address
signs in."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page

from .support import (
    PASSWORD,
    VIEWPORTS,
    LiveServer,
    NewContext,
    create_account,
    page_errors,
    sign_in,
    through_intake,
)

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
