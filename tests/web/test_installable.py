"""The installable app: the manifest and its icons, the service worker at the root scope, the
asset version on every static URL, and the offline key that keeps one account's kept pages
and queued entries apart from another's."""

from __future__ import annotations

import io
import re
import runpy
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image

from gerdy.web.offline import asset_version

from .clinic import clinician_client
from .conftest import PASSWORD, TODAY, csrf_of, signed_up

ROOT = Path(__file__).resolve().parents[2]
KEY_META = re.compile(r'<meta name="gerdy-offline-key" content="([^"]+)">')


def test_manifest_makes_the_app_installable_at_today(client: TestClient) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["name"] and manifest["short_name"] == "gerdy"
    assert manifest["start_url"] == "/today" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    page = client.get("/signin").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    schemes = re.findall(r'name="theme-color" content="#[0-9a-f]{6}" media="\(([^)]+)\)"', page)
    assert schemes == ["prefers-color-scheme: light", "prefers-color-scheme: dark"]


def test_manifest_icons_exist_at_their_sizes(client: TestClient) -> None:
    icons = client.get("/manifest.webmanifest").json()["icons"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in icons}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in icons:
        response = client.get(icon["src"])
        assert response.status_code == 200, icon["src"]
        assert response.headers["content-type"] == "image/png"
        with Image.open(io.BytesIO(response.content)) as image:
            width, height = (int(n) for n in icon["sizes"].split("x"))
            assert image.size == (width, height), icon["src"]
            assert image.format == "PNG"


def test_icons_are_the_ones_the_script_draws() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "draw_icons.py"))
    assert script["main"](["--check"]) == 0, "run scripts/draw_icons.py"


def test_service_worker_is_served_at_the_root_scope(client: TestClient) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["service-worker-allowed"] == "/"
    assert "no-store" not in response.headers["cache-control"]
    assert "default-src 'self'" in response.headers["content-security-policy"]
    body = response.text
    assert "__GERDY_" not in body, "every placeholder is written in"
    assert f'var VERSION = "{asset_version()}";' in body
    kept = re.search(r"var PRECACHE = (\[.*?\]);", body)
    assert kept is not None
    for url in re.findall(r'"([^"]+)"', kept.group(1)):
        assert client.get(url).status_code == 200, url


def test_static_urls_carry_the_asset_version(client: TestClient) -> None:
    page = client.get("/signin").text
    urls = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
    assert urls, "the page names its scripts and styles"
    assert all(url.endswith(f"?v={asset_version()}") for url in urls), urls


def test_offline_page_is_nobodys(client: TestClient) -> None:
    response = client.get("/offline")
    assert response.status_code == 200
    assert response.headers["gerdy-offline-key"] == "none"
    assert "You are offline" in response.text


def offline_key(client: TestClient, path: str = "/today") -> str:
    response = client.get(path)
    found = KEY_META.search(response.text)
    assert found, path
    assert response.headers["gerdy-offline-key"] == found.group(1)
    assert response.headers["gerdy-assets"] == asset_version()
    return found.group(1)


def test_offline_key_is_opaque_per_account_and_stable(app: FastAPI, runner: TestClient) -> None:
    key = offline_key(runner)
    assert re.fullmatch(r"[0-9a-f]{32}", key)
    assert key == offline_key(runner, "/checkin") == offline_key(runner, "/library")
    other = signed_up(TestClient(app), "other@example.org")
    assert offline_key(other) != key
    assert "runner" not in key and key not in runner.get("/api/me").text
    again = TestClient(app)
    again.cookies.update(runner.cookies)
    assert offline_key(again) == key
    assert offline_key(TestClient(app), "/signin") == "none"
    assert offline_key(clinician_client(app), "/caseload") == "none"


def test_an_entry_made_for_another_account_is_refused(app: FastAPI, runner: TestClient) -> None:
    """What one account queued on a shared device never lands in another's record."""
    other = signed_up(TestClient(app), "other@example.org")
    theirs = offline_key(other)
    headers = {"X-CSRF-Token": csrf_of(runner)}
    stretch = {"type": "stretch", "date": TODAY.isoformat(), "items": ["pigeon"]}
    before = len(runner.get("/api/events").json())
    refused = runner.post(
        "/api/events", json=stretch, headers=headers | {"Gerdy-Offline-Key": theirs}
    )
    assert refused.status_code == 409
    assert "another account" in refused.json()["detail"]
    assert len(runner.get("/api/events").json()) == before
    mine = headers | {"Gerdy-Offline-Key": offline_key(runner)}
    assert runner.post("/api/events", json=stretch, headers=mine).status_code == 201
    assert runner.post("/api/events", json=stretch, headers=headers).status_code == 201
    signed_out = TestClient(app).post("/api/events", json=stretch, headers=mine)
    assert signed_out.status_code in (401, 403)


def test_leaving_clears_the_devices_kept_pages_and_queue(app: FastAPI) -> None:
    """Sign out, sign out everywhere and account deletion tell the browser to drop what the
    worker kept and the offline queue (Clear-Site-Data), even if the page's script did not."""
    for path in ("/signout", "/signout/everywhere"):
        client = signed_up(TestClient(app), f"leaving{path.count('/')}@example.org")
        left = client.post(path, data={"csrf_token": csrf_of(client)}, follow_redirects=False)
        assert left.status_code == 303 and left.headers["location"] == "/signin"
        assert left.headers["clear-site-data"] == '"cache", "storage"', path
        assert client.get("/today", follow_redirects=False).status_code in (303, 401)
    client = signed_up(TestClient(app), "deleting@example.org")
    token = csrf_of(client)
    deleted = client.post(
        "/settings/delete",
        data={"csrf_token": token, "password": PASSWORD},
        follow_redirects=False,
    )
    assert deleted.status_code == 303, deleted.text
    assert deleted.headers["clear-site-data"] == '"cache", "storage"'
    page = signed_up(TestClient(app), "staying@example.org").get("/today")
    assert "clear-site-data" not in page.headers, "only leaving clears the device"


def test_the_pages_register_the_worker_and_load_the_offline_queue(client: TestClient) -> None:
    page = client.get("/signin").text
    assert f'src="/static/js/offline.js?v={asset_version()}"' in page
    app_js = client.get("/static/js/app.js").text
    assert 'navigator.serviceWorker.register("/sw.js", { scope: "/" })' in app_js
    worker = client.get("/sw.js").text
    assert f"/static/js/offline.js?v={asset_version()}" in worker, "kept for offline use"
