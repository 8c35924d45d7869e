"""The runner's side of sharing (Settings → "Share with my physio"): make a one-time code, see
who has access and revoke it at once, read the access log. The rules are
`services.sharing`'s; this page only asks and shows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response

from gerdy.services.sharing import CODE_DAYS, NewCode
from gerdy.web.pages.common import see_other
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)


def sharing_context(request: Request, current: Viewer, code: NewCode | None) -> dict[str, Any]:
    sharing = app_state(request).sharing(lambda: current.now)
    return {
        "title": "Share with my physio",
        "code": code,
        "code_days": CODE_DAYS,
        "alias": current.account.email.split("@")[0],
        "grants": sharing.grants(current.account),
        "log": sharing.access_log(current.account),
        "revoked": request.query_params.get("revoked"),
    }


@router.get("/sharing")
def sharing_page(request: Request, current: CurrentViewer) -> Response:
    return render(request, "sharing.html", sharing_context(request, current, None))


@router.post("/sharing/code")
def make_code(
    request: Request, current: CurrentViewer, alias: Annotated[str, Form(max_length=1000)]
) -> Response:
    """A new one-time code, shown on this response only (it is stored hashed)."""
    code = app_state(request).sharing(lambda: current.now).new_code(current.account, alias)
    response = render(request, "sharing.html", sharing_context(request, current, code))
    response.headers["cache-control"] = "no-store"
    return response


@router.post("/sharing/{clinician_id}/revoke")
def revoke(request: Request, current: CurrentViewer, clinician_id: int) -> Response:
    app_state(request).sharing(lambda: current.now).revoke(current.account, clinician_id)
    return see_other("/sharing?revoked=1")
