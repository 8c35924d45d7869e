"""Login CSRF: an attacker takes an anonymous cookie and its token from the server, plants the
cookie in the victim's browser (a sibling subdomain can, or anyone on plain http) and makes it
post the attacker's credentials: the victim would then work in the attacker's account. A
state-changing request that a browser says comes from another site (Sec-Fetch-Site, Origin) is
refused whatever its token; over https the cookies carry the `__Host-` prefix, which no other
host can set."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import PASSWORD, csrf_of, sign_up

ATTACKER = "attacker@example.org"


def planted_pair(app: FastAPI, cookie: str = "gerdy_csrf") -> tuple[str, str]:
    """The attacker's own anonymous cookie and the token the server signed for it."""
    attacker = TestClient(app)
    token = csrf_of(attacker, "/signin")
    value = attacker.cookies.get(cookie)
    assert value is not None
    return value, token


def test_a_planted_cookie_and_token_from_another_site_do_not_sign_the_victim_in(
    app: FastAPI,
) -> None:
    sign_up(TestClient(app), ATTACKER)
    for headers in (
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain
        {"Origin": "null"},  # a sandboxed frame or a data: page
    ):
        cookie, token = planted_pair(app)
        victim = TestClient(app)
        victim.cookies.set("gerdy_csrf", cookie)
        response = victim.post(
            "/signin",
            data={"email": ATTACKER, "password": PASSWORD, "csrf_token": token},
            headers=headers,
            follow_redirects=False,
        )
        assert response.status_code == 403, headers
        assert victim.cookies.get("gerdy_session") is None


def test_sign_up_and_the_api_sign_in_refuse_another_site_too(app: FastAPI) -> None:
    sign_up(TestClient(app), ATTACKER)
    client = TestClient(app)
    token = client.get("/api/csrf").json()["csrf_token"]
    cross = {"Origin": "https://evil.example", "X-CSRF-Token": token}
    api = client.post("/api/session", json={"email": ATTACKER, "password": PASSWORD}, headers=cross)
    assert api.status_code == 403
    signup = client.post(
        "/signup",
        data={"email": "new@example.org", "password": PASSWORD, "csrf_token": token},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert signup.status_code == 403


def test_the_same_site_still_signs_in(app: FastAPI) -> None:
    sign_up(TestClient(app), ATTACKER)
    client = TestClient(app)
    token = csrf_of(client, "/signin")
    response = client.post(
        "/signin",
        data={"email": ATTACKER, "password": PASSWORD, "csrf_token": token},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_over_https_the_cookies_carry_the_host_prefix_and_a_plain_one_is_ignored(
    app: FastAPI,
) -> None:
    client = TestClient(app, base_url="https://testserver")
    sign_up(client, "ann@example.org")
    jar = {cookie.name: cookie for cookie in client.cookies.jar}
    for name in ("__Host-gerdy_session", "__Host-gerdy_device"):
        cookie = jar[name]
        assert cookie.secure and cookie.path == "/" and not cookie.domain_specified, name
    assert "gerdy_session" not in jar and "gerdy_device" not in jar
    # a plain-named cookie (which a sibling host could have set) is worth nothing over https
    cookie, token = planted_pair(app)
    victim = TestClient(app, base_url="https://testserver")
    victim.cookies.set("gerdy_csrf", cookie)
    response = victim.post(
        "/signin",
        data={"email": "ann@example.org", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 403
