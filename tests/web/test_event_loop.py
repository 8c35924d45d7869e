"""The event loop never waits on the database or the engine.

An `async def` route, dependency or exception handler runs on the event loop: while it waits on
a database (a SQLite write lock held by another connection, a slow query) or plans a record,
every other request of the process waits too (`/healthz` took 1.8 s behind a check-in). Plain
`def` ones run in the thread pool. Two checks, each over the whole app so a new route cannot
slip past:

- by reading the code: every async callable the app runs (each route's endpoint and its
  dependencies, app-wide ones included, and the exception handlers) is followed through the
  `gerdy` functions it names; none may reach storage, the services, the engine or SQLAlchemy,
  nor touch the objects that do (`coach`, `accounts`, `engine`...), except through
  `gerdy.web.forms.in_thread_pool`, which runs its function in the thread pool;
- by running: with `loop_guard` on, a database connection opened on the loop's thread raises
  (the web tests' conftest turns it on for every test; the form routes that used to be
  `async def` are driven here once more by name).
"""

from __future__ import annotations

import inspect
import io
import json
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from gerdy.web.forms import OFF_THE_LOOP
from gerdy.web.state import app_state
from gerdy.web.views import SYMPTOMS

from .conftest import ALL_NO, CHECKIN_REST, TODAY, csrf_of, signed_up
from .loop_guard import DatabaseWorkOnTheLoop, guard_engines

# Where blocking work lives, and the attributes through which the web reaches it.
BLOCKING_MODULES = (
    "gerdy.storage",
    "gerdy.services",
    "gerdy.engine",
    "gerdy.reports",
    "gerdy.importers",
    "sqlalchemy",
)
BLOCKING_ATTRIBUTES = frozenset(
    {"coach", "coach_for", "accounts", "engine", "sharing", "caseload", "store", "events"}
)


def referenced_names(code: types.CodeType) -> Iterator[str]:
    """Every global and attribute name the code (and the code nested in it) refers to."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from referenced_names(const)


def blocking_path(func: Callable[..., Any], seen: set[object] | None = None) -> str | None:
    """How `func` reaches blocking work ("handler -> render -> .accounts"), or None. Follows
    the `gerdy.web` functions it names, but not classes or what `forms.in_thread_pool` runs."""
    seen = seen if seen is not None else set()
    func = inspect.unwrap(func)
    code = getattr(func, "__code__", None)
    if code is None:  # a callable object: look at its __call__
        call = vars(type(func)).get("__call__")
        return None if call is None else blocking_path(call, seen)
    namespace = dict(getattr(func, "__globals__", {}))
    for cell_name, cell in zip(code.co_freevars, func.__closure__ or (), strict=False):
        try:
            namespace[cell_name] = cell.cell_contents
        except ValueError:  # an empty cell
            continue
    names = list(referenced_names(code)) + list(code.co_freevars)
    for name in names:
        if name in BLOCKING_ATTRIBUTES:
            return f"{func.__qualname__} -> .{name}"
        target = namespace.get(name)
        if target is None or isinstance(target, type) or getattr(target, OFF_THE_LOOP, False):
            continue  # classes (exceptions, models) are not followed, nor work sent to threads
        module = target.__name__ if inspect.ismodule(target) else getattr(target, "__module__", "")
        if str(module).startswith(BLOCKING_MODULES):
            return f"{func.__qualname__} -> {module}.{name}"
        if inspect.isfunction(target) and str(module).startswith("gerdy.") and target not in seen:
            seen.add(target)
            found = blocking_path(target, seen)
            if found is not None:
                return f"{func.__qualname__} -> {found}"
    return None


def dependency_calls(dependant: Any) -> Iterator[Callable[..., Any]]:
    if dependant.call is not None:
        yield dependant.call
    for sub in dependant.dependencies:
        yield from dependency_calls(sub)


def async_callables(app: FastAPI) -> dict[str, Callable[..., Any]]:
    """Every `async def` the app runs for a request: endpoints, dependencies (app-wide ones
    too), exception handlers; by a readable name."""
    found: dict[str, Callable[..., Any]] = {}
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        for call in dependency_calls(context.dependant):
            if inspect.iscoroutinefunction(inspect.unwrap(call)):
                found[f"{call.__module__}.{call.__qualname__}"] = call
    for handler in app.exception_handlers.values():
        if inspect.iscoroutinefunction(handler) and handler.__module__.startswith("gerdy."):
            found[f"{handler.__module__}.{handler.__qualname__}"] = handler
    return found


async def _reads_the_store(request: Any) -> object:
    return app_state(request).accounts.by_email("someone@example.org")


async def _reads_the_form_only(request: Any) -> object:
    return await request.form()


def test_the_check_sees_a_store_call_through_a_helper_and_passes_a_form_read() -> None:
    assert blocking_path(_reads_the_store) is not None
    assert blocking_path(_reads_the_form_only) is None


def test_no_async_route_dependency_or_handler_reaches_storage_or_the_engine(app: FastAPI) -> None:
    found = async_callables(app)
    blocking = {name: path for name, f in found.items() if (path := blocking_path(f))}
    assert blocking == {}


@pytest.fixture
def guarded(monkeypatch: pytest.MonkeyPatch) -> None:
    guard_engines(monkeypatch)


def test_the_guard_catches_database_work_on_the_loop(app: FastAPI, guarded: None) -> None:
    """The runtime check can fail: a test route that reads the store on the loop raises."""

    @app.get("/test-only/on-the-loop")
    async def on_the_loop_route(request: Request) -> dict[str, bool]:
        await _reads_the_store(request)
        return {"ok": True}

    with pytest.raises(DatabaseWorkOnTheLoop):
        TestClient(app).get("/test-only/on-the-loop")


def test_the_form_routes_that_were_async_run_their_work_off_the_loop(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Check-in, an edit in History, the intake, a record import and a guided session: each
    reads its form on the loop and does its work in the thread pool (and the CSRF check, an
    app-wide dependency, too)."""
    runner = signed_up(TestClient(app), "loop@example.org")
    guard_engines(monkeypatch)
    token = csrf_of(runner, "/checkin")
    saved = runner.post(
        "/checkin",
        data={"csrf_token": token, "pain_daily": "2"} | CHECKIN_REST,
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    event = runner.get("/api/events").json()[-1]
    edited = runner.post(
        f"/history/{event['id']}/edit",
        data={"csrf_token": token, "date": TODAY.isoformat(), "pain_daily": "3", "pain_rest": "0"}
        | dict.fromkeys((name for name, _ in SYMPTOMS), "no"),
        follow_redirects=False,
    )
    assert edited.status_code == 303, edited.text
    logged = runner.post(
        "/session/stretch",
        data={"csrf_token": token, "items": "pigeon"},
        follow_redirects=False,
    )
    assert logged.status_code == 303, logged.text
    document = runner.get("/settings/export").content
    imported = runner.post(
        "/settings/import",
        data={"csrf_token": token, "replace": "true"},
        files={"file": ("record.json", io.BytesIO(document), "application/json")},
        follow_redirects=False,
    )
    assert imported.status_code == 303, imported.text
    answers = json.loads(document)["profile"]
    again = runner.post(
        "/intake?again",
        data=ALL_NO
        | {"csrf_token": token, "side": answers["side"], "weekly_minutes": "120"}
        | {"start_date": answers["start_date"]},
        follow_redirects=False,
    )
    assert again.status_code == 303, again.text
    refused = runner.post("/intake", data={"csrf_token": token}, follow_redirects=False)
    assert refused.status_code == 400  # the refusal page is drawn off the loop too
