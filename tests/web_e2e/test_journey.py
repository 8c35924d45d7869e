"""A new runner's first day in a real browser (headless Debian chromium): sign up, intake,
Today (with an htmx tick), check-in, guided roll and strength sessions with the timers
fast-forwarded by the player's test clock, logging a run with the metronome, the Progress
charts, the other pages, export and account deletion. Screenshots at phone and desktop width
land in artifacts/screenshots/. No page may log a console error (CSP violations included).

The other journeys make their runners without the forms (`support.quick_runner`): here the
shortcut is held to what sign-up and the intake form store, for the same answers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .support import (
    PASSWORD,
    TEST_CLOCK,
    WEEKDAYS,
    LiveServer,
    NewContext,
    answer_checkin,
    answer_intake_questions,
    answer_run,
    create_account,
    fast_forward,
    page_errors,
    quick_runner,
    screenshot,
    sign_in_quickly,
    through_intake,
)

pytestmark = pytest.mark.browser

EMAIL = "new.runner@example.org"
# The player's test clock, and spies counting wake-lock requests and oscillators (each sound
# cue starts one or more).
CLOCK_AND_SPIES = (
    TEST_CLOCK
    + """
window.__spy = { wakeLocks: 0, oscillators: 0 };
if (navigator.wakeLock) {
  const request = navigator.wakeLock.request.bind(navigator.wakeLock);
  navigator.wakeLock.request = (type) => { window.__spy.wakeLocks += 1; return request(type); };
}
const createOscillator = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  window.__spy.oscillators += 1;
  return createOscillator.call(this);
};
"""
)


def player_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate("window.gerdyPlayer.state()")
    return state


def run_whole_session(page: Page) -> int:
    """Start the player and go through every phase: timed ones by moving the test clock,
    self-paced ones (reps or steps without a tempo) with the Done button. Returns how many
    self-paced phases there were."""
    page.click("#player-start")
    manual = 0
    for _ in range(2000):
        state = player_state(page)
        if state["state"] == "review":
            return manual
        if page.get_attribute("#player", "data-phase") == "manual":
            manual += 1
            page.click("#player-next")
        else:
            fast_forward(page, 120)
    raise AssertionError(f"the player never finished: {player_state(page)}")


def sign_up(page: Page) -> None:
    page.goto("/signup")
    screenshot(page, "01-signup")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("#signup-form button[type=submit]")
    page.wait_for_url("**/intake")


def answer_intake(page: Page) -> dt.date:
    """Start 20 days ago (strength has begun), strength on today's weekday, cadence 160."""
    today = dt.date.fromisoformat(page.input_value("#start_date"))
    screenshot(page, "02-intake")
    page.fill("#weekly_minutes", "120")
    page.fill("#start_date", (today - dt.timedelta(days=20)).isoformat())
    page.fill("#cadence", "160")
    answer_intake_questions(page)
    page.click("#intake-form details summary")
    for offset in (0, 2, 4):
        page.check(f"input[name=strength_days][value={WEEKDAYS[(today.weekday() + offset) % 7]}]")
    page.click("#intake-form button[type=submit]")
    page.wait_for_url("**/welcome")
    screenshot(page, "03-welcome")
    return today


def tick_a_task_with_htmx(page: Page) -> None:
    """A "Mark done" on Today swaps #today in place (htmx), sending the CSRF header."""
    task = page.locator("#tasks li[data-kind=roll][data-done=false]").first
    exercise = task.get_attribute("data-exercise")
    url = page.url
    task.locator("summary").click()  # a task's tick is in its details
    with page.expect_request(lambda r: r.url.endswith("/today/done")) as request_info:
        task.locator("form[data-tick] button[type=submit]").click()
    request = request_info.value
    assert request.headers.get("hx-request") == "true"
    assert request.headers.get("x-csrf-token"), "htmx sent no CSRF header"
    done = page.locator(f"#tasks li[data-exercise={exercise}][data-kind=roll]")
    done.and_(page.locator("[data-done=true]")).wait_for()
    assert page.url == url, "the tick reloaded the page instead of swapping it"


def check_in(page: Page) -> None:
    page.goto("/checkin")
    answer_checkin(page, 2, 1)
    assert page.is_checked("input[name=swelling][value=no]"), '"None of these" answered no'
    screenshot(page, "05-checkin")
    page.click("#checkin-form button[type=submit]")
    page.wait_for_url(re.compile(r"/today"))


def guided_roll_session(page: Page) -> None:
    page.goto("/session/roll")
    assert page.is_hidden("#session-form"), "with JavaScript the player replaces the list"
    page.click("#player-start")
    assert page.get_attribute("#player", "data-phase") == "ready"
    spy = page.evaluate("window.__spy")
    assert spy["wakeLocks"] == 1, "the player asks to keep the screen on"
    assert spy["oscillators"] >= 1, "a phase starts with a beep"
    fast_forward(page, 10)  # get ready, then the first side's rolling
    assert page.get_attribute("#player", "data-phase") == "work"
    assert "Left side" in page.inner_text("#player-position")
    assert page.inner_text("#player-time") == "1:30"  # 60-90 s: counts to the top
    fast_forward(page, 61)
    assert "60 s done" in page.inner_text("#player-hint")
    screenshot(page, "06-session-roll-running")
    mute = page.locator("#player [data-player-mute]")
    mute.click()
    assert mute.get_attribute("aria-pressed") == "true"
    beeps = page.evaluate("window.__spy.oscillators")
    fast_forward(page, 29)  # the side's 90 s are over: switch sides
    assert page.get_attribute("#player", "data-phase") == "switch"
    assert page.evaluate("window.__spy.oscillators") == beeps, "muted: no more beeps"
    mute.click()
    page.click("#player-pause")
    fast_forward(page, 600)  # a paused player does not move on
    assert page.get_attribute("#player", "data-phase") == "switch"
    page.click("#player-pause")  # resume
    page.click("#player-end")  # stop here: the review asks about every exercise
    assert player_state(page)["state"] == "review"
    page.locator("#player-review fieldset[data-exercise]").first.wait_for()
    ticked = page.locator("#player-review input[type=checkbox]:checked").count()
    assert ticked == 0, "nothing finished a set yet, so nothing is ticked"
    page.click("#player-log")
    assert page.inner_text("#player-error") == "Tick at least one exercise you did."
    first = page.locator("#player-review input[type=checkbox]").first
    first.check()
    page.click("#player-log")
    page.wait_for_url("**/today?saved=roll&entry=*")


def guided_strength_session(page: Page) -> list[str]:
    page.goto("/session/strength")
    exercises: list[str] = page.eval_on_selector_all(
        "#session-form li[data-exercise]", "items => items.map(li => li.dataset.exercise)"
    )
    assert exercises, "no strength work today: the intake should have made today a strength day"
    screenshot(page, "07-session-strength-intro")
    page.click("#player-start")
    fast_forward(page, 10)
    # A rep with a tempo: lift, hold 2 s, lower over 3-4 s.
    phases = []
    for _ in range(3):
        phases.append(page.get_attribute("#player", "data-phase"))
        fast_forward(page, 2)
    assert phases[:2] == ["lift", "hold"], phases
    page.click("#player-end")
    page.goto("/session/strength")  # start again from the top: a whole session this time
    manual = run_whole_session(page)
    sets_done = player_state(page)["setsDone"]
    assert all(n >= 1 for n in sets_done), sets_done
    assert manual > 0, "the self-paced exercises (steps, reps without a tempo) ask for Done"
    screenshot(page, "08-session-strength-review")
    for index, exercise in enumerate(exercises):
        if page.locator(f"#player-{exercise}-pain").count():
            page.select_option(f"#player-{exercise}-pain", str(index % 3))
        else:  # a per-side exercise: pain for each side
            page.select_option(f"#player-{exercise}-pain-left", str(index % 3))
            page.select_option(f"#player-{exercise}-pain-right", "0")
        page.check(f"input[name=player-{exercise}-effort][value=easy]")
    page.click("#player-log")
    page.wait_for_url("**/today?saved=strength&entry=*")
    return exercises


def log_a_run(page: Page) -> None:
    page.goto("/runs")
    toggle = page.locator("#metronome-toggle")
    assert toggle.is_visible(), "the metronome button shows when JavaScript runs"
    assert page.get_attribute("#cadence", "data-bpm"), "a cadence was given at intake"
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(  # the audio clock runs and has clicked at least once
        "() => { const m = document.querySelector('[data-metronome]').gerdyMetronome;"
        " return m.ctx.state === 'running' && m.count >= 1; }"
    )
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    answer_run(page, "20", pain=1, worsened=False)
    page.fill("#run-distance", "3.2")
    page.fill("#run-cadence", "164")
    page.select_option("#run-terrain", "flat")
    page.click("#run-form button[type=submit]")
    page.wait_for_url(re.compile(r"/runs"))
    assert "Saved your run" in page.inner_text("#feedback")
    assert "164" in page.inner_text("#recent-runs")
    screenshot(page, "09-runs")


def progress_charts(page: Page) -> None:
    page.goto("/progress")
    for chart in ("pain", "weekly-minutes", "adherence", "gate"):
        drawn = page.locator(f"[data-chart={chart}][data-chart-state=drawn] canvas")
        drawn.wait_for(state="visible", timeout=10_000)
        box = drawn.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, (chart, box)
    assert page.is_visible("#table-weekly-minutes"), "the tables stay beside the charts"
    screenshot(page, "10-progress")


def export_record(page: Page) -> dict[str, Any]:
    page.goto("/settings")
    screenshot(page, "12-settings")
    with page.expect_download() as download_info:
        page.click("#export-link")
    download = download_info.value
    path = download.path()
    assert path is not None
    document: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return document


def delete_account(page: Page) -> None:
    page.goto("/settings")
    page.fill("#confirm-delete", PASSWORD)
    page.click("#delete-form button[type=submit]")
    page.wait_for_url("**/signup?deleted=1")
    assert "deleted" in page.inner_text("main")
    page.goto("/signin")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("#signin-form button[type=submit]")
    page.wait_for_load_state()
    assert "/signin" in page.url, "a deleted account cannot sign in"


def record(server: LiveServer, email: str) -> dict[str, Any]:
    """The runner's stored record (profile and events) as the export gives it."""
    state = server.app.state.gerdy
    account = state.accounts.by_email(email)
    assert account is not None
    found: dict[str, Any] = state.coach_for(account.person_handle).export()
    return found


def same_cookies(quick: BrowserContext, formed: BrowserContext) -> None:
    """The shortcut's browser holds the cookies the form's answer left: the same names and
    attributes, lasting as long (within a minute)."""

    def cookies(context: BrowserContext) -> dict[str, tuple[Any, ...]]:
        return {
            c["name"]: (c["domain"], c["path"], c["httpOnly"], c["secure"], c["sameSite"])
            for c in context.cookies()
        }

    def expiry(context: BrowserContext) -> dict[str, float]:
        return {c["name"]: c["expires"] for c in context.cookies()}

    assert cookies(quick) == cookies(formed)
    for name, expires in expiry(formed).items():
        assert abs(expiry(quick)[name] - expires) < 60, name


def the_quick_runner_is_this_one(
    server: LiveServer, new_context: NewContext, page: Page, today: dt.date
) -> None:
    """`quick_runner` (no page loaded), given the answers `answer_intake` gave after sign-up,
    makes the same runner: the same today, the same stored record, the same cookies."""
    quick = new_context(server.url)  # no page: none is needed
    email = f"quick.{uuid.uuid4().hex[:10]}@example.org"
    made = quick_runner(
        quick, server, weekly_minutes=120, days_ago=20, strength_in=(0, 2, 4), cadence=160,
        email=email,
    )  # fmt: skip
    assert made == today
    assert quick.pages == [], "the shortcut opens no page"
    assert record(server, email) == record(server, EMAIL)
    same_cookies(quick, page.context)


def test_a_new_runner_walks_through_the_app(
    live_server: LiveServer, new_context: NewContext
) -> None:
    context = new_context(live_server.url)
    context.add_init_script(CLOCK_AND_SPIES)
    page = context.new_page()

    sign_up(page)
    today = answer_intake(page)
    the_quick_runner_is_this_one(live_server, new_context, page, today)
    page.click("main a[href='/today']")
    page.wait_for_url("**/today")
    alerts = page.locator("#alerts [data-alert-level], #notices [data-alert-level]")
    assert alerts.first.is_visible()
    screenshot(page, "04-today")
    tick_a_task_with_htmx(page)
    check_in(page)
    guided_roll_session(page)
    exercises = guided_strength_session(page)
    for exercise in exercises:
        task = page.locator(f"#tasks li[data-kind=strength][data-exercise={exercise}]")
        assert task.get_attribute("data-done") == "true", exercise
    log_a_run(page)
    progress_charts(page)
    for path, name in (
        ("/library", "11-library"),
        ("/learn", "11-learn"),
        ("/calendar", "11-calendar"),
    ):
        page.goto(path)
        screenshot(page, name)
    page.goto("/library")
    page.locator("main a[href^='/library/']").first.click()
    screenshot(page, "11-exercise")

    document = export_record(page)
    assert document["format"] == "gerdy/1"
    kinds = [event.get("type") for event in document.get("events", [])]
    assert {"checkin", "roll", "strength", "run"} <= set(kinds), kinds
    strength = [e for e in document["events"] if e.get("type") == "strength"]
    logged = {x["id"]: x for e in strength for x in e.get("exercises", [])}
    assert set(exercises) <= set(logged), logged
    assert all(logged[x]["effort"] == "easy" for x in exercises), logged

    assert page_errors(page) == []
    delete_account(page)
    # The refused sign-in answers 401, which chromium logs as a failed load: nothing else.
    assert [e for e in page_errors(page) if "status of 401" not in e] == []


# Answers as most journeys give them, and one of each kind the intake form takes (the journey
# above gives a cadence and strength days).
INTAKES: dict[str, dict[str, Any]] = {
    "usual": {"weekly_minutes": 120, "days_ago": 20},
    "every-kind": {
        "weekly_minutes": 95,
        "days_ago": 6,
        "side": "right",
        "yes": ("pain_within_first_mile", "instability", "red_11", "atypical_location"),
        "strength_in": (0, 2, 4),
        "cadence": 162,
    },
}


def test_the_quick_runner_stores_what_the_intake_form_stores(
    live_server: LiveServer, new_context: NewContext
) -> None:
    """For each set of answers, the intake form answered in the browser and `quick_runner`
    given the same answers store the same record (profile and events) and see the same
    today. (One open page for all: signing in another account needs no new context.)"""
    page = new_context(live_server.url).new_page()
    for name, answers in INTAKES.items():
        mark = uuid.uuid4().hex[:10]
        formed = create_account(live_server, f"formed.{mark}@example.org")
        sign_in_quickly(page.context, live_server, formed)
        page.goto("/intake")
        today = through_intake(page, **answers)
        quick = f"quick.{mark}@example.org"
        assert quick_runner(page, live_server, email=quick, **answers) == today, name
        assert record(live_server, quick) == record(live_server, formed), name
    assert page_errors(page) == []
