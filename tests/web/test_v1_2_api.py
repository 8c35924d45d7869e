"""Protocol v1.2 through the JSON API (the web will render it next): a run's answers given
later (the 2-hour question), plausible entries refused with the core's sentence, a runner's
clearance naming the professional and role, and what a log answers with (the next milestone,
runs waiting for answers, an overrun's alert on the day of the run)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .clinic import clinician_client, runner_id, shared
from .conftest import TODAY, csrf_of


def post(
    client: TestClient, path: str, body: Mapping[str, object]
) -> tuple[int, dict[str, object]]:
    response = client.post(path, json=body, headers={"X-CSRF-Token": csrf_of(client)})
    return response.status_code, response.json()


def test_rtr_1_a_run_waits_for_its_2_hour_answer_then_answers_it_through_the_api(
    runner: TestClient,
) -> None:
    status, logged = post(runner, "/api/runs", {"minutes": 12, "pain_during": 0})
    assert status == 201
    event = logged["event"]
    assert isinstance(event, dict)
    run_id = event["id"]
    assert logged["runs_awaiting_answers"] == [
        {"event_id": run_id, "date": TODAY.isoformat(), "minutes": 12.0, "imported": False,
         "missing": ["pain_after_hours"]}
    ]  # fmt: skip
    assert logged["next_milestone"] is not None
    status, answered = post(runner, f"/api/runs/{run_id}/answers", {"pain_after_hours": 0})
    assert status == 201
    assert answered["runs_awaiting_answers"] == []
    status, refused = post(runner, "/api/runs/nope/answers", {"pain_after_hours": 0})
    assert status == 400 and "no run" in str(refused)


def test_rtr_4_plausible_entries_the_api_refuses_a_400_min_run_with_the_same_sentence(
    runner: TestClient,
) -> None:
    before = runner.get("/api/events").json()
    status, refused = post(runner, "/api/runs", {"minutes": 400, "pain_during": 0})
    assert status == 400
    assert "longer than the 300 min" in str(refused) and "cross-training" in str(refused)
    assert runner.get("/api/events").json() == before


def test_rtr_4_plausible_entries_a_distance_of_almost_nothing_is_a_400_not_a_500(
    runner: TestClient,
) -> None:
    before = runner.get("/api/events").json()
    status, refused = post(
        runner, "/api/runs", {"minutes": 0.001, "distance_km": 5e-324, "pain_during": None}
    )
    assert status == 400 and "slower than" in str(refused)
    assert runner.get("/api/events").json() == before


def test_rtr_4_plausible_entries_an_old_backup_loads_and_a_new_350_min_run_is_refused(
    runner: TestClient,
) -> None:
    """The API loads a v1.1 backup holding a hand-typed 350-min run (the runner's history)
    and asks to confirm it; a new one, typed or posted as an event, is refused with the
    CLI's sentence."""
    document = runner.get("/api/export").json()
    day = (TODAY - dt.timedelta(days=1)).isoformat()
    document["events"].append({"id": "old-run", "type": "run", "date": day, "minutes": 350,
                               "pain_during": 0, "pain_after_hours": 0})  # fmt: skip
    status, _ = post(runner, "/api/import?replace=true", document)
    assert status == 200
    [confirm] = runner.get(f"/api/plan/{day}").json()["runs_to_confirm"]
    assert confirm["event_id"] == "old-run" and confirm["imported"] is False
    sentence = (
        "a run of 350 min is longer than the 300 min a run can be: check the minutes (a walk "
        "or a ride is logged as cross-training, not as a run)"
    )
    for path, body in (
        ("/api/runs", {"minutes": 350, "pain_during": 0}),
        ("/api/events", {"type": "run", "date": day, "minutes": 350, "pain_during": 0}),
    ):
        status, refused = post(runner, path, body)
        assert status == 400 and sentence in str(refused), refused
    status, confirmed = post(runner, "/api/runs/old-run/answers", {"confirmed": True})
    event = confirmed["event"]
    assert status == 201 and isinstance(event, dict) and event["confirmed"] is True
    assert runner.get(f"/api/plan/{day}").json()["runs_to_confirm"] == []


def test_red_1_the_api_refuses_a_runners_clearance_without_name_and_role(
    runner: TestClient,
) -> None:
    day = (TODAY - dt.timedelta(days=1)).isoformat()
    clearance = {"type": "clearance", "date": day, "rules": ["RED-4"], "cleared_by": "Ana"}
    status, refused = post(runner, "/api/events", clearance)
    assert status == 400 and "name and the role" in str(refused)
    status, logged = post(runner, "/api/events", clearance | {"cleared_by_role": "physio"})
    assert status == 201
    event = logged["event"]
    assert isinstance(event, dict) and event["author"] == {"role": "runner", "name": "the runner"}


def test_red_4_a_runners_clearance_reads_recorded_by_you_and_to_a_clinician_on_their_word(
    app: FastAPI, runner: TestClient
) -> None:
    clearance = {"type": "clearance", "date": TODAY.isoformat(), "rules": ["RED-4"],
                 "cleared_by": "Dr Lee", "cleared_by_role": "sports physician"}  # fmt: skip
    assert post(runner, "/api/events", clearance)[0] == 201
    mine = runner.get("/today").text.split('id="notes"', 1)[1].split("</section>", 1)[0]
    assert "Seen by Dr Lee (sports physician)" in mine and "Recorded by you," in mine
    physio = clinician_client(app)
    shared(app, runner, physio)
    page = physio.get(f"/clinic/runners/{runner_id(app, 'runner@example.org')}").text
    theirs = page.split('id="notes"', 1)[1].split("</section>", 1)[0]
    assert "Seen by Dr Lee (sports physician)" in theirs and "On the runner&#39;s word," in theirs
    assert "Recorded by you" not in theirs and "(clinician)" not in theirs


def test_rtr_4_plausible_entries_a_typed_run_cannot_pass_as_imported_with_a_made_up_source(
    runner: TestClient,
) -> None:
    """An imported run is kept as the device recorded it and skips the plausible bounds, so a
    run posted with a device file it never came from would skip them too: the file is named
    only by importing it. A correction of an imported run keeps its file (its answers)."""
    before = runner.get("/api/events").json()
    source = {"file": "watch.fit", "sha256": "0" * 64}
    for minutes in (900, 30):
        body = {"type": "run", "date": TODAY.isoformat(), "minutes": minutes, "pain_during": 0,
                "source": source}  # fmt: skip
        status, refused = post(runner, "/api/events", body)
        assert status == 400 and "importing" in str(refused), refused
    assert runner.get("/api/events").json() == before
