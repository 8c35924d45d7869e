"""Importing activity files into a record: the importers decode files into events; this is
the record side they log them through, with the profile and today read once per import.
`Coach.import_files` hands in its own methods, so this module needs nothing of the Coach."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gerdy.domain.events import Event
from gerdy.domain.profile import Profile
from gerdy.protocol import Protocol
from gerdy.services import rules


@dataclass
class RecordImport:
    """What `gerdy.importers.pipeline` needs of a record (its `ImportTarget`)."""

    protocol: Protocol
    profile: Profile
    today: dt.date
    has_source: Callable[[str], bool]  # whether a file with this content was imported
    event_ids: Callable[[], set[str]]  # the ids of the record's events
    log_events: Callable[..., list[Event]]  # log imported events in one transaction

    def check(self, event: Event) -> None:
        """Raises BeforeStart (counted as skipped) or InvalidInput (the file fails)."""
        rules.check_new_event(
            self.protocol, self.profile, event, self.today, self.event_ids, imported=True
        )

    def log(self, events: Sequence[Event]) -> list[Event]:
        return self.log_events(*events)  # one transaction per file: all of its sessions or none
