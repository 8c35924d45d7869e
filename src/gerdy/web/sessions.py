"""Server-side sessions: a random opaque token in an HttpOnly cookie, its SHA-256 in the
`web_sessions` table, and the `Viewer` (who is asking, with their Coach) that routes depend on.

CSRF tokens are bound to a session and signed with the server's secret: a signed-in session's
token is the HMAC of its token hash; a browser that is not signed in gets an anonymous session
id in its own HttpOnly cookie and the HMAC of that id as its token, so that the sign-in and
sign-up forms are protected too and a cookie someone planted is worth nothing without the
server's signature. Signing in always starts a new session (the browser's old one is closed)
and an account keeps at most `WebSettings.max_sessions` (the oldest go first).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request, Response

from gerdy.domain.profile import Profile, Units
from gerdy.engine import DayPlan
from gerdy.protocol.schema import Protocol
from gerdy.services import ClinicianWord, Coach, today_for
from gerdy.services.accounts import Account, WebSession
from gerdy.services.sharing import require_clinician, require_runner
from gerdy.web.state import AppState, app_state

SESSION_COOKIE = "gerdy_session"
ANON_CSRF_COOKIE = "gerdy_csrf"
_UNSET = object()  # "not looked up yet" (None means: looked up, no session)


NEW_PASSWORD_PAGE = "/settings/password"


class NotSignedIn(Exception):
    """The route needs an account; pages redirect to sign-in, the API answers 401."""


class PasswordChangeRequired(Exception):
    """The account signed in with a one-time password (`gerdy users reset-password`): until
    it chooses its own, pages redirect to NEW_PASSWORD_PAGE and the API answers 403."""


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def secure_cookies(request: Request, state: AppState) -> bool:
    if state.settings.secure_cookies is not None:
        return state.settings.secure_cookies
    return request.url.scheme == "https"


HOST_PREFIX = "__Host-"


def cookie_name(request: Request, name: str) -> str:
    """The cookie's name as sent: with Secure cookies (https) it carries the `__Host-` prefix,
    which a browser accepts only from this very host, over https, for the whole site: a
    sibling subdomain or a plain-http page cannot plant one. The plain name is then ignored."""
    return HOST_PREFIX + name if secure_cookies(request, app_state(request)) else name


def read_cookie(request: Request, name: str) -> str | None:
    return request.cookies.get(cookie_name(request, name))


def write_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None = None
) -> None:
    """Set one of the app's cookies: HttpOnly, SameSite=Lax, the whole site, Secure (and
    `__Host-`) over https."""
    response.set_cookie(
        cookie_name(request, name),
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request, app_state(request)),
        path="/",
    )


def forget_cookie(request: Request, response: Response, name: str) -> None:
    secure = secure_cookies(request, app_state(request))
    response.delete_cookie(cookie_name(request, name), path="/", secure=secure, httponly=True)


def current_session(request: Request) -> WebSession | None:
    """The request's live session (looked up once per request)."""
    cached = getattr(request.state, "web_session", _UNSET)
    if cached is None or isinstance(cached, WebSession):
        return cached
    token = read_cookie(request, SESSION_COOKIE)
    found = None
    if token and len(token) <= 128:
        state = app_state(request)
        found = state.accounts.session(token_hash(token), state.now())
    request.state.web_session = found
    return found


def signed_in(request: Request) -> WebSession:
    """The request's session, whatever the account's role; NotSignedIn without one, and
    PasswordChangeRequired while the account must choose a new password."""
    session = current_session(request)
    if session is None:
        raise NotSignedIn
    if session.account.must_change_password:
        raise PasswordChangeRequired
    return session


def account_holder(request: Request) -> WebSession:
    """FastAPI dependency for the account's own pages (password, e-mail, deletion): any
    signed-in account, a runner's or a clinician's, even one that must change its password."""
    session = current_session(request)
    if session is None:
        raise NotSignedIn
    return session


AccountHolder = Annotated[WebSession, Depends(account_holder)]


def signed(state: AppState, purpose: str, value: str) -> str:
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(state.secret, message, hashlib.sha256).hexdigest()


def start_session(request: Request, response: Response, account: Account) -> WebSession:
    """A new session for `account`, replacing whatever session the browser held."""
    state = app_state(request)
    state.accounts.purge_expired(state.now())  # sign-ins are rare enough to tidy up here
    token = new_token()
    expires = state.now() + dt.timedelta(days=state.settings.session_days)
    csrf = signed(state, "csrf-session", token_hash(token))
    old = read_cookie(request, SESSION_COOKIE)
    state.accounts.open_session(
        account.id,
        token_hash(token),
        csrf,
        expires,
        keep=state.settings.max_sessions,
        replacing=token_hash(old) if old and len(old) <= 128 else None,
    )
    write_cookie(
        request, response, SESSION_COOKIE, token, max_age=state.settings.session_days * 86400
    )
    forget_cookie(request, response, ANON_CSRF_COOKIE)
    session = WebSession(account=account, csrf_token=csrf, expires_at=expires)
    request.state.web_session = session
    return session


def end_session(request: Request, response: Response) -> None:
    token = read_cookie(request, SESSION_COOKIE)
    if token:
        app_state(request).accounts.close_session(token_hash(token))
    forget_cookie(request, response, SESSION_COOKIE)
    request.state.web_session = None


def end_all_sessions(request: Request, response: Response) -> None:
    """Sign out everywhere: close every session of the signed-in account (none: just this
    browser's cookie goes)."""
    session = current_session(request)
    if session is not None:
        app_state(request).accounts.close_sessions_of(session.account.id)
    end_session(request, response)


def anonymous_id(request: Request) -> str | None:
    """The browser's anonymous session id (its cookie, or the one `render` is about to set)."""
    given = read_cookie(request, ANON_CSRF_COOKIE)
    if given and 20 <= len(given) <= 128:
        return given
    pending = getattr(request.state, "new_anonymous", None)
    return str(pending) if pending else None


def anonymous_csrf_for(state: AppState, anonymous: str) -> str:
    return signed(state, "csrf-anonymous", anonymous)


def anonymous_csrf(request: Request) -> str:
    """The anonymous CSRF token, for the browser's anonymous session (started here if none)."""
    anonymous = anonymous_id(request)
    if anonymous is None:
        anonymous = new_token()
        request.state.new_anonymous = anonymous
    return anonymous_csrf_for(app_state(request), anonymous)


def apply_pending_cookies(request: Request, response: Response) -> None:
    anonymous = getattr(request.state, "new_anonymous", None)
    if anonymous and read_cookie(request, ANON_CSRF_COOKIE) != anonymous:
        write_cookie(request, response, ANON_CSRF_COOKIE, anonymous)


def csrf_token_for(request: Request) -> str:
    session = current_session(request)
    return session.csrf_token if session is not None else anonymous_csrf(request)


@dataclass
class Viewer:
    """The signed-in runner of this request: their account and a Coach over their record only."""

    account: Account
    csrf_token: str
    coach: Coach
    now: dt.datetime
    _profile: Profile | None = field(default=None, repr=False)

    def profile(self) -> Profile:
        """The profile (raises NoRecord before the intake)."""
        if self._profile is None:
            self._profile = self.coach.profile()
        return self._profile

    def has_profile(self) -> bool:
        return self.coach.has_profile()

    def today(self) -> dt.date:
        return today_for(self.profile(), self.now)

    def today_plan(self) -> DayPlan:
        """Today's plan (cached while the record is unchanged; one query reads the profile
        too)."""
        self._profile, plan = self.coach.profile_and_plan()
        return plan

    def today_plan_and_word(self, days: int) -> tuple[DayPlan, Callable[[], list[ClinicianWord]]]:
        """`today_plan`, and a reader of the notes, clearances and settings changes of the
        `days` days up to today, newest first (from the same version of the record)."""
        self._profile, plan, word = self.coach.plan_with_word(days=days)
        return plan, word

    @property
    def units(self) -> str:
        return self.profile().units


def viewer(request: Request) -> Viewer:
    """FastAPI dependency: the signed-in runner, or NotSignedIn (a clinician: WrongRole)."""
    session = signed_in(request)
    require_runner(session.account)
    state = app_state(request)
    now = state.now()
    return Viewer(
        account=session.account,
        csrf_token=session.csrf_token,
        coach=state.coach_for(session.account.person_handle, lambda: now),
        now=now,
    )


CurrentViewer = Annotated[Viewer, Depends(viewer)]  # a route's signed-in runner


@dataclass
class Reader:
    """Whoever is signed in, runner or clinician, on a page of the protocol's own content
    (Learn, the exercise library): the protocol and the units to show it in."""

    protocol: Protocol
    units: Units


def reader(request: Request) -> Reader:
    """FastAPI dependency: any signed-in account, or NotSignedIn."""
    session = signed_in(request)
    state = app_state(request)
    units: Units = "metric"
    if not session.account.is_clinician:
        units = state.coach_for(session.account.person_handle).units()
    return Reader(protocol=state.protocol, units=units)


@dataclass
class ClinicianViewer:
    """The signed-in clinician of this request (no record of their own)."""

    account: Account
    csrf_token: str
    now: dt.datetime


def clinician(request: Request) -> ClinicianViewer:
    """FastAPI dependency: the signed-in clinician, or NotSignedIn (a runner: WrongRole)."""
    session = signed_in(request)
    require_clinician(session.account)
    return ClinicianViewer(session.account, session.csrf_token, app_state(request).now())
