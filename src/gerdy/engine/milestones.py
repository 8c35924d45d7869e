"""RTR-8 (v1.2): the next milestone and its earliest date, in every stage.

- `protect`: the earliest day the gate (RTR-0) can be met if every day until then is
  pain-free (never before day 8, nor before the minimum break is over, and after a complete
  pain-free strength session on a strength day);
- a return week: the day it can be passed (the first day of the next week), or, when this
  week can no longer be passed, the week after;
- `progress` before hills and track: the day they can open (RTR-5); after that, the next
  week, when the cap may grow (RTR-4), or the week after it when a warning sign or an
  overrun this week holds next week's cap;
- paused: what ends the pause (WS-1's pain-free days, WS-4's check-in without swelling, a
  professional's clearance of a pausing red flag: no date can be known), and RTR-7's
  check-in after a gap.

Read from a `Course` at the end of the day; pure.
"""

from __future__ import annotations

import datetime as dt

from gerdy.engine.calendar import ONE_DAY, week_window
from gerdy.engine.course import Course
from gerdy.engine.gate import strength_session_pain_free
from gerdy.engine.plan import RETURN_STAGES, Milestone
from gerdy.engine.running import hills_track_opens_on
from gerdy.engine.schedule import is_scheduled_strength_day
from gerdy.engine.stages import break_ends
from gerdy.engine.vocabulary import is_pain_free_run, is_rated, is_swollen

RULE = "RTR-8"


def next_milestone(course: Course) -> Milestone:
    pausing = course.pausing_flags()
    if pausing:
        flags = ", ".join(pausing)
        what = (
            f"Running and strength work come back once a professional has cleared {flags} "
            "and you record the clearance."
        )
        return Milestone(rule=pausing[0], what=what, earliest_date=None)
    if course.stage.gap_since is not None:
        what = (
            f"A check-in today: then running picks up again at {_stage_words(course.stage.name)}."
        )
        return Milestone(rule=course.protocol.back_after_gap.rule, what=what,
                         earliest_date=course.date)  # fmt: skip
    if course.stage.name == "paused":
        return _pause_ends(course)
    if course.stage.name == "protect":
        return _gate(course)
    if course.stage.name in RETURN_STAGES:
        return _return_week(course)
    return _progress(course)


def _stage_words(stage: str) -> str:
    if stage in RETURN_STAGES:
        return f"return week {RETURN_STAGES.index(stage) + 1}"
    return "building up" if stage == "progress" else stage


def _streak_date(course: Course, needed: int, counted: int) -> dt.date:
    """The day a run of `needed` pain-free check-in days can be complete, if every day from
    now on is pain-free: today counts once it has a check-in, else from yesterday."""
    checked_in = course.history.on(course.date).checkin is not None
    base = course.date if checked_in else course.date - ONE_DAY
    return max(course.date, base + dt.timedelta(days=max(0, needed - counted)))


def _next_strength_day(course: Course) -> dt.date:
    """The first scheduled strength day from today on (after today, if today's is done)."""
    date = course.date + (ONE_DAY if course.history.on(course.date).strength else dt.timedelta())
    for _ in range(14):
        if is_scheduled_strength_day(course.protocol, course.profile, date, course.doses.weekdays):
            return date
        date += ONE_DAY
    return date  # pragma: no cover (three strength days a week)


def _gate(course: Course) -> Milestone:
    protocol = course.protocol
    gate = course.gate
    earliest = max(
        course.profile.start_date + dt.timedelta(days=protocol.gate.earliest_day - 1),
        break_ends(course),
        _streak_date(course, gate.needed_days, course.streaks.pain_free_days),
    )
    condition = "if every day until then is pain-free"
    if not strength_session_pain_free(protocol, gate.last_strength):
        earliest = max(earliest, _next_strength_day(course))
        condition += ", with a complete strength session without pain"
    if course.stage.track == "break":
        what = f"Earliest run: the day the return-to-run check can be met, {condition}."
    else:
        what = f"The return-to-run check, {condition}: then your running builds up week by week."
    return Milestone(rule=protocol.gate.rule, what=what, earliest_date=earliest)


def _week_spoiled(course: Course, first: dt.date) -> bool:
    """This return week can no longer be passed: a warning sign, a run off the rung, or an
    answered run that was not pain-free."""
    runs = [*course.history.runs_between(first, course.date - ONE_DAY), *course.volume.runs_today]
    painful = any(is_rated(run) and not is_pain_free_run(course.protocol, run) for run in runs)
    return (
        painful
        or bool(course.signs.warnings_between(first, course.date))
        or course.volume.strayed_between(first, course.date)
    )


def _growth_held(course: Course, first: dt.date) -> bool:
    """This progress week's warning sign or overrun holds next week's cap (RTR-4)."""
    return bool(course.signs.warnings_between(first, course.date)) or course.volume.strayed_between(
        first, course.date
    )


def step_up_date(course: Course) -> dt.date | None:
    """The first day running may step up, as things stand (RTR-1..4): in a return week, the
    day it can be passed (a week later when it can no longer be: it is repeated); in
    `progress`, the next week, or the week after when this week's warning sign or overrun
    holds next week's cap. None in other stages."""
    if course.stage.name not in (*RETURN_STAGES, "progress"):
        return None
    first, last = week_window(course.stage.since, course.date)
    if course.stage.name == "progress":
        held = _growth_held(course, first)
    else:
        held = _week_spoiled(course, first)
    return last + (dt.timedelta(days=8) if held else ONE_DAY)


def _return_week(course: Course) -> Milestone:
    week = course.protocol.return_week(course.stage.name)
    _first, last = week_window(course.stage.since, course.date)
    earliest = step_up_date(course)
    number = RETURN_STAGES.index(course.stage.name) + 1
    following = "return week " + str(number + 1) if number < len(RETURN_STAGES) else "building up"
    if earliest != last + ONE_DAY:
        what = (
            f"Return week {number} is repeated; it can be passed at the end of the next one, "
            f"then {following}, if it has at least one run and every run of it is answered, "
            "pain-free and on its rung."
        )
        return Milestone(rule=week.rule, what=what, earliest_date=earliest)
    what = (
        f"Return week {number} can be passed: {following} from this day, if the week has at "
        "least one run and every run of it is answered, pain-free and on its rung."
    )
    return Milestone(rule=week.rule, what=what, earliest_date=earliest)


def _progress(course: Course) -> Milestone:
    protocol = course.protocol
    opens_on = hills_track_opens_on(course)
    if opens_on is not None and course.date < opens_on:
        what = "Hills and track can open: bring them in gradually, one short session a week."
        return Milestone(rule=protocol.hills_track.rule, what=what, earliest_date=opens_on)
    first, _last = week_window(course.stage.since, course.date)
    share = round(protocol.progress.weekly_growth * 100)
    if _growth_held(course, first):
        what = (
            f"After this week's warning sign or overrun, next week's running holds steady; "
            f"the week after may grow by up to {share}% if both weeks go well."
        )
    else:
        what = f"A new week: its running may grow by up to {share}% if this week goes well."
    return Milestone(rule=protocol.progress.rule, what=what, earliest_date=step_up_date(course))


def _pause_ends(course: Course) -> Milestone:
    """The latest of the pause's end conditions (each reason must be over)."""
    protocol = course.protocol
    resume = _stage_words(course.stage.resume_to or "return-1")
    found: list[tuple[dt.date, str, str]] = []
    for reason, since in course.stage.paused_for.items():
        if reason == "WS-1":
            needed = protocol.pain_builds.resume_pain_free_days
            counted = min(course.streaks.pain_free_days, (course.date - since).days)
            date = max(since + dt.timedelta(days=needed), _streak_date(course, needed, counted))
            what = f"{needed} pain-free check-in days in a row"
        else:  # WS-4
            checkin = course.history.on(course.date).checkin
            swollen_today = checkin is not None and is_swollen(checkin)
            date = course.date + ONE_DAY if swollen_today or course.date <= since else course.date
            what = "a check-in without swelling"
        found.append((date, reason, what))
    if not found:  # pragma: no cover (a pause always has a reason)
        return Milestone(rule=RULE, what=f"Running picks up again at {resume}.", earliest_date=None)
    date, reason, _ = max(found)
    conditions = " and ".join(what for _, _, what in found)
    what = f"Running picks up again at {resume} after {conditions}."
    return Milestone(rule=reason, what=what, earliest_date=date)
