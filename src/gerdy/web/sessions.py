"""Server-side sessions: a random opaque token in an HttpOnly cookie, its SHA-256 in the
`web_sessions` table, and the `Viewer` (who is asking, with their Coach) that routes depend on.

A browser that is not signed in gets an anonymous CSRF token in its own cookie (double submit),
so that the sign-in and sign-up forms are protected too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field

from fastapi import Request, Response

from gerdy.domain.profile import Profile
from gerdy.engine import DayPlan
from gerdy.services import Coach, today_for
from gerdy.storage.accounts import Account, WebSession
from gerdy.web.record_cache import CachedRecordStore
from gerdy.web.state import AppState, app_state

SESSION_COOKIE = "gerdy_session"
ANON_CSRF_COOKIE = "gerdy_csrf"
_UNSET = object()  # "not looked up yet" (None means: looked up, no session)


class NotSignedIn(Exception):
    """The route needs an account; pages redirect to sign-in, the API answers 401."""


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def secure_cookies(request: Request, state: AppState) -> bool:
    if state.settings.secure_cookies is not None:
        return state.settings.secure_cookies
    return request.url.scheme == "https"


def current_session(request: Request) -> WebSession | None:
    """The request's live session (looked up once per request)."""
    cached = getattr(request.state, "web_session", _UNSET)
    if cached is None or isinstance(cached, WebSession):
        return cached
    token = request.cookies.get(SESSION_COOKIE)
    found = None
    if token and len(token) <= 128:
        state = app_state(request)
        found = state.accounts.session(token_hash(token), state.now())
    request.state.web_session = found
    return found


def start_session(request: Request, response: Response, account: Account) -> WebSession:
    state = app_state(request)
    state.accounts.purge_expired(state.now())  # sign-ins are rare enough to tidy up here
    token = new_token()
    expires = state.now() + dt.timedelta(days=state.settings.session_days)
    csrf = secrets.token_hex(32)
    state.accounts.open_session(account.id, token_hash(token), csrf, expires)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=state.settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request, state),
        path="/",
    )
    response.delete_cookie(ANON_CSRF_COOKIE, path="/")
    session = WebSession(account=account, csrf_token=csrf, expires_at=expires)
    request.state.web_session = session
    return session


def end_session(request: Request, response: Response) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        app_state(request).accounts.close_session(token_hash(token))
    response.delete_cookie(SESSION_COOKIE, path="/")
    request.state.web_session = None


def anonymous_csrf(request: Request) -> str:
    """The anonymous CSRF token: the cookie's, or a new one set on the response by `render`."""
    token = request.cookies.get(ANON_CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if token:
        return str(token)
    token = secrets.token_hex(32)
    request.state.new_csrf = token
    return token


def apply_pending_cookies(request: Request, response: Response) -> None:
    token = getattr(request.state, "new_csrf", None)
    if token and not request.cookies.get(ANON_CSRF_COOKIE):
        response.set_cookie(
            ANON_CSRF_COOKIE,
            token,
            httponly=True,
            samesite="lax",
            secure=secure_cookies(request, app_state(request)),
            path="/",
        )


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
        return self.coach.store.profile() is not None

    def today(self) -> dt.date:
        return today_for(self.profile(), self.now)

    def today_plan(self) -> DayPlan:
        """Today's plan, through the per-process plan cache (validated against the database
        by one query, which also reads the profile)."""
        store = self.coach.store
        if not isinstance(store, CachedRecordStore):
            return self.coach.plan(self.today())
        self._profile, plan = store.plan(self.coach.protocol, self.now)
        return plan

    @property
    def units(self) -> str:
        return self.profile().units


def viewer(request: Request) -> Viewer:
    """FastAPI dependency: the signed-in runner, or NotSignedIn."""
    session = current_session(request)
    if session is None:
        raise NotSignedIn
    state = app_state(request)
    store = CachedRecordStore(state.engine, session.account.person_handle)
    return Viewer(
        account=session.account,
        csrf_token=session.csrf_token,
        coach=Coach(store=store, protocol=state.protocol),
        now=state.now(),
    )
