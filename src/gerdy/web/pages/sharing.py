"""The runner's side of sharing (Settings → "Share with my physio"): make a one-time code, see
who has access and revoke it at once, read the access log (what clinicians did, then what they
looked at, counted per day). The rules are `services.sharing`'s; this page only asks and
shows."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request, Response

from gerdy.domain.errors import InvalidInput
from gerdy.services.sharing import CODE_DAYS, LOG_SHOWN, VIEW_DAYS_SHOWN, NewCode, NotShared
from gerdy.web.limits import keyed
from gerdy.web.pages.common import AccountId, see_other
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)


def shown(request: Request, name: str, default: int) -> int:
    """How many rows of a list the page asks for (`?name=N`, more after "Show older")."""
    try:
        return min(max(int(request.query_params.get(name) or default), 1), 100_000)
    except ValueError as exc:
        raise InvalidInput(f"{name}: give a whole number") from exc


def sharing_context(request: Request, current: Viewer, code: NewCode | None) -> dict[str, Any]:
    sharing = app_state(request).sharing(lambda: current.now)
    actions_shown = shown(request, "actions", LOG_SHOWN)
    views_shown = shown(request, "views", VIEW_DAYS_SHOWN)
    actions = sharing.actions(current.account, actions_shown + 1)
    views = sharing.views_per_day(current.account, views_shown + 1)
    pending = sharing.pending_codes(current.account)
    return {
        "title": "Share with my physio",
        "code": code,
        "code_days": CODE_DAYS,
        "alias": current.account.email.split("@")[0],
        "grants": sharing.grants(current.account),
        "actions": actions[:actions_shown],
        "views": views[:views_shown],
        "more_actions": (
            f"/sharing?actions={actions_shown + LOG_SHOWN}&views={views_shown}#access-actions"
            if len(actions) > actions_shown
            else None
        ),
        "more_views": (
            f"/sharing?actions={actions_shown}&views={views_shown + VIEW_DAYS_SHOWN}#access-views"
            if len(views) > views_shown
            else None
        ),
        "pending": [(code_reference(request, c.code_hash), c) for c in pending],
        "revoked": request.query_params.get("revoked"),
        "cancelled": request.query_params.get("cancelled"),
    }


def code_reference(request: Request, code_hash: str) -> str:
    """How the page names an unused code to cancel: a keyed hash of its hash, so the page
    never carries what an offline guess of the code could be checked against."""
    return keyed(app_state(request), "share-code-reference", code_hash)[:32]


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
def revoke(request: Request, current: CurrentViewer, clinician_id: AccountId) -> Response:
    """End the clinician's access, and every unused code with it (`Sharing.revoke`)."""
    cancelled = (
        app_state(request).sharing(lambda: current.now).revoke(current.account, clinician_id)
    )
    return see_other(f"/sharing?revoked=1&cancelled={cancelled}")


@router.post("/sharing/codes/{reference}/cancel")
def cancel_code(
    request: Request,
    current: CurrentViewer,
    reference: Annotated[str, Path(min_length=32, max_length=32, pattern="^[0-9a-f]+$")],
) -> Response:
    """Cancel one unused code, named by its reference on the page."""
    sharing = app_state(request).sharing(lambda: current.now)
    for code in sharing.pending_codes(current.account):
        if hmac.compare_digest(code_reference(request, code.code_hash), reference):
            sharing.cancel_code(current.account, code.code_hash)
            return see_other("/sharing?cancelled=1#pending-codes")
    raise NotShared("there is no such unused code")
