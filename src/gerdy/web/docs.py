"""`/api/docs`: Swagger UI over the app's OpenAPI document, served from the app itself (pinned
from npm into static/vendor/swagger-ui by scripts/vendor_assets.py), so it works under the
app's CSP, which allows no CDN and no inline script."""

from __future__ import annotations

from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from gerdy.web.templating import STATIC_DIR

SWAGGER_DIR = STATIC_DIR / "vendor" / "swagger-ui"


def swagger_asset(suffix: str) -> str:
    """The vendored file ending in `suffix` (its name carries the version)."""
    found = sorted(p.name for p in SWAGGER_DIR.glob(f"swagger-ui*{suffix}"))
    return f"/static/vendor/swagger-ui/{found[-1]}" if found else ""


def docs_page(openapi_url: str) -> str:
    css, bundle = swagger_asset(".css"), swagger_asset(".js")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gerdy API</title>
<link rel="stylesheet" href="{escape(css)}">
<link rel="stylesheet" href="/static/docs/swagger-overrides.css">
</head>
<body>
<main>
<h1>gerdy API</h1>
<div id="swagger-ui" data-openapi="{escape(openapi_url)}"></div>
</main>
<script src="{escape(bundle)}"></script>
<script src="/static/docs/swagger-init.js"></script>
</body>
</html>
"""


def add_docs_route(app: FastAPI, openapi_url: str) -> None:
    """A plain route, like FastAPI's own docs route: public, outside the API's schema."""
    page = docs_page(openapi_url)

    async def api_docs(request: Request) -> HTMLResponse:
        return HTMLResponse(page)

    app.add_route("/api/docs", api_docs, include_in_schema=False)
