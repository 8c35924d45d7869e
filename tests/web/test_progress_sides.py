"""WS-3 per side: Progress shows the pain logged for each side of a strength exercise
(`pain_by_side`), newest first, beside the exercise; a record without any says so."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from fastapi.testclient import TestClient

from gerdy.formatting import day_text

from .conftest import TODAY, csrf_of


def log_strength(runner: TestClient, date: dt.date, *exercises: Mapping[str, object]) -> None:
    token = {"X-CSRF-Token": csrf_of(runner)}
    event = {"type": "strength", "date": date.isoformat(), "exercises": list(exercises)}
    assert runner.post("/api/events", json=event, headers=token).status_code == 201


def side_rows(page: str) -> list[tuple[str, str, str, str]]:
    table = page.split('id="table-side-pain"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table)
    rows = [tuple(cells[i : i + 4]) for i in range(0, len(cells), 4)]
    return [
        (re.sub(r"<[^>]+>", "", d), re.sub(r"<[^>]+>", "", e), left, right)
        for d, e, left, right in rows
    ]


def test_ws_3_progress_shows_pain_per_side_where_it_was_logged(runner: TestClient) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    log_strength(
        runner, yesterday,
        {"id": "clamshell", "sets": [15], "pain_by_side": {"left": 3, "right": 0}},
        {"id": "glute_bridge", "sets": [15], "pain": 1},
    )  # fmt: skip
    bridge = {"id": "single_leg_bridge", "sets": [12], "pain_by_side": {"left": 1, "right": 2}}
    log_strength(runner, TODAY, bridge)
    page = runner.get("/progress").text
    assert side_rows(page) == [
        (day_text(TODAY), "Single-leg glute bridge", "1", "2"),  # the pages' one date format
        (day_text(yesterday), "Clamshell", "3", "0"),
    ]
    series = runner.get("/api/progress").json()["side_pain"]
    assert [(p["exercise"], p["left"], p["right"]) for p in series] == [
        ("clamshell", 3, 0), ("single_leg_bridge", 1, 2),
    ]  # fmt: skip


def test_ws_3_progress_without_pain_per_side_says_so(runner: TestClient) -> None:
    log_strength(runner, TODAY, {"id": "glute_bridge", "sets": [15], "pain": 1})
    page = runner.get("/progress").text
    assert 'id="side-pain-section"' in page
    assert 'id="table-side-pain"' not in page
    assert "No pain by side logged yet" in page
    assert runner.get("/api/progress").json()["side_pain"] == []
