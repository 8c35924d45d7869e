"""Small pieces the page modules share: dates from forms, logging an event for the viewer,
redirects after a POST."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event, parse_event
from gerdy.engine.plan import DayPlan
from gerdy.web.sessions import Viewer


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def day_from(viewer: Viewer, text: str | None) -> dt.date:
    """The date a form names (ISO, default today in the runner's time zone); not in the future."""
    today = viewer.today()
    if not text:
        return today
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidInput(f"{text!r} is not a date: use YYYY-MM-DD") from exc
    if date > today:
        raise InvalidInput(f"{date} is in the future (today is {today})")
    return date


def log_event(viewer: Viewer, data: dict[str, Any]) -> tuple[Event, DayPlan]:
    """Validate, log (nothing is saved if anything is wrong) and plan the event's day."""
    event = parse_event({k: v for k, v in data.items() if v is not None})
    stored = viewer.coach.log(event)[0]
    return stored, viewer.coach.plan(stored.date)
