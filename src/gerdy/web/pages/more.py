"""More: on a phone, the pages the bottom tab bar has no room for, and signing out."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from gerdy.web.sessions import CurrentViewer
from gerdy.web.templating import NAV, TABS, render

router = APIRouter(include_in_schema=False)


@router.get("/more")
def more_page(request: Request, current: CurrentViewer) -> Response:
    tabbed = {href for href, _label in TABS}
    links = [(href, label) for href, label in NAV if href not in tabbed]
    return render(request, "more.html", {"title": "More", "links": links})
