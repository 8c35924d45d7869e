"""Settings: the plan settings in force and who set them, units, time zone, strength days and the
reminder time (a changed profile, saved by the Coach: `Coach.edit_profile`), the `gerdy/1`
export and import. The Account section (password, e-mail, sign out everywhere, deletion) is
drawn here too; its routes are `pages.account`'s, a clinician's as much as a runner's."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Literal
from zoneinfo import available_timezones

from fastapi import APIRouter, Form, Request, Response, UploadFile
from pydantic import ValidationError

from gerdy.calendar_feed import REMINDER_MINUTES, SESSION_TIME
from gerdy.domain.document import describe_validation_error, parse_document_text
from gerdy.domain.errors import InvalidInput
from gerdy.domain.profile import WEEKDAYS, Profile
from gerdy.services.authorship import reported_sentence
from gerdy.services.plan_settings import SettingName, SettingSource
from gerdy.web.account_changes import refusal
from gerdy.web.pages.common import see_other
from gerdy.web.sessions import (
    CurrentViewer,
    Viewer,
)
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)


def common_timezones() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def settings_response(
    request: Request, current: Viewer, *, status_code: int = 200, **extra: object
) -> Response:
    """The Settings page; `extra` carries a refused form's message (e.g. `password_error`)."""
    profile = current.profile()
    in_force = current.coach.settings_in_force()
    context = {
        "title": "Settings",
        "profile": profile,
        "email": current.account.email,
        "weekdays": WEEKDAYS,
        "in_force": [setting_line(source) for source in in_force.values()],
        "strength_days": in_force["strength_days"].value,
        "timezones": common_timezones(),
        "notice": request.query_params.get("saved"),
        "reported": reported_notice(request.query_params.get("reported")),
        "session_time": SESSION_TIME,
        "reminder_minutes": REMINDER_MINUTES,
    }
    return render(request, "settings.html", context | extra, status_code=status_code)


def reported_notice(text: str | None) -> str | None:
    """What an import kept as reported, told after it (its redirect gives the count)."""
    count = int(text) if text and text.isdigit() and len(text) < 7 else 0
    return reported_sentence(count) if count else None


# Each plan setting's label and the rule it adjusts.
SETTING_LABELS: dict[SettingName, tuple[str, str]] = {
    "strength_days": ("Strength days", "ST-0"),
    "gate_days": ("Pain-free days before running again", "RTR-0"),
    "hills_track_week": ("Hills and track from return week", "RTR-5"),
    "track": ("Track", "P1-2"),
}


@dataclass(frozen=True)
class SettingLine:
    """A plan setting as Settings shows it: label, value, and who set it when (or None)."""

    name: SettingName
    label: str
    rule: str
    value: str
    set_by: str | None


def setting_line(source: SettingSource) -> SettingLine:
    value = source.value
    text = ", ".join(d.capitalize() for d in value) if isinstance(value, tuple) else str(value)
    set_by = None
    if source.since is not None:
        author = source.author
        who = f"your physio {author.name}" if author and author.role == "clinician" else "you"
        set_by = f"set by {who} on {source.since.day} {source.since:%b}"
    return SettingLine(source.name, *SETTING_LABELS[source.name], text, set_by)


def refused(request: Request, current: Viewer, form: str, exc: Exception) -> Response:
    """Settings again with the refusal next to `form` ("settings", "password", "email"): a
    wrong password (401), too many tries (429) or a new value the rules refuse (400). Nothing
    was changed. (The account's own forms are `pages.account`'s.)"""
    status, message, headers = refusal(exc)
    response = settings_response(request, current, status_code=status, **{f"{form}_error": message})
    response.headers.update(headers)
    return response


@router.post("/settings/profile")
def save_settings(
    request: Request,
    current: CurrentViewer,
    units: Annotated[Literal["metric", "imperial"], Form()],
    timezone: Annotated[str | None, Form(max_length=64)] = None,
    strength_days: Annotated[list[str] | None, Form(max_length=7)] = None,
    reminder_time: Annotated[str | None, Form(max_length=8)] = None,
) -> Response:
    profile = current.profile()
    data = profile.model_dump(mode="json")
    data.update(units=units, timezone=timezone or None, reminder_time=reminder_time or None)
    if strength_days:
        data["strength_days"] = strength_days
    try:
        current.coach.edit_profile(Profile.model_validate(data))
    except ValidationError as exc:
        message = describe_validation_error(exc).replace("Value error, ", "")
        return refused(request, current, "settings", InvalidInput(message))
    except InvalidInput as exc:
        return refused(request, current, "settings", exc)
    return see_other("/settings?saved=settings#settings-notice")


@router.get("/settings/export")
def export(current: CurrentViewer) -> Response:
    document = current.coach.export()
    headers = {"content-disposition": 'attachment; filename="gerdy-record.json"'}
    return Response(json.dumps(document, indent=2), media_type="application/json", headers=headers)


@router.post("/settings/import")
def import_record(
    current: CurrentViewer,
    file: UploadFile,
    replace: Annotated[bool, Form()] = False,
) -> Response:
    raw = file.file.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput("the file is not UTF-8 text: choose a gerdy/1 JSON export") from exc
    document = parse_document_text(text)
    loaded = current.coach.load(document, replace=replace)
    reported = f"&reported={loaded.reported}" if loaded.reported else ""
    return see_other(f"/settings?saved=import{reported}#settings-notice")
