"""Small pieces the page modules share: dates from forms, logging an event for the viewer,
redirects after a POST."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event
from gerdy.engine.plan import DayPlan
from gerdy.web.sessions import Viewer


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def day_from(viewer: Viewer, text: str | None) -> dt.date:
    """The date a form names (ISO, default today in the runner's time zone). Whether the
    record takes an event on that day is the Coach's to say."""
    if not text:
        return viewer.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidInput(f"{text!r} is not a date: use YYYY-MM-DD") from exc


def log_event(viewer: Viewer, data: dict[str, Any]) -> tuple[Event, DayPlan]:
    """Log the event (nothing is saved if anything is wrong) and plan its day."""
    logged = viewer.coach.record(data)
    return logged.event, logged.plan
