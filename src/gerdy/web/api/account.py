"""API routes over the signed-in account itself, a runner's or a clinician's, as Settings ->
Account has them: a new password and a new e-mail address (`web/account_changes.py`, the same
steps as the page). Deleting the account is `DELETE /api/account` (api/record.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from gerdy.web import account_changes as changes
from gerdy.web.api.models import AccountOut, NewEmail, NewPassword
from gerdy.web.sessions import AccountHolder, signed_in

router = APIRouter(prefix="/api/account", tags=["session"])
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "the new value is refused (the sign-up rules); nothing was changed"},
    401: {"description": "not signed in, or the password is wrong"},
    403: {"description": "missing or wrong X-CSRF-Token"},
    429: {"description": "too many tries: wait for Retry-After seconds"},
}


@router.put("/password", response_model=AccountOut, responses=ERRORS)
def put_password(
    request: Request, response: Response, session: AccountHolder, body: NewPassword
) -> AccountOut:
    """Choose a new password: the current one is checked (a wrong one counts as a failed
    sign-in), the sign-up rules apply, every other session of the account ends, and this
    client gets a new session cookie: send the `csrf_token` answered from now on."""
    fresh = changes.new_password(
        request, response, session, body.current_password, body.new_password
    )
    return AccountOut(email=fresh.account.email, csrf_token=fresh.csrf_token)


@router.put("/email", response_model=AccountOut, responses=ERRORS)
def put_email(request: Request, body: NewEmail) -> AccountOut:
    """Change the e-mail address used to sign in, confirmed with the password (at most 5 tries
    an hour). An address another account has is refused like any other (400)."""
    session = signed_in(request)
    account = changes.new_email(request, session, body.password, body.email)
    return AccountOut(email=account.email, csrf_token=session.csrf_token)
