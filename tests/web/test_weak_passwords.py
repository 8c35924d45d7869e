"""Weak passwords that passed the length and common-password checks: a common password with
capitals, digits or symbols added or letters swapped for look-alikes, a word repeated, a run of
letters. A real strength estimate (zxcvbn) refuses them at sign-up and at a change, saying why
and what makes a strong one; strong passphrases pass."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerdy.domain.errors import InvalidInput
from gerdy.services.passwords import check_new_password

from .conftest import PASSWORD, signed_up
from .test_account_settings import change_password
from .test_hardening import try_sign_up

WEAK = {
    "Password1!": "common password",
    "P@ssw0rd123": "common password",
    "passwordpassword": "repeats",
    "abcdefghij": "run of letters",
    "qwertyuiop12": "common password",
}


@pytest.mark.parametrize("password", sorted(WEAK))
def test_a_guessable_password_is_refused_at_sign_up_saying_why(app: FastAPI, password: str) -> None:
    status, text = try_sign_up(TestClient(app), "ann@example.org", password)
    assert status == 400
    assert "too easy to guess" in text and WEAK[password] in text
    assert "unrelated words" in text  # what to do instead
    assert password not in text.split('id="password"')[0]  # never echoed in the message


@pytest.mark.parametrize("password", sorted(WEAK))
def test_a_guessable_new_password_is_refused_in_settings(app: FastAPI, password: str) -> None:
    client = signed_up(TestClient(app), "bea@example.org")
    response = change_password(client, PASSWORD, password)
    assert response.status_code == 400 and "too easy to guess" in response.text


@pytest.mark.parametrize(
    "password",
    ["violet kettle under rain", "correct horse battery staple", "Tr0ub4dor&3 lighthouse"],
)
def test_strong_passphrases_pass(password: str) -> None:
    check_new_password(password, "ann@example.org")


def test_a_password_built_on_the_email_is_guessable() -> None:
    with pytest.raises(InvalidInput, match="e-mail"):
        check_new_password("ann.smith.2024!", "ann.smith@example.org")
