"""Importing activity files into a record: the importers decode files into events; this is
the record side they log them through, with the profile and today read once per import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gerdy.domain.events import Event
from gerdy.domain.profile import Profile
from gerdy.services import rules

if TYPE_CHECKING:
    from gerdy.services.coach import Coach


@dataclass
class RecordImport:
    """What `gerdy.importers.pipeline` needs of a record (its `ImportTarget`)."""

    coach: Coach
    profile: Profile
    today: dt.date

    def has_source(self, sha256: str) -> bool:
        return self.coach.has_source(sha256)

    def check(self, event: Event) -> None:
        """Raises BeforeStart (counted as skipped) or InvalidInput (the file fails)."""
        rules.check_new_event(
            self.coach.protocol, self.profile, event, self.today, self.coach.event_ids
        )

    def log(self, events: Sequence[Event]) -> list[Event]:
        return self.coach.log(*events)  # one transaction per file: all of its sessions or none
