"""The app's routes, enumerated, with sample values for their path parameters."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

SAFE = {"GET", "HEAD", "OPTIONS"}
SAMPLE_PARAMS = {
    "kind": "strength",
    "exercise_id": "clamshell",
    "date": "2026-06-01",
    "token": "0" * 64,
    "event_id": "0" * 32,
    "runner_id": "1",
    "clinician_id": "2",
    "series": "pain",
    "run_id": "0" * 32,
    "reference": "0" * 32,
}


def concrete(path: str, values: dict[str, str] | None = None) -> str:
    for name, value in (SAMPLE_PARAMS | (values or {})).items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, path
    return path


def routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path template) of every route the app answers, included routers flattened
    (FastAPI >= 0.16x keeps included routers as `_IncludedRouter`; `iter_route_contexts`
    yields their routes with the full path)."""
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path is not None:
            found += [(method, context.path) for method in sorted(route.methods or ())]
    assert found, "no routes found: has FastAPI's routing changed?"
    return found


def state_changing(app: FastAPI) -> list[tuple[str, str]]:
    return [(m, p) for m, p in routes(app) if m not in SAFE]


def reading(app: FastAPI) -> list[tuple[str, str]]:
    return [(m, p) for m, p in routes(app) if m == "GET"]
