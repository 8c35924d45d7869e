"""Guessing share codes: a clinician account (or one address) that enters wrong codes is
refused with a 429, a `Retry-After` and a sentence that says why, before it can try many;
codes redeemed rightly do not count, and nothing is shared while refused."""

from __future__ import annotations

import datetime as dt

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, redeem, runner_id, share_code
from .conftest import NOW, MakeApp, csrf_of, signed_up

GUESSES = 40


def guess(clinician: TestClient, n: int) -> httpx.Response:
    token = csrf_of(clinician, "/caseload")
    code = f"{n:04d}-ABCD-EFGH"
    response: httpx.Response = clinician.post(
        "/caseload/redeem", data={"code": code, "csrf_token": token}, follow_redirects=False
    )
    return response


def test_guessing_share_codes_is_refused_with_retry_after(app: FastAPI, runner: TestClient) -> None:
    physio = clinician_client(app)
    statuses = [guess(physio, n).status_code for n in range(GUESSES)]
    assert statuses[0] == 400
    assert 429 in statuses, "every wrong code was tried: share codes can be guessed"
    refused = guess(physio, GUESSES)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "too many wrong share codes" in refused.text
    # while refused, even the right code shares nothing
    code = share_code(runner)
    assert redeem(physio, code) == 429
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    assert physio.get(file).status_code == 404
    # another clinician (at the same address) is not held up by this one's guesses
    other = clinician_client(app, "other@example.org", "Bo Li")
    assert redeem(other, code) == 303


def test_codes_redeemed_rightly_do_not_count(app: FastAPI) -> None:
    physio = clinician_client(app)
    for n in range(12):
        runner = signed_up(TestClient(app, client=(f"192.0.2.{n}", 1)), f"runner{n}@example.org")
        assert redeem(physio, share_code(runner, alias=f"Runner {n}")) == 303
    assert guess(physio, 1).status_code == 400


def test_many_clinician_accounts_at_one_address_are_limited_too(app: FastAPI) -> None:
    clinicians = [clinician_client(app, f"physio{n}@example.org", f"Physio {n}") for n in range(4)]
    statuses = [guess(c, n).status_code for c in clinicians for n in range(10)]
    assert statuses[0] == 400 and statuses[-1] == 429


def test_guesses_from_one_address_do_not_block_its_established_clinicians(
    make_app: MakeApp,
) -> None:
    """30 wrong codes from new accounts at a clinic's address used to lock every clinician
    behind that address out for an hour. A clinician who has opened a share before is
    limited by their own account only; new accounts at that address wait a quarter of an
    hour, not an hour."""
    now = [NOW]
    app = make_app(clock=lambda: now[0])
    runner = signed_up(TestClient(app), "runner@example.org")
    settled = clinician_client(app, "settled@example.org", "Ana Ruiz")
    assert redeem(settled, share_code(runner, "Sam")) == 303
    newcomers = [clinician_client(app, f"new{n}@example.org", f"New {n}") for n in range(3)]
    statuses = [guess(c, n).status_code for c in newcomers for n in range(10)]
    assert statuses.count(400) == 30  # every guess counted, none yet refused
    late = clinician_client(app, "late@example.org", "Late Comer")
    assert guess(late, 99).status_code == 429  # the address is held for new accounts
    other_runner = signed_up(TestClient(app), "other@example.org")
    assert redeem(settled, share_code(other_runner, "Jo")) == 303  # but not for the settled
    now[0] = NOW + dt.timedelta(minutes=16)
    assert guess(late, 100).status_code == 400  # a quarter of an hour later, new ones may try
