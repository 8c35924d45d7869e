"""A guard for the web tests: database work on the event loop's own thread fails loudly.

`plain def` routes and dependencies run in the thread pool, where no event loop runs; an
`async def` one runs on the loop, and a database call there stalls every other request of the
process while it waits (a held SQLite lock, a slow query). The guard makes every SQLAlchemy
`Engine.connect` check which thread it is on and raise `DatabaseWorkOnTheLoop` on the loop's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from sqlalchemy import Connection, Engine


class DatabaseWorkOnTheLoop(AssertionError):
    """A route, dependency or handler opened a database connection on the event loop."""


def on_the_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def guard_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `Engine.connect` refuse to run on an event loop thread (for this test)."""
    original: Callable[[Engine], Connection] = Engine.connect

    def connect_off_the_loop(self: Engine) -> Connection:
        if on_the_loop():
            raise DatabaseWorkOnTheLoop("a database connection was opened on the event loop")
        return original(self)

    monkeypatch.setattr(Engine, "connect", connect_off_the_loop)
