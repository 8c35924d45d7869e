"""The account's own pages, a runner's and a clinician's alike: Settings (a runner's is their
record's settings with the Account section, a clinician's is the Account section alone), a
new password (the current one asked, the sign-up rules, every other session ended), a new
e-mail address (the password asked, limited per hour) and deletion (the password asked).

After `gerdy users reset-password` the account must choose a new password: until it does,
every other page sends it to NEW_PASSWORD_PAGE (`sessions.PasswordChangeRequired`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from gerdy.domain.errors import InvalidInput
from gerdy.services.accounts import WebSession
from gerdy.services.passwords import PASSWORD_MAX
from gerdy.web import account_changes as changes
from gerdy.web.auth import WrongCredentials, authenticate
from gerdy.web.limits import TooManyAttempts
from gerdy.web.offline import forget_device
from gerdy.web.pages.common import see_other
from gerdy.web.pages.settings import settings_response
from gerdy.web.sessions import (
    NEW_PASSWORD_PAGE,
    AccountHolder,
    end_session,
    signed_in,
    viewer,
)
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)


def account_response(
    request: Request, session: WebSession, *, status_code: int = 200, **extra: object
) -> Response:
    """The page the account's forms live on, with `extra` (a refusal's message): the new
    password page while one must be chosen, a clinician's Settings, or a runner's."""
    account = session.account
    context = {"email": account.email, "clinician": account.is_clinician} | extra
    if account.must_change_password:
        context |= {"title": "Choose a new password", "forced": True}
        return render(request, "new_password.html", context, status_code=status_code)
    if account.is_clinician:
        context |= {"title": "Settings", "notice": request.query_params.get("saved")}
        return render(request, "account.html", context, status_code=status_code)
    return settings_response(request, viewer(request), status_code=status_code, **extra)


def refused(request: Request, session: WebSession, form: str, exc: Exception) -> Response:
    """The account's page again with the refusal next to `form` ("password", "email"): a wrong
    password (401), too many tries (429) or a new value the rules refuse (400). Nothing was
    changed."""
    status, message, headers = changes.refusal(exc)
    response = account_response(request, session, status_code=status, **{f"{form}_error": message})
    response.headers.update(headers)
    return response


@router.get("/settings")
def settings_page(request: Request, session: AccountHolder) -> Response:
    if session.account.must_change_password:
        return see_other(NEW_PASSWORD_PAGE)
    return account_response(request, session)


@router.get(NEW_PASSWORD_PAGE)
def new_password_page(request: Request, session: AccountHolder) -> Response:
    """After a reset, the only page the account sees; otherwise the Account section."""
    if not session.account.must_change_password:
        return see_other("/settings#account")
    return account_response(request, session)


@router.post("/settings/password")
def save_password(
    request: Request,
    session: AccountHolder,
    current_password: Annotated[str, Form(max_length=PASSWORD_MAX * 4)] = "",
    new_password: Annotated[str, Form(max_length=PASSWORD_MAX * 4)] = "",
) -> Response:
    """A new password: the current one is checked (throttled like a sign-in), the sign-up rules
    apply, every other session of the account ends and this browser gets a fresh session (and
    a fresh device cookie: the old ones were bound to the old password)."""
    response = see_other("/settings?saved=password#settings-notice")
    try:
        changes.new_password(request, response, session, current_password, new_password)
    except (WrongCredentials, TooManyAttempts, InvalidInput) as exc:
        return refused(request, session, "password", exc)
    return response


@router.post("/settings/email")
def save_email(
    request: Request,
    email: Annotated[str, Form(max_length=1000)] = "",
    password: Annotated[str, Form(max_length=PASSWORD_MAX * 4)] = "",
) -> Response:
    """A new e-mail address (for signing in), confirmed with the password."""
    session = signed_in(request)
    try:
        changes.new_email(request, session, password, email)
    except (WrongCredentials, TooManyAttempts, InvalidInput) as exc:
        return refused(request, session, "email", exc)
    return see_other("/settings?saved=email#settings-notice")


@router.post("/settings/delete")
def delete_account(
    request: Request,
    session: AccountHolder,
    password: Annotated[str, Form(max_length=4096)] = "",
) -> Response:
    """Delete the account (confirmed with its password): a runner's with their whole record;
    a clinician's with their access to the records shared with them."""
    if not password:
        raise InvalidInput("enter your password to confirm; nothing was deleted")
    authenticate(request, session.account.email, password)
    app_state(request).accounts.delete(session.account.id)
    response = see_other("/signup?deleted=1")
    end_session(request, response)
    return forget_device(response)
