"""Check-in: two pain sliders (0-10) and yes/no symptoms, saved as one `checkin` event; the
Today page then shows whatever it changed (red flags first)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from gerdy.web.forms import SubmittedForm
from gerdy.web.pages.common import day_from, log_event, see_other
from gerdy.web.sessions import CurrentViewer
from gerdy.web.templating import render
from gerdy.web.views import SYMPTOMS

router = APIRouter(include_in_schema=False)


@router.get("/checkin")
def checkin_page(request: Request, current: CurrentViewer) -> Response:
    return render(
        request,
        "checkin.html",
        {"title": "Check-in", "symptoms": SYMPTOMS, "today": current.today()},
    )


@router.post("/checkin")
def checkin(current: CurrentViewer, form: SubmittedForm) -> Response:
    data: dict[str, object] = {
        "type": "checkin",
        "date": day_from(current, str(form.get("date") or "")),
        "pain_daily": form.get("pain_daily"),
        "pain_rest": form.get("pain_rest") or 0,
        "note": str(form.get("note") or "").strip() or None,
    }
    for name, _question in SYMPTOMS:
        data[name] = form.get(name) == "yes"
    log_event(current, data)
    return see_other("/today?saved=checkin")
