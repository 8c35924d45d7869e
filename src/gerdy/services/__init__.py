"""Use cases shared by the CLI and the web app, and the only way to change a record: start a
record, log, correct, plan, export, load and import (`Coach`). One place, so no rule is
written twice.

- `coach` — the use cases over one runner's record (the store stays inside).
- `rules` — the record's rules: not before the start date, not after today when logging,
  corrections name an event of the record, a plan's day within a year ahead, profile settings
  within the protocol.
- `clock` — "today" in the runner's time zone.
"""

from __future__ import annotations

from gerdy.services.clock import today_for
from gerdy.services.coach import ClinicianWord, Coach, LoggedWithPlan

__all__ = ["ClinicianWord", "Coach", "LoggedWithPlan", "today_for"]
