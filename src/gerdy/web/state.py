"""What every request needs from the app: the engine, the account store, the protocol, the
templates, the clock, the record cache, the heavy-work pool and the import capacity, held
once on `app.state.gerdy`. Nothing here is per-user state: the cache only keeps what the
database says (see `services/record_cache.py`).

The web's composition module: the only one of `gerdy.web` that opens the database or imports
`gerdy.storage` (import-linter checks it); every route reaches a record through `coach_for`.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from gerdy.protocol.schema import Protocol
from gerdy.services import Coach
from gerdy.services.authorship import Authorship
from gerdy.services.caseload import Caseload
from gerdy.services.clock import Clock
from gerdy.services.heavy_work import PER_ACCOUNT, WAIT_S, HeavyWork, Job
from gerdy.services.record_cache import DEFAULT_MAX_BYTES, RecordCache
from gerdy.services.sharing import Sharing
from gerdy.storage.accounts import AccountStore
from gerdy.storage.database import database_busy
from gerdy.storage.opening import open_database
from gerdy.storage.sharing import ShareStore
from gerdy.storage.store import RecordStore
from gerdy.web.import_capacity import ImportCapacity

MAX_BODY_BYTES = 5 * 1024 * 1024
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# The database error the app answers itself: SQLite's "database is locked" (`database_busy`)
# is a 503 with Retry-After; any other is a bug (500).
DatabaseError = OperationalError
__all__ = ["DatabaseError", "database_busy"]
T = TypeVar("T")


def utc_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class WebSettings:
    """Knobs of one deployment. `secure_cookies=None` marks cookies Secure exactly when the
    request came over https (behind a proxy: `gerdy serve --forwarded-allow-ips`).
    `allowed_hosts` are the Host headers served (others get 400; `$GERDY_ALLOWED_HOSTS`,
    comma-separated; "*" serves any, which only a proxy that checks Host should allow);
    `public_url` is where users reach the app, the base of links handed out such as the
    calendar feed (`$GERDY_PUBLIC_URL`; unset: the request's own address, an allowed host)."""

    secure_cookies: bool | None = None
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    public_url: str | None = None
    body_timeout_s: float = 30.0  # the whole request body must arrive within this
    session_days: int = 30
    max_body_bytes: int = MAX_BODY_BYTES
    login_free_failures: int = 5  # per account, before the doubling delay starts
    login_max_delay_s: int = 60
    login_window_minutes: int = 15
    ip_failures_allowed: int = 30  # failed sign-ins per address and window, any account
    signups_per_hour: int = 10  # per address
    email_changes_per_hour: int = 5  # per account
    share_codes_wrong_per_hour: int = 10  # wrong share codes per clinician account
    # and per address, counting only clinicians who never opened a share (web/limits.py)
    share_codes_wrong_per_address: int = 30
    share_codes_address_window_minutes: int = 15
    max_sessions: int = 20  # live sessions per account
    import_workers: int = 2  # decoding processes per server process (made on first need)
    import_slots: int = 2  # imports running at once per server process
    max_upload_unpacked_bytes: int = 256 * 1024 * 1024  # what one upload's files unpack to
    max_daily_unpacked_bytes: int = 1024 * 1024 * 1024  # per account, over 24 hours
    record_cache_bytes: int = DEFAULT_MAX_BYTES  # the one budget of the record cache
    heavy_workers: int = 1  # processes for Progress and PDF reports (made on first need)
    # Heavy requests running or waiting at once per server process (past that: 503); the
    # thread pool gets as many more threads, so their waiting takes none of everyone else's.
    heavy_requests: int = 32
    heavy_per_account: int = PER_ACCOUNT  # an account's heavy requests at once (past that: 429)
    heavy_wait_s: float = WAIT_S  # the longest a heavy request waits (then 503, Retry-After)


HOSTS_ENV = "GERDY_ALLOWED_HOSTS"


def settings_from_environment() -> WebSettings:
    """`$GERDY_ALLOWED_HOSTS` (comma-separated; default: the localhost names, to which
    `gerdy serve` adds the address it binds) and `$GERDY_PUBLIC_URL`."""
    hosts = tuple(h.strip() for h in os.environ.get(HOSTS_ENV, "").split(",") if h.strip())
    public = os.environ.get("GERDY_PUBLIC_URL", "").strip().rstrip("/") or None
    return WebSettings(allowed_hosts=hosts or LOCAL_HOSTS, public_url=public)


def default_allowed_hosts(bound: str | None) -> tuple[str, ...]:
    """The Host headers served when GERDY_ALLOWED_HOSTS is not set: the localhost names and
    the address the server binds; bound to every interface (0.0.0.0, ::), this machine's own
    names and addresses. Never "*": a Host header someone chose must not become a link."""
    hosts = list(LOCAL_HOSTS)
    if bound in EVERY_INTERFACE:
        hosts += this_machine()
    elif bound:
        hosts.append(bound)
    return tuple(dict.fromkeys(hosts))


EVERY_INTERFACE = frozenset({"0.0.0.0", "::", ""})


def this_machine() -> list[str]:
    """This machine's host names and the addresses they resolve to."""
    names = [socket.gethostname(), socket.getfqdn()]
    try:
        found = socket.getaddrinfo(socket.gethostname(), None)
    except OSError:
        found = []
    return [*names, *(str(info[4][0]) for info in found)]


@dataclass
class AppState:
    engine: Engine
    accounts: AccountStore
    protocol: Protocol
    templates: Jinja2Templates
    clock: Clock
    settings: WebSettings
    cache: RecordCache
    heavy: HeavyWork
    imports: ImportCapacity
    secret: bytes = b""
    scripts: tuple[str, ...] = ()
    demo_credentials: tuple[str, str] | None = field(default=None)
    authorship: Authorship = field(init=False)

    def __post_init__(self) -> None:
        self.authorship = Authorship(lambda: self.secret)

    def now(self) -> dt.datetime:
        return self.clock()

    def coach_for(self, person: str, clock: Clock | None = None) -> Coach:
        """The Coach over one person's record (the only door from the web to a record)."""
        store = RecordStore(self.engine, person)
        return Coach(
            store, self.protocol, clock or self.clock, cache=self.cache, authorship=self.authorship
        )

    def job(self, coach: Coach, work: Callable[[Coach], T]) -> Job[T]:
        """`work` over the record of `coach`, as of its now, for a heavy-work process."""
        database = self.engine.url.render_as_string(hide_password=False)
        return Job(database, coach.person, self.protocol, coach.now() or self.now(), work)

    def close(self) -> None:
        """Stop the heavy-work and import pools and close the database's connections."""
        self.heavy.close()
        self.imports.close()
        self.engine.dispose()

    def sharing(self, clock: Clock | None = None) -> Sharing:
        """Consent: share codes, who reads which record, the access log."""
        return Sharing(ShareStore(self.engine), clock or self.clock)

    def caseload(self, clock: Clock | None = None) -> Caseload:
        """The summary rows of the records shared with a clinician."""
        chosen = clock or self.clock
        return Caseload(
            ShareStore(self.engine),
            lambda person: Coach(RecordStore(self.engine, person), self.protocol, chosen),
            self.protocol,
            chosen,
            self.cache,
        )


def open_state(
    database_url: str | None,
    *,
    protocol: Protocol,
    templates: Jinja2Templates,
    clock: Clock,
    settings: WebSettings,
    scripts: tuple[str, ...] = (),
) -> AppState:
    """Open the database (created and migrated on first use) and wire the app's state."""
    engine = open_database(database_url)
    return AppState(
        engine=engine,
        accounts=AccountStore(engine),
        protocol=protocol,
        templates=templates,
        clock=clock,
        settings=settings,
        scripts=scripts,
        cache=RecordCache(settings.record_cache_bytes),
        heavy=HeavyWork(
            settings.heavy_workers,
            settings.heavy_requests,
            settings.heavy_per_account,
            settings.heavy_wait_s,
        ),
        imports=ImportCapacity(settings.import_workers, settings.import_slots),
    )


def app_state(request: Request) -> AppState:
    state = request.app.state.gerdy
    assert isinstance(state, AppState)
    return state
