"""Changing one's own account, the same way from the Settings page and from the API: a new
password (the current one checked like a sign-in, the sign-up rules, every other session ended,
this browser given a fresh session and device cookie) and a new e-mail address (the password
checked, limited per hour). The rules themselves are `services.accounts`'.
"""

from __future__ import annotations

from fastapi import Request, Response

from gerdy.services.accounts import Account, WebSession, change_email, change_password
from gerdy.web.auth import WrongCredentials, authenticate, remember_device
from gerdy.web.limits import TooManyAttempts, check_email_change
from gerdy.web.sessions import SESSION_COOKIE, read_cookie, start_session, token_hash
from gerdy.web.state import app_state


def new_password(
    request: Request, response: Response, session: WebSession, current: str, new: str
) -> WebSession:
    """Set the account's new password and give `response` a fresh session (returned) and
    device cookie: the old ones were bound to the old password. Raises WrongCredentials,
    TooManyAttempts or InvalidInput (nothing changed) otherwise."""
    state = app_state(request)
    account = authenticate(request, session.account.email, current)
    keep = token_hash(read_cookie(request, SESSION_COOKIE) or "")
    change_password(state.accounts, account, new, keep_session=keep)
    changed = state.accounts.by_email(account.email) or account
    fresh = start_session(request, response, changed)
    remember_device(request, response, changed)
    return fresh


def new_email(request: Request, session: WebSession, password: str, email: str) -> Account:
    """Set the account's new e-mail address, confirmed with its password. Raises
    WrongCredentials, TooManyAttempts or InvalidInput (nothing changed) otherwise."""
    account = authenticate(request, session.account.email, password)
    check_email_change(request, account.id)
    return change_email(app_state(request).accounts, account, email)


def refusal(exc: Exception) -> tuple[int, str, dict[str, str]]:
    """A refused account form's status, sentence and headers, as Settings and the clinician's
    Account page show it next to the form: a wrong password (401), too many tries (429, with
    Retry-After) or a new value the rules refuse (400)."""
    if isinstance(exc, WrongCredentials):
        return 401, "your current password is not right", {}
    if isinstance(exc, TooManyAttempts):
        return 429, str(exc), {"retry-after": str(exc.retry_after)}
    return 400, str(exc), {}
