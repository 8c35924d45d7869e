"""A runner's settings checked against the protocol: the settings a runner (or their physio)
may choose must be among the values the protocol allows (RTR-0's pain-free days, RTR-5's
return week for hills and track, TL-2's maintenance sessions, P1-2's track while it still
applies). Pure: raises InvalidInput.

The services call `check_profile` before a profile is stored (intake, load),
`check_settings_change` for each `settings_change` of a document being loaded, and
`check_settings_change_on_record` before one is logged, so a record never holds settings that
would make every later plan fail. The rules the change adjusts apply it from its date on
(`engine.stages.change_settings`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import Event, SettingsChange
from gerdy.domain.profile import Profile
from gerdy.engine.gate import hills_track_week, needed_days
from gerdy.engine.planner import replay
from gerdy.engine.schedule import maintenance_sessions
from gerdy.engine.stages import track_refusal
from gerdy.protocol.schema import Protocol


def check_profile(protocol: Protocol, profile: Profile) -> None:
    """Raise InvalidInput, naming the rule, for a setting the protocol does not allow."""
    settings = profile.settings
    needed_days(protocol, settings.gate_days)
    hills_track_week(protocol, settings.hills_track_week)
    maintenance_sessions(protocol, profile)


def check_settings_change(protocol: Protocol, change: SettingsChange) -> None:
    """Raise InvalidInput, naming the rule, when a changed value is one the spec does not
    allow (RTR-0: 5 or 7 days; RTR-5: return week 6-8). ST-0's days are the event's own."""
    if change.gate_days is not None:
        needed_days(protocol, change.gate_days)
    if change.hills_track_week is not None:
        hills_track_week(protocol, change.hills_track_week)


def check_settings_change_on_record(
    protocol: Protocol, profile: Profile, events: Iterable[Event], change: SettingsChange
) -> None:
    """`check_settings_change`, and for a track, P1-2 on the record as of the change's day:
    the track applies only before the gate, and after a move to the break track running
    comes back only through the gate."""
    check_settings_change(protocol, change)
    if change.track is None:
        return
    days = deque(replay(protocol, profile, events, change.date), maxlen=1)
    if days:
        course = days[0]
        refusal = track_refusal(course, change.track)
        if refusal is not None:
            raise InvalidInput(refusal)
