"""`gerdy serve [--host] [--port] [--demo]`: run the web app with uvicorn on the SQLite
default (or `$GERDY_DATABASE_URL`); the database is created and migrated on first use.
`--demo` creates or refreshes the demo account and prints its credentials.

The web stack (FastAPI, uvicorn) is imported only when the command runs.
"""

from __future__ import annotations

from typing import Annotated

import typer

LOOPBACK = "127.0.0.1"


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: this machine only).")
    ] = LOOPBACK,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Create or refresh a demo account with a sample runner."),
    ] = False,
) -> None:
    """Start the web app (open the address it prints in a browser)."""
    import uvicorn

    from gerdy.web.app import create_app

    app = create_app(demo=demo)
    url = f"http://{'localhost' if host == LOOPBACK else host}:{port}"
    typer.echo(f"gerdy is running at {url}  (Ctrl+C to stop)")
    credentials = app.state.gerdy.demo_credentials
    if credentials is not None:
        email, password = credentials
        typer.echo(f"Demo account: {email}  password: {password}")
        typer.echo(f"Sign in at {url}/signin")
    uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
