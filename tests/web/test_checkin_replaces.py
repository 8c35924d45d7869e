"""One check-in per day (v1.1): reopening Check-in shows today's answers and says that saving
replaces the check-in from HH:MM (not a new blank form that silently replaces it); History
shows the one that stands, with the day's replaced check-ins grouped under it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .conftest import NOW, csrf_of


def test_ws_4_red_2_reopening_checkin_shows_todays_answers_and_the_replace_notice(
    runner: TestClient,
) -> None:
    assert 'id="replace-notice"' not in runner.get("/checkin").text
    first = {"csrf_token": csrf_of(runner), "pain_daily": "3", "pain_rest": "1",
             "swelling": "yes", "instability": "yes", "no_symptoms": "yes"}  # fmt: skip
    assert runner.post("/checkin", data=first).status_code == 200
    again = runner.get("/checkin").text
    at = f"{NOW:%H:%M}"  # the runner's time zone is UTC in the fixture
    notice = re.search(r'id="replace-notice"[^>]*>(.*?)</p>', again, re.S)
    assert notice and f"replaces the check-in from {at}" in notice.group(1)
    assert re.search(r'name="pain_daily" value="3" required checked', again)
    assert re.search(r'name="swelling" value="yes" checked', again)
    assert re.search(r'name="instability" value="yes" checked', again)
    assert re.search(r'name="locking" value="no" checked', again)

    second = first | {"csrf_token": csrf_of(runner), "pain_daily": "1", "swelling": "no",
                      "instability": "no"}  # fmt: skip
    assert runner.post("/checkin", data=second).status_code == 200
    history = runner.get("/history?kind=checkin").text
    assert history.count('data-kind="checkin"') == 1  # the one that stands
    assert 'data-replaced="1"' in history and "Replaced by this one" in history
    standing = runner.get("/api/events").json()[-1]
    assert standing["pain_daily"] == 1 and standing["recorded_at"].startswith(
        NOW.date().isoformat()
    )
