"""The caseload in words (issue 18): red flags and warning signs are named by what they are,
their rule IDs kept beside them (traceable); a runner who stopped sharing is named as such,
with the date, not taken for "no runner has shared with you yet"."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, runner_id, shared
from .conftest import csrf_of
from .test_clinic_pages import check_in


def signs_of(page: str, heading: str) -> list[tuple[str, str]]:
    """(words, rule) of each sign listed under the row's `heading`."""
    found = page.split(f"<dt>{heading}</dt>", 1)[1].split("</dd>", 1)[0]
    return re.findall(r'<li data-rule="([^"]+)">([^<]+?) <span class="rule', found)


def test_red_1_and_ws_signs_are_named_in_words_with_their_rule(
    app: FastAPI, runner: TestClient
) -> None:
    protocol = app.state.gerdy.protocol
    check_in(runner, 2, cannot_bear_weight=True)
    physio = clinician_client(app)
    shared(app, runner, physio)
    page = physio.get("/caseload").text
    flags = signs_of(page, "Open red flags")
    assert ("RED-1", protocol.rules["RED-1"].title) in flags, flags
    assert 'title="Rule RED-1 of the protocol">RED-1</span>' in page


def test_ws_warning_signs_are_named_in_words(app: FastAPI, runner: TestClient) -> None:
    protocol = app.state.gerdy.protocol
    check_in(runner, 2, swelling=True)
    physio = clinician_client(app)
    shared(app, runner, physio)
    page = physio.get("/caseload").text
    signs = signs_of(page, "Warning signs, 7 days")
    assert signs, page
    for rule, words in signs:
        assert rule.startswith("WS-") and words == protocol.rules[rule].title, (rule, words)


def test_a_runner_who_stopped_sharing_is_named_as_such(app: FastAPI, runner: TestClient) -> None:
    physio = clinician_client(app)
    fresh = physio.get("/caseload").text
    assert "No runner has shared their record with you yet" in fresh
    assert 'id="ended-shares"' not in fresh
    shared(app, runner, physio, alias="Sam Ended")
    grants = runner.get("/sharing").text
    clinician = re.search(r'action="(/sharing/\d+/revoke)"', grants)
    assert clinician, grants
    token = csrf_of(runner, "/sharing")
    revoked = runner.post(clinician.group(1), data={"csrf_token": token})
    assert revoked.status_code == 200, revoked.text
    page = physio.get("/caseload").text
    assert "No runner has shared their record with you yet" not in page
    assert "No runner shares their record with you now" in page
    ended = page.split('id="ended-shares"', 1)[1].split("</section>", 1)[0]
    assert re.search(r"Sam Ended stopped sharing on <time datetime=\"\d{4}-\d\d-\d\d\">", ended)
    assert f'data-runner="{runner_id(app, "runner@example.org")}"' in ended
    # shared again: back in the caseload, no longer listed as stopped
    shared(app, runner, physio, alias="Sam Back")
    again = physio.get("/caseload").text
    assert "Sam Back" in again and 'id="ended-shares"' not in again
