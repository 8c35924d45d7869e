"""The plan settings in force and who set them: the settings a professional may adjust (RTR-0's
pain-free days, RTR-5's hills-and-track week, ST-0's strength days, P1-2's track) as the plan
of a day uses them (`DayPlan.settings`), each with the `settings_change` that set it, if one
did (its author and date), else the profile's (or the protocol's default).

And what a runner's edit of those settings means (`runner_settings_edit`): the engine applies a
`settings_change` from its date on, over the profile, so once one has set a value, editing the
profile would change nothing. A new value the runner chooses for such a setting is therefore
their own `settings_change` from their today (the plan before it stays as it was, as with the
physio's); a setting no change has touched stays in the profile, as before.

Pure: no store, no clock; the Coach reads the record and writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from gerdy.domain.events import Author, Event, SettingsChange, effective_events
from gerdy.domain.profile import Profile
from gerdy.engine.plan import SettingsInForce

SettingName = Literal["strength_days", "gate_days", "hills_track_week", "track"]
SETTING_NAMES: tuple[SettingName, ...] = ("strength_days", "gate_days", "hills_track_week", "track")


@dataclass(frozen=True)
class SettingSource:
    """One setting as the plan uses it: its value, and the `settings_change` that set it
    (`author`, `since`), or None for both when it is the profile's or the protocol's."""

    name: SettingName
    value: int | str | tuple[str, ...]
    author: Author | None = None
    since: dt.date | None = None

    @property
    def changed(self) -> bool:
        """Set by a `settings_change` (the physio's or the runner's own), not the profile."""
        return self.since is not None


def latest_changes(events: Sequence[Event], day: dt.date) -> dict[SettingName, SettingsChange]:
    """For each setting, the last `settings_change` up to `day` that names it (the engine
    replays by date, in record order within a day)."""
    changes = [e for e in effective_events(events) if isinstance(e, SettingsChange)]
    latest: dict[SettingName, SettingsChange] = {}
    for change in sorted((c for c in changes if c.date <= day), key=lambda c: c.date):
        for name in SETTING_NAMES:
            if getattr(change, name) is not None:
                latest[name] = change
    return latest


def settings_sources(
    settings: SettingsInForce, events: Sequence[Event], day: dt.date
) -> dict[SettingName, SettingSource]:
    """Each setting in force on `day`, with the change that set it. A change whose value is
    not the one in force (a track move the engine refused, or a later move by a warning
    sign) is not named as the source."""
    latest = latest_changes(events, day)
    sources: dict[SettingName, SettingSource] = {}
    for name in SETTING_NAMES:
        value = getattr(settings, name)
        change = latest.get(name)
        if change is not None and getattr(change, name) == value:
            sources[name] = SettingSource(name, value, change.author, change.date)
        else:
            sources[name] = SettingSource(name, value)
    return sources


def runner_settings_edit(
    old: Profile,
    new: Profile,
    sources: dict[SettingName, SettingSource],
    today: dt.date,
) -> tuple[Profile, SettingsChange | None]:
    """The runner's edited profile `new`, split into what the profile keeps and the runner's
    own `settings_change` from `today` for each setting a change set and the runner changed:
    strength days that differ from those in force, a track chosen anew (`new.track` other
    than the profile's). Those settings keep the old profile's value, so the plan before
    `today` is not rewritten."""
    update: dict[str, object] = {}
    kept: dict[str, object] = {}
    days = sources["strength_days"]
    if days.changed:
        kept["strength_days"] = old.strength_days
        if new.strength_days is not None and new.strength_days != days.value:
            update["strength_days"] = new.strength_days
    track = sources["track"]
    if track.changed:
        kept["track"] = old.track
        if new.track not in (None, old.track, track.value):
            update["track"] = new.track
    profile = new.model_copy(update=kept) if kept else new
    change = SettingsChange.model_validate({"date": today, **update}) if update else None
    return profile, change
