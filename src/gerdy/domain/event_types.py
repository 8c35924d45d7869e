"""The event types of the record: the `type` tag each event carries, and the types a
clinician the runner shared their record with may record (the rest are the runner's own).

A leaf of the domain: the event models (`events`) and the sentence a refused value gets
(`refusals`, which leaves the tag out of where a problem is) both read these names."""

from __future__ import annotations

EVENT_TYPES = (
    "checkin", "strength", "run", "roll", "stretch", "cross", "clearance", "form_check",
    "retraction", "note", "settings_change",
)  # fmt: skip
CLINICIAN_EVENT_TYPES = ("clearance", "note", "settings_change")
