"""The record's rules, written once: what an event must satisfy to join a record, and what a
whole document must satisfy to become one. The event models own the bounds of each value
(pain 0-10, minutes, cadence...); these rules need the record around the event.

- Not before the programme's start date (every event, logged or loaded).
- Not after the runner's today, in their time zone, when *logging* (a loaded backup may come
  from another time zone and run past today).
- `supersedes` names an event of this record, and a retraction's `retracts` does too.
- A day's plan is asked for from the start date on, and at most a year ahead of today (or of
  the start date, when that is later).
- The profile's settings are within the protocol's ranges (`engine.settings`), and so are a
  `settings_change` event's (for a logged one, P1-2's track on the record too: see `Coach`).
- Plausible entries (v1.2): a new run typed by hand within the protocol's bounds of minutes
  and pace (`engine.plausible`, the one check). An imported run is kept, and so is a run of a
  loaded record (a backup is the runner's history, not a new entry): the plan asks to
  confirm or correct it. A correction that keeps a run's minutes and distance (its answers
  given later, its confirmation) is no new entry either.
- A clearance the runner records names the professional and their role (v1.2); one loaded
  from an older record is kept as it was given (see `check_clearance_named`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from gerdy.domain.document import Document
from gerdy.domain.errors import BeforeStart, InvalidInput
from gerdy.domain.events import Clearance, Event, Retraction, Run, SettingsChange
from gerdy.domain.profile import Profile
from gerdy.domain.refusals import CLEARANCE_NAMES_THE_PROFESSIONAL, RUN_SOURCE_ONLY_BY_IMPORT
from gerdy.engine.plausible import check_plausible
from gerdy.engine.settings import check_profile, check_settings_change
from gerdy.protocol import Protocol

__all__ = ["check_document", "check_new_event", "check_plan_date", "check_profile"]

PLAN_HORIZON = dt.timedelta(days=366)


def check_start(profile: Profile, event: Event) -> None:
    if event.date < profile.start_date:
        raise BeforeStart(f"{event.date} is before the programme's start date {profile.start_date}")


def check_not_future(event: Event, today: dt.date) -> None:
    if event.date > today:
        raise InvalidInput(f"{event.date} is in the future (today is {today})")


def check_plan_date(profile: Profile, date: dt.date, today: dt.date) -> None:
    """The day of a plan asked for: not before the start date, at most a year ahead."""
    if date < profile.start_date:
        raise BeforeStart(f"{date} is before the programme's start date {profile.start_date}")
    last = max(today, profile.start_date) + PLAN_HORIZON
    if date > last:
        raise InvalidInput(f"{date} is too far ahead: plans reach at most a year ahead ({last})")


def check_supersedes(event: Event, known_ids: Callable[[], Iterable[str]]) -> None:
    """`known_ids` is called only when the event corrects another (reading a record costs)."""
    if event.supersedes is not None and event.supersedes not in set(known_ids()):
        raise InvalidInput(f"no event with id {event.supersedes!r} to correct")
    if isinstance(event, Retraction) and event.retracts not in set(known_ids()):
        raise InvalidInput(f"no event with id {event.retracts!r} to delete")


def check_clearance_named(event: Event) -> None:
    """v1.2: a clearance the runner records names the professional and their role. Only for
    events being logged: a clearance loaded from an older record is kept as it was given."""
    if not isinstance(event, Clearance) or event.by_clinician:
        return
    if not (event.cleared_by or "").strip() or not (event.cleared_by_role or "").strip():
        raise InvalidInput(CLEARANCE_NAMES_THE_PROFESSIONAL)


def check_run_source(event: Event, corrected: Event | None) -> None:
    """A run's `source` (the device file it came from) is what makes it imported: kept as
    recorded, outside the plausible bounds' refusal. So only importing the file sets it; a
    run logged otherwise carries one only as a correction keeping the source of the imported
    run it replaces (its answers given later, its confirmation)."""
    if not isinstance(event, Run) or event.source is None:
        return
    if isinstance(corrected, Run) and corrected.source == event.source:
        return
    raise InvalidInput(RUN_SOURCE_ONLY_BY_IMPORT)


def check_new_event(
    protocol: Protocol,
    profile: Profile,
    event: Event,
    today: dt.date,
    known_ids: Callable[[], Iterable[str]],
    find: Callable[[str], Event | None] | None = None,
    *,
    imported: bool = False,
) -> None:
    """An event being logged today: every rule. `find` gives the event of an id (the one a
    correction replaces; called only for a correction). `imported`: the event comes from
    importing its device file (`services.imports`), which alone names a run's source."""
    check_start(profile, event)
    check_not_future(event, today)
    check_supersedes(event, known_ids)
    corrected = None
    if event.supersedes is not None and find is not None:
        corrected = find(event.supersedes)
    if not imported:
        check_run_source(event, corrected)
    check_plausible(protocol, event, corrected)
    check_clearance_named(event)


def check_document(protocol: Protocol, document: Document) -> None:
    """A whole record being loaded: the profile's settings, and each event against the
    profile and the events before it (dates past today are allowed). A run outside the
    plausible bounds is kept: the record is the runner's history, and the plan asks to
    confirm or correct it (`run_questions.runs_to_confirm`)."""
    try:
        check_profile(protocol, document.profile)
    except InvalidInput as exc:
        raise InvalidInput(f"profile: {exc}") from exc
    ids = {event.id for event in document.events if event.id is not None}
    for number, event in enumerate(document.events, start=1):
        try:
            check_start(document.profile, event)
            check_supersedes(event, lambda: ids)
            if isinstance(event, SettingsChange):
                check_settings_change(protocol, event)
        except InvalidInput as exc:
            raise type(exc)(f"event #{number} {event.type} dated {event.date}: {exc}") from exc
