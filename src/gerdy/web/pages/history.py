"""History: every event that counts, newest first, filterable by kind; each can be edited (a
correction that supersedes it) or deleted (a retraction). Nothing is ever removed from the
record: the Coach appends the correction or the retraction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError

from gerdy.domain.document import describe_validation_error
from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Checkin, Event, effective_events, parse_event
from gerdy.web.forms import SubmittedForm
from gerdy.web.history_view import (
    EDITABLE,
    FLAT_FIELDS,
    ITEM_CHOICES,
    KIND_LABELS,
    edited_event,
    event_details,
    form_value,
    title_of,
    unit_name,
)
from gerdy.web.pages.common import day_from, see_other
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 40


def counted_events(current: Viewer) -> list[Event]:
    """The events that count, newest date first (the latest recorded first within a day)."""
    events = list(reversed(effective_events(current.coach.events())))
    return sorted(events, key=lambda event: event.date, reverse=True)


def find_event(current: Viewer, event_id: str) -> Event:
    for event in effective_events(current.coach.events()):
        if event.id == event_id:
            return event
    raise InvalidInput("no such entry in your history (it may have been edited or deleted)")


def grouped_checkins(events: list[Event]) -> tuple[list[Event], dict[str, list[Event]]]:
    """One check-in per day (v1.1): `events` (newest first, the latest recorded first within
    a day) without the check-ins a later one of the same day replaced, and those, by the id
    of the check-in that stands, latest first."""
    kept: list[Event] = []
    standing: dict[dt.date, str] = {}
    replaced: dict[str, list[Event]] = {}
    for event in events:
        if isinstance(event, Checkin):
            if event.date in standing:
                replaced.setdefault(standing[event.date], []).append(event)
                continue
            standing[event.date] = event.id or ""
        kept.append(event)
    return kept, replaced


@router.get("/history")
def history_page(request: Request, current: CurrentViewer) -> Response:
    return render(request, "history.html", history_context(request, current, "/history"))


def history_context(
    request: Request, current: Viewer, base: str, *, to_clinician: bool = False
) -> dict[str, Any]:
    """What the History page shows of `current`'s record; `base` is the page's own path (a
    clinician reads a runner's History under their file, `to_clinician`)."""
    kind = request.query_params.get("kind") or ""
    if kind and kind not in KIND_LABELS:
        raise InvalidInput(f"{kind!r} is not a kind of entry")
    events = [e for e in counted_events(current) if not kind or e.type == kind]
    try:
        shown = min(max(int(request.query_params.get("shown") or PAGE_SIZE), 1), 100_000)
    except ValueError as exc:
        raise InvalidInput("shown: give a whole number") from exc
    protocol, units = current.coach.protocol, current.units
    events, replaced = grouped_checkins(events)

    def details(event: Event) -> list[tuple[str, str]]:
        return event_details(event, protocol, units, to_clinician=to_clinician)

    def at(event: Event) -> str | None:
        moment = event.recorded_at
        return None if moment is None else f"{current.coach.runners_time(moment):%H:%M}"

    return {
        "title": "History",
        "kind": kind,
        "kinds": KIND_LABELS,
        "entries": [
            (e, details(e), [(r, details(r), at(r)) for r in replaced.get(e.id or "", [])])
            for e in events[:shown]
        ],
        "recorded_at": {e.id: at(e) for e in events[:shown] if isinstance(e, Checkin)},
        "more_url": (
            f"{base}?{'kind=' + kind + '&' if kind else ''}shown={shown + PAGE_SIZE}"
            if len(events) > shown
            else None
        ),
        "history_base": base,
        "editable": EDITABLE,
        "saved": request.query_params.get("saved"),
    }


@router.get("/history/{event_id}/edit")
def edit_page(request: Request, current: CurrentViewer, event_id: str) -> Response:
    return edit_form(request, current, editable_event(current, event_id))


def editable_event(current: Viewer, event_id: str) -> Event:
    """The entry to edit; one that can only be deleted (a note, a settings change) is refused."""
    event = find_event(current, event_id)
    if event.type not in EDITABLE:
        raise InvalidInput(f"a {KIND_LABELS[event.type].lower()} cannot be edited, only deleted")
    return event


def edit_form(
    request: Request, current: Viewer, event: Event, form: Any = None, error: str = ""
) -> Response:
    """The edit form: the entry's values, or after a refusal the answers as sent (`form`),
    with the refusal above them (400), so nothing typed is lost."""
    protocol = current.coach.protocol
    return render(
        request,
        "history_edit.html",
        {
            "title": f"Edit {KIND_LABELS[event.type].lower()}",
            "event": event,
            "label": KIND_LABELS[event.type],
            "fields": [
                (
                    field,
                    form_value(event, field, current.units) if form is None else kept(form, field),
                )
                for field in FLAT_FIELDS.get(event.type, ())
            ],
            "date": event.date.isoformat() if form is None else str(form.get("date") or ""),
            "note": (event.note or "") if form is None else str(form.get("note") or ""),
            "error": error,
            "unit_name": unit_name(current.units),
            "item_choices": [
                (item, title_of(protocol, item)) for item in ITEM_CHOICES.get(event.type, ())
            ],
            "titles": {e.id: e.name for e in protocol.exercises},
            "today": current.today(),
        },
        status_code=200 if not error else 400,
    )


def kept(form: Any, field: Any) -> Any:
    """A flat field's answer as sent: yes/no as a bool (None when open), anything else as typed."""
    answer = form.get(field.name)
    if field.kind == "yes_no":
        return {"yes": True, "no": False}.get(str(answer or ""))
    return None if answer in (None, "") else str(answer)


@router.post("/history/{event_id}/edit")
def save_edit(
    request: Request, current: CurrentViewer, event_id: str, form: SubmittedForm
) -> Response:
    event = editable_event(current, event_id)
    try:
        date = day_from(current, str(form.get("date") or "") or None)
        data = edited_event(event, form, date.isoformat(), current.units)
        current.coach.correct(event_id, parse_event(data))
    except InvalidInput as refused:
        return edit_form(request, current, event, form, str(refused))
    except ValidationError as refused:  # a value the event's contract refuses (pain 11)
        first = refused.errors()[0]
        labels = {f.name: f.label for f in FLAT_FIELDS.get(event.type, ())}
        name = next((str(part) for part in first["loc"] if str(part) in labels), "")
        if name in labels:  # the question's own words, not the field's code
            what = labels[name].format(units=unit_name(current.units))
            message = f"{what}: {first['msg'].replace('Value error, ', '')}"
        else:
            message = describe_validation_error(refused).replace("Value error, ", "")
        return edit_form(request, current, event, form, message)
    return see_other("/history?saved=edited")


@router.post("/history/{event_id}/delete")
def delete_entry(current: CurrentViewer, event_id: str) -> Response:
    find_event(current, event_id)
    current.coach.retract(event_id, current.today())
    return see_other("/history?saved=deleted")
