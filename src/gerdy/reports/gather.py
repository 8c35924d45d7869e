"""Reading one record for a report: the use cases behind `gerdy export --fhir`,
`GET /api/export/fhir`, `gerdy report --pdf` and the web download. Reads only; the clock is
the caller's (`today` and `now` are passed in)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from gerdy.reports.fhir import ID_NAMESPACE, FhirExport, build_bundle
from gerdy.services import Coach


def pseudonym(coach: Coach) -> str:
    """A stable name for the record that does not name the person: derived from the store's
    person handle and the start date, never from an email or a name."""
    profile = coach.profile()
    return str(uuid.uuid5(ID_NAMESPACE, f"{coach.store.person}/{profile.start_date}"))


def fhir_bundle(coach: Coach, today: dt.date, now: dt.datetime) -> dict[str, Any]:
    """The record as a FHIR R4 `collection` Bundle, as of `today`."""
    profile = coach.profile()
    export = FhirExport(
        pseudonym=pseudonym(coach),
        profile=profile,
        events=tuple(coach.events()),
        plan=coach.plan(max(today, profile.start_date)),
        generated_at=now.replace(microsecond=0),
    )
    return build_bundle(export)
