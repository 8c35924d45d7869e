"""Real-browser fixtures: the web app served by uvicorn on loopback over a temp SQLite file,
and Debian's headless chromium (`/usr/bin/chromium`) driven by Playwright's sync API.

Playwright never downloads a browser here: it launches the system chromium by path. Without
/usr/bin/chromium (or node_modules/axe-core for the accessibility checks) the tests are
skipped locally but fail in CI (`CI=true`), so a broken CI set-up cannot pass by skipping.
Every page of a context records its console errors (a CSP violation is one): see
`support.page_errors`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from gerdy.web.app import create_app

from .support import (
    AXE_JS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    PHONE,
    ROOT,
    TEST_CLOCK,
    DemoPage,
    LiveServer,
    NewContext,
    page_errors,
    server_clock,
    sign_in_quickly,
    skip_or_fail,
    watch_errors,
)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_JS.exists():
        skip_or_fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `npm ci`")
    return AXE_JS


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a fresh SQLite file, at the test clock (`support.server_clock`)."""
    database = tmp_path_factory.mktemp("web-e2e") / "gerdy.sqlite"
    server = LiveServer(create_app(f"sqlite:///{database}", clock=server_clock())).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with `gerdy serve --demo`'s populated sample runner (charts with history)."""
    database = tmp_path_factory.mktemp("web-e2e-demo") / "gerdy.sqlite"
    app = create_app(f"sqlite:///{database}", demo=True, clock=server_clock())
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def open_context(browser: Browser, base_url: str, **options: Any) -> BrowserContext:
    """A fresh browser profile on `base_url`, phone-sized unless `options` (Playwright's
    `new_context` keywords) say otherwise; its pages record their console errors."""
    settings: dict[str, Any] = {
        "base_url": base_url,
        "viewport": PHONE,
        "accept_downloads": True,
        "locale": "en-GB",
    }
    settings.update(options)
    context = browser.new_context(**settings)
    context.on("page", watch_errors)
    return context


@pytest.fixture
def new_context(browser: Browser) -> Iterator[NewContext]:
    """`new_context(base_url, **options)`: a fresh browser profile, phone-sized by default."""
    contexts: list[BrowserContext] = []

    def _new(base_url: str, **options: Any) -> BrowserContext:
        context = open_context(browser, base_url, **options)
        contexts.append(context)
        return context

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def demo_state(
    browser: Browser, demo_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The demo runner's signed-in cookies, for every signed-in page (signed in without the
    form: `support.sign_in_quickly`; the sign-in page has its own checks)."""
    email, _password = demo_server.app.state.gerdy.demo_credentials
    context = browser.new_context(base_url=demo_server.url)
    sign_in_quickly(context, demo_server, email)
    path = Path(tmp_path_factory.mktemp("demo-state")) / "state.json"
    context.storage_state(path=str(path))
    context.close()
    return path


@pytest.fixture
def demo_page(new_context: NewContext, demo_server: LiveServer, demo_state: Path) -> DemoPage:
    """`demo_page(signed_in, **options)`: a page on the `--demo` server, as the demo runner or
    signed out, with the player's test clock; options go to `new_context`."""

    def _page(signed_in: bool, **options: Any) -> Page:
        if signed_in:
            options["storage_state"] = str(demo_state)
        context = new_context(demo_server.url, **options)
        context.add_init_script(TEST_CLOCK)
        return context.new_page()

    return _page


@pytest.fixture(scope="module")
def demo_tab(browser: Browser, demo_server: LiveServer, demo_state: Path) -> Iterator[DemoPage]:
    """`demo_tab(signed_in, **options)`: like `demo_page`, but one open page per set of
    options for the whole module, which each test navigates afresh; its console errors are
    cleared each time it is handed out. For the page-by-page checks that only read: in a new
    context chromium spends about 1 CPU-second on a page, in an open one about a third of
    that. A check that leaves something in the browser (an account, the player's place in
    localStorage) takes `demo_page` instead."""
    pages: dict[str, Page] = {}

    def _tab(signed_in: bool, **options: Any) -> Page:
        key = repr((signed_in, sorted(options.items())))
        if key not in pages:
            if signed_in:
                options["storage_state"] = str(demo_state)
            context = open_context(browser, demo_server.url, **options)
            context.add_init_script(TEST_CLOCK)
            pages[key] = context.new_page()
        page = pages[key]
        page_errors(page).clear()
        return page

    yield _tab
    for page in pages.values():
        page.context.close()
