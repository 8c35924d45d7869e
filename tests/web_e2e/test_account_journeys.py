"""Account changes in a real browser, on a phone and a desktop viewport: two browsers signed in
to one account, a password change in one signs the other out (its next page load lands on
sign-in) while the first stays signed in; and an e-mail change, after which the new address
signs in."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from .support import (
    DESKTOP,
    PASSWORD,
    PHONE,
    LiveServer,
    answer_intake_questions,
    create_account,
    page_errors,
    sign_in,
)

pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
NEW_PASSWORD = "a quiet walk along the river bank"


def signed_in_runner(live_server: LiveServer, new_context: Any, size: str, email: str) -> Any:
    context = new_context(live_server.url, viewport=VIEWPORTS[size])
    page = context.new_page()
    sign_in(page, email, then="**/*")
    return page


def through_intake(page: Any) -> None:
    page.goto("/intake")
    page.fill("#weekly_minutes", "120")
    answer_intake_questions(page)
    page.click("#intake-form button[type=submit]")
    page.wait_for_url("**/welcome")


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_password_change_signs_out_the_other_browser(
    size: str, live_server: LiveServer, new_context: Any
) -> None:
    email = create_account(live_server, f"pw.{uuid.uuid4().hex[:10]}@example.org")
    mine = signed_in_runner(live_server, new_context, size, email)
    through_intake(mine)
    other = signed_in_runner(live_server, new_context, size, email)
    other.goto("/today")
    assert other.url.endswith("/today")

    mine.goto("/settings")
    mine.fill("#current-password", PASSWORD)
    mine.fill("#new-password", NEW_PASSWORD)
    mine.click("#password-form button[type=submit]")
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
    size: str, live_server: LiveServer, new_context: Any
) -> None:
    email = create_account(live_server, f"pw.{uuid.uuid4().hex[:10]}@example.org")
    page = signed_in_runner(live_server, new_context, size, email)
    through_intake(page)
    page.goto("/settings")
    page.fill("#current-password", "not my password at all")
    page.fill("#new-password", NEW_PASSWORD)
    page.click("#password-form button[type=submit]")
    error = page.locator("#password-error")
    error.wait_for()
    assert "not right" in error.inner_text() and "Nothing was changed" in error.inner_text()
    assert error.get_attribute("role") == "alert"


def test_an_email_change_then_signs_in_with_the_new_address(
    live_server: LiveServer, new_context: Any
) -> None:
    email = create_account(live_server, f"em.{uuid.uuid4().hex[:10]}@example.org")
    page = signed_in_runner(live_server, new_context, "phone", email)
    through_intake(page)
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
