"""`create_app()`: the FastAPI app, wired from its parts (auth, pages, API, security headers,
body cap, error handlers). Stateless: everything per-user is in the database, so any number of
app servers can share one PostgreSQL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from gerdy.protocol import load_protocol
from gerdy.services.clock import Clock
from gerdy.web import auth
from gerdy.web.api import account as api_account
from gerdy.web.api import entries as api_entries
from gerdy.web.api import record as api_record
from gerdy.web.api import reference as api_reference
from gerdy.web.csrf import require_csrf
from gerdy.web.demo_account import refresh_demo_account
from gerdy.web.docs import add_docs_route
from gerdy.web.errors import install_error_handlers
from gerdy.web.offline import require_same_account
from gerdy.web.pages import (
    account,
    calendar,
    checkin,
    clinic,
    history,
    installable,
    intake,
    library,
    more,
    progress,
    runs,
    session,
    settings,
    sharing,
)
from gerdy.web.pages import today as today_page
from gerdy.web.security import (
    BodyLimit,
    SecurityHeaders,
    content_security_policy,
    figure_style_hashes,
)
from gerdy.web.sessions import current_session
from gerdy.web.state import WebSettings, open_state, settings_from_environment, utc_clock
from gerdy.web.templating import STATIC_DIR, make_templates, page_scripts

PAGE_ROUTERS = (
    today_page.router,
    checkin.router,
    runs.router,
    history.router,
    progress.router,
    library.router,
    calendar.router,
    settings.router,
    account.router,
    more.router,
    intake.router,
    session.router,
    sharing.router,
    clinic.router,
    clinic.api,
    installable.router,
)
# Every request passes these first: a form or API write needs its CSRF token, and an offline
# entry names the account it was written by.
GUARDS = [Depends(require_csrf), Depends(require_same_account)]


def all_routes() -> APIRouter:
    """Auth, the pages and the API, behind `GUARDS`."""
    routes = APIRouter(dependencies=GUARDS)
    routes.include_router(auth.router)
    for router in PAGE_ROUTERS:
        routes.include_router(router)
    routes.include_router(api_record.router)
    routes.include_router(api_entries.router)
    routes.include_router(api_account.router)
    routes.include_router(api_reference.router)
    return routes


# One route table per process, shared by every app made in it. FastAPI prepares an included
# route (its parameters, body model and dependencies, as pydantic models) on the first
# request that reaches it, once per inclusion: included into each app, every new app would
# prepare them all again. The table holds nothing of an app's; `create_app` adds its routes.
ROUTES = all_routes()


REQUEST_THREADS = 40  # AnyIO's default pool, where plain `def` routes run


def with_threads_for_heavy_work(
    heavy_requests: int,
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The app's lifespan: the request thread pool gets one more thread per heavy request
    allowed to wait (`WebSettings.heavy_requests`): a Progress page or a PDF waiting for its
    worker holds a thread, and must not take one that would answer someone's Today."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = REQUEST_THREADS + heavy_requests
        yield

    return lifespan


def create_app(
    database_url: str | None = None,
    *,
    demo: bool = False,
    clock: Clock | None = None,
    settings: WebSettings | None = None,
) -> FastAPI:
    """The web app on the database at `database_url` (default: `$GERDY_DATABASE_URL` or the
    user's SQLite file; created and migrated on first use). `demo` refreshes the demo account
    (credentials in `app.state.gerdy.demo_credentials`); `clock` returns an aware UTC now."""
    chosen = settings or settings_from_environment()
    state = open_state(
        database_url,
        protocol=load_protocol(),
        templates=make_templates(),
        clock=clock or utc_clock,
        settings=chosen,
        scripts=page_scripts(),
    )
    state.secret = bytes.fromhex(state.accounts.server_secret())
    if demo:
        state.demo_credentials = refresh_demo_account(
            state.accounts, state.now().date(), state.coach_for
        )

    app = FastAPI(
        title="gerdy",
        summary="An explainable rehab coach for runners with IT band syndrome",
        version="1",
        dependencies=GUARDS,  # for the routes made here (basic routes, docs)
        docs_url=None,  # gerdy.web.docs serves it, from the app's own static files
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=with_threads_for_heavy_work(chosen.heavy_requests),
    )
    app.state.gerdy = state
    app.add_middleware(BodyLimit, max_bytes=chosen.max_body_bytes, timeout_s=chosen.body_timeout_s)
    if "*" not in chosen.allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(chosen.allowed_hosts))
    app.add_middleware(SecurityHeaders, csp=content_security_policy(figure_style_hashes()))
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.router.routes.extend(ROUTES.routes)
    add_basic_routes(app)
    add_docs_route(app, "/api/openapi.json")
    return app


def add_basic_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        session = current_session(request)
        target = auth.home_of(session.account) if session is not None else "/signin"
        return RedirectResponse(target, status_code=303)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> Response:
        """The minimal route (load balancers, and the baseline of bench/web_today.py). Async:
        it does no work, so it answers from the event loop even when every thread of the pool
        waits on the database."""
        return JSONResponse({"ok": True})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)
