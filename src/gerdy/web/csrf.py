"""CSRF: every state-changing request (any method but GET/HEAD/OPTIONS) must carry the
session's CSRF token, in the `X-CSRF-Token` header (htmx, JavaScript, API clients) or in a
`csrf_token` form field. Without a session the reference is the signature of the browser's
anonymous session id (see `gerdy.web.sessions`). Installed as an app-wide dependency, so no
route can forget it.
"""

from __future__ import annotations

import hmac

from fastapi import Request

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
    session = current_session(request)
    if session is not None:
        expected: str | None = session.csrf_token
    else:
        anonymous = request.cookies.get(ANON_CSRF_COOKIE) and anonymous_id(request)
        expected = anonymous_csrf_for(app_state(request), anonymous) if anonymous else None
    given: object = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if given is None and content_type.startswith(FORM_TYPES):
        form = await request.form()
        given = form.get(CSRF_FIELD)
    if not expected or not isinstance(given, str):
        raise CsrfRefused
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise CsrfRefused
