"""Sharing a record with a clinician: the rules of consent, one place for the web and any
other edge.

- Only a runner makes a share code: random, shown once, stored as its SHA-256, good for one use
  within `CODE_DAYS` days. Nothing is shared without one.
- Only a clinician redeems a code; it opens a share of that runner's record to them.
- The runner sees who has access and revokes it at once: the next request of the clinician
  finds nothing (`NotShared`, a 404 at the web's edge, saying no more than "no such record"),
  and every code of the runner still unused ends with it. The clinician's caseload names, for
  a while, who stopped sharing and when (the alias and the date, nothing of the record). The
  runner sees their unused codes (by the name given, never the code) and can cancel each.
- Every look at a shared record and every event a clinician writes to it is logged with who,
  what and when; the runner reads that log: what clinicians did (ACTIONS) apart from what they
  looked at, the looks counted per day, so no number of looks can push an action out of sight.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from gerdy.domain.errors import GerdyError, InvalidInput
from gerdy.services.accounts import Account
from gerdy.services.clock import Clock
from gerdy.storage.sharing import (
    AccessEntry,
    EndedShare,
    Grant,
    PendingCode,
    SharedRecord,
    ShareStore,
    ViewsOfADay,
)

__all__ = [
    "AccessEntry",
    "EndedShare",
    "Grant",
    "NewCode",
    "NotShared",
    "PendingCode",
    "SharedRecord",
    "Sharing",
    "ViewsOfADay",
    "WrongRole",
    "code_hash",
]

CODE_DAYS = 7
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud, typed by hand
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
ALIAS_MAX = 100
LOG_SHOWN = 200  # the newest actions shown at first (the page asks for more)
VIEW_DAYS_SHOWN = 60  # rows of looks per day shown at first
# What a clinician did, as the access log calls it (everything else logged is a look).
SHARE_OPENED, CLEARANCE_RECORDED = "share opened", "clearance recorded"
NOTE_LEFT, SETTINGS_CHANGED = "note left", "settings changed"
ACTIONS = frozenset({SHARE_OPENED, CLEARANCE_RECORDED, NOTE_LEFT, SETTINGS_CHANGED})
REPEAT_LOG_EVERY = dt.timedelta(hours=1)  # caseload and chart looks: once an hour per runner
ENDED_SHOWN_DAYS = 90  # the caseload names who stopped sharing this recently


class NotShared(GerdyError):
    """404: the record is not shared with this clinician (or never was, or is revoked)."""


class WrongRole(GerdyError):
    """403: a runner's page asked by a clinician, or a clinician's page by a runner."""


@dataclass(frozen=True)
class NewCode:
    """A code as shown to the runner, once."""

    code: str
    expires_at: dt.datetime


def normal_code(text: str) -> str:
    """The code as stored: letters and digits only, upper case (spaces and dashes dropped)."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def code_hash(text: str) -> str:
    return hashlib.sha256(normal_code(text).encode()).hexdigest()


def new_code() -> str:
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def require_runner(account: Account) -> None:
    if account.is_clinician:
        raise WrongRole("this is a runner's page: a clinician's account has no record")


def require_clinician(account: Account) -> None:
    if not account.is_clinician:
        raise WrongRole("this page is for clinicians")


def clinician_name(account: Account) -> str:
    return account.display_name or account.email


class Sharing:
    """The consent use cases over one database's shares."""

    def __init__(self, store: ShareStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- the runner's side -------------------------------------------------------------------
    def new_code(self, runner: Account, alias: str) -> NewCode:
        """A one-time code for the runner to hand to a clinician; `alias` is the name the
        clinician will see."""
        require_runner(runner)
        shown_as = " ".join(alias.split())
        if not 1 <= len(shown_as) <= ALIAS_MAX:
            raise InvalidInput(f"give the name your physio will see (1 to {ALIAS_MAX} characters)")
        now = self._clock()
        code = new_code()
        expires = now + dt.timedelta(days=CODE_DAYS)
        self._store.add_code(runner.id, code_hash(code), shown_as, now, expires)
        return NewCode(code, expires)

    def grants(self, runner: Account) -> list[Grant]:
        require_runner(runner)
        return self._store.grants(runner.id)

    def revoke(self, runner: Account, clinician_id: int) -> int:
        """End the clinician's access at once, and every share code of the runner still unused
        (a code does not say whom it was for, so any could let them back in); how many codes
        ended. NotShared when the clinician has no access."""
        require_runner(runner)
        cancelled = self._store.revoke(runner.id, clinician_id, self._clock())
        if cancelled is None:
            raise NotShared("that clinician has no access to your record")
        return cancelled

    def pending_codes(self, runner: Account) -> list[PendingCode]:
        """The runner's codes that still work (never the codes themselves: only their hash is
        kept), oldest first."""
        require_runner(runner)
        return self._store.pending_codes(runner.id, self._clock())

    def cancel_code(self, runner: Account, code_hash: str) -> None:
        """End one of the runner's unused codes now (NotShared when there is no such code)."""
        require_runner(runner)
        if not self._store.cancel_codes(runner.id, self._clock(), code_hash):
            raise NotShared("there is no such unused code")

    def access_log(self, runner: Account, limit: int = LOG_SHOWN) -> list[AccessEntry]:
        """Everything logged, newest first."""
        require_runner(runner)
        return self._store.access_log(runner.id, limit)

    def actions(self, runner: Account, limit: int = LOG_SHOWN) -> list[AccessEntry]:
        """What clinicians did in the runner's record (ACTIONS), newest first."""
        require_runner(runner)
        return self._store.access_log(runner.id, limit, only=ACTIONS)

    def views_per_day(self, runner: Account, limit: int = VIEW_DAYS_SHOWN) -> list[ViewsOfADay]:
        """What clinicians looked at, counted per clinician, day (UTC) and part, newest first."""
        require_runner(runner)
        return self._store.views_per_day(runner.id, limit, excluding=ACTIONS)

    # -- the clinician's side ----------------------------------------------------------------
    def redeem(self, clinician: Account, code: str) -> SharedRecord:
        require_clinician(clinician)
        cleaned = normal_code(code)
        if len(cleaned) != CODE_GROUPS * CODE_GROUP_LENGTH:
            raise InvalidInput("a share code has 12 letters and digits, like ABCD-EFGH-JKMN")
        found = self._store.redeem(code_hash(cleaned), clinician.id, self._clock())
        if found is None:
            raise InvalidInput(
                "this share code is unknown, used already or expired: ask the runner for a new one"
            )
        self.log(clinician, [found], SHARE_OPENED)
        return found

    def has_opened_a_share(self, clinician: Account) -> bool:
        """Whether the clinician has ever redeemed a code (an established account)."""
        require_clinician(clinician)
        return self._store.has_shares(clinician.id)

    def records(self, clinician: Account) -> list[SharedRecord]:
        """The records shared with the clinician now (the caseload), oldest share first."""
        require_clinician(clinician)
        return self._store.shared_records(clinician.id)

    def ended(self, clinician: Account) -> list[EndedShare]:
        """The runners who stopped sharing with the clinician in the last ENDED_SHOWN_DAYS days
        (and do not share with them now), the latest first: the caseload names them, so a
        runner who ended the access is not taken for one who never shared."""
        require_clinician(clinician)
        since = self._clock() - dt.timedelta(days=ENDED_SHOWN_DAYS)
        return self._store.ended_shares(clinician.id, since)

    def open(
        self,
        clinician: Account,
        runner_id: int,
        what: str | None,
        *,
        once_per: dt.timedelta | None = None,
    ) -> SharedRecord:
        """The runner's record if it is shared with the clinician now (else NotShared), and
        the look (or write) `what` logged for the runner to see (None: the caller logs it once
        done; with `once_per`: not again within that time)."""
        require_clinician(clinician)
        found = self._store.shared_record(clinician.id, runner_id)
        if found is None:
            raise NotShared("there is no such record")
        if what is not None:
            self.log(clinician, [found], what, once_per=once_per)
        return found

    def log(
        self,
        clinician: Account,
        records: Sequence[SharedRecord],
        what: str,
        *,
        once_per: dt.timedelta | None = None,
    ) -> None:
        now = self._clock()
        self._store.log(
            clinician.id,
            clinician_name(clinician),
            [record.runner_id for record in records],
            what,
            now,
            unless_since=None if once_per is None else now - once_per,
        )

    def log_caseload(self, clinician: Account, records: Sequence[SharedRecord]) -> None:
        """The caseload shows each record's summary: logged at most once an hour per runner."""
        self.log(clinician, records, "caseload summary", once_per=REPEAT_LOG_EVERY)
