"""Security headers on pages, API answers, errors and static files."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_security_headers_everywhere(runner: TestClient) -> None:
    for path in ("/today", "/api/plan/today", "/nowhere", "/static/css/app.css", "/signin"):
        headers = runner.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "script-src" not in csp or "unsafe-inline" not in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "camera=()" in headers["permissions-policy"]


def test_pages_have_no_inline_scripts_or_styles(runner: TestClient) -> None:
    for path in ("/today", "/checkin", "/runs", "/progress", "/settings", "/library/clamshell"):
        text = runner.get(path).text
        assert "<script>" not in text and " style=" not in text, path
        assert "onclick=" not in text and "javascript:" not in text, path
