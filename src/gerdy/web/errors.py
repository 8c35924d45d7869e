"""Errors at the edge: what a user caused becomes a 4xx, as JSON under /api/ and as a page
with a one-line message elsewhere. A 5xx means a bug, or (503, with `Retry-After`) a server
too busy to answer now.

A handler that draws a page is a plain `def` (Starlette runs it in the thread pool): the page
looks the session up in the database, which must never happen on the event loop.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from gerdy.domain.document import describe_validation_error
from gerdy.domain.errors import GerdyError, NoRecord, RecordNotEmpty
from gerdy.domain.refusals import sentence_for
from gerdy.services.coach import ClientIdTaken, NotCounted, ReplacedSince
from gerdy.services.heavy_work import HeavyWorkBusy, TooManyReports
from gerdy.services.sharing import NotShared, WrongRole
from gerdy.web.auth import WrongCredentials
from gerdy.web.csrf import CrossSite, CsrfRefused
from gerdy.web.imports import ImportBusy
from gerdy.web.limits import TooManyAttempts
from gerdy.web.offline import OtherAccount
from gerdy.web.security import CONTENT_SECURITY_POLICY, SECURITY_HEADERS
from gerdy.web.sessions import NEW_PASSWORD_PAGE, NotSignedIn, PasswordChangeRequired
from gerdy.web.state import DatabaseError, database_busy
from gerdy.web.templating import render


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(
        request, "error.html", {"status": status, "message": message, "title": "Problem"}, status
    )


BUSY_RETRY_AFTER_S = 2
BUSY_MESSAGE = "the server is busy saving other changes: try again in a moment (nothing was saved)"


def status_of(exc: GerdyError) -> int:
    if isinstance(exc, TooManyAttempts | TooManyReports):
        return 429
    if isinstance(exc, HeavyWorkBusy):
        return 503
    if isinstance(exc, WrongCredentials):
        return 401
    if isinstance(exc, RecordNotEmpty | NoRecord | ImportBusy | OtherAccount | ClientIdTaken):
        return 409
    if isinstance(exc, ReplacedSince):
        return 412
    if isinstance(exc, NotShared | NotCounted):
        return 404
    if isinstance(exc, WrongRole):
        return 403
    return 400


def first_request_error(exc: RequestValidationError) -> str:
    """The same sentence the CLI prints for the same bad value (`domain.refusals`)."""
    errors = exc.errors()
    return sentence_for(errors) if errors else "invalid request"


SERVER_ERROR_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Something went wrong · gerdy</title>
<link rel="stylesheet" href="/static/css/app.css">
</head>
<body data-page="error">
<main id="main">
<h1>Something went wrong</h1>
<p class="error" role="alert" id="error-message" data-status="500">This is a fault in gerdy, not
something you did. Try again in a moment; if it happens again, tell whoever runs this server.</p>
<p><a href="/">Back to gerdy</a></p>
</main>
</body>
</html>
"""
SERVER_ERROR_MESSAGE = "something went wrong on the server: try again in a moment"


async def server_error(request: Request, exc: Exception) -> Response:
    """A bug's answer (run by Starlette's outermost middleware, after the exception is logged):
    a fixed page or JSON that tells nothing of the bug, with the security headers the
    SecurityHeaders middleware cannot add there. Async, and it reads nothing: a bug in the
    database must not make its own page wait on the database."""
    headers = {
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "cache-control": "no-store",
        **{name.decode(): value.decode() for name, value in SECURITY_HEADERS},
    }
    if wants_json(request):
        return JSONResponse({"detail": SERVER_ERROR_MESSAGE}, status_code=500, headers=headers)
    return HTMLResponse(SERVER_ERROR_PAGE, status_code=500, headers=headers)


def install_error_handlers(app: FastAPI) -> None:  # noqa: C901 -- one handler per error type
    app.add_exception_handler(Exception, server_error)

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, exc: NotSignedIn) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": "sign in first"}, status_code=401)
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(f"/signin?next={quote(target, safe='/')}", status_code=303)

    @app.exception_handler(PasswordChangeRequired)
    async def password_change_required(request: Request, exc: PasswordChangeRequired) -> Response:
        if wants_json(request):
            return JSONResponse(
                {"detail": "choose a new password first (Settings in the web app)"},
                status_code=403,
            )
        return RedirectResponse(NEW_PASSWORD_PAGE, status_code=303)

    @app.exception_handler(CsrfRefused)
    def csrf_refused(request: Request, exc: CsrfRefused) -> Response:
        if isinstance(exc, CrossSite):
            message = "this was sent from another site: open gerdy itself and try again"
        else:
            message = "the form's security token is missing or out of date: reload the page"
        return problem(request, 403, message)

    @app.exception_handler(NoRecord)
    async def no_record(request: Request, exc: NoRecord) -> Response:
        if wants_json(request):
            return JSONResponse(
                {"detail": "no profile yet: answer the intake first (PUT /api/profile)"},
                status_code=409,
            )
        return RedirectResponse("/intake", status_code=303)

    @app.exception_handler(GerdyError)
    def user_error(request: Request, exc: GerdyError) -> Response:
        response = problem(request, status_of(exc), str(exc).replace("--replace", "replace"))
        if isinstance(exc, TooManyAttempts | TooManyReports | HeavyWorkBusy):
            response.headers["retry-after"] = str(exc.retry_after)
        return response

    @app.exception_handler(DatabaseError)
    def database_error(request: Request, exc: DatabaseError) -> Response:
        """SQLite's write lock held past the busy timeout: 503, try again (the transaction
        was rolled back). Any other database error is a bug, left to the 500 handler."""
        if not database_busy(exc):
            raise exc
        response = problem(request, 503, BUSY_MESSAGE)
        response.headers["retry-after"] = str(BUSY_RETRY_AFTER_S)
        return response

    @app.exception_handler(ValidationError)
    def invalid_value(request: Request, exc: ValidationError) -> Response:
        return problem(request, 400, describe_validation_error(exc).replace("Value error, ", ""))

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            return JSONResponse(
                {"detail": first_request_error(exc), "errors": jsonable(exc)}, status_code=422
            )
        return problem(request, 400, first_request_error(exc))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = "there is no such page"
        response = problem(request, exc.status_code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response


def jsonable(exc: RequestValidationError) -> list[dict[str, object]]:
    return [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
