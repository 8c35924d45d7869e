"""Settings: units, time zone and strength days (a changed profile, saved by the Coach), the
`gerdy/1` export and import, and account deletion (confirmed with the password)."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Request, Response, UploadFile

from gerdy.domain.document import parse_document_text
from gerdy.domain.errors import InvalidInput
from gerdy.domain.profile import WEEKDAYS, Profile
from gerdy.web.auth import authenticate
from gerdy.web.pages.common import see_other
from gerdy.web.sessions import Viewer, end_session, viewer
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
CurrentViewer = Annotated[Viewer, Depends(viewer)]


def common_timezones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


@router.get("/settings")
def settings_page(request: Request, current: CurrentViewer) -> Response:
    profile = current.profile()
    return render(
        request,
        "settings.html",
        {
            "title": "Settings",
            "profile": profile,
            "weekdays": WEEKDAYS,
            "strength_days": profile.strength_days or current.coach.protocol.strength.default_days,
            "timezones": common_timezones(),
            "notice": request.query_params.get("saved"),
        },
    )


@router.post("/settings/profile")
def save_settings(
    current: CurrentViewer,
    units: Annotated[Literal["metric", "imperial"], Form()],
    timezone: Annotated[str | None, Form(max_length=64)] = None,
    strength_days: Annotated[list[str] | None, Form(max_length=7)] = None,
) -> Response:
    profile = current.profile()
    data = profile.model_dump(mode="json")
    data.update(units=units, timezone=timezone or None)
    if strength_days:
        data["strength_days"] = strength_days
    current.coach.start(Profile.model_validate(data), replace=True)
    return see_other("/settings?saved=settings")


@router.get("/settings/export")
def export(current: CurrentViewer) -> Response:
    document = current.coach.export()
    headers = {"content-disposition": 'attachment; filename="gerdy-record.json"'}
    return Response(json.dumps(document, indent=2), media_type="application/json", headers=headers)


@router.post("/settings/import")
async def import_record(
    current: CurrentViewer,
    file: UploadFile,
    replace: Annotated[bool, Form()] = False,
) -> Response:
    raw = await file.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput("the file is not UTF-8 text: choose a gerdy/1 JSON export") from exc
    document = parse_document_text(text)
    current.coach.load(document, replace=replace)
    return see_other("/settings?saved=import")


@router.post("/settings/delete")
def delete_account(
    request: Request,
    current: CurrentViewer,
    password: Annotated[str, Form(max_length=4096)] = "",
) -> Response:
    if not password:
        raise InvalidInput("enter your password to confirm; nothing was deleted")
    authenticate(request, current.account.email, password)
    app_state(request).accounts.delete(current.account.id)
    response = see_other("/signup?deleted=1")
    end_session(request, response)
    return response
