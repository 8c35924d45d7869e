"""`gerdy serve [--host] [--port] [--demo] [--workers N] [--forwarded-allow-ips ...]`: run the
web app with uvicorn on the SQLite default (or `$GERDY_DATABASE_URL`); the database is created
and migrated on first use. `--demo` creates or refreshes the demo account and prints its
credentials. `--workers N` runs N app processes (the app keeps no per-user state in memory:
sessions and rate limits live in the database, so use PostgreSQL for more than one).

Proxy headers (X-Forwarded-For/-Proto) are believed only from the addresses given with
`--forwarded-allow-ips` (none by default), so nobody can choose the client address the sign-in
limits count against. Idle keep-alive connections close after `KEEP_ALIVE_S`; a request's
headers must arrive within 10 s (`gerdy.web.http_timeouts`), its body within
`WebSettings.body_timeout_s` (see `gerdy.web.security.BodyLimit`). Unless
`$GERDY_ALLOWED_HOSTS` says otherwise, only the localhost names and the address bound are
served as Host.

The web stack (FastAPI, uvicorn) is imported only when the command runs: `gerdy --help` loads
this module, and the web app would add about 2,400 M instructions (~500 ms) to it.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

LOOPBACK = "127.0.0.1"
KEEP_ALIVE_S = 5
APP_FACTORY = "gerdy.web.app:create_app"


def uvicorn_options(host: str, port: int, forwarded_allow_ips: str | None) -> dict[str, Any]:
    from gerdy.web.http_timeouts import HeaderTimeoutProtocol

    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "timeout_keep_alive": KEEP_ALIVE_S,
        "proxy_headers": forwarded_allow_ips is not None,
        "http": HeaderTimeoutProtocol,  # request headers must arrive within 10 s
    }
    if forwarded_allow_ips is not None:
        options["forwarded_allow_ips"] = forwarded_allow_ips
    return options


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: this machine only).")
    ] = LOOPBACK,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Create or refresh a demo account with a sample runner."),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="App processes to run (more than one needs PostgreSQL).",
        ),
    ] = 1,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            help="Comma-separated addresses of your reverse proxy, whose X-Forwarded-* "
            "headers are trusted (default: none).",
        ),
    ] = None,
) -> None:
    """Start the web app (open the address it prints in a browser)."""
    import uvicorn

    from gerdy.web.app import create_app
    from gerdy.web.state import HOSTS_ENV, default_allowed_hosts

    # Unset, the hosts served are the localhost names and the address bound (worker processes
    # read the same variable).
    os.environ.setdefault(HOSTS_ENV, ",".join(default_allowed_hosts(host)))
    app = create_app(demo=demo)
    url = f"http://{'localhost' if host == LOOPBACK else host}:{port}"
    typer.echo(f"gerdy is running at {url}  (Ctrl+C to stop)")
    credentials = app.state.gerdy.demo_credentials
    if credentials is not None:
        email, password = credentials
        typer.echo(f"Demo account: {email}  password: {password}")
        typer.echo(f"Sign in at {url}/signin")
    options = uvicorn_options(host, port, forwarded_allow_ips)
    if workers == 1:
        uvicorn.run(app, **options)
        return
    app.state.gerdy.engine.dispose()  # each worker process opens its own connections
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, **options)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
