"""A client that opens a connection and never finishes its request headers (slowloris: a byte
now and then) used to hold that connection for ever: uvicorn times out only idle keep-alive
connections. `gerdy serve` runs uvicorn with a protocol that closes a connection whose
headers are not all in within its header timeout; a normal request is unaffected."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from gerdy.cli.serve_commands import uvicorn_options

QUICK_TIMEOUT_S = 0.5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(app: FastAPI) -> Iterator[int]:
    """The app under uvicorn as `gerdy serve` configures it, with a short header timeout."""
    port = free_port()
    options: dict[str, Any] = uvicorn_options("127.0.0.1", port, None)
    protocol = options.get("http")
    if isinstance(protocol, type):
        options["http"] = type("Quick", (protocol,), {"header_timeout_s": QUICK_TIMEOUT_S})
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def closed_within(connection: socket.socket, seconds: float) -> bool:
    """Whether the server closed the connection within `seconds` (it sent nothing else)."""
    connection.settimeout(seconds)
    try:
        return connection.recv(1024) == b""
    except TimeoutError:
        return False


def test_a_connection_that_never_finishes_its_headers_is_closed(served: int) -> None:
    with socket.create_connection(("127.0.0.1", served)) as slow:
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end
        assert closed_within(slow, 10 * QUICK_TIMEOUT_S)
    with socket.create_connection(("127.0.0.1", served)) as silent:  # not even a byte
        assert closed_within(silent, 10 * QUICK_TIMEOUT_S)


def test_a_whole_request_is_answered_and_kept_alive(served: int) -> None:
    with socket.create_connection(("127.0.0.1", served)) as client:
        for _ in range(2):  # two requests on one connection
            client.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            client.settimeout(5)
            answer = client.recv(4096)
            assert answer.startswith(b"HTTP/1.1 200"), answer[:80]
