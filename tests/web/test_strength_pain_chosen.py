"""Answered, never assumed (v1.2): Today's strength pain starts unchosen, on each exercise's
"Mark done" and on the session's "Done as prescribed"; a tick without it is refused on Today
with the form kept, and nothing is saved (a pain-free strength session moves the gate,
RTR-0)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .conftest import csrf_of

FORM_OF = re.compile(r'<form method="post" action="/today/(?:session-)?done".*?</form>', re.S)


def strength_forms(page: str) -> list[str]:
    return [f for f in FORM_OF.findall(page) if 'name="kind" value="strength"' in f]


def strength_task(page: str) -> tuple[str, str, str]:
    """The first strength exercise's tick: exercise, sets, count."""
    form = next(f for f in strength_forms(page) if 'name="exercise"' in f)
    values = dict(re.findall(r'name="(exercise|sets|count)" value="([^"]*)"', form))
    return values["exercise"], values["sets"], values["count"]


def strength_logged(client: TestClient) -> list[dict[str, object]]:
    return [e for e in client.get("/api/events").json() if e["type"] == "strength"]


def test_rtr_0_todays_strength_pain_starts_unchosen_and_must_be_chosen(
    runner: TestClient,
) -> None:
    forms = strength_forms(runner.get("/today").text)
    assert len(forms) >= 2  # the session's "Done as prescribed" and each exercise's tick
    for form in forms:
        select = re.search(r'<select name="pain"[^>]*>(.*?)</select>', form, re.S)
        assert select is not None
        assert " required" in select.group(0)
        assert '<option value="" selected>choose</option>' in select.group(1)
        assert 'value="0" selected' not in select.group(1)


def test_rtr_0_a_strength_tick_without_pain_is_refused_with_the_form_kept(
    runner: TestClient,
) -> None:
    exercise, sets, count = strength_task(runner.get("/today").text)
    token = csrf_of(runner, "/today")
    form = {"csrf_token": token, "kind": "strength", "exercise": exercise, "sets": sets,
            "count": count, "effort": "hard"}  # fmt: skip
    for htmx in (False, True):
        headers = {"HX-Request": "true"} if htmx else {}
        refused = runner.post("/today/done", data=form, headers=headers)
        assert refused.status_code == 400
        assert "Choose the pain you felt during the exercise" in refused.text
        assert "Nothing was saved" in refused.text
        kept = refused.text[refused.text.index(f'value="{exercise}"') :]
        kept = kept[: kept.index("</form>")]
        assert 'aria-invalid="true"' in kept and '<option value="hard" selected>' in kept
    assert strength_logged(runner) == []
    done = runner.post("/today/done", data=form | {"pain": "2"}, follow_redirects=False)
    assert done.status_code == 303
    [logged] = strength_logged(runner)
    assert logged["exercises"] == [
        {"id": exercise, "sets": [int(count)] * int(sets), "pain": 2, "effort": "hard",
         "knee_caved_in": False}
    ]  # fmt: skip


def test_rtr_0_done_as_prescribed_records_the_pain_chosen_never_0_by_default(
    runner: TestClient,
) -> None:
    token = csrf_of(runner, "/today")
    refused = runner.post("/today/session-done", data={"csrf_token": token, "kind": "strength"})
    assert refused.status_code == 400
    assert "Choose the pain you felt" in refused.text
    assert strength_logged(runner) == []
    done = runner.post(
        "/today/session-done",
        data={"csrf_token": token, "kind": "strength", "pain": "1"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    [logged] = strength_logged(runner)
    exercises = logged["exercises"]
    assert isinstance(exercises, list) and {e["pain"] for e in exercises} == {1}
