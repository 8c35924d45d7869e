"""Helpers of the real-browser tests: where chromium and axe are, a live uvicorn server in a
thread, console-error capture, phone/desktop screenshots, and runners and clinicians made
through the forms or, loading no page, without them. Fixtures are in conftest.py."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, Literal, Protocol

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, ViewportSize
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from gerdy.services.clock import Clock

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("GERDY_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Web Audio (player cues, metronome) starts from a click anyway; headless may need this.
    "--autoplay-policy=no-user-gesture-required",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
PHONE_360: ViewportSize = {"width": 360, "height": 780}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# The widths a page is photographed at, by label.
WIDTHS = (("360", PHONE_360), ("390", PHONE), ("desktop", DESKTOP))
ColorScheme = Literal["light", "dark"]
SCHEMES: tuple[ColorScheme, ...] = ("light", "dark")
PASSWORD = "correct horse battery staple"
ERRORS_KEY = "_gerdy_errors"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The last few elements that stick out past the page's right edge, for a failure message.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(-3).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' +
    Math.round(e.getBoundingClientRect().right)).join(', ')"""
# Resolves after two animation frames: layout done, resize observers run (charts redrawn at the
# new width) and painted. Waited on instead of a fixed sleep after a resize or a colour scheme.
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# The player's clock (ms) while `window.__gerdyClock` exists: the tests move it by hand.
TEST_CLOCK = "window.__gerdyClock = { t: 1000, now() { return this.t; } };"


class NewContext(Protocol):
    """The `new_context` fixture: a fresh browser profile on `base_url`, phone-sized unless
    the options (Playwright's `new_context` keywords) say otherwise."""

    def __call__(self, base_url: str, **options: Any) -> BrowserContext: ...


class DemoPage(Protocol):
    """The `demo_page` fixture: a page on the `--demo` server, signed in as the demo runner
    or not; the options go to `new_context`."""

    def __call__(self, signed_in: bool, **options: Any) -> Page: ...


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(message: str) -> None:
    """Skip locally; in CI a missing browser or node_modules is a failure, not a skip."""
    if running_in_ci():
        pytest.fail(message + " (required in CI)")
    pytest.skip(message)


# The live servers' clock: a fixed morning that then runs at real speed. Every run of the suite
# plans the same dates, no midnight falls between a test's steps, and time-based limits (sign-in
# delays, session ages) still see time pass.
SERVER_START = dt.datetime(2026, 6, 10, 9, 30, tzinfo=dt.UTC)


def server_clock(start: dt.datetime = SERVER_START) -> Clock:
    began = time.monotonic()
    return lambda: start + dt.timedelta(seconds=time.monotonic() - began)


class LiveServer:
    """uvicorn in a background thread on 127.0.0.1, serving one app until `stop()`. The
    listening socket is bound here, on a port the system picks, and handed to uvicorn, so
    servers of parallel test workers never race for a port."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.port: int = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()
        self.app.state.gerdy.engine.dispose()


def settle(page: Page) -> None:
    """Wait until the page has laid out and drawn at its new size or colour scheme."""
    page.evaluate(TWO_FRAMES)


def watch_errors(page: Page) -> None:
    """Record the page's console errors and uncaught exceptions (`page_errors(page)`)."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console.error at {page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"page error at {page.url}: {error}"))
    setattr(page, ERRORS_KEY, errors)


def page_errors(page: Page) -> list[str]:
    errors: list[str] = getattr(page, ERRORS_KEY)
    return errors


def screenshots_wanted() -> bool:
    """Screenshots are for people to look at (artifacts/screenshots/); under CI=true, where
    nobody does, they are not taken unless GERDY_SCREENSHOTS=1. No test asserts on them."""
    return os.environ.get("GERDY_SCREENSHOTS", "0" if running_in_ci() else "1") == "1"


def shoot(target: Page | Locator, name: str) -> None:
    """artifacts/screenshots/NAME.png of a whole page (full length) or of one element."""
    if not screenshots_wanted():
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = str(SCREENSHOTS / f"{name}.png")
    if isinstance(target, Page):
        target.screenshot(path=path, full_page=True)
    else:
        target.screenshot(path=path)


def screenshot(page: Page, name: str) -> list[Path]:
    """Full-page screenshots at phone (390 and 360 px) and desktop width, and the phone in
    dark mode: artifacts/screenshots/NAME-{phone,phone-360,desktop,phone-dark}.png."""
    if not screenshots_wanted():
        return []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    paths = []
    shots: tuple[tuple[str, ViewportSize, ColorScheme], ...] = (
        ("phone", PHONE, "light"),
        ("phone-360", PHONE_360, "light"),
        ("desktop", DESKTOP, "light"),
        ("phone-dark", PHONE, "dark"),
    )
    for label, size, scheme in shots:
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size(size)
        settle(page)
        path = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
    page.emulate_media(color_scheme="light")
    if before:
        page.set_viewport_size(before)
    return paths


def create_account(
    server: LiveServer, email: str, password: str = PASSWORD, *, clinician: str | None = None
) -> str:
    """An account made through the services, as sign-up makes it (a clinician's, signing with
    the name `clinician`, when one is given), but without counting against the server's
    sign-ups per address (journeys that need many runners sign in instead)."""
    from gerdy.services.accounts import normal_email
    from gerdy.services.passwords import hash_password
    from gerdy.web.auth import clinician_name

    cleaned = normal_email(email)
    role = "runner" if clinician is None else "clinician"
    server.app.state.gerdy.accounts.create(
        cleaned, hash_password(password), role=role, display_name=clinician_name(role, clinician)
    )
    return cleaned


def sign_in(page: Page, email: str, password: str = PASSWORD, then: str = "**/intake") -> None:
    """Sign in through the sign-in form and wait for the page it leads to."""
    page.goto("/signin")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#signin-form button[type=submit]")
    page.wait_for_url(then)


def answer_intake_questions(page: Page, side: str = "left", *yes: str) -> None:
    """Answer every intake question (each starts unanswered): the sore side, then No to each
    yes/no question except the fields named in `yes`."""
    page.check(f"#intake-form input[name=side][value={side}]")
    names = page.eval_on_selector_all(
        "#intake-form input[type=radio][value=no]", "inputs => inputs.map(i => i.name)"
    )
    for name in names:
        page.check(f"#intake-form input[name={name}][value={'yes' if name in yes else 'no'}]")


def fast_forward(page: Page, seconds: float) -> None:
    """Move the player's test clock on and let the player catch up."""
    page.evaluate(
        "ms => { window.__gerdyClock.t += ms; window.gerdyPlayer.tick(); }", seconds * 1000
    )


def sign_up(page: Page, email: str | None = None) -> dt.date:
    """Sign up a runner through the sign-up form (a fresh address unless one is given); the
    sign-up lands on the intake. Returns the intake's proposed start date: the runner's
    today. (Journeys about something else make their runners without the forms:
    `quick_runner`.)"""
    address = email or f"r.{uuid.uuid4().hex[:12]}@example.org"
    page.goto("/signup")
    page.fill("#email", address)
    page.fill("#password", PASSWORD)
    page.click("#signup-form button[type=submit]")
    page.wait_for_url("**/intake")
    return dt.date.fromisoformat(page.input_value("#start_date"))


def sign_up_clinician(page: Page, email: str, name: str) -> None:
    """Sign up a clinician through the sign-up form; it lands on the caseload."""
    page.goto("/signup")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.check("input[name=role][value=clinician]")
    page.fill("#name", name)
    page.click("#signup-form button[type=submit]")
    page.wait_for_url("**/caseload")


def through_intake(
    page: Page, *, weekly_minutes: int = 120, days_ago: int = 0, side: str = "left",
    yes: tuple[str, ...] = (), strength_in: tuple[int, ...] = (), cadence: int | None = None,
) -> dt.date:  # fmt: skip
    """Go through the intake the page is on: day 1 `days_ago` days ago (-1: tomorrow), the
    intake questions answered (Yes to the fields in `yes`), strength on the weekdays this
    many days from today (`strength_in`, or the default days), the cadence if given.
    Returns today's date."""
    today = dt.date.fromisoformat(page.input_value("#start_date"))
    page.fill("#weekly_minutes", str(weekly_minutes))
    page.fill("#start_date", (today - dt.timedelta(days=days_ago)).isoformat())
    if cadence is not None:
        page.fill("#cadence", str(cadence))
    answer_intake_questions(page, side, *yes)
    if strength_in:
        page.click("#intake-form details summary")
        for offset in strength_in:
            weekday = WEEKDAYS[(today.weekday() + offset) % 7]
            page.check(f"input[name=strength_days][value={weekday}]")
    page.click("#intake-form button[type=submit]")
    page.wait_for_url("**/welcome")
    return today


def new_runner(
    page: Page, *, weekly_minutes: int, days_ago: int, side: str = "left",
    yes: tuple[str, ...] = (), strength_in: tuple[int, ...] = (), cadence: int | None = None,
    email: str | None = None,
) -> dt.date:  # fmt: skip
    """Sign up (as `email`, or a fresh address) and go through the intake (`through_intake`),
    in the browser. Returns today's date."""
    sign_up(page, email)
    return through_intake(
        page, weekly_minutes=weekly_minutes, days_ago=days_ago, side=side, yes=yes,
        strength_in=strength_in, cadence=cadence,
    )  # fmt: skip


# --- without the forms ------------------------------------------------------------------------
# Most journeys need a runner (or a clinician) before what they test. Going through sign-up,
# the intake and the welcome page costs chromium three or four page loads; these helpers make
# the same account, profile and signed-in browser through the app's own code instead, loading
# no page (the page they are given stays where it was: the test opens what it needs).
# test_journey.py proves the shortcut stores what the forms store; the forms themselves are
# driven by the journeys whose subject they are (test_journey, test_account_journeys, the
# accessibility and phone-layout checks of the sign-up and intake pages, ...).
SAME_SITE: dict[str, Literal["Lax", "None", "Strict"]] = {
    "lax": "Lax",
    "none": "None",
    "strict": "Strict",
}


def app_request(server: LiveServer, context: BrowserContext, path: str) -> Request:
    """A POST to `path` of the live app as `context` would send it (its cookies for the
    server), for calling the app's own request-level code without a browser."""
    headers = [(b"host", f"127.0.0.1:{server.port}".encode())]
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies(server.url))
    if cookies:
        headers.append((b"cookie", cookies.encode()))
    scope = {
        "type": "http",
        "app": server.app,
        "method": "POST",
        "scheme": "http",
        "server": ("127.0.0.1", server.port),
        "client": ("127.0.0.1", 0),
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "http_version": "1.1",
    }
    return Request(scope)


def keep_cookies(context: BrowserContext, response: Response) -> None:
    """Do with `response`'s Set-Cookie headers what the browser does: keep each cookie with
    its attributes, drop the ones it deletes."""
    for header in response.headers.getlist("set-cookie"):
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            max_age = morsel["max-age"]
            if max_age != "" and int(max_age) <= 0:
                context.clear_cookies(name=name)
                continue
            same_site = SAME_SITE[str(morsel["samesite"] or "lax").lower()]
            context.add_cookies([{
                "name": name,
                "value": morsel.value,
                "domain": "127.0.0.1",  # the server's host (`LiveServer`)
                "path": morsel["path"] or "/",
                "httpOnly": bool(morsel["httponly"]),
                "secure": bool(morsel["secure"]),
                "sameSite": same_site,
                "expires": time.time() + int(max_age) if max_age != "" else -1,
            }])  # fmt: skip


def sign_in_quickly(context: BrowserContext, server: LiveServer, email: str) -> None:
    """Sign `context` in as `email` without loading a page: what the sign-in form's answer
    does (`start_session`, closing the browser's old session, and `remember_device`), by the
    app's own code, its cookies kept as the browser keeps them."""
    from starlette.responses import RedirectResponse

    from gerdy.web.auth import remember_device
    from gerdy.web.sessions import start_session

    state = server.app.state.gerdy
    account = state.accounts.by_email(email)
    assert account is not None, f"no account {email}"
    request = app_request(server, context, "/signin")
    response = RedirectResponse("/today", status_code=303)
    start_session(request, response, account)
    remember_device(request, response, account)
    keep_cookies(context, response)


def intake_form(
    server: LiveServer, today: dt.date, *, weekly_minutes: int = 120, days_ago: int = 0,
    side: str = "left", yes: tuple[str, ...] = (), strength_in: tuple[int, ...] = (),
    cadence: int | None = None,
) -> FormData:  # fmt: skip
    """The intake form as `through_intake` fills it in and the browser sends it: every field
    of the form, in its order (each yes/no question and follow-up answered, the optional
    settings left as the page gives them, the ticked strength days in the week's order)."""
    from gerdy.intake import intake_questions

    questions = intake_questions(server.app.state.gerdy.protocol).all
    names = [q.name for question in questions for q in (question, *question.follow_up)]
    days = {WEEKDAYS[(today.weekday() + offset) % 7] for offset in strength_in}
    return FormData([
        ("side", side),
        ("weekly_minutes", str(weekly_minutes)),
        ("start_date", (today - dt.timedelta(days=days_ago)).isoformat()),
        ("cadence", "" if cadence is None else str(cadence)),
        *((name, "yes" if name in yes else "no") for name in names),
        ("track", ""),
        ("units", "metric"),
        ("timezone", ""),
        *(("strength_days", day) for day in WEEKDAYS if day in days),
    ])  # fmt: skip


def intake_quickly(
    server: LiveServer, email: str, *, weekly_minutes: int = 120, days_ago: int = 0,
    side: str = "left", yes: tuple[str, ...] = (), strength_in: tuple[int, ...] = (),
    cadence: int | None = None,
) -> dt.date:  # fmt: skip
    """`through_intake`'s answers saved for the runner `email` by the intake's own route
    function, without a browser. Returns the runner's today, the date the intake page
    proposes (`server_clock`)."""
    from gerdy.services import today_for
    from gerdy.web.pages.intake import save_intake
    from gerdy.web.sessions import Viewer

    state = server.app.state.gerdy
    account = state.accounts.by_email(email)
    assert account is not None, f"no account {email}"
    now = state.now()
    today = today_for(None, now)
    form = intake_form(
        server, today, weekly_minutes=weekly_minutes, days_ago=days_ago, side=side, yes=yes,
        strength_in=strength_in, cadence=cadence,
    )  # fmt: skip
    coach = state.coach_for(account.person_handle, lambda: now)  # as `sessions.viewer` does
    save_intake(Viewer(account=account, csrf_token="", coach=coach, now=now), form)
    return today


def quick_runner(
    browser: Page | BrowserContext, server: LiveServer, *, weekly_minutes: int, days_ago: int,
    side: str = "left",
    yes: tuple[str, ...] = (), strength_in: tuple[int, ...] = (), cadence: int | None = None,
    email: str | None = None,
) -> dt.date:  # fmt: skip
    """`new_runner` without loading a page: the account (`create_account`, as `email` or a
    fresh address), the intake's answers (`intake_quickly`) and the browser signed in
    (`sign_in_quickly`): a page's context (the page stays where it was), or a context, which
    need not have a page yet. Returns today's date."""
    address = create_account(server, email or f"r.{uuid.uuid4().hex[:12]}@example.org")
    today = intake_quickly(
        server, address, weekly_minutes=weekly_minutes, days_ago=days_ago, side=side, yes=yes,
        strength_in=strength_in, cadence=cadence,
    )  # fmt: skip
    sign_in_quickly(browser.context if isinstance(browser, Page) else browser, server, address)
    return today


def quick_clinician(
    browser: Page | BrowserContext, server: LiveServer, email: str, name: str
) -> None:
    """`sign_up_clinician` without loading a page: the clinician's account, signing with
    `name`, and the browser (a page's context or a context) signed in."""
    context = browser.context if isinstance(browser, Page) else browser
    sign_in_quickly(context, server, create_account(server, email, clinician=name))


def widths_and_schemes(page: Page, what: str) -> Iterator[tuple[str, str]]:
    """Show the page at each of `WIDTHS`, light then dark, checking that nothing scrolls
    sideways (`what` names the page in the failure); yields (width label, scheme) for the
    screenshots, and leaves the page light."""
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        for label, size in WIDTHS:
            page.set_viewport_size(size)
            settle(page)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= size["width"], f"{what} scrolls sideways at {label}: {wide}px " + (
                page.evaluate(WIDEST)
            )
            yield label, scheme
    page.emulate_media(color_scheme="light")


def runner_page(
    live_server: LiveServer, new_context: NewContext, viewport: ViewportSize, *yes: str,
    side: str = "left",
) -> Page:  # fmt: skip
    """A fresh runner in a new context with the player's test clock, signed in without the
    forms (`quick_runner`; no page loaded yet): day 1 was 20 days ago, strength is due today."""
    context = new_context(live_server.url, viewport=viewport)
    context.add_init_script(TEST_CLOCK)
    page = context.new_page()
    quick_runner(
        page, live_server, weekly_minutes=120, days_ago=20, side=side, yes=yes,
        strength_in=(0, 2, 4),
    )  # fmt: skip
    return page


def events(page: Page) -> list[dict[str, Any]]:
    """The signed-in runner's events, as the API gives them."""
    found: list[dict[str, Any]] = page.evaluate("fetch('/api/events').then(r => r.json())")
    return found


def answer_checkin(page: Page, pain: int, rest: int = 0, yes: Sequence[str] = ()) -> None:
    """The check-in page's answers: the two pain scales, a yes to each symptom in `yes`, then
    "None of these" for the others (the page assumes no answer)."""
    page.check(f"input[name=pain_daily][value='{pain}']")
    page.check(f"input[name=pain_rest][value='{rest}']")
    for symptom in yes:
        page.check(f"input[name={symptom}][value=yes]")
    page.check("input[name=no_symptoms]")


def answer_run(page: Page, minutes: str, pain: int = 0, worsened: bool | None = None) -> None:
    """The Runs form's questions: minutes, pain during and, when it hurt, whether it got worse
    (the 2-hour question left for later)."""
    page.fill("#run-minutes", minutes)
    page.check(f"input[name=pain_during][value='{pain}']")
    if worsened is not None:
        page.check(f"input[name=pain_worsened][value={'yes' if worsened else 'no'}]")
