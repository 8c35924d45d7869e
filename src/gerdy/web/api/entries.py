"""Writing entries through the API, once: every route that logs takes the client's id of the
entry (`Idempotency-Key`), so that a request sent again (the offline queue after a dropped
connection, any client's retry) never writes twice; and the entries' own routes, as the pages
have them: correct (`PUT /api/events/{id}`), delete (`DELETE /api/events/{id}`) and record a
clearance (`POST /api/clearances`). Each goes through the Coach, as History and Today do.
An entry sent later than it was made may say when it was made (`If-Unmodified-Since`): a
check-in then never replaces one of its day saved after that.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Response

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event
from gerdy.services.coach import LoggedWithPlan
from gerdy.web.api.models import ClearanceIn, Logged
from gerdy.web.sessions import CurrentViewer

router = APIRouter(prefix="/api", tags=["record"])

CLIENT_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
REPLAYED_HEADER = "Idempotent-Replayed"
ClientId = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        pattern=CLIENT_ID_PATTERN,
        description=(
            "The client's own id for this entry (8 to 64 letters, digits, '-' or '_'; a UUID "
            "will do). Sent again with the same id, the request writes nothing and answers "
            "200 with the entry stored the first time (header `Idempotent-Replayed: true`). "
            "An id already given to another kind of entry is refused (409)."
        ),
    ),
]
MadeAt = Annotated[
    str | None,
    Header(
        alias="If-Unmodified-Since",
        max_length=64,
        description=(
            "When the entry was made (an HTTP date, e.g. `Wed, 10 Jun 2026 07:40:00 GMT`), for "
            "an entry sent later than it was made, such as one kept on a phone while offline. "
            "A check-in is then refused (412) when another check-in of its day was saved after "
            "that time: the later one stands."
        ),
    ),
]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "bad input; nothing was changed"},
    401: {"description": "not signed in"},
    403: {"description": "missing or wrong X-CSRF-Token"},
    404: {"description": "no such entry in the record (or it was corrected or deleted)"},
    409: {
        "description": "no profile yet, the Idempotency-Key names another kind of entry, or "
        "the entry was made for another account (Gerdy-Offline-Key)"
    },
}
WRITES = ERRORS | {
    200: {
        "description": "a repeat (the same Idempotency-Key): nothing was written; the entry "
        "stored the first time, with its day's plan now",
        "model": Logged,
    }
}


def http_date(text: str | None) -> dt.datetime | None:
    """An `If-Unmodified-Since` header's time (None: not given); anything but an HTTP date
    with its time zone is refused."""
    if text is None:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        when = None
    if when is None or when.tzinfo is None:
        raise InvalidInput(
            f"If-Unmodified-Since: {text!r} is not an HTTP date such as "
            "'Wed, 10 Jun 2026 07:40:00 GMT' (nothing was saved)"
        )
    return when


def logged_answer(done: LoggedWithPlan, response: Response | None = None) -> Logged:
    """What a log changed: the event as stored and its day's plan. A repeat of a client id is
    answered 200 (not 201) with `Idempotent-Replayed: true`."""
    if response is not None and not done.written:
        response.status_code = 200
        response.headers[REPLAYED_HEADER] = "true"
    plan = done.plan
    return Logged(
        event=done.event.model_dump(mode="json", exclude_none=True),
        stage=plan.stage,
        gate=plan.gate,
        alerts=list(plan.alerts),
        next_milestone=plan.next_milestone,
        runs_awaiting_answers=list(plan.runs_awaiting_answers),
        linked_runs=list(plan.linked_runs),
    )


@router.put("/events/{event_id}", response_model=Logged, status_code=201, responses=WRITES)
def correct_event(
    current: CurrentViewer,
    response: Response,
    event_id: str,
    event: Annotated[Event, Body()],
    client_id: ClientId = None,
) -> Logged:
    """Correct an entry that still counts, as History's Edit does: the event sent replaces it
    (a new event whose `supersedes` is `event_id`; nothing is lost), and the answer is the
    correction with its day's plan. An entry already corrected or deleted, or one the record
    does not have, is not found (404)."""
    done = current.coach.correct_counted(event_id, event, client_id=client_id)
    return logged_answer(done, response)


@router.delete(
    "/events/{event_id}",
    status_code=204,
    responses=ERRORS | {204: {"description": "deleted (or it was already)"}},
)
def delete_event(current: CurrentViewer, event_id: str, client_id: ClientId = None) -> Response:
    """Delete an entry, as History's Delete does: a retraction dated today takes it back (the
    record keeps both). Deleting an entry already deleted changes nothing and answers 204
    again; an id the record does not have, or an entry that was corrected, is not found
    (404)."""
    current.coach.retract_counted(event_id, client_id=client_id)
    return Response(status_code=204)


@router.post("/clearances", response_model=Logged, status_code=201, responses=WRITES)
def record_clearance(
    current: CurrentViewer, response: Response, clearance: ClearanceIn, client_id: ClientId = None
) -> Logged:
    """A health professional has cleared these red flags (RED-n), as Today's "A health
    professional has cleared me" records it: who (their name and role), when and a note. It
    is the runner's word (`author` is the runner); the plan resumes what the flags paused."""
    data = clearance.model_dump(exclude_none=True) | {"type": "clearance"}
    return logged_answer(current.coach.record(data, client_id=client_id), response)
