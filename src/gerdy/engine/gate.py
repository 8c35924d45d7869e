"""RTR-0, the return-to-run gate: N pain-free check-in days in a row, and the last strength
session complete (all six ST exercises at their prescribed sets) with no pain in any of them."""

from __future__ import annotations

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import ExerciseLog, Strength
from gerdy.protocol.schema import Protocol


def strength_session_pain_free(protocol: Protocol, session: Strength | None) -> bool:
    """RTR-0 (b). WS-3: any pain in a strength exercise means the gate is not met."""
    if session is None:
        return False
    logged: dict[str, ExerciseLog] = {ex.id: ex for ex in session.exercises}
    for exercise in protocol.exercises_of("strength"):
        log = logged.get(exercise.id)
        if log is None or log.pain > 0:
            return False
        sets = [count for count in log.sets if count >= exercise.dose.range.min]
        if len(sets) < exercise.dose.sets:
            return False
    return True


def hills_track_week(protocol: Protocol, chosen: int | None) -> int:
    """RTR-5: the return week from which hills and track work may come back (6-8)."""
    rule = protocol.hills_track
    week = rule.from_return_week_default if chosen is None else chosen
    allowed = rule.from_return_week_allowed
    if not allowed.min <= week <= allowed.max:
        raise InvalidInput(
            f"hills and track may open from return week {allowed.min}-{allowed.max} (RTR-5)"
        )
    return week


def needed_days(protocol: Protocol, chosen: int | None) -> int:
    if chosen is None:
        return protocol.gate.pain_free_days_default
    if chosen not in protocol.gate.pain_free_days_allowed:
        allowed = " or ".join(str(n) for n in protocol.gate.pain_free_days_allowed)
        raise InvalidInput(f"the gate's pain-free days must be {allowed} (RTR-0)")
    return chosen
