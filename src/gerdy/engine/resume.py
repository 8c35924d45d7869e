"""Planning a day again without replaying the record from day 1.

The plan of a day is a replay from the start date (`planner.replay`), and most writes add
events dated that very day: a check-in, a run, a session ticked. The course at the end of the
day before depends only on the events dated before the day, so it can be kept (`Resume`) and
the day replayed from it when only events dated that day or later changed. It is used only
when that holds exactly:

- the events dated before the day are the same, in the same order, with the same values;
- no event dated that day or later takes back or corrects an earlier one (a retraction or a
  `supersedes` changes what the days before it see), neither when the resume was kept nor now;
- the protocol and the profile are the same.

Otherwise the day is replayed from the start, as `planner.plan_day` does, and a new resume is
kept. The result is the same plan either way (a property test checks it). Pure: no I/O.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from gerdy.domain.events import Event, Retraction
from gerdy.domain.profile import Profile
from gerdy.engine.calendar import ONE_DAY
from gerdy.engine.course import Course
from gerdy.engine.day import advance
from gerdy.engine.history import History
from gerdy.engine.plan import DayPlan
from gerdy.engine.planner import check_span, replay, snapshot
from gerdy.protocol.schema import Protocol


@dataclass(frozen=True)
class Resume:
    """The course at the end of the day before `date`, and the events dated before it."""

    date: dt.date
    before: tuple[Event, ...]
    course: Course


def plan_day_resuming(
    protocol: Protocol,
    profile: Profile,
    events: Iterable[Event],
    date: dt.date,
    resume: Resume | None = None,
) -> tuple[DayPlan, Resume | None]:
    """The plan of `date` (equal to `plan_day`'s), from `resume` when it still holds; and the
    resume to keep for the next plan of the same day (None when none can be kept)."""
    events = list(events)
    before = tuple(event for event in events if event.date < date)
    keepable = date > profile.start_date and not _touches_the_past(events, date)
    if keepable and resume is not None and _holds(resume, protocol, profile, date, before):
        history = History(events, until=date, same_run=protocol.vocabulary.same_run)
        course = _copy(resume.course, history, resume.before)
        advance(course, date)
        return snapshot(course), resume
    check_span(profile, date, date)
    kept = None
    for course in replay(protocol, profile, events, date):
        if course.date == date:
            return snapshot(course), kept
        if keepable and course.date == date - ONE_DAY:
            # the kept copy sees no history: a resume is given the day's own
            kept = Resume(date, before, _copy(course, History((), until=course.date), before))
    raise AssertionError("the replay ends on the day asked for")  # pragma: no cover


def _touches_the_past(events: list[Event], date: dt.date) -> bool:
    return any(
        isinstance(event, Retraction) or event.supersedes is not None
        for event in events
        if event.date >= date
    )


def _holds(
    resume: Resume, protocol: Protocol, profile: Profile, date: dt.date, before: tuple[Event, ...]
) -> bool:
    course = resume.course
    return (
        resume.date == date
        and course.protocol is protocol
        and course.profile == profile
        and resume.before == before
    )


def _copy(course: Course, history: History, events: Iterable[Event]) -> Course:
    """A copy of the course that sees `history`; the protocol, the profile and the events
    are shared, not copied (they are never changed)."""
    shared: dict[int, object] = {id(event): event for event in events}
    shared |= {
        id(course.protocol): course.protocol,
        id(course.profile): course.profile,
        id(course.history): history,
    }
    return copy.deepcopy(course, shared)
