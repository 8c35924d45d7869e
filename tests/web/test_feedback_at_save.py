"""Feedback at save (v1.2): after a log the page shows what it changed, read from the plan of
the entry's day; a refused entry keeps the form's answers; "done as prescribed" can be undone
at once; Log on cross-training opens its form."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape

from .conftest import csrf_of, signed_up

OTHER_SYMPTOMS = ("instability", "locking", "numbness", "cannot_bear_weight", "front_of_knee",
                  "tender_swelling", "worse_knee_pushed_outward")  # fmt: skip
ENTRY = re.compile(r"entry=([0-9a-f]+)#feedback$")


def test_p1_2_a_run_not_offered_is_told_on_the_page_right_after_saving(app: FastAPI) -> None:
    runner = signed_up(TestClient(app), "breaks@example.org", pain_within_first_mile="yes")
    token = csrf_of(runner, "/runs")
    answers = {"csrf_token": token, "pain_during": "0", "pain_after_hours": "0"}
    # the break track (P1-2) offers no run before the return-to-run check
    saved = runner.post("/runs", data=answers | {"minutes": "20"}, follow_redirects=False)
    assert saved.status_code == 303
    found = ENTRY.search(saved.headers["location"])
    assert found is not None
    page = runner.get(saved.headers["location"]).text
    plan = runner.get("/api/plan/today").json()
    [alert] = [a for a in plan["alerts"] if a["rule"] == "P1-2" and a.get("since")]
    feedback = page[page.index('id="feedback"') : page.index('id="allowance"')]
    assert escape(alert["text"]) in feedback  # the plan's own sentence
    assert "offered no run" in alert["text"]
    assert "data-focus-here" in feedback  # focus moves to it (app.js)


def test_a_400_min_run_is_refused_with_the_domains_sentence_and_the_form_kept(
    runner: TestClient,
) -> None:
    before = len(runner.get("/api/events").json())
    token = csrf_of(runner, "/runs")
    answers = {"csrf_token": token, "minutes": "400", "distance": "12", "pain_during": "2",
               "pain_worsened": "no", "pain_after_hours": "1", "cadence_spm": "168",
               "terrain": "hills",
               "note": "long day out"}  # fmt: skip
    refused = runner.post("/runs", data=answers)
    assert refused.status_code == 400
    page = refused.text
    form = page[page.index('id="log-run"') : page.index("</form>", page.index('id="run-form"'))]
    assert "a run of 400 min is longer than the 300 min a run can be" in form
    assert 'id="run-error"' in form
    for name, value in (("minutes", "400"), ("distance", "12"), ("pain_after_hours", "1"),
                        ("cadence_spm", "168")):  # fmt: skip
        assert re.search(rf'name="{name}"[^>]*value="{value}"', form), name
    assert re.search(r'name="pain_during" value="2"[^>]*checked', form)
    assert re.search(r'name="pain_worsened" value="no"[^>]*checked', form)
    assert '<option value="hills" selected>' in form
    assert ">long day out</textarea>" in form
    assert len(runner.get("/api/events").json()) == before  # nothing saved


def test_done_as_prescribed_then_undo_takes_it_back(runner: TestClient) -> None:
    token = csrf_of(runner, "/today")
    done = runner.post(
        "/today/session-done", data={"csrf_token": token, "kind": "stretch"},
        follow_redirects=False,
    )  # fmt: skip
    found = ENTRY.search(done.headers["location"])
    assert found is not None
    entry = found.group(1)
    page = runner.get(done.headers["location"]).text
    assert 'action="/today/undo"' in page and f'value="{entry}"' in page
    assert 'data-session="stretch" data-done="true"' in page
    undone = runner.post("/today/undo", data={"csrf_token": token, "entry": entry})
    assert undone.status_code == 200
    assert "Undone: that entry no longer counts" in undone.text
    assert 'data-session="stretch" data-done="false"' in undone.text
    retraction = runner.get("/api/events").json()[-1]
    assert retraction["type"] == "retraction" and retraction["retracts"] == entry


def test_ws_4_a_swollen_check_in_is_told_with_its_sign_after_saving(runner: TestClient) -> None:
    token = csrf_of(runner, "/checkin")
    saved = runner.post(
        "/checkin",
        data={"csrf_token": token, "pain_daily": "1", "pain_rest": "0", "swelling": "yes"}
        | dict.fromkeys(OTHER_SYMPTOMS, "no"),
    )
    page = saved.text
    feedback = page[page.index('id="feedback"') : page.index('id="alerts"')]
    assert 'data-rule="WS-4"' in feedback
    assert 'class="road-ahead"' in feedback  # and what ends it (RTR-8)


def test_log_on_cross_training_opens_its_form(runner: TestClient) -> None:
    today = runner.get("/today").text
    assert 'href="/today?log=cross#log-cross"' in today
    opened = runner.get("/today?log=cross").text
    tag = opened[opened.index('id="log-cross"') - 80 : opened.index('id="log-cross"') + 40]
    assert " open" in tag.split('id="log-cross"')[1].split(">")[0]
    assert 'name="minutes"' in opened[opened.index('id="log-cross"') :]


def test_rtr_1_a_run_on_the_day_it_is_offered_has_nothing_to_watch_out_for(
    runner: TestClient,
) -> None:
    token = csrf_of(runner, "/runs")
    answers = {"csrf_token": token, "pain_during": "0", "pain_after_hours": "0", "minutes": "15"}
    saved = runner.post("/runs", data=answers, follow_redirects=False)
    page = runner.get(saved.headers["location"]).text
    feedback = page[page.index('id="feedback"') : page.index('id="allowance"')]
    assert "Nothing to watch out for." in feedback and "This week: 15 of 48 min" in feedback


def test_a_refused_tick_on_today_comes_back_in_place_with_its_sentence(
    runner: TestClient,
) -> None:
    token = csrf_of(runner, "/today")
    before = len(runner.get("/api/events").json())
    refused = runner.post(
        "/today/done", data={"csrf_token": token, "kind": "cross", "minutes": "0"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert refused.status_code == 400
    assert '<p class="error" role="alert" id="tick-error">' in refused.text
    assert 'id="today-summary"' in refused.text  # Today itself, redrawn in place
    assert len(runner.get("/api/events").json()) == before
