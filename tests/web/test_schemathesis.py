"""schemathesis against the OpenAPI schema, in-process (ASGI), signed in with a session
cookie and the CSRF header: no answer may be a server error (5xx). Bounded examples so it
runs in well under a minute. Account deletion and sign-out are left out (they would end the
session the other calls use; they have their own tests)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from gerdy.demo import demo_document
from gerdy.storage.store import RecordStore
from gerdy.web.app import create_app
from gerdy.web.sessions import SESSION_COOKIE
from gerdy.web.state import WebSettings

from .conftest import TEST_HOST, csrf_of, fixed_clock, sign_up

EXCLUDED = {
    ("DELETE", "/api/account"),
    ("DELETE", "/api/session"),
    ("DELETE", "/api/sessions"),
    ("POST", "/api/session"),
}

# What the pages can do, the API can do (each runs here like every other operation).
PARITY = {
    ("PUT", "/api/events/{event_id}"),
    ("DELETE", "/api/events/{event_id}"),
    ("POST", "/api/clearances"),
    ("PUT", "/api/account/password"),
    ("PUT", "/api/account/email"),
}


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, dict[str, str], str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('st') / 'gerdy.db'}"
    # the Host of the in-process clients (TestClient's and schemathesis's)
    app = create_app(url, clock=fixed_clock, settings=WebSettings(allowed_hosts=(TEST_HOST,)))
    client = TestClient(app)
    sign_up(client, "fuzz@example.org")
    account = app.state.gerdy.accounts.by_email("fuzz@example.org")
    document = demo_document(fixed_clock().date())
    RecordStore(app.state.gerdy.engine, account.person_handle).replace(
        document.profile, list(document.events)
    )
    return app, {SESSION_COOKIE: client.cookies[SESSION_COOKIE]}, csrf_of(client)


def test_no_server_errors(signed_in: tuple[object, dict[str, str], str]) -> None:
    app, cookies, token = signed_in
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # every operation of the app's schema reads
        operation = result.ok()
        if (operation.method.upper(), operation.path) not in EXCLUDED:
            operations.append(operation)
    assert len(operations) >= 15
    covered = {(operation.method.upper(), operation.path) for operation in operations}
    assert covered >= PARITY, PARITY - covered
    statuses: list[int] = []
    for operation in operations:
        strategy = operation.as_strategy()

        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=strategy)
        def check(case: schemathesis.Case[Any]) -> None:
            response = case.call(headers={"X-CSRF-Token": token}, cookies=cookies)
            statuses.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])

        check()
    assert len(statuses) > 100 and any(200 <= code < 300 for code in statuses)
    assert not [code for code in statuses if code >= 500]
