"""Offline first, in a real browser with its service worker: the day's pages kept once Today was
opened online, a stretching session, a check-in and a run logged with no network, queued on
the device and synced exactly once when the network returns (also when the first sync's answer
is lost on the way); refusals kept with their reason; a second account on the same browser
sees nothing of the first's; the installed app's manifest passes Chromium's own check."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize, expect

from .support import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    TEST_CLOCK,
    LiveServer,
    NewContext,
    answer_checkin,
    answer_run,
    create_account,
    events,
    intake_quickly,
    page_errors,
    quick_runner,
    screenshot,
    sign_in,
    widths_and_schemes,
)
from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser
PHONE_360: ViewportSize = {"width": 360, "height": 800}
SYNC_WITHIN_S = 10
STATUS = "#offline-status"
ONLINE_ONLY = ("Failed to load resource", "net::ERR_INTERNET_DISCONNECTED", "ERR_FAILED")


def offline_runner(live_server: LiveServer, new_context: NewContext, **options: Any) -> Page:
    """A runner at 360x800 (day 21, strength due today), made without the forms
    (`quick_runner`), whose Today was opened online and whose day the worker has kept."""
    context = new_context(live_server.url, viewport=PHONE_360, **options)
    context.add_init_script(TEST_CLOCK)
    page = context.new_page()
    quick_runner(page, live_server, weekly_minutes=120, days_ago=20, strength_in=(0, 2, 4))
    open_today_online(page)
    return page


def open_today_online(page: Page) -> None:
    page.goto("/today")
    assert page.get_attribute("html", "data-delivery") == "network"
    page.wait_for_selector("html[data-offline-ready=true]", state="attached", timeout=30000)


def reload_offline(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("data-delivery", "offline")


def waiting(page: Page, count: int) -> None:
    expect(page.locator(f"{STATUS} [data-offline-waiting]")).to_contain_text(
        f"{count} {'entry' if count == 1 else 'entries'} waiting"
    )


def stretch_in_the_player(page: Page) -> None:
    page.click("[data-session-link=stretch]")
    page.wait_for_url("**/session/stretch")
    expect(page.locator("html")).to_have_attribute("data-delivery", "offline")
    page.click("#player-start")
    page.click("#player-end")
    page.wait_for_selector("#player-review")
    for box in page.locator("#player-review input[id$=-did]").all():
        box.check()
    page.click("#player-log")
    page.wait_for_url(re.compile(r"/today\?saved=stretch"))


def check_in_offline(page: Page) -> None:
    reload_offline(page, "/checkin")
    answer_checkin(page, 1, 0)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_url(re.compile(r"/today$"))


def log_run_offline(page: Page) -> None:
    reload_offline(page, "/runs")
    answer_run(page, "12", pain=0)
    page.fill("#run-note", "offline run")
    with page.expect_navigation(url=re.compile(r"/runs$")):  # the same address, drawn again
        page.click("#run-form button[type=submit]")
    expect(page.locator(f"{STATUS} [data-offline-kept]")).to_contain_text("Run of 12 min")


def todays(page: Page, today: dt.date) -> Counter[str]:
    """The kinds of today's events that still count, as the API gives them."""
    found = events(page)
    gone = {e["supersedes"] for e in found if e.get("supersedes")}
    return Counter(
        e["type"] for e in found if e["date"] == today.isoformat() and e.get("id") not in gone
    )


def day_offline(page: Page) -> None:
    """Reload Today with no network, then the player's stretching session, a check-in and a
    run: three entries waiting on the device."""
    page.context.set_offline(True)
    reload_offline(page, "/today")
    expect(page.locator(f"{STATUS} [data-offline-as-of]")).to_contain_text(
        re.compile(r"Offline — as of \d\d:\d\d")
    )
    assert page.locator("#tasks section[data-session=stretch]").count() == 1
    stretch_in_the_player(page)
    waiting(page, 1)
    expect(page.locator("[data-offline-pending=stretch]")).to_contain_text("waiting to be sent")
    check_in_offline(page)
    waiting(page, 2)
    expect(page.locator("#checkin-first [data-offline-pending=checkin]")).to_be_visible()
    log_run_offline(page)
    waiting(page, 3)


def synced(page: Page) -> float:
    """Back online: seconds until the banner says every entry was sent."""
    began = time.monotonic()
    page.context.set_offline(False)
    expect(page.locator(f"{STATUS} [data-offline-synced]")).to_contain_text(
        "synced", ignore_case=True, timeout=SYNC_WITHIN_S * 1000
    )
    return time.monotonic() - began


def exactly_once(page: Page, today: dt.date) -> None:
    kinds = todays(page, today)
    assert kinds["stretch"] == 1 and kinds["checkin"] == 1 and kinds["run"] == 1, kinds
    page.goto("/history")
    history = page.inner_text("main")
    assert history.count("offline run") == 1, "History shows the run once"
    page.goto("/today")
    assert page.locator("#checkin-first").count() == 0, "Today knows the check-in"
    stretch = page.locator("#tasks section[data-session=stretch]")
    expect(stretch).to_have_attribute("data-done", "true")


def test_a_day_offline_is_synced_exactly_once(
    live_server: LiveServer, new_context: NewContext
) -> None:
    page = offline_runner(live_server, new_context)
    today = dt.date.fromisoformat(str(page.get_attribute("#today", "data-date")))
    before = todays(page, today)
    day_offline(page)
    screenshot(page, "offline-runs-waiting")
    seconds = synced(page)
    assert seconds < SYNC_WITHIN_S
    after = todays(page, today)
    assert after - before == Counter({"stretch": 1, "checkin": 1, "run": 1}), after
    exactly_once(page, today)
    errors = [e for e in page_errors(page) if not any(s in e for s in ONLINE_ONLY)]
    assert errors == []


def test_a_sync_cut_mid_way_still_writes_once(
    live_server: LiveServer, new_context: NewContext
) -> None:
    """The first request reaches the server and writes, but its answer never comes back: the
    queue sends it again with the same client id and the server writes nothing more."""
    page = offline_runner(live_server, new_context)
    today = dt.date.fromisoformat(str(page.get_attribute("#today", "data-date")))
    day_offline(page)
    cut: list[int] = []

    def cut_once(route: Route) -> None:
        request = route.request
        if request.method == "POST" and not cut and request.headers.get("idempotency-key"):
            cut.append(route.fetch().status)  # the server writes the entry...
            route.abort("connectionreset")  # ...and its answer is lost
        else:
            route.fallback()

    page.context.route("**/api/**", cut_once)
    assert synced(page) < SYNC_WITHIN_S
    assert cut == [201], "the first sync request was written, then cut"
    page.context.unroute("**/api/**")
    exactly_once(page, today)


def test_a_refused_entry_is_kept_with_the_reason(
    live_server: LiveServer, new_context: NewContext, axe_script: Path
) -> None:
    page = offline_runner(live_server, new_context, bypass_csp=True)
    page.context.set_offline(True)
    reload_offline(page, "/checkin")
    page.check("input[name=pain_daily][value='1']")
    page.check("input[name=pain_rest][value='0']")
    page.click("#checkin-form button[type=submit]")  # no symptom answered: nothing is assumed
    expect(page.locator("#offline-form-error")).to_contain_text("Not answered")
    assert "/checkin" in page.url
    assert page.locator("fieldset.unanswered[data-symptom]").count() >= 1
    assert page.get_attribute("html", "data-offline-waiting") == "0"
    page.click("#checkin-form details summary")
    page.evaluate("document.getElementById('date').removeAttribute('max')")
    page.fill("#date", "2020-01-01")  # before the record starts: the server refuses it
    answer_checkin(page, 1)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_url(re.compile(r"/today$"))
    waiting(page, 1)
    offline_today = serious_violations(page, axe_script)
    assert not offline_today, describe(offline_today)
    screenshot(page, "offline-today-waiting")
    page.context.set_offline(False)
    refused = page.locator(f"{STATUS} [data-offline-refused] li")
    expect(refused).to_have_count(1, timeout=SYNC_WITHIN_S * 1000)
    assert "was not accepted" in refused.inner_text()
    assert "kept on this device" in refused.inner_text()
    violations = serious_violations(page, axe_script)
    assert not violations, describe(violations)
    screenshot(page, "offline-refused")
    page.reload()
    expect(page.locator(f"{STATUS} [data-offline-refused] li")).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-offline-remove]")
    expect(page.locator(f"{STATUS} [data-offline-refused]")).to_have_count(0)


def test_a_check_in_replaced_while_offline_is_kept_with_the_reason(
    live_server: LiveServer, new_context: NewContext
) -> None:
    """Checked in on the phone without signal; meanwhile a later check-in of the day was
    saved elsewhere: the phone's is refused with the reason, not saved over the later one."""
    page = offline_runner(live_server, new_context)
    today = dt.date.fromisoformat(str(page.get_attribute("#today", "data-date")))
    page.context.set_offline(True)
    check_in_offline(page)
    waiting(page, 1)
    api = page.context.request  # another device: not the browser's (offline) network
    token = api.get("/api/csrf").json()["csrf_token"]
    later = {
        "date": today.isoformat(),
        "pain_daily": 4,
        "pain_rest": 1,
        "swelling": True,
        "none_of_these": True,
    }
    assert api.post("/api/checkins", data=later, headers={"X-CSRF-Token": token}).status == 201
    page.context.set_offline(False)
    refused = page.locator(f"{STATUS} [data-offline-refused] li")
    expect(refused).to_have_count(1, timeout=SYNC_WITHIN_S * 1000)
    expect(refused).to_contain_text("was saved after this one was made")
    checkins = [
        e for e in events(page) if e["type"] == "checkin" and e["date"] == today.isoformat()
    ]
    assert [c["pain_daily"] for c in checkins] == [4], "the later check-in stands alone"


def cached_text(page: Page) -> str:
    """Every page the worker keeps on this browser, as one text."""
    found: str = page.evaluate(
        """async () => {
            const texts = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    const response = await cache.match(request);
                    texts.push(name + ' ' + request.url + '\\n' + await response.text());
                }
            }
            return texts.join('\\n');
        }"""
    )
    return found


def test_a_second_account_sees_nothing_of_the_first(
    live_server: LiveServer, new_context: NewContext
) -> None:
    page = offline_runner(live_server, new_context)
    first_key = page.get_attribute("meta[name=gerdy-offline-key]", "content")
    page.context.set_offline(True)
    log_run_offline(page)  # left waiting: signing out asks before deleting it
    waiting(page, 1)
    page.context.set_offline(False)
    page.once("dialog", lambda dialog: dialog.dismiss())  # never: it is sent first
    synced(page)
    page.goto("/more")
    page.click("main form[action='/signout'] button[type=submit]")
    page.wait_for_url("**/signin")
    assert first_key and first_key not in cached_text(page)
    assert "offline run" not in cached_text(page)
    second = create_account(live_server, "second.account@example.org")
    intake_quickly(live_server, second, weekly_minutes=200, days_ago=3)
    sign_in(page, second, then="**/today")  # through the form, in the same browser
    open_today_online(page)
    second_key = page.get_attribute("meta[name=gerdy-offline-key]", "content")
    assert second_key != first_key
    kept = cached_text(page)
    assert first_key not in kept and "offline run" not in kept
    page.context.set_offline(True)
    for path in ("/today", "/runs", "/checkin"):
        reload_offline(page, path)
        assert page.get_attribute("meta[name=gerdy-offline-key]", "content") == second_key
        assert "offline run" not in page.content()
    page.goto("/history")  # not kept: the offline page, nobody's
    assert "You are offline" in page.inner_text("main")
    page.context.set_offline(False)
    page.goto("/history")
    assert "offline run" not in page.inner_text("main")


def test_signing_out_offline_asks_before_deleting_what_waits(
    live_server: LiveServer, new_context: NewContext
) -> None:
    page = offline_runner(live_server, new_context)
    page.context.set_offline(True)
    log_run_offline(page)
    questions: list[str] = []

    def answer(dialog: Any, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.click("header form.signout button[type=submit]")
    for _ in range(50):
        if questions:
            break
        page.wait_for_timeout(100)
    expect(page.locator(f"{STATUS} [data-offline-waiting]")).to_contain_text("1 entry waiting")
    assert questions and "1 entry saved on this device" in questions[0]
    assert "/runs" in page.url, "staying signed in keeps the entry"
    page.context.route("**/api/runs", lambda route: route.abort())  # every sync fails
    page.context.set_offline(False)
    page.once("dialog", lambda d: answer(d, True))
    page.click("header form.signout button[type=submit]")
    page.wait_for_url("**/signin")
    assert len(questions) == 2
    left = page.evaluate(
        """() => new Promise(done => {
            const open = indexedDB.open('gerdy-offline', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('entries', {keyPath: 'id'});
            open.onsuccess = () => {
                const get = open.result.transaction('entries').objectStore('entries').count();
                get.onsuccess = () => done(get.result);
            };
        })"""
    )
    assert left == 0
    names = page.evaluate("caches.keys()")
    assert not [name for name in names if name.startswith("gerdy-pages-")], names


def test_chromium_finds_the_app_installable(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    """Playwright's usual contexts are off the record (Chromium then always answers
    "in-incognito"): a persistent profile, as a phone's browser has."""
    context: BrowserContext = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_FLAGS,
        base_url=live_server.url,
        viewport=PHONE_360,
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/signin")
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest.get("errors") == [], manifest.get("errors")
        deadline = time.monotonic() + 10
        while True:
            errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            if not errors or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert errors == []
        icons = page.evaluate(
            """async () => {
                const manifest = await (await fetch('/manifest.webmanifest')).json();
                return Promise.all(manifest.icons.map(icon => new Promise(done => {
                    const image = new Image();
                    image.onload = () => done([icon.sizes, image.naturalWidth + 'x' +
                        image.naturalHeight]);
                    image.src = icon.src;
                })));
            }"""
        )
        assert icons and all(declared == drawn for declared, drawn in icons), icons
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10000)
    finally:
        context.close()


def test_screenshots_of_the_offline_states(
    live_server: LiveServer, new_context: NewContext
) -> None:
    page = offline_runner(live_server, new_context)
    page.context.set_offline(True)
    log_run_offline(page)
    reload_offline(page, "/today")
    waiting(page, 1)
    expect(page.locator(".session-list [data-offline-pending=run]")).to_be_visible()
    for _label, _scheme in widths_and_schemes(page, "the offline Today"):
        pass  # nothing scrolls sideways, light or dark, at 360, 390 and desktop widths
    screenshot(page, "offline-today")
    page.context.set_offline(False)
    synced(page)
    screenshot(page, "offline-synced")
