"""Notes and changes on Today in a real browser (issue 12, item 3): a physio's note,
clearance and settings change, and the runner's own note, show on Today with who made them,
newest first; History lists them. axe-core finds no serious or critical violation; Today and
a History entry are photographed at 360 and 390 px and desktop width, light and dark
(artifacts/screenshots/today-notes-*.png, history-note-*.png), and nothing scrolls sideways.
No console error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from gerdy.domain.events import parse_event

from .support import (
    LiveServer,
    NewContext,
    page_errors,
    quick_runner,
    shoot,
    widths_and_schemes,
)
from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser

PHYSIO = {"role": "clinician", "name": "Dr. Ines Okafor"}


def add_events(page: Page, events: list[dict[str, Any]]) -> int:
    """Add the events to the signed-in runner's record (its export, with them, imported over
    it) through the API as the page's browser (its cookies, the session's CSRF token), no page
    needed. Returns the import's status."""
    token = page.request.get("/api/csrf").json()["csrf_token"]
    document = page.request.get("/api/export").json()
    document["events"].extend(events)
    headers = {"X-CSRF-Token": token}
    return page.request.post("/api/import?replace=true", data=document, headers=headers).status


def signed_by_the_server(
    server: LiveServer, email: str, events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The events as a physio's recording would store them: each of the physio's signed by the
    server for this runner's record (an unsigned one would be imported as "reported")."""
    state = server.app.state.gerdy
    handle = state.accounts.by_email(email).person_handle
    signed = []
    for index, data in enumerate(events):
        event = parse_event({"id": f"e2e-{index}", **data})
        if event.by_clinician:
            event = state.authorship.sign(event, handle, 99)
        signed.append(event.model_dump(mode="json", exclude_none=True))
    return signed


def test_todays_notes_and_changes_name_who_made_them(
    live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    viewport = {"width": 390, "height": 844}
    page = new_context(live_server.url, viewport=viewport, bypass_csp=True).new_page()
    email = "notes@example.org"
    today = quick_runner(page, live_server, weekly_minutes=120, days_ago=20, email=email)
    days_ago = [(today - dt.timedelta(days=n)).isoformat() for n in range(4)]
    status = add_events(
        page,
        signed_by_the_server(live_server, email, [
            {"type": "checkin", "date": days_ago[3], "pain_daily": 2, "locking": True},
            {"type": "clearance", "date": days_ago[2], "rules": ["RED-4"], "author": PHYSIO,
             "note": "Examined: no mechanical block."},
            {"type": "settings_change", "date": days_ago[1], "gate_days": 5,
             "strength_days": ["tue", "thu", "sat"], "author": PHYSIO},
            {"type": "note", "date": days_ago[0], "author": PHYSIO,
             "text": "Good week. Keep the walks flat, and tell me if the outer knee flares."},
            {"type": "note", "date": days_ago[0], "text": "Ask about hills at the next visit."},
        ]),
    )  # fmt: skip
    assert status == 200
    page.goto("/today")
    entries = page.locator("#notes .note-entry")
    assert entries.count() == 4
    texts = entries.all_inner_texts()
    assert "Ask about hills" in texts[0] and "You," in texts[0]
    assert "Keep the walks flat" in texts[1] and "Dr. Ines Okafor (clinician)" in texts[1]
    assert "return-to-run gate after 5 pain-free days (RTR-0)" in texts[2]
    assert "Cleared: RED-4 (" in texts[3] and "Examined: no mechanical block." in texts[3]
    violations = serious_violations(page, axe_script)
    assert not violations, describe(violations)
    notes = page.locator("#notes")
    for label, scheme in widths_and_schemes(page, "Today"):
        shoot(notes, f"today-notes-{label}-{scheme}")
        shoot(page, f"today-notes-page-{label}-{scheme}")
    page.goto("/history")
    assert page.locator("[data-kind=settings_change]").count() == 1
    assert "Dr. Ines Okafor (clinician)" in page.inner_text("#entries")
    first = page.locator("#entries li.entry", has_text="Keep the walks flat")
    for label, scheme in widths_and_schemes(page, "History"):
        shoot(first, f"history-note-{label}-{scheme}")
    assert page_errors(page) == []
