"""Today built around sessions: the check-in comes first when today has none, a summary with
each session's length and a Start, tasks grouped by session with one "done as prescribed" per
session (RTR-6: the run's warm-up ticks the activation tasks, see tests/engine)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from gerdy.engine.plan import Task
from gerdy.web.today_view import Session, sessions_of, task_seconds

from .conftest import CHECKIN_REST, MakeApp, csrf_of, sign_in


@pytest.fixture
def demo_client(make_app: MakeApp) -> TestClient:
    app = make_app(demo=True)
    email, password = app.state.gerdy.demo_credentials
    client = TestClient(app)
    assert sign_in(client, email, password) == 303
    return client


def test_the_demo_runners_today_renders(make_app: MakeApp) -> None:
    app = make_app(demo=True)
    email, password = app.state.gerdy.demo_credentials
    client = TestClient(app)
    assert sign_in(client, email, password) == 303
    page = client.get("/today").text
    assert 'id="today-summary"' in page and 'id="tasks"' in page


def test_the_check_in_comes_first_until_it_is_done(runner: TestClient) -> None:
    page = runner.get("/today").text
    assert page.index('id="checkin-first"') < page.index('id="today-summary"')
    token = csrf_of(runner, "/checkin")
    runner.post("/checkin", data={"csrf_token": token, "pain_daily": "0"} | CHECKIN_REST)
    assert 'id="checkin-first"' not in runner.get("/today").text


def test_the_summary_lists_each_session_with_its_length_and_a_start(runner: TestClient) -> None:
    page = runner.get("/today").text
    summary = page[page.index('id="today-summary"') : page.index('id="tasks"')]
    found = re.search(r'data-total-minutes="(\d+)"', page)
    assert found is not None
    total = int(found.group(1))
    assert total > 0 and f"about <strong>{total} min</strong>" in summary
    for kind in re.findall(r'<li data-session="(\w+)" data-done="false"', summary):
        if kind in ("roll", "stretch", "strength"):
            assert f'href="/session/{kind}"' in summary
    for kind in re.findall(r'<section class="session" id="session-(\w+)"', page):
        assert f'data-session="{kind}"' in summary


def test_one_tick_logs_a_whole_session_as_prescribed(runner: TestClient) -> None:
    page = runner.get("/today").text
    assert 'data-group-tick="roll"' in page
    open_rolls = re.findall(
        r'data-kind="roll" data-rule="[^"]+" data-exercise="(\w+)" data-done="false"', page
    )
    token = csrf_of(runner, "/today")
    response = runner.post("/today/session-done", data={"csrf_token": token, "kind": "roll"})
    assert response.status_code == 200
    logged = runner.get("/api/events").json()[-1]
    assert logged["type"] == "roll" and logged["items"] == open_rolls
    page = runner.get("/today").text
    assert 'id="session-roll" data-session="roll" data-done="true"' in page
    assert 'data-group-tick="roll"' not in page
    again = runner.post("/today/session-done", data={"csrf_token": token, "kind": "roll"})
    assert again.status_code == 400


def test_session_lengths_count_both_sides_and_rests() -> None:
    roll = Task(rule="RTR-6", kind="roll", title="r", why="w", seconds=60, seconds_max=90,
                per_side=True)  # fmt: skip
    assert task_seconds(roll) == 2 * 90 + 10
    strength = Task(rule="ST-1", kind="strength", title="s", why="w", sets=3, reps=15,
                    per_side=True)  # fmt: skip
    assert task_seconds(strength) == 3 * 2 * 15 * 3 + 2 * 45 + 3 * 10  # up 1 s, down 1, pause 1
    session = Session(kind="roll", title="Foam rolling", tasks=[roll])
    assert session.minutes == 4 and not session.done


def test_a_plan_groups_activation_with_the_run() -> None:
    class Plan:
        tasks = (
            Task(rule="RTR-6", kind="activation", title="a", why="w", sets=1, reps=10),
            Task(rule="RTR-2", kind="run", title="Easy run", why="w", minutes=10, minutes_max=15),
        )

    sessions = sessions_of(Plan())  # type: ignore[arg-type]
    assert [s.kind for s in sessions] == ["run"] and len(sessions[0].tasks) == 2


def test_today_and_the_player_give_a_session_the_same_length(demo_client: TestClient) -> None:
    """One estimate (`today_view.dose_seconds`, with the exercises' tempo): Today's "about N
    min" is the guided page's."""
    today = demo_client.get("/today").text
    summary = today[today.index('id="today-summary"') : today.index('id="tasks"')]
    for kind in ("roll", "stretch", "strength"):
        found = re.search(rf'<li data-session="{kind}".*?about (\d+) min', summary, re.S)
        if found is None:
            continue
        player = demo_client.get(f"/session/{kind}").text
        assert f"about <strong>{found.group(1)} min</strong>" in player, kind


def test_the_run_session_says_the_runs_minutes_as_the_plan_gives_them(
    demo_client: TestClient,
) -> None:
    today = demo_client.get("/today").text
    summary = today[today.index('id="today-summary"') : today.index('id="tasks"')]
    run = summary[summary.index('<li data-session="run"') :].split("</li>")[0]
    assert re.search(r"\d+\u2013\d+ min \+ \d+ min warm-up", run), run
    assert "about" not in run
