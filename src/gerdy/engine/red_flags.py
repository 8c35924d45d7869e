"""Which red flags (RED-1..7, RED-11) an intake or a check-in raises. Pure mapping, no state.

RED-2 is swelling with instability; instability without swelling is RED-6's unstable knee.
RED-8 and RED-10 depend on the course of the rehab and are raised by `course`.
"""

from __future__ import annotations

from gerdy.domain.events import Checkin
from gerdy.domain.profile import Intake


def flags_from_checkin(checkin: Checkin) -> list[str]:
    return _flags(
        cannot_bear_weight=checkin.cannot_bear_weight,
        swelling=checkin.swelling or checkin.tender_swelling,
        instability=checkin.instability,
        numbness=checkin.numbness,
        locking=checkin.locking,
        front_of_knee=checkin.front_of_knee,
        pushed_outward=checkin.worse_knee_pushed_outward,
        tender_swelling=checkin.tender_swelling,
    )


def flags_from_intake(intake: Intake) -> list[str]:
    """RED-9: the intake screen. Any of RED-1..7 or RED-11 is shown before the plan starts."""
    flags = _flags(
        cannot_bear_weight=intake.cannot_bear_weight,
        swelling=intake.swelling or intake.tender_swelling,
        instability=intake.instability,
        numbness=intake.numbness,
        locking=intake.locking,
        front_of_knee=intake.front_of_knee,
        pushed_outward=intake.worse_knee_pushed_outward,
        tender_swelling=intake.tender_swelling,
    )
    if intake.atypical_location or intake.not_activity_related:
        flags.append("RED-11")
    return flags


def _flags(
    *,
    cannot_bear_weight: bool,
    swelling: bool,
    instability: bool,
    numbness: bool,
    locking: bool,
    front_of_knee: bool,
    pushed_outward: bool,
    tender_swelling: bool,
) -> list[str]:
    raised = {
        "RED-1": cannot_bear_weight,
        "RED-2": swelling and instability,
        "RED-3": numbness,
        "RED-4": locking,
        "RED-5": front_of_knee,
        "RED-6": pushed_outward or (instability and not swelling),
        "RED-7": tender_swelling,
    }
    return [flag for flag, present in raised.items() if present]
