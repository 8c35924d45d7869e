"""The runner's access log keeps what clinicians did (a note, a clearance, a settings change,
opening the share) apart from what they looked at, and the looks are counted per day: many
page views can no longer push a note or a settings change out of sight."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, runner_id, shared
from .test_clinician_word import post


def test_page_views_cannot_hide_a_clinicians_note_or_settings_change(
    app: FastAPI, runner: TestClient
) -> None:
    physio = clinician_client(app)
    shared(app, runner, physio)
    file = f"/clinic/runners/{runner_id(app, 'runner@example.org')}"
    assert post(physio, file + "/note", {"text": "Easy week"}) == 303
    assert post(physio, file + "/settings", {"gate_days": "5"}) == 303
    state = app.state.gerdy
    clinician = state.accounts.by_email("physio@example.org")
    record = state.sharing().records(clinician)[0]
    for _ in range(205):  # as many looks at the file's Today
        state.sharing().log(clinician, [record], "today")
    page = runner.get("/sharing").text
    actions = page.split('id="access-actions"')[1].split("</section>")[0]
    assert "note left" in actions and "settings changed" in actions
    assert "share opened" in actions and "today" not in actions
    views = page.split('id="access-views"')[1].split("</section>")[0]
    todays = [row for row in views.split("<tr")[1:] if ">today<" in row]
    assert len(todays) == 1 and ">205 (last" in todays[0]  # one day of Today views, counted
