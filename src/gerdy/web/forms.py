"""Work that must not run on the event loop, and the one async step a route may take.

An `async def` route or dependency runs on the event loop: any database or engine call in it
makes every other request of the process wait. So routes are plain `def` (FastAPI runs them in
its thread pool), and the only async work the web does is reading the request body:
`SubmittedForm` awaits the form and hands it to a `def` route as plain data. Where an async
dependency must also check something in the database (the CSRF check, which runs for every
request and costs nothing on a GET), it calls an `in_thread_pool` function.
`tests/web/test_event_loop.py` reads every async callable of the app and fails on one that
reaches storage, the services or the engine otherwise.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, ParamSpec, TypeVar

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

P = ParamSpec("P")
T = TypeVar("T")
OFF_THE_LOOP = "runs_in_thread_pool"  # the mark `in_thread_pool` leaves on what it makes


def in_thread_pool(func: Callable[P, T]) -> Callable[P, Awaitable[T]]:
    """`func` (blocking work) as a coroutine function that runs it in the thread pool: awaited
    on the loop, it never blocks it."""

    async def run(*args: P.args, **kwargs: P.kwargs) -> T:
        return await run_in_threadpool(func, *args, **kwargs)

    run.__name__ = run.__qualname__ = f"in_thread_pool({func.__qualname__})"
    run.__doc__ = func.__doc__
    setattr(run, OFF_THE_LOOP, True)
    return run


async def submitted_form(request: Request) -> FormData:
    """The request's form (urlencoded or multipart), read without blocking the loop."""
    return await request.form()


SubmittedForm = Annotated[FormData, Depends(submitted_form)]
