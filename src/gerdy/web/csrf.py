"""CSRF: every state-changing request (any method but GET/HEAD/OPTIONS) must carry the
session's CSRF token, in the `X-CSRF-Token` header (htmx, JavaScript, API clients) or in a
`csrf_token` form field. Without a session the reference is the signature of the browser's
anonymous session id (see `gerdy.web.sessions`). Installed as an app-wide dependency, so no
route can forget it.

The dependency is async so that a GET costs nothing (no hop to the thread pool); for a
state-changing request it reads the token on the loop and compares it in the thread pool,
where the session is looked up in the database.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from gerdy.web.forms import in_thread_pool
from gerdy.web.sessions import ANON_CSRF_COOKIE, anonymous_csrf_for, anonymous_id, current_session
from gerdy.web.state import app_state

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CsrfRefused(Exception):
    """403: the token is missing or wrong."""


async def require_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    given: object = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if given is None and content_type.startswith(FORM_TYPES):
        form = await request.form()
        given = form.get(CSRF_FIELD)
    await check_token(request, given if isinstance(given, str) else None)


@in_thread_pool
def check_token(request: Request, given: str | None) -> None:
    """CsrfRefused unless `given` is this browser's token (its session's, or the signature of
    its anonymous id)."""
    session = current_session(request)
    if session is not None:
        expected: str | None = session.csrf_token
    else:
        anonymous = request.cookies.get(ANON_CSRF_COOKIE) and anonymous_id(request)
        expected = anonymous_csrf_for(app_state(request), anonymous) if anonymous else None
    if not expected or given is None:
        raise CsrfRefused
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise CsrfRefused
