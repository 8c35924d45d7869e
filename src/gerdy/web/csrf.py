"""CSRF: every state-changing request (any method but GET/HEAD/OPTIONS) must carry the
session's CSRF token, in the `X-CSRF-Token` header (htmx, JavaScript, API clients) or in a
`csrf_token` form field. Without a session the reference is the signature of the browser's
anonymous session id (see `gerdy.web.sessions`). Installed as an app-wide dependency, so no
route can forget it.

Before the token, the browser's own word: a request it marks as coming from another site
(`Sec-Fetch-Site` other than same-origin or none, or an `Origin` that is not this host) is
refused, so a cookie and token planted by an attacker cannot sign a victim in to the
attacker's account (login CSRF) or post anything else.

The dependency is async so that a GET costs nothing (no hop to the thread pool); for a
state-changing request it reads the token on the loop and compares it in the thread pool,
where the session is looked up in the database.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import Request

from gerdy.web.forms import in_thread_pool
from gerdy.web.sessions import (
    ANON_CSRF_COOKIE,
    anonymous_csrf_for,
    anonymous_id,
    current_session,
    read_cookie,
)
from gerdy.web.state import app_state

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CsrfRefused(Exception):
    """403: the token is missing or wrong."""


class CrossSite(CsrfRefused):
    """403: the browser says the request comes from another site (whatever its token)."""


# What `Sec-Fetch-Site` may say of a state-changing request: this very origin, or the user
# (typed, bookmarked). "same-site" is a sibling subdomain, which could have planted a cookie.
OWN_FETCH_SITES = frozenset({"same-origin", "none"})


def from_this_site(request: Request) -> bool:
    """Whether the browser's own word (Sec-Fetch-Site, Origin) allows the request: absent
    headers (an API client, an old browser) say nothing against it; an Origin must be this
    host, as the request names it or as `GERDY_PUBLIC_URL` / `GERDY_ALLOWED_HOSTS` do."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site.lower() not in OWN_FETCH_SITES:
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    parts = urlsplit(origin.strip().lower())
    if not parts.scheme or not parts.netloc:  # "null": a sandboxed frame, a data: page
        return False
    settings = app_state(request).settings
    if parts.netloc == request.headers.get("host", "").lower():
        return True
    if settings.public_url and parts.netloc == urlsplit(settings.public_url.lower()).netloc:
        return True
    named = {host.lower() for host in settings.allowed_hosts if "*" not in host}
    return parts.hostname in named


async def require_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    if not from_this_site(request):
        raise CrossSite
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
        anonymous = read_cookie(request, ANON_CSRF_COOKIE) and anonymous_id(request)
        expected = anonymous_csrf_for(app_state(request), anonymous) if anonymous else None
    if not expected or given is None:
        raise CsrfRefused
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise CsrfRefused
