"""A runner's unused share codes: ending a clinician's access ends them too (a second code
would have let the clinician straight back in), and the runner sees each one still open and
can cancel it."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, redeem, share_code, shared
from .conftest import csrf_of

CANCEL = re.compile(r'action="(/sharing/codes/[0-9a-f]+/cancel)"')


def test_revoking_a_clinician_ends_the_runners_unused_codes(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    second = share_code(runner, "Sam again")
    clinician_id = app.state.gerdy.accounts.by_email("physio@example.org").id
    revoked = runner.post(
        f"/sharing/{clinician_id}/revoke",
        data={"csrf_token": csrf_of(runner, "/sharing")},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert redeem(physio, second) == 400
    assert physio.get("/caseload").text.count('class="card case') == 0
    assert "unused codes were cancelled" in runner.get(revoked.headers["location"]).text


def test_the_runner_sees_their_unused_codes_and_cancels_one(
    app: FastAPI, runner: TestClient
) -> None:
    code = share_code(runner, "For Ana")
    page = runner.get("/sharing").text
    pending = page.split('id="pending-codes"')[1].split("</section>")[0]
    assert "For Ana" in pending and code not in pending  # the code itself is shown only once
    cancel = CANCEL.search(pending)
    assert cancel is not None
    done = runner.post(
        cancel.group(1), data={"csrf_token": csrf_of(runner, "/sharing")}, follow_redirects=False
    )
    assert done.status_code == 303
    assert "For Ana" not in runner.get("/sharing").text.split('id="pending-codes"')[1]
    assert redeem(clinician_client(app), code) == 400
    other = runner.post(
        cancel.group(1), data={"csrf_token": csrf_of(runner, "/sharing")}, follow_redirects=False
    )
    assert other.status_code == 404  # nothing left to cancel
