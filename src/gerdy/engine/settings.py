"""A runner's profile checked against the protocol: the settings a runner (or their physio)
may choose must be among the values the protocol allows (RTR-0's pain-free days, RTR-5's
return week for hills and track, TL-2's maintenance sessions). Pure: raises InvalidInput.

The services call `check_profile` before a profile is stored (intake, load), so a record
never holds settings that would make every later plan fail.
"""

from __future__ import annotations

from gerdy.domain.profile import Profile
from gerdy.engine.gate import hills_track_week, needed_days
from gerdy.engine.schedule import maintenance_sessions
from gerdy.protocol.schema import Protocol


def check_profile(protocol: Protocol, profile: Profile) -> None:
    """Raise InvalidInput, naming the rule, for a setting the protocol does not allow."""
    settings = profile.settings
    needed_days(protocol, settings.gate_days)
    hills_track_week(protocol, settings.hills_track_week)
    maintenance_sessions(protocol, profile)
