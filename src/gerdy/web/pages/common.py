"""Small pieces the page modules share: dates from forms, logging an event for the viewer,
redirects after a POST, an account id in a URL."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Path, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from gerdy.domain.document import describe_validation_error
from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import MAX_ACCOUNT_ID, Event
from gerdy.engine.plan import DayPlan
from gerdy.web.sessions import Viewer

# An account's id in a URL (a shared runner's, a clinician's): within what the database holds
# (an id of 2^63 or more used to reach SQLite and answer 500; PostgreSQL's integer ends at
# 2^31), anything else is refused before any query.
AccountId = Annotated[int, Path(ge=1, le=MAX_ACCOUNT_ID)]
MAX_ENTRY_ID = 64  # an event id in a URL or a form (the events' own bound)


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


def refusal(exc: InvalidInput | ValidationError) -> str:
    """A refused entry's sentence as a form shows it beside the answers kept: the one the
    error page and the CLI give (the domain's)."""
    if isinstance(exc, ValidationError):
        return describe_validation_error(exc).replace("Value error, ", "")
    return str(exc)


def feedback_context(current: Viewer, entry: str | None) -> dict[str, Any]:
    """Feedback at save (v1.2): what the entry just logged changed, from its day's plan (the
    services read it; nothing is composed here). Nothing when the entry no longer counts."""
    if not entry or len(entry) > MAX_ENTRY_ID:
        return {}
    feedback = current.coach.feedback(entry)
    return {} if feedback is None else {"feedback": feedback, "entry": entry}


def saved_url(page: str, kind: str, event: Event) -> str:
    """Where a page goes after saving an entry: the page, with the feedback in view."""
    return f"{page}?saved={kind}&entry={event.id}#feedback" if event.id else f"{page}?saved={kind}"
