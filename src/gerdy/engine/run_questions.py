"""What the plan asks about the runs of the last days (v1.2): runs waiting for their answers
(answered, never assumed; the 2-hour question), runs outside the plausible bounds (imported,
or loaded from an older record) to confirm or correct, and the day's hand-typed and imported
runs taken as one. Read from the course's history; pure."""

from __future__ import annotations

import datetime as dt

from gerdy.domain.events import Run
from gerdy.engine.calendar import ONE_DAY
from gerdy.engine.course import Course
from gerdy.engine.plan import LinkedRun, RunQuestion, RunToConfirm
from gerdy.engine.plausible import implausible
from gerdy.engine.vocabulary import is_imported, missing_answers


def recent_runs(course: Course) -> list[Run]:
    """The counted runs of the last N days up to the plan's day (the window the rules read),
    oldest first."""
    days = course.protocol.vocabulary.unrated_runs_days
    first = course.date - dt.timedelta(days=days - 1)
    earlier = course.history.runs_between(first, course.date - ONE_DAY)
    return [*earlier, *course.volume.runs_today]


def runs_awaiting_answers(course: Course) -> tuple[RunQuestion, ...]:
    """Runs without their pain answers: unrated until answered, never pain-free."""
    return tuple(
        RunQuestion(
            event_id=run.id,
            date=run.date,
            minutes=run.minutes,
            imported=is_imported(run),
            missing=missing,
        )
        for run in recent_runs(course)
        if (missing := missing_answers(run))
    )


def runs_to_confirm(course: Course) -> tuple[RunToConfirm, ...]:
    """Runs outside the plausible bounds, not yet confirmed by the runner: imported ones, and
    hand-typed ones of an older record loaded from a backup (a new one is refused)."""
    found = []
    for run in recent_runs(course):
        if run.confirmed:
            continue
        why = implausible(course.protocol, run)
        if why is not None:
            found.append(
                RunToConfirm(
                    event_id=run.id,
                    date=run.date,
                    minutes=run.minutes,
                    distance_km=run.distance_km,
                    why=why,
                    imported=is_imported(run),
                )
            )
    return tuple(found)


def linked_runs(course: Course) -> tuple[LinkedRun, ...]:
    """One run, not two: the plan day's hand-typed and imported runs taken as one."""
    return tuple(
        LinkedRun(
            hand_id=pair.hand.id,
            imported_id=pair.imported.id,
            minutes=pair.counted.minutes,
            imported_minutes=pair.imported.minutes,
        )
        for pair in course.history.on(course.date).same_runs
    )
