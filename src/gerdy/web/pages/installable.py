"""The installable app: the web app manifest (`/manifest.webmanifest`: names, Today as the
start, standalone, the icons `scripts/draw_icons.py` draws, theme colours), the service worker
at the root scope (`/sw.js`, from static/worker/sw.js with the asset version and the files it
keeps written in) and `/offline`, the page the worker shows for a page it did not keep.

None of these is personal: they may be cached like static files. What the worker does with the
runner's pages, and why it is safe, is in `gerdy.web.offline` and the worker's own header.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from gerdy.web.offline import asset_version, versioned
from gerdy.web.templating import STATIC_DIR, render

router = APIRouter(include_in_schema=False)
WORKER_SOURCE = STATIC_DIR / "worker" / "sw.js"
OFFLINE_PAGE = "/offline"
# What the worker fetches at install: every stylesheet, script and icon the pages use (not
# the API documentation's Swagger UI, in vendor/swagger-ui/), and the /offline page.
KEPT_STATIC = ("css", "js", "vendor", "icons")
# The pages the worker keeps for offline use: exact paths, and prefixes ending in "/".
KEPT_PAGES = (
    "/today",
    "/checkin",
    "/runs",
    "/session/",
    "/library",
    "/library/",
    "/learn",
    "/more",
)
# Colours of static/css/app.css: the accent (the installed app's title bar) and the light page.
THEME_COLOUR = "#0b6e4f"
BACKGROUND_COLOUR = "#fbfbf8"
NOT_PERSONAL = {"cache-control": "no-cache"}  # revalidated each time, never personal

ICONS = (
    ("/static/icons/icon-192.png", "192x192", "any"),
    ("/static/icons/icon-512.png", "512x512", "any"),
    ("/static/icons/icon-maskable-512.png", "512x512", "maskable"),
)


@cache
def manifest() -> dict[str, Any]:
    return {
        "id": "/today",
        "name": "gerdy: IT band rehab coach",
        "short_name": "gerdy",
        "description": "Your day of IT band rehab: sessions, check-in and runs, also offline.",
        "lang": "en",
        "start_url": "/today",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["health", "fitness", "sports"],
        "icons": [
            {"src": versioned(src), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for src, sizes, purpose in ICONS
        ],
    }


def precached() -> list[str]:
    """The URLs the worker fetches at install, each with the asset version."""
    urls = [
        versioned(f"/static/{folder}/{path.name}")
        for folder in KEPT_STATIC
        for path in sorted((STATIC_DIR / folder).glob("*"))
        if path.is_file() and path.suffix in {".css", ".js", ".png", ".svg"}
    ]
    return [*urls, OFFLINE_PAGE]


@cache
def worker_script() -> str:
    source = WORKER_SOURCE.read_text()
    return (
        source.replace("__GERDY_ASSET_VERSION__", asset_version())
        .replace("__GERDY_PRECACHE__", json.dumps(precached()))
        .replace("__GERDY_KEPT_PAGES__", json.dumps(KEPT_PAGES))
    )


@router.get("/manifest.webmanifest")
def manifest_route() -> Response:
    return JSONResponse(manifest(), media_type="application/manifest+json", headers=NOT_PERSONAL)


@router.get("/sw.js")
def service_worker() -> Response:
    """The worker, at the root so that its scope is the whole app."""
    headers = NOT_PERSONAL | {"service-worker-allowed": "/"}
    return Response(worker_script(), media_type="text/javascript", headers=headers)


@router.get(OFFLINE_PAGE)
def offline_page(request: Request) -> Response:
    """What the worker shows, offline, for a page it did not keep (fetched at install, for
    nobody: it holds nothing personal)."""
    return render(request, "offline.html", {"title": "Offline"})
