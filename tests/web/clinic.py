"""Helpers for the clinician tests: sign a clinician up, share a runner's record with them."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import PASSWORD, csrf_of

CODE = re.compile(r'id="share-code"[^>]*>([A-Z0-9-]+)<')


def clinician_client(
    app: FastAPI, email: str = "physio@example.org", name: str = "Ana Ruiz"
) -> TestClient:
    client = TestClient(app)
    token = csrf_of(client, "/signup")
    response = client.post(
        "/signup",
        data={"email": email, "password": PASSWORD, "role": "clinician", "name": name,
              "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/caseload"
    return client


def share_code(runner: TestClient, alias: str = "Sam") -> str:
    token = csrf_of(runner, "/sharing")
    response = runner.post("/sharing/code", data={"alias": alias, "csrf_token": token})
    assert response.status_code == 200, response.text
    found = CODE.search(response.text)
    assert found, "no code on the page"
    return found.group(1)


def redeem(clinician: TestClient, code: str) -> int:
    token = csrf_of(clinician, "/caseload")
    response = clinician.post(
        "/caseload/redeem", data={"code": code, "csrf_token": token}, follow_redirects=False
    )
    status: int = response.status_code
    return status


def runner_id(app: FastAPI, email: str) -> int:
    account = app.state.gerdy.accounts.by_email(email)
    assert account is not None
    return int(account.id)


def shared(app: FastAPI, runner: TestClient, clinician: TestClient, alias: str = "Sam") -> None:
    assert redeem(clinician, share_code(runner, alias)) == 303
