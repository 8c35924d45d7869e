"""Passwords: the rules a new one must meet (sign-up, a change in Settings), its argon2 hash,
and the random one-time password `gerdy users reset-password` hands out.

New passwords are checked as NIST SP 800-63B asks: at least 10 characters (and at most 1024),
not one of the 10,000 most common passwords, not a single repeated character, not made from
the account's e-mail address, and not guessable by a real strength estimate (zxcvbn: a common
password dressed up with capitals, digits or look-alike symbols, a repeated word, a run of
letters or keys, a date). No composition rules (digits, symbols) and no expiry.

The common-password list is the top 10,000 of the password frequency list that ships with the
`zxcvbn` package (MIT licence), read once, on the first check.
"""

from __future__ import annotations

import re
import secrets
from functools import cache

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from gerdy.domain.errors import InvalidInput

PASSWORD_MIN, PASSWORD_MAX = 10, 1024
COMMON_COUNT = 10_000
NOT_ALNUM = re.compile(r"[\W_]+")
# argon2id with RFC 9106's second recommended profile (64 MiB, 3 passes, 4 lanes). The test
# suite swaps HASHER for argon2's cheapest profile (tests/conftest.py); a test runs this module
# in a fresh interpreter to prove production hashes with these parameters.
PARAMETERS: Parameters = profiles.RFC_9106_LOW_MEMORY
HASHER = PasswordHasher.from_parameters(PARAMETERS)
ONE_TIME_BYTES = 15  # 120 random bits, 20 URL-safe characters


@cache
def common_passwords() -> frozenset[str]:
    # zxcvbn (here and in `guessable`) only when a password is chosen: importing it costs
    # about 135 M instructions (~30 ms) at the start of the server and of `gerdy users`.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

    return frozenset(FREQUENCY_LISTS["passwords"][:COMMON_COUNT])


def _letters(text: str) -> str:
    return NOT_ALNUM.sub("", text.lower())


def from_email(password: str, email: str) -> bool:
    """True when the password is the e-mail, its local part, or either with digits added."""
    local = email.lower().split("@", 1)[0]
    bare = _letters(password).rstrip("0123456789")
    candidates = {_letters(email), _letters(local)}
    return bool(bare) and bare in candidates


def check_new_password(password: str, email: str = "") -> None:
    """Raise InvalidInput (saying why, never echoing the password) unless it is acceptable."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise InvalidInput(f"a password needs {PASSWORD_MIN} to {PASSWORD_MAX} characters")
    if len(set(password)) == 1 or not password.strip():
        raise InvalidInput("this password is one character repeated: choose another password")
    lowered = password.lower()
    if lowered in common_passwords() or lowered.strip() in common_passwords():
        raise InvalidInput(
            "this password is among the most common ones, which are tried first: "
            "choose another password"
        )
    if email and from_email(password, email):
        raise InvalidInput("this password is made from your e-mail address: choose another one")
    weakness = guessable(password, email)
    if weakness is not None:
        raise InvalidInput(
            f"this password is too easy to guess ({weakness}): a few unrelated words, like "
            "a short odd sentence, make a strong password that is easy to remember"
        )


# zxcvbn's score: 3 means more than 10^8 guesses, enough against an attacker who tries online
# and slows down for a stolen argon2 hash; below that the password is refused.
MIN_SCORE = 3
ESTIMATED_CHARS = 100  # zxcvbn's time grows fast with length; a longer password is strong
# Why a password is guessable, in our words, by the kind of pattern zxcvbn found in it.
WEAKNESS_OF_PATTERN = {
    "repeat": "it repeats itself, like abcabc",
    "sequence": "it is a run of letters or numbers, like abcd or 1234",
    "spatial": "it is a row of keys, like qwerty",
    "date": "it is mostly a date",
    "regex": "it is mostly a year",
}
COMMON_PASSWORD = (
    "it is a common password with capitals, digits or symbols added, or letters swapped"
)


def guessable(password: str, email: str = "") -> str | None:
    """Why the password would be guessed soon (zxcvbn's estimate, with the e-mail as words it
    knows), or None when it is strong enough."""
    from zxcvbn import zxcvbn  # type: ignore[import-untyped]

    local = email.split("@", 1)[0]
    found = zxcvbn(password[:ESTIMATED_CHARS], user_inputs=[email, local, "gerdy"])
    if found["score"] >= MIN_SCORE:
        return None
    patterns = [match["pattern"] for match in found["sequence"]]
    for match in found["sequence"]:
        if match["pattern"] == "dictionary" and match.get("dictionary_name") == "passwords":
            return COMMON_PASSWORD
        if match["pattern"] == "dictionary" and match.get("dictionary_name") == "user_inputs":
            return "it is built on your e-mail address"
    for pattern in ("repeat", "sequence", "spatial", "date", "regex"):
        if pattern in patterns:
            return WEAKNESS_OF_PATTERN[pattern]
    if "dictionary" in patterns:
        return "it is built on a common word or name"
    return "it is short and simple"


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> None:
    """Raise argon2's VerificationError (or InvalidHashError) unless `password` matches."""
    HASHER.verify(password_hash, password)


def password_matches(password_hash: str, password: str) -> bool:
    """Whether `password` matches the hash (never raises)."""
    try:
        verify_password(password_hash, password[:PASSWORD_MAX])
    except (VerificationError, InvalidHashError):
        return False
    return True


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash was made with other parameters than HASHER's."""
    return HASHER.check_needs_rehash(password_hash)


def one_time_password() -> str:
    """A random password of 120 bits (20 URL-safe characters): strong whatever the rules."""
    return secrets.token_urlsafe(ONE_TIME_BYTES)
