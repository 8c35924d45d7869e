"""Web accounts: the use cases that change one (a new password, a new e-mail address, a reset
by the server's owner) and the store's types, so that the web and the CLI depend on services
and only their composition modules (`gerdy.web.state`, `gerdy.cli.session`) open storage.

Checking who is asking (the current password, sign-in limits) is the edge's job
(`gerdy.web.auth`); these functions are called once that is done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from gerdy.domain.errors import InvalidInput
from gerdy.services.passwords import (
    check_new_password,
    hash_password,
    one_time_password,
    password_matches,
)
from gerdy.storage.accounts import Account, AccountStore, Attempts, EmailTaken, WebSession

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{1,63}$")
# What a refused sign-up or e-mail change says: never whether an account has that address.
EMAIL_UNAVAILABLE = "this e-mail address cannot be used: choose another one"


class UnknownAccount(InvalidInput):
    """No account has this e-mail address (said only to the server's owner, on the CLI)."""


def normal_email(email: str) -> str:
    """The e-mail address as stored (trimmed, lower case), or InvalidInput."""
    cleaned = email.strip().lower()
    if len(cleaned) > 254 or not EMAIL.match(cleaned):
        raise InvalidInput("give a valid email address, like runner@example.org")
    return cleaned


def change_password(
    store: AccountStore, account: Account, new_password: str, *, keep_session: str | None = None
) -> None:
    """Set a new password (the sign-up rules apply; after a reset, it must not be the one-time
    password again) and end every session of the account but `keep_session` (a session token
    hash). A refused password changes nothing."""
    check_new_password(new_password, account.email)
    if account.must_change_password and password_matches(account.password_hash, new_password):
        raise InvalidInput("choose a password of your own, not the one-time password")
    store.set_password_hash(account.id, hash_password(new_password))
    store.close_sessions_of(account.id, keeping=keep_session)


def change_email(store: AccountStore, account: Account, new_email: str) -> Account:
    """The account under its new address. An address in use by another account is refused
    with the same words as any address that cannot be used (see `EMAIL_UNAVAILABLE`)."""
    cleaned = normal_email(new_email)
    if cleaned == account.email:
        raise InvalidInput("this is already your e-mail address: nothing was changed")
    try:
        store.set_email(account.id, cleaned)
    except EmailTaken as exc:
        raise InvalidInput(EMAIL_UNAVAILABLE) from exc
    return replace(account, email=cleaned)


@dataclass(frozen=True)
class PasswordReset:
    email: str
    password: str
    sessions_ended: int


def reset_password(store: AccountStore, email: str) -> PasswordReset:
    """For the server's owner: give the account a random one-time password, which opens the
    account only to choose a new one at the next sign-in, and end all of its sessions. The
    calendar feed gets a new address and the browsers that signed in before are no longer
    trusted to skip the sign-in delay (their device cookie was bound to the old password).
    UnknownAccount when no account has this address."""
    cleaned = email.strip().lower()
    account = store.by_email(cleaned)
    if account is None:
        raise UnknownAccount(f"no account has the e-mail address {cleaned!r}")
    password = one_time_password()
    ended = store.reset_password(account.id, hash_password(password))
    return PasswordReset(email=account.email, password=password, sessions_ended=ended)


__all__ = [
    "EMAIL_UNAVAILABLE",
    "Account",
    "AccountStore",
    "Attempts",
    "EmailTaken",
    "PasswordReset",
    "UnknownAccount",
    "WebSession",
    "change_email",
    "change_password",
    "normal_email",
    "reset_password",
]
