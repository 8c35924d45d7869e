"""The guided strength session's form (the player fills it): pain per side for per-side
exercises, the sore side first, "knee caved in" only for the box squat, the length up front."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.web.pages.session import Step, side_order, step_seconds

from .conftest import TODAY, csrf_of, signed_up


def strength_day_runner(app: FastAPI, side: str) -> TestClient:
    weekdays = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    days = [weekdays[(TODAY.weekday() + n) % 7] for n in (0, 2, 4)]
    client = signed_up(TestClient(app), f"{side}@example.org", side=side)
    token = csrf_of(client)
    client.post("/settings/profile", data={"csrf_token": token, "units": "metric",
                                           "strength_days": days})  # fmt: skip
    return client


def test_st_0_per_side_pain_is_stored_as_pain_by_side(app: FastAPI) -> None:
    client = strength_day_runner(app, "right")
    page = client.get("/session/strength").text
    assert 'data-first-side="right"' in page and 'id="session-length"' in page
    per_side = re.findall(r'name="ex-(\w+)-pain-right"', page)
    assert per_side, "no per-side exercise today"
    name = per_side[0]
    assert page.index(f"ex-{name}-pain-right") < page.index(f"ex-{name}-pain-left")
    assert re.findall(r'name="ex-(\w+)-caved"', page) in ([], ["single_leg_box_squat"])
    data = {
        "csrf_token": csrf_of(client, "/session/strength"),
        f"ex-{name}-done": "yes",
        f"ex-{name}-set-1": "10",
        f"ex-{name}-pain-left": "1",
        f"ex-{name}-pain-right": "3",
    }
    assert client.post("/session/strength", data=data).status_code == 200
    logged = client.get("/api/events").json()[-1]["exercises"][0]
    assert logged["pain_by_side"] == {"left": 1, "right": 3} and logged["pain"] == 3


def test_the_sore_side_comes_first() -> None:
    assert side_order("right") == ("right", "left")
    assert side_order("left") == side_order("both") == ("left", "right")


def test_a_steps_length_counts_sides_rests_and_switches() -> None:
    step = Step(exercise="clamshell", name="Clamshell", rule="ST-1", why="w", sets=3, reps=10,
                per_side=True, switch_sides_s=10)  # fmt: skip
    assert step_seconds(step) == 3 * 2 * 10 * 3 + 2 * 45 + 3 * 10


def test_st_0_a_done_exercise_whose_pain_was_not_chosen_is_refused_and_nothing_is_saved(
    app: FastAPI,
) -> None:
    """Answered, never assumed: the guided session's pain starts at "choose", not at 0, and a
    done exercise left there refuses the session (a pain-free strength session is part of the
    return-to-run check, RTR-0)."""
    client = strength_day_runner(app, "left")
    page = client.get("/session/strength").text
    first_options = r'<select name="ex-\w+-pain(?:-\w+)?"[^>]*>\s*<option value="([^"]*)"'
    selects = re.findall(first_options, page)
    assert selects and set(selects) == {""}, "every pain select starts at 'choose'"
    per_side = re.findall(r'name="ex-(\w+)-pain-right"', page)
    whole = [n for n in re.findall(r'name="ex-(\w+)-pain"', page) if n not in per_side]
    assert per_side and whole
    before = client.get("/api/events").json()
    token = csrf_of(client, "/session/strength")
    for data in (
        {f"ex-{whole[0]}-done": "yes", f"ex-{whole[0]}-set-1": "10", f"ex-{whole[0]}-pain": ""},
        {f"ex-{per_side[0]}-done": "yes", f"ex-{per_side[0]}-pain-right": "0"},
    ):
        refused = client.post("/session/strength", data={"csrf_token": token, **data})
        assert refused.status_code == 400
        assert "Choose the pain you felt" in refused.text and "Nothing was saved" in refused.text
    assert client.get("/api/events").json() == before
    # An exercise not done needs no pain: only the done one's is asked.
    saved = client.post("/session/strength", data={
        "csrf_token": token, f"ex-{whole[0]}-done": "yes", f"ex-{whole[0]}-set-1": "10",
        f"ex-{whole[0]}-pain": "0", f"ex-{per_side[0]}-pain-left": "",
    })  # fmt: skip
    assert saved.status_code == 200
    assert client.get("/api/events").json()[-1]["exercises"][0]["pain"] == 0
