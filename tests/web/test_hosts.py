"""Host headers: by default the app answers only for the address `gerdy serve` binds and the
localhost names (another Host gets 400), so a link it hands out (the calendar feed) is built
from GERDY_PUBLIC_URL or an allowed host, never from whatever Host a request claims."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient

from gerdy.web.app import create_app
from gerdy.web.state import default_allowed_hosts

from .conftest import fixed_clock, signed_up


@pytest.fixture
def no_host_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GERDY_ALLOWED_HOSTS", raising=False)
    monkeypatch.delenv("GERDY_PUBLIC_URL", raising=False)


def test_without_settings_another_host_is_refused_and_links_never_echo_it(
    sqlite_url: str, no_host_settings: None
) -> None:
    app = create_app(sqlite_url, clock=fixed_clock)
    try:
        assert TestClient(app, base_url="http://evil.example").get("/signin").status_code == 400
        for base in ("http://localhost:8000", "http://127.0.0.1:8000"):
            assert TestClient(app, base_url=base).get("/signin").status_code == 200, base
        client = signed_up(TestClient(app, base_url="http://localhost:8000"), "ann@example.org")
        page = client.get("/calendar").text
        assert "http://localhost:8000/calendar/feed/" in page
        forged = client.get("/calendar", headers={"Host": "evil.example"})
        assert forged.status_code == 400 and "evil.example" not in forged.text
    finally:
        app.state.gerdy.engine.dispose()


def test_serve_allows_the_address_it_binds_and_all_of_this_machines_on_every_interface() -> None:
    assert set(default_allowed_hosts(None)) == {"localhost", "127.0.0.1", "::1"}
    assert "192.0.2.10" in default_allowed_hosts("192.0.2.10")
    everywhere = default_allowed_hosts("0.0.0.0")
    assert socket.gethostname() in everywhere and "localhost" in everywhere
    assert "*" not in everywhere
