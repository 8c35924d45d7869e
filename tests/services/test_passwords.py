"""Password hashes: production uses argon2id with RFC 9106's strong profile; only the test suite
swaps in argon2's cheapest one (tests/conftest.py), and both facts are checked here."""

from __future__ import annotations

import subprocess
import sys

from argon2 import PasswordHasher, extract_parameters, profiles

from gerdy.services import passwords

PRODUCTION = "from gerdy.services.passwords import hash_password; print(hash_password('x' * 12))"


def test_production_hashes_with_argon2id_at_rfc_9106_strength() -> None:
    # A fresh interpreter imports the module as a server does, without the test suite's swap.
    made = subprocess.run(
        [sys.executable, "-c", PRODUCTION], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert made.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), made
    assert extract_parameters(made) == profiles.RFC_9106_LOW_MEMORY
    assert passwords.PARAMETERS == profiles.RFC_9106_LOW_MEMORY


def test_the_suite_hashes_cheaply_and_production_would_rehash_such_a_hash() -> None:
    cheap = passwords.hash_password("correct horse battery staple")
    assert extract_parameters(cheap) == profiles.CHEAPEST
    passwords.verify_password(cheap, "correct horse battery staple")
    assert not passwords.needs_rehash(cheap)
    production = PasswordHasher.from_parameters(passwords.PARAMETERS)
    assert production.check_needs_rehash(cheap)
