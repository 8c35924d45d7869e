"""Abuse cases from the security review of the web app: each test replays one attack and
checks the app holds (passwords, private caching, failure wording, sessions, CSRF, sign-in
throttling, trusted hosts...)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import csrf_of


def try_sign_up(client: TestClient, email: str, password: str) -> tuple[int, str]:
    token = csrf_of(client, "/signup")
    response = client.post(
        "/signup", data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    return response.status_code, response.text


@pytest.mark.parametrize(
    "password",
    ["1234567890", " " * 10, "qwertyuiop", "aaaaaaaaaaaa", "ann.smith@example.org", "annsmith2024"],
)
def test_weak_passwords_are_refused_at_sign_up(app: FastAPI, password: str) -> None:
    """NIST SP 800-63B: at least 10 characters, not a common password, not the e-mail."""
    status, text = try_sign_up(TestClient(app), "ann.smith@example.org", password)
    assert status == 400
    assert "password" in text


def test_a_long_uncommon_password_is_accepted(app: FastAPI) -> None:
    status, _ = try_sign_up(TestClient(app), "ann@example.org", "violet kettle under rain")
    assert status == 303


def test_personal_responses_are_never_stored_by_the_browser(runner: TestClient) -> None:
    """After sign-out, Back must not show Progress from the disk cache."""
    for path in ("/today", "/progress", "/settings", "/api/me", "/api/progress", "/api/export"):
        response = runner.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers.get("cache-control", ""), path
    anonymous = TestClient(runner.app)
    assert "no-store" in anonymous.get("/signin").headers.get("cache-control", "")


def test_import_failures_are_told_in_words_not_exception_names(
    runner: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A decoder bug (here a TypeError) is reported to the runner without Python's names."""
    import fitdecode  # type: ignore[import-untyped]

    from gerdy.importers import pipeline

    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("unsupported operand type(s) for +: 'NoneType' and 'int'")

    monkeypatch.setattr(fitdecode, "FitReader", broken)
    from gerdy.importers.base import ImportFailure
    from gerdy.importers.fit_library import decode_fit

    with pytest.raises(ImportFailure) as failure:
        decode_fit(b"\x0e\x10" + b"\x00" * 30)
    assert "TypeError" not in failure.value.reason and "corrupt" in failure.value.reason

    monkeypatch.setattr(pipeline, "decode_activity_file", broken)
    token = csrf_of(runner)
    parts = [("files", ("run.gpx", b"<gpx></gpx>", "application/gpx+xml"))]
    response = runner.post("/api/imports", files=parts, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    [failed] = response.json()["failed"]
    assert "TypeError" not in failed["reason"] and "NoneType" not in failed["reason"]
    assert "could not be read" in failed["reason"]
