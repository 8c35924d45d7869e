"""Rate limits at the edge, counted in the database's `rate_limits` table so every app server
sees the same counts. Buckets are HMAC-SHA256 under the server's secret (`keyed`), so the table
does not reveal which e-mail or address tried.

- Sign-in, per account: the first `login_free_failures` failures in the window cost nothing;
  then each further try waits a delay that doubles (1 s, 2 s, 4 s... at most
  `login_max_delay_s`) after the latest failure. A browser that signed in to the account before
  (it holds the account's device cookie) skips this delay, so guessing never locks the owner out.
- Sign-in, per address: at most `ip_failures_allowed` failures in the window, any account.
- Sign-up, per address: at most `signups_per_hour` attempts an hour.
- E-mail change, per account: at most `email_changes_per_hour` attempts an hour.
- Share codes: at most `share_codes_wrong_per_hour` wrong codes an hour per clinician account
  (codes redeemed rightly do not count), so codes cannot be guessed. The address counts only
  the wrong codes of clinicians who have never opened a share (new accounts are how one person
  would multiply their guesses): at most `share_codes_wrong_per_address` in
  `share_codes_address_window_minutes`. A clinician who has opened a share before is limited by
  their own account only, so one person's guesses cannot lock out every clinician behind a
  clinic's address; and with 31^12 possible codes, ten guesses an hour per account, and sign-ups
  limited per address, guessing a live code stays out of reach.
Every refusal is a 429 with `Retry-After`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from typing import NamedTuple

from fastapi import Request

from gerdy.domain.errors import GerdyError
from gerdy.services.accounts import Attempts
from gerdy.web.state import AppState, app_state

# Rows older than this are deleted (the longest window: imports count per day).
RETENTION = dt.timedelta(days=1)


class TooManyAttempts(GerdyError):
    """429: too many tries; `retry_after` is in whole seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


def keyed(state: AppState, purpose: str, value: str) -> str:
    """The bucket for `value` under `purpose`: an HMAC under the server's secret."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(state.secret, message, hashlib.sha256).hexdigest()


def client_address(request: Request) -> str:
    """The peer's address (behind a proxy, uvicorn sets it from the proxy's headers, but only
    for proxies listed with --forwarded-allow-ips)."""
    return request.client.host if request.client else "unknown"


def seconds_until(moment: dt.datetime, now: dt.datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


def record(state: AppState, bucket: str, *, account_id: int | None = None, amount: int = 1) -> None:
    now = state.now()
    state.accounts.record_attempt(
        bucket, now, forget_before=now - RETENTION, account_id=account_id, amount=amount
    )


def login_delay(failures: int, free: int, cap_s: int) -> int:
    """Seconds to wait after the latest failure, given the failures in the window."""
    if failures < free:
        return 0
    return int(min(2 ** (failures - free), cap_s))


def check_login(request: Request, email: str, *, trusted_device: bool) -> tuple[str, str]:
    """Raise TooManyAttempts when this sign-in must wait; returns the (account, address)
    buckets to count a failure against."""
    state = app_state(request)
    settings = state.settings
    now = state.now()
    since = now - dt.timedelta(minutes=settings.login_window_minutes)
    address_bucket = keyed(state, "login-address", client_address(request))
    account_bucket = keyed(state, "login-account", email)
    by_address = state.accounts.attempts(address_bucket, since)
    if by_address.total >= settings.ip_failures_allowed and by_address.oldest is not None:
        window = dt.timedelta(minutes=settings.login_window_minutes)
        raise TooManyAttempts(
            "too many failed sign-ins from this network: try again later",
            seconds_until(by_address.oldest + window, now),
        )
    if not trusted_device:
        by_account = state.accounts.attempts(account_bucket, since)
        wait = _account_wait(by_account, settings.login_free_failures, settings.login_max_delay_s)
        if by_account.newest is not None and wait:
            ready = by_account.newest + dt.timedelta(seconds=wait)
            if ready > now:
                raise TooManyAttempts(
                    "too many failed sign-ins for this account: wait a little and try again",
                    seconds_until(ready, now),
                )
    return account_bucket, address_bucket


def _account_wait(attempts: Attempts, free: int, cap_s: int) -> int:
    return login_delay(attempts.total, free, cap_s)


def count_per_hour(
    state: AppState, bucket: str, allowed: int, refusal: str, *, account_id: int | None = None
) -> None:
    """Count one attempt in `bucket`; TooManyAttempts(refusal) once `allowed` were made in the
    last hour."""
    now = state.now()
    hour = dt.timedelta(hours=1)
    attempts = state.accounts.attempts(bucket, now - hour)
    if attempts.total >= allowed and attempts.oldest is not None:
        raise TooManyAttempts(refusal, seconds_until(attempts.oldest + hour, now))
    record(state, bucket, account_id=account_id)


def check_signup(request: Request) -> None:
    """Count one sign-up attempt from this address; raise TooManyAttempts past the limit."""
    state = app_state(request)
    bucket = keyed(state, "signup-address", client_address(request))
    refusal = "too many sign-ups from this network: try again later"
    count_per_hour(state, bucket, state.settings.signups_per_hour, refusal)


def check_email_change(request: Request, account_id: int) -> None:
    """Count one e-mail change of this account; raise TooManyAttempts past the limit (trying
    addresses one after another would tell which ones have an account)."""
    state = app_state(request)
    bucket = keyed(state, "email-change", str(account_id))
    refusal = "too many e-mail changes for this account: try again later"
    count_per_hour(state, bucket, state.settings.email_changes_per_hour, refusal,
                   account_id=account_id)  # fmt: skip


def share_code_buckets(request: Request, account_id: int) -> tuple[str, str]:
    """The (account, address) buckets that count a clinician's wrong share codes."""
    state = app_state(request)
    return (
        keyed(state, "share-code-account", str(account_id)),
        keyed(state, "share-code-address", client_address(request)),
    )


class CodeLimit(NamedTuple):
    bucket: str
    allowed: int
    window: dt.timedelta
    owner: int | None  # the account whose rows these are (they go with it), if any


def share_code_limits(request: Request, account_id: int, *, established: bool) -> list[CodeLimit]:
    """The limits a clinician's wrong codes count against: their account's, and the address's
    unless they have opened a share before (`established`)."""
    settings = app_state(request).settings
    account_bucket, address_bucket = share_code_buckets(request, account_id)
    hour = dt.timedelta(hours=1)
    limits = [CodeLimit(account_bucket, settings.share_codes_wrong_per_hour, hour, account_id)]
    if not established:
        window = dt.timedelta(minutes=settings.share_codes_address_window_minutes)
        limits.append(
            CodeLimit(address_bucket, settings.share_codes_wrong_per_address, window, None)
        )
    return limits


def check_share_code(request: Request, account_id: int, *, established: bool) -> None:
    """Raise TooManyAttempts when this clinician account (or, for a clinician who never opened
    a share, this address) entered too many wrong share codes lately."""
    state = app_state(request)
    now = state.now()
    for limit in share_code_limits(request, account_id, established=established):
        attempts = state.accounts.attempts(limit.bucket, now - limit.window)
        if attempts.total >= limit.allowed and attempts.oldest is not None:
            raise TooManyAttempts(
                "too many wrong share codes: check the code with the runner and try again later",
                seconds_until(attempts.oldest + limit.window, now),
            )


def count_wrong_share_code(request: Request, account_id: int, *, established: bool) -> None:
    state = app_state(request)
    for limit in share_code_limits(request, account_id, established=established):
        record(state, limit.bucket, account_id=limit.owner)
