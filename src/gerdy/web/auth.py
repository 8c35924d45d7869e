"""Accounts at the edge: sign-up, sign-in and sign-out (pages and `/api/session`), sign out
everywhere, argon2 password hashes, the sign-in and sign-up limits (`gerdy.web.limits`) and the
device cookie that lets the owner's own browser past the per-account delay.
"""

from __future__ import annotations

import hmac
from dataclasses import replace
from typing import Annotated

from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from gerdy.domain.errors import GerdyError, InvalidInput
from gerdy.services.accounts import Account, EmailTaken, normal_email
from gerdy.services.passwords import (
    PASSWORD_MAX,
    check_new_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from gerdy.services.sharing import WrongRole
from gerdy.web.limits import TooManyAttempts, check_login, check_signup, keyed, record
from gerdy.web.offline import forget_device
from gerdy.web.sessions import (
    NEW_PASSWORD_PAGE,
    anonymous_csrf,
    apply_pending_cookies,
    current_session,
    end_all_sessions,
    end_session,
    read_cookie,
    start_session,
    write_cookie,
)
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter()
# Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = hash_password("not a real password, only for timing")
DEVICE_COOKIE = "gerdy_device"
DEVICE_DAYS = 365
NAME_MAX = 100


class WrongCredentials(GerdyError):
    """401: the email or the password is wrong (which one is not said)."""


def device_mark(request: Request, account: Account) -> str:
    """The device cookie's value for this account: proof that this browser signed in to it
    with its current password (bound to the password's hash, so a new password, a reset by
    the server's owner above all, leaves no browser trusted but the one that set it)."""
    state = app_state(request)
    mark = keyed(state, "device", f"{account.id}\x00{account.password_hash}")[:40]
    return f"{account.id}.{mark}"


def trusted_device(request: Request, account: Account | None) -> bool:
    given = read_cookie(request, DEVICE_COOKIE) or ""
    if account is None or not given or len(given) > 100:
        return False
    return hmac.compare_digest(given.encode(), device_mark(request, account).encode())


def authenticate(request: Request, email: str, password: str) -> Account:
    """The account for these credentials, or WrongCredentials / TooManyAttempts (see
    `gerdy.web.limits`). A failure counts against the account and the address; a success
    clears the account's count."""
    state = app_state(request)
    cleaned = email.strip().lower()[:254]
    account = state.accounts.by_email(cleaned)
    account_bucket, address_bucket = check_login(
        request, cleaned, trusted_device=trusted_device(request, account)
    )
    try:
        verify_password(account.password_hash if account else _DUMMY_HASH, password[:PASSWORD_MAX])
        valid = account is not None
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid or account is None:
        owner = account.id if account is not None else None
        record(state, account_bucket, account_id=owner)
        record(state, address_bucket)
        raise WrongCredentials("wrong email or password")
    state.accounts.clear_attempts(account_bucket)
    if needs_rehash(account.password_hash):
        rehashed = hash_password(password)
        state.accounts.set_password_hash(
            account.id, rehashed, must_change=account.must_change_password
        )
        account = replace(account, password_hash=rehashed)
    return account


def clinician_name(role: str, name: str | None) -> str | None:
    """The name a clinician signs with (required for them; a runner gives none)."""
    if role == "runner":
        return None
    if role != "clinician":
        raise InvalidInput("choose whether you are a runner or a clinician")
    cleaned = " ".join((name or "").split())
    if not 2 <= len(cleaned) <= NAME_MAX:
        raise InvalidInput(
            f"a clinician's account needs the name runners will see (2 to {NAME_MAX} characters)"
        )
    return cleaned


def register(
    request: Request, email: str, password: str, role: str = "runner", name: str | None = None
) -> Account:
    """A new account, a runner's or a clinician's (who has no record of their own). A taken
    e-mail gets the same refusal as a password that does not fit it, never a statement that
    the account exists (and sign-ups are limited per address)."""
    check_signup(request)
    cleaned = normal_email(email)
    display_name = clinician_name(role, name)
    check_new_password(password, cleaned)
    password_hash = hash_password(password)  # before the lookup: both paths cost the same
    try:
        return app_state(request).accounts.create(
            cleaned, password_hash, role=role, display_name=display_name
        )
    except EmailTaken as exc:
        raise InvalidInput(
            "no account could be made with this e-mail and password: if you have one "
            "already, sign in instead"
        ) from exc


def remember_device(request: Request, response: Response, account: Account) -> None:
    write_cookie(
        request, response, DEVICE_COOKIE, device_mark(request, account), DEVICE_DAYS * 86400
    )


def home_of(account: Account) -> str:
    """Where an account lands: a clinician's caseload, a runner's Today."""
    return "/caseload" if account.is_clinician else "/today"


def safe_next(target: str | None, default: str = "/today") -> str:
    """Only a local path is a redirect target (no `//host` or `scheme:`)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


# --- pages ---------------------------------------------------------------------------------
@router.get("/signin", include_in_schema=False)
def signin_page(request: Request, next: str | None = None) -> Response:
    if current_session(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "signin.html", {"next": safe_next(next), "title": "Sign in"})


@router.post("/signin", include_in_schema=False)
def signin(
    request: Request,
    email: Annotated[str, Form(max_length=1000)],
    password: Annotated[str, Form(max_length=PASSWORD_MAX * 4)],
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    context = {"next": safe_next(next), "email": email, "title": "Sign in"}
    try:
        account = authenticate(request, email, password)
    except TooManyAttempts as exc:
        refusal = render(request, "signin.html", context | {"error": str(exc)}, status_code=429)
        refusal.headers["retry-after"] = str(exc.retry_after)
        return refusal
    except WrongCredentials as exc:
        return render(request, "signin.html", context | {"error": str(exc)}, status_code=401)
    target = safe_next(next)
    if target == "/today":
        target = home_of(account)
    if account.must_change_password:
        target = NEW_PASSWORD_PAGE
    response = RedirectResponse(target, status_code=303)
    start_session(request, response, account)
    remember_device(request, response, account)
    return response


@router.get("/signup", include_in_schema=False)
def signup_page(request: Request) -> Response:
    if current_session(request) is not None:
        return RedirectResponse("/today", status_code=303)
    return render(request, "signup.html", {"title": "Create an account"})


@router.post("/signup", include_in_schema=False)
def signup(
    request: Request,
    email: Annotated[str, Form(max_length=1000)],
    password: Annotated[str, Form(max_length=PASSWORD_MAX * 4)],
    role: Annotated[str, Form(max_length=20)] = "runner",
    name: Annotated[str | None, Form(max_length=1000)] = None,
) -> Response:
    context = {"email": email, "title": "Create an account", "role": role, "name": name}
    try:
        account = register(request, email, password, role, name)
    except TooManyAttempts as exc:
        refusal = render(request, "signup.html", context | {"error": str(exc)}, 429)
        refusal.headers["retry-after"] = str(exc.retry_after)
        return refusal
    except InvalidInput as exc:
        return render(request, "signup.html", context | {"error": str(exc)}, status_code=400)
    landing = "/caseload" if account.is_clinician else "/intake"
    response = RedirectResponse(landing, status_code=303)
    start_session(request, response, account)
    remember_device(request, response, account)
    return response


@router.post("/signout", include_in_schema=False)
def signout(request: Request) -> Response:
    response = RedirectResponse("/signin", status_code=303)
    end_session(request, response)
    return forget_device(response)


@router.post("/signout/everywhere", include_in_schema=False)
def signout_everywhere(request: Request) -> Response:
    """End every session of the account (other browsers and devices too)."""
    response = RedirectResponse("/signin", status_code=303)
    end_all_sessions(request, response)
    return forget_device(response)


# --- API -----------------------------------------------------------------------------------
class CsrfOut(BaseModel):
    csrf_token: str


class Credentials(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=PASSWORD_MAX)


class SessionOut(BaseModel):
    email: str
    csrf_token: str


@router.get("/api/csrf", response_model=CsrfOut, tags=["session"])
def api_csrf(request: Request, response: Response) -> CsrfOut:
    """The CSRF token to send as `X-CSRF-Token` (the anonymous one before sign-in)."""
    session = current_session(request)
    if session is not None:
        return CsrfOut(csrf_token=session.csrf_token)
    token = anonymous_csrf(request)
    apply_pending_cookies(request, response)
    return CsrfOut(csrf_token=token)


@router.post(
    "/api/session",
    response_model=SessionOut,
    tags=["session"],
    responses={
        401: {"description": "wrong email or password"},
        403: {"description": "the password was reset: choose a new one in the web app first"},
        429: {"description": "rate"},
    },
)
def api_signin(request: Request, response: Response, credentials: Credentials) -> SessionOut:
    """Sign in: sets the session cookie; send the returned token as `X-CSRF-Token`. An account
    whose password was reset (`gerdy users reset-password`) is refused (403) until its owner
    chooses a new one in the web app."""
    account = authenticate(request, credentials.email, credentials.password)
    if account.must_change_password:
        raise WrongRole(
            "this account's password was reset: sign in on the web app and choose a new "
            "password first"
        )
    session = start_session(request, response, account)
    remember_device(request, response, account)
    return SessionOut(email=account.email, csrf_token=session.csrf_token)


@router.delete("/api/session", status_code=204, tags=["session"])
def api_signout(request: Request) -> Response:
    response = Response(status_code=204)
    end_session(request, response)
    return response


@router.delete("/api/sessions", status_code=204, tags=["session"])
def api_signout_everywhere(request: Request) -> Response:
    """Sign out everywhere: end every session of the account, this one included."""
    response = Response(status_code=204)
    end_all_sessions(request, response)
    return response
