"""CSRF: every state-changing request (any method but GET/HEAD/OPTIONS) must carry the
session's CSRF token, in the `X-CSRF-Token` header (htmx, JavaScript, API clients) or in a
`csrf_token` form field. Without a session the anonymous token's cookie is the reference
(double submit). Installed as an app-wide dependency, so no route can forget it.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from gerdy.web.sessions import ANON_CSRF_COOKIE, current_session

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
    expected = session.csrf_token if session is not None else request.cookies.get(ANON_CSRF_COOKIE)
    given: object = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if given is None and content_type.startswith(FORM_TYPES):
        form = await request.form()
        given = form.get(CSRF_FIELD)
    if not expected or not isinstance(given, str):
        raise CsrfRefused
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise CsrfRefused
