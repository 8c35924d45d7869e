"""The clinician's forms on a runner's file (issue 18): the adjustment form shows every plan
setting in force and who set it; a refused form comes back inline — the file's Today again,
the sentence next to the answer it concerns, in sentence case, the answers kept, nothing
written — and every link on it goes somewhere a clinician may go (never a runner's page)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, runner_id, shared
from .conftest import csrf_of
from .test_clinic_pages import check_in


def file_of(app: FastAPI) -> str:
    return f"/clinic/runners/{runner_id(app, 'runner@example.org')}"


def post(client: TestClient, path: str, data: Mapping[str, str | Sequence[str]]) -> httpx.Response:
    token = csrf_of(client, "/caseload")
    response: httpx.Response = client.post(
        path, data={**data, "csrf_token": token}, follow_redirects=False
    )
    return response


def part(page: str, element_id: str) -> str:
    """The element with this id, up to the end of its (first) paragraph."""
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</p>", start)]


def links_go_where_a_clinician_may(client: TestClient, page: str) -> None:
    for href in set(re.findall(r'href="(/[^"#]*)"', page)):
        if href.startswith("/static/"):
            continue
        status = client.get(href).status_code
        assert status == 200, (href, status)
    for anchor in set(re.findall(r'href="#([^"]+)"', page)):
        assert f'id="{anchor}"' in page, anchor


def test_the_adjustment_form_shows_every_setting_in_force_and_who_set_it(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = file_of(app)
    page = physio.get(file).text
    form = page.split('id="clinician-settings-form"', 1)[1].split("</form>", 1)[0]
    assert 'id="gate-days-now">Now 5 days.' in form or 'id="gate-days-now">Now 7 days.' in form
    assert 'id="hills-week-now">Now return week' in form
    assert re.search(r'id="track-now">Now (a break from running|reduced running)', form)
    assert 'id="strength-now">Now Mon, Wed, Fri.' in form
    for day in ("mon", "wed", "fri"):  # the days in force are ticked
        assert f'value="{day}" checked' in form
    assert post(physio, file + "/settings", {"hills_track_week": "8"}).status_code == 303
    form = physio.get(file).text.split('id="clinician-settings-form"', 1)[1]
    set_by_you = r'id="hills-week-now">Now return week 8, set by you on \w{3} \d+ \w{3}\.'
    assert re.search(set_by_you, form), form
    # the same days ticked again are no change: with nothing else chosen, nothing to change
    same = post(physio, file + "/settings", {"strength_days": ["mon", "wed", "fri"]})
    assert same.status_code == 400 and "Nothing to change" in same.text


def test_a_refused_adjustment_comes_back_inline_with_the_answers_kept(
    app: FastAPI, runner: TestClient
) -> None:
    """ST-0: the strength days two in a row are refused next to the strength days, the ticks
    and the other answers kept, in sentence case, with no field name of the record's."""
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = file_of(app)
    before = runner.get("/api/export").json()
    response = post(
        physio, file + "/settings", {"gate_days": "7", "strength_days": ["mon", "tue", "thu"]}
    )
    assert response.status_code == 400
    page = response.text
    assert 'id="error-message"' not in page  # not the bare error page: the file's Today
    assert 'id="file-nav"' in page and 'id="settings-action" open' in page
    error = part(page, "strength-error")
    assert "Strength days must not include two adjacent days" in error
    assert "strength_days" not in page.split('id="clinician-actions"', 1)[1].split("name=")[0]
    summary = part(page, "settings-error")
    assert 'role="alert" id="settings-error"' in page and "Nothing was changed." in summary
    assert 'href="#strength-mon"' in summary
    form = page.split('id="clinician-settings-form"', 1)[1].split("</form>", 1)[0]
    for day in ("mon", "tue", "thu"):
        assert f'value="{day}" checked' in form, day
    assert 'value="wed" checked' not in form
    assert '<option value="7" selected>' in form
    assert 'aria-describedby="strength-now strength-error"' in form
    assert runner.get("/api/export").json() == before
    links_go_where_a_clinician_may(physio, page)


def test_rtr_0_rtr_5_a_value_outside_the_spec_is_named_next_to_its_setting(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = file_of(app)
    for data, field in (({"gate_days": "6"}, "gate-days"), ({"hills_track_week": "9"},
                        "hills-week"), ({"gate_days": "many"}, "gate-days")):  # fmt: skip
        response = post(physio, file + "/settings", data)
        assert response.status_code == 400, data
        error = part(response.text, f"{field}-error")
        assert re.search(r'-error">[A-Z]', error), error  # sentence case
        select = response.text.split(f'<select id="{field}"', 1)[1].split(">", 1)[0]
        assert 'aria-invalid="true"' in select and f"{field}-error" in select


def test_a_blank_note_and_a_clearance_of_nothing_come_back_inline(
    app: FastAPI, runner: TestClient
) -> None:
    check_in(runner, 2, cannot_bear_weight=True)
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = file_of(app)
    before = runner.get("/api/export").json()
    note = post(physio, file + "/note", {"text": "   "})
    assert note.status_code == 400 and 'id="note-action" open' in note.text
    assert re.search(r'id="note-text-error">[A-Z][^<]*\.<', note.text), note.text
    clearance = post(physio, file + "/clearance", {"note": "Seen on Monday"})
    assert clearance.status_code == 400
    assert "Tick the red flags you have assessed and cleared" in part(clearance.text, "rules-error")
    assert "Seen on Monday</textarea>" in clearance.text
    assert runner.get("/api/export").json() == before
    links_go_where_a_clinician_may(physio, clearance.text)


def test_a_clinicians_error_page_leads_to_the_caseload(app: FastAPI, runner: TestClient) -> None:
    """The one link of an error page goes to the user's home: a clinician's is the caseload
    (Today was a 403 for them)."""
    physio = clinician_client(app)
    page = physio.get(file_of(app)).text  # not shared: 404
    assert 'id="error-message"' in page
    assert 'href="/caseload">Go to caseload</a>' in page and 'href="/today"' not in page
    assert 'href="/today">Go to today</a>' in runner.get("/clinic/runners/999").text
