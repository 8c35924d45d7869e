"""Jinja2 set-up and `render()`: every page gets the CSRF token, who is signed in, the
navigation and the script list; filters reuse the CLI's plain-text formatting (one place).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from gerdy.domain.bounds import Bounds
from gerdy.formatting import (
    DASH,
    TIMES,
    day_text,
    distance_text,
    dose_text,
    in_units,
    pace_text,
    run_text,
    span,
    stage_text,
    track_text,
)
from gerdy.web.offline import add_offline_headers, offline_key, versioned
from gerdy.web.sessions import apply_pending_cookies, csrf_token_for, current_session
from gerdy.web.state import app_state
from gerdy.web.views import BOUNDS

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
# The phone's bottom tab bar: the daily pages, then "More" (a page listing the rest of NAV).
TABS: tuple[tuple[str, str], ...] = (
    ("/today", "Today"),
    ("/checkin", "Check-in"),
    ("/runs", "Runs"),
    ("/progress", "Progress"),
    ("/more", "More"),
)
NAV: tuple[tuple[str, str], ...] = (
    ("/today", "Today"),
    ("/checkin", "Check-in"),
    ("/runs", "Runs"),
    ("/history", "History"),
    ("/progress", "Progress"),
    ("/library", "Library"),
    ("/learn", "Learn"),
    ("/calendar", "Calendar"),
    ("/settings", "Settings"),
)

# A clinician has no record: their pages are the caseload, the files shared with them and
# their account's Settings.
CLINIC_NAV: tuple[tuple[str, str], ...] = (("/caseload", "Caseload"), ("/settings", "Settings"))


def clinic_tab(path: str) -> str:
    return "/settings" if path.startswith("/settings") else "/caseload"


def current_tab(path: str) -> str | None:
    """The tab a page belongs to: its own, else "More" for the other signed-in pages."""
    for href, _label in TABS:
        if path == href or path.startswith(href + "/"):
            return href
    if path.startswith(("/session", "/welcome", "/intake")):
        return None
    return "/more"


PAIN_SCALE = range(int(BOUNDS["pain"].low), int(BOUNDS["pain"].high) + 1)


@cache
def pain_options(selected: object = 0) -> Markup:
    """The <option>s of a pain <select>, `selected` chosen: built once per value (Today
    draws several of these on every request)."""
    return Markup("").join(
        Markup('<option value="{0}"{1}>{0}</option>').format(
            n, Markup(" selected") if n == selected else ""
        )
        for n in PAIN_SCALE
    )


def limits(name: str) -> Markup:
    """An <input>'s min and max: the bounds the model puts on the value (`views.BOUNDS`)."""
    bounds: Bounds = BOUNDS[name]
    return Markup('min="{0:g}" max="{1:g}"').format(bounds.low, bounds.high)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.filters.update(
        dose=dose_text,
        in_units=in_units,
        distance=distance_text,
        run_text=run_text,
        day=day_text,
        pace=pace_text,
        stage=stage_text,
    )
    env.globals.update(
        span=span, DASH=DASH, TIMES=TIMES, NAV=NAV, TABS=TABS, pain_options=pain_options,
        limits=limits, track_text=track_text, PAIN_SCALE=PAIN_SCALE,
        PAIN_SPAN=BOUNDS["pain"].span, static=versioned,
    )  # fmt: skip
    env.trim_blocks = True
    env.lstrip_blocks = True
    # Templates ship inside the package and do not change while the server runs: skip the
    # per-render check of each template file's modification time.
    env.auto_reload = False
    return templates


def page_scripts() -> tuple[str, ...]:
    """URLs of the JavaScript files the pages load: static/vendor/*.js, then static/js/*.js
    (sorted by name within each folder; the JS engineer controls order by file names), each
    with the asset version (`web/offline.py`)."""
    found: list[str] = []
    for folder in ("vendor", "js"):
        directory = STATIC_DIR / folder
        if directory.is_dir():
            names = sorted(p.name for p in directory.glob("*.js"))
            found += [versioned(f"/static/{folder}/{name}") for name in names]
    return tuple(found)


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    state = app_state(request)
    session = current_session(request)
    clinician = session is not None and session.account.is_clinician
    full: dict[str, Any] = {
        "csrf_token": csrf_token_for(request),
        "signed_in": session is not None,
        "account_email": session.account.email if session else None,
        "scripts": state.scripts,
        "path": request.url.path,
        "current_tab": clinic_tab(request.url.path) if clinician else current_tab(request.url.path),
        "nav_links": CLINIC_NAV if clinician else NAV,
        "tab_links": CLINIC_NAV if clinician else TABS,
        "protocol": state.protocol,
        "offline_key": offline_key(request),
    }
    full.update(context or {})
    response = state.templates.TemplateResponse(request, name, full, status_code=status_code)
    apply_pending_cookies(request, response)
    add_offline_headers(request, response)
    return response


def cached_page(request: Request, body: bytes) -> HTMLResponse:
    """A page drawn before for this same session and data (`TODAY_PAGE` in
    `web/pages/today.py`), sent as `render` would send it."""
    response = HTMLResponse(body)
    apply_pending_cookies(request, response)
    add_offline_headers(request, response)
    return response
